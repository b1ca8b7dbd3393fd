"""The showcase's DMs name the server they are from, through the loopback: a member in several
kei truck servers reads which one featured their build, freed their vote or crowned their build,
the server named as Discord gives it now, its Markdown and mentions inert."""

from __future__ import annotations

import pytest

from sandbox import Loopback

from .conftest import RunningBot, eventually
from .test_build_delete_ballots import ballot_of
from .test_showcase import BALLOT_DAY, setup_channels, start_builds
from .test_showcase_nominations import dms_sent_to

# Ballots open in December 2026, the month their results name (in UTC: no zone is set).
pytestmark = pytest.mark.clock(BALLOT_DAY)

ODD_NAME = "**Kei** Club @everyone <#1>"
SHOWN = "\\*\\*Kei\\*\\* Club @\u200beveryone \\<#1>"  # as `echo` makes it inert


async def rename_server(loopback: Loopback, keitora: RunningBot, name: str) -> None:
    """An admin renames the server: the bot sees GUILD_UPDATE."""
    guild = loopback.guild
    assert guild is not None
    guild.name = name
    await loopback.gateway.dispatch("GUILD_UPDATE", guild.gateway_payload())
    known = keitora.bot.get_guild(int(guild.id))
    await eventually(lambda: known is not None and known.name == name, "GUILD_UPDATE")


async def test_a_feature_dm_names_the_server(loopback: Loopback, keitora: RunningBot) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    await rename_server(loopback, keitora, ODD_NAME)
    await loopback.slash("showcase-mod feature", build="1", actor=loopback.member("Marcus"))
    await eventually(lambda: bool(dms_sent_to(loopback, "Mika")), "the owner's DM")
    [told] = dms_sent_to(loopback, "Mika")
    assert str(told["content"]).startswith(
        f"Your build “Build 1” is featured in the showcase of **{SHOWN}**: https://"
    )


async def test_ballot_dms_name_the_server(loopback: Loopback, keitora: RunningBot) -> None:
    ballot, link = await ballot_of(loopback, "Mika", "Dale", "Rosa")
    await rename_server(loopback, keitora, ODD_NAME)
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Hank"))
    await loopback.click(ballot, "#3 Build 3", actor=loopback.member("Tammy"))
    dale = loopback.member("Dale")
    asked = await loopback.slash("build delete", build="2", actor=dale)
    await loopback.click(asked, "Delete it", actor=dale)
    await eventually(lambda: bool(dms_sent_to(loopback, "Hank")), "Hank's DM")
    [freed] = dms_sent_to(loopback, "Hank")
    assert freed["content"] == (
        f"The build you voted for on the Build of the Month ballot of **{SHOWN}**, “Build 2” "
        f"(#2), left the ballot: your vote is free. Vote again for another build: {link}"
    )

    await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    await eventually(lambda: bool(dms_sent_to(loopback, "Rosa")), "the winner's DM")
    [won] = dms_sent_to(loopback, "Rosa")
    assert won["content"] == (
        f"Your build “Build 3” (#3) is the Build of the Month for December 2026 of **{SHOWN}**! "
        f"The ballot: {link}"
    )
