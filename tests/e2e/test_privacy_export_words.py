"""/privacy export through the loopback reads as the member knows their data: yes and no as
true and false, and each status in the words that say what it means to them, not the codes
Keitora keeps."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import builds_channel, start
from .test_importers import announce, posts_to, server_ready
from .test_meetup_series_edits import DEC_5, breakfast
from .test_reminders import settled


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
