"""/privacy export through the loopback reads as the member knows their data: yes and no as
true and false, and each status in the words that say what it means to them, not the codes
Keitora keeps."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import builds_channel, forum_build, start
from .test_importers import announce, posts_to, server_ready
from .test_meetup_series_edits import DEC_5, breakfast
from .test_reminders import settled
from .test_showcase import ballot_message, setup_channels, start_builds


async def exported(loopback: Loopback, member: str) -> dict[str, Any]:
    """The member's export of this server, from the file the bot sent."""
    reply = await loopback.slash("privacy export", actor=loopback.member(member))
    [attachment] = reply.attachments
    servers = json.loads(attachment.data)["servers"]
    return servers[loopback.guild.id]  # type: ignore[no-any-return,union-attr]


async def test_a_posted_announcement_reads_posted_and_yes_or_no_reads_true_or_false(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    assert "waits for a moderator" not in await announce(loopback, "Acty arrived")
    await loopback.wait_until(
        lambda: len(posts_to(loopback, "announcements")) == 1, within=10, what="the post"
    )
    await settled(keitora, "importer.%")
    await loopback.slash("timezone set", tz="Pacific", actor=loopback.member("Yoshi"))
    await builds_channel(loopback)
    await start(loopback, actor="Yoshi")

    server = await exported(loopback, "Yoshi")

    [profile] = server["importer_profile"]
    assert profile["trusted"] is True
    [news] = server["importer_announcements"]
    assert (news["status"], news["source"]) == ("posted", "/importer announce")
    [settings] = server["settings"]
    assert settings["reminders"] is True
    [build] = server["builds"]
    assert build["featured"] is False


async def test_an_earlier_rule_of_a_series_says_the_zone_its_local_start_is_in(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await breakfast(keitora, loopback)  # from Dec 5 at 10 AM, in America/Denver
    keitora.clock.set(DEC_5 + timedelta(hours=1))  # Dec 5 held: the old rule is kept
    moved = await loopback.slash(
        "meetup edit",
        meetup="1",
        repeat="monthly on the first sunday",
        actor=loopback.member("Tammy"),
    )
    assert moved.content.startswith("From now on “Breakfast” meets the first Sunday")

    server = await exported(loopback, "Tammy")

    [rule] = server["meetup_earlier_rules"]
    assert (rule["start_local"], rule["zone"]) == ("2026-12-05T10:00:00", "America/Denver")


async def test_votes_and_nominations_name_the_build_by_its_number_and_title(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")
    rosa = loopback.member("Rosa")
    await loopback.slash("showcase nominate", build="1", actor=rosa)
    await loopback.slash(
        "showcase-mod vote start", candidates="1, 2", actor=loopback.member("Marcus")
    )
    voted = await loopback.click(await ballot_message(loopback), "#2 Build 2", actor=rosa)
    assert "Your vote is for #2" in voted.text

    server = await exported(loopback, "Rosa")

    [vote] = server["showcase_votes"]
    assert (vote["build_id"], vote["build_title"]) == (2, "Build 2")
    [nomination] = server["showcase_nominations"]
    assert (nomination["build_id"], nomination["build_title"]) == (1, "Build 1")


async def test_costs_read_in_dollars_beside_their_exact_cents(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build part add", name="Lift kit", cost="1,200.5", where=thread)
    await loopback.slash("build update", text="Tyres on", cost="12.50", where=thread)

    server = await exported(loopback, "Mika")

    [part] = server["build_parts"]
    assert (part["cost"], part["cost_cents"]) == ("$1,200.50", 120050)
    [update] = server["build_updates"]
    assert (update["cost"], update["cost_cents"]) == ("$12.50", 1250)


async def test_each_server_is_named_beside_its_id(keitora: RunningBot, loopback: Loopback) -> None:
    await loopback.slash("alerts add", keywords="hijet 4wd", actor=loopback.member("Rosa"))

    server = await exported(loopback, "Rosa")

    assert loopback.guild is not None
    assert (server["guild_id"], server["server_name"]) == (loopback.guild.id, loopback.guild.name)
