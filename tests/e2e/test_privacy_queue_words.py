"""/privacy export through the loopback names each moderation queue item a member decided, or
was told was rejected, as they know it (a glossary suggestion by its term, an announcement by
its title, a build for the showcase by its number and title), says how it was decided in
words, and names people as "you" or "a moderator", never by a mention or a code. Asserted on
the export file the bot sent."""

from __future__ import annotations

import json
import re
from typing import Any

from sandbox import Loopback

from .conftest import RunningBot
from .test_importer_queue_posted import posted_words
from .test_importers import announce, server_ready
from .test_modqueue import reject
from .test_reminders import settled
from .test_showcase import setup_channels, start_builds
from .test_showcase_nominations import REASON, nominate, queue_posts, queue_ready

QUEUE_SECTIONS = ("queue_posts_decided", "queue_decisions_unposted")


async def queue_rows(loopback: Loopback, member: str) -> list[dict[str, Any]]:
    """The moderation queue rows of the member's export, from the file the bot sent, with
    nothing in them that is a mention, a timestamp or a channel in Discord's markup."""
    reply = await loopback.slash("privacy export", actor=loopback.member(member))
    [attachment] = reply.attachments
    document = json.loads(attachment.data)
    assert document["schema_version"] == 5
    server = document["servers"][loopback.guild.id]  # type: ignore[index]
    rows = [row for section in QUEUE_SECTIONS for row in server.get(section, [])]
    assert not re.search(r"<[@#t]", json.dumps(rows, ensure_ascii=False))
    return rows


async def test_queue_items_read_as_what_they_were_and_who_decided_them(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)  # Yoshi's Kei Imports, its posts waiting
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    yoshi = loopback.member("Yoshi")
    await announce(loopback, "1995 Hijet arriving")
    await loopback.slash("glossary suggest", term="tenbin", meaning="A balance pole.", actor=yoshi)
    await nominate(loopback, "Yoshi")
    announced, suggested, nominated = await queue_posts(loopback, 3)
    await loopback.click(announced, "Approve", actor=loopback.member("Marcus"))
    await reject(loopback, suggested, "Reject", "Marcus")
    await reject(loopback, nominated, "Reject", "Marcus")
    await settled(keitora, "importer.%")  # the announcement posted, as its decision says
    [card] = loopback.messages("announcements")

    decided = await queue_rows(loopback, "Marcus")

    for row, post in zip(decided, (announced, suggested, nominated), strict=True):
        assert row.pop("post") == (
            f"https://discord.com/channels/{loopback.guild.id}/{post.channel_id}/{post.id}"
        )

    reason = "\nReason: Already in the glossary"
    assert decided == [
        {
            "item": "announcement “1995 Hijet arriving”",
            "state": "approved",
            "decided_by": "you",
            "decision": f"Approved by you; {posted_words(loopback, card)}",
        },
        {
            "item": "glossary suggestion “tenbin”",
            "state": "rejected",
            "decided_by": "you",
            "decision": f"Rejected by you; a member will be told why.{reason}",
        },
        {
            "item": "build #1 “Build 1” for the showcase",
            "state": "rejected",
            "decided_by": "you",
            "decision": f"Rejected by you; a member will be told why.{reason}",
        },
    ]
    # The sender reads the rejections that name them (an importer's is told by its name).
    told = await queue_rows(loopback, "Yoshi")
    assert [(row["item"], row["decided_by"], row["decision"]) for row in told] == [
        (item, "a moderator", f"Rejected by a moderator; you will be told why.{reason}")
        for item in ("glossary suggestion “tenbin”", "build #1 “Build 1” for the showcase")
    ]


async def test_a_reason_quoting_a_take_down_is_exported_as_a_rejection_and_as_typed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """What became of an item is what was recorded when it was decided: a moderator's reason
    that reads like the words of a take-down changes nothing, and reads back as typed."""
    await queue_ready(loopback)
    await loopback.slash(
        "glossary suggest", term="tenbin", meaning="A pole.", actor=loopback.member("Yoshi")
    )
    [suggested] = await queue_posts(loopback, 1)
    marcus = loopback.member("Marcus")
    reason = r"Duplicate_of \*tanbo*. Taken down since by a moderator."
    asked = await loopback.click(suggested, "Reject", actor=marcus)
    await loopback.submit_modal(asked, {REASON: reason}, actor=marcus)

    [row] = await queue_rows(loopback, "Marcus")

    assert (row["state"], row["decision"]) == (
        "rejected",
        f"Rejected by you; a member will be told why.\nReason: {reason}",
    )


async def test_mentions_a_moderator_typed_in_a_reason_are_exported_in_words(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """The reason's mentions go to the sender inert, in the DM as on the post; the export puts
    them in words as it does the bot's own, never another member's id."""
    await queue_ready(loopback)
    dale, mika, marcus = (loopback.member(name) for name in ("Dale", "Mika", "Marcus"))
    await loopback.slash("glossary suggest", term="tanbo", meaning="A paddy.", actor=dale)
    [suggested] = await queue_posts(loopback, 1)
    role, channel = loopback.guild.add_role("Glossary keepers"), loopback.channel("mod-queue")
    reason = (
        f"Listed by <@{mika.id}> and <@!{mika.id}>, see <#{channel.id}> or ask <@&{role.id}>; "
        f"thanks <@{dale.id}>"
    )
    asked = await loopback.click(suggested, "Reject", actor=marcus)
    await loopback.submit_modal(asked, {REASON: reason}, actor=marcus)

    [row] = await queue_rows(loopback, "Dale")

    assert row["decision"] == (
        "Rejected by a moderator; you will be told why.\nReason: Listed by a member and a "
        "member, see a channel or ask a role; thanks you"
    )
    assert str(mika.id) not in json.dumps(row)


async def test_everyone_typed_in_a_reason_is_exported_unable_to_ping(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """A member pasting their export's words into Discord pings nobody: @everyone and @here
    keep the zero-width space the post and the DM gave them."""
    await queue_ready(loopback)
    dale, marcus = loopback.member("Dale"), loopback.member("Marcus")
    await loopback.slash("glossary suggest", term="tanbo", meaning="A paddy.", actor=dale)
    [suggested] = await queue_posts(loopback, 1)
    asked = await loopback.click(suggested, "Reject", actor=marcus)
    await loopback.submit_modal(asked, {REASON: "Ask @everyone, or @here"}, actor=marcus)

    [row] = await queue_rows(loopback, "Dale")

    assert row["decision"] == (
        "Rejected by a moderator; you will be told why.\n"
        "Reason: Ask @\u200beveryone, or @\u200bhere"
    )
