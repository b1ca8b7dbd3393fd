"""A member's /privacy export says which Build of the Month DM each was (their vote freed, a
ballot called off, their build's win), not one name for all three. Through the loopback, from
the export file the bot sent."""

from __future__ import annotations

import pytest

from sandbox import Loopback

from .conftest import RunningBot, eventually
from .test_build_delete_ballots import ballot_of
from .test_privacy_export_words import exported
from .test_showcase import BALLOT_DAY
from .test_showcase_called_off_news import dms_saying
from .test_showcase_nominations import dms_sent_to

pytestmark = pytest.mark.clock(BALLOT_DAY)

FREED = "a Build of the Month vote of yours freed, its build having left the ballot"
CALLED_OFF = "a Build of the Month ballot you voted in or your build was on, called off"
WON = "your build's Build of the Month win"


async def dm_kinds(loopback: Loopback, member: str) -> list[str]:
    return [dm["kind"] for dm in (await exported(loopback, member))["direct_messages"]]


async def test_a_freed_vote_and_a_win_are_each_named_in_the_export(
    loopback: Loopback, keitora: RunningBot
) -> None:
    ballot, _ = await ballot_of(loopback, "Mika", "Dale", "Rosa")
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Hank"))
    await loopback.click(ballot, "#3 Build 3", actor=loopback.member("Mika"))
    dale = loopback.member("Dale")
    asked = await loopback.slash("build delete", build="2", actor=dale)
    await loopback.click(asked, "Delete it", actor=dale)
    await keitora.bot.job_runner.run_due()
    await eventually(lambda: bool(dms_sent_to(loopback, "Hank")), "Hank's DM")
    await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    await eventually(lambda: bool(dms_sent_to(loopback, "Rosa")), "the winner's DM")

    assert await dm_kinds(loopback, "Hank") == [FREED]
    assert await dm_kinds(loopback, "Rosa") == [WON]


async def test_a_called_off_ballot_is_named_in_the_export_of_a_voter_and_the_owner_left(
    loopback: Loopback, keitora: RunningBot
) -> None:
    ballot, _ = await ballot_of(loopback, "Mika", "Dale", "Rosa")
    await loopback.click(ballot, "#3 Build 3", actor=loopback.member("Hank"))
    marcus = loopback.member("Marcus")
    await loopback.slash("build-mod lock", build="2", reason="Stolen photos", actor=marcus)
    asked = await loopback.slash(
        "build delete", build="3", reason="Duplicate of another build", actor=marcus
    )
    await loopback.click(asked, "Delete it", actor=marcus)
    await eventually(
        lambda: all(dms_saying(loopback, m, "is called off") for m in ("Hank", "Mika")),
        "the called-off news",
    )

    assert await dm_kinds(loopback, "Hank") == [CALLED_OFF]
    assert await dm_kinds(loopback, "Mika") == [CALLED_OFF]
