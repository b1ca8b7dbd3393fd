"""A member's /privacy export lists the stored decision words that name them as the sender
told of a rejection, through the loopback: on an item the queue posted, and on one decided
before the server had a mod-queue channel. Another member's export lists neither. Asserted on
the export file the bot sent."""

from __future__ import annotations

import json
from typing import Any

from sandbox import Loopback

from .conftest import RunningBot
from .test_modqueue import reject
from .test_showcase_nominations import queue_posts, queue_ready


async def decisions_in_export(loopback: Loopback, member: str) -> dict[str, list[Any]]:
    """The decision words the member's export lists in the server, by section."""
    exported = await loopback.slash("privacy export", actor=loopback.member(member))
    [attachment] = exported.attachments
    server = json.loads(attachment.data)["servers"][loopback.guild.id]  # type: ignore[union-attr]
    return {
        section: [row["decision"] for row in server.get(section, [])]
        for section in ("queue_posts_decided", "queue_decisions_unposted")
    }


async def test_an_export_lists_the_rejections_that_name_the_member_as_told_why(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, dale = loopback.member("Marcus"), loopback.member("Dale")
    # Rosa has data of her own, so her export is a file too.
    await loopback.slash("alerts add", keywords="hijet 4wd", actor=loopback.member("Rosa"))
    await loopback.slash("glossary suggest", term="tanbo", meaning="A rice paddy.", actor=dale)
    listed = await loopback.slash("modqueue", actor=marcus)
    await reject(loopback, listed, "Reject glossary #1", "Marcus")  # no channel: never posted
    await queue_ready(loopback)
    await loopback.slash("glossary suggest", term="hatake", meaning="A dry field.", actor=dale)
    [posted] = await queue_posts(loopback, 1)
    await reject(loopback, posted, "Reject", "Marcus")

    told = "Rejected by a moderator; you will be told why.\nReason: Already in "
    assert await decisions_in_export(loopback, "Dale") == {
        "queue_posts_decided": [f"{told}the glossary"],
        "queue_decisions_unposted": [f"{told}the glossary"],
    }
    assert await decisions_in_export(loopback, "Rosa") == {
        "queue_posts_decided": [],
        "queue_decisions_unposted": [],
    }
