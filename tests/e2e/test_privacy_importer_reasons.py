"""/privacy export through the loopback writes a moderator's reason for rejecting an importer's
announcement as the rest of the export writes people: the importer as "you", another member as
"a member", a role and a channel in words, never a mention or a code. Asserted on the export
file the bot sent, of the importer and of the moderator who decided it."""

from __future__ import annotations

import json
from typing import Any

from sandbox import Loopback

from .conftest import RunningBot
from .test_importers import announce, server_ready
from .test_showcase_nominations import REASON, queue_posts


async def exported(loopback: Loopback, member: str) -> dict[str, Any]:
    reply = await loopback.slash("privacy export", actor=loopback.member(member))
    [attachment] = reply.attachments
    return json.loads(attachment.data)["servers"][loopback.guild.id]  # type: ignore[no-any-return]


async def test_mentions_in_an_announcements_rejection_reason_are_exported_in_words(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    yoshi, dale, marcus = (loopback.member(name) for name in ("Yoshi", "Dale", "Marcus"))
    role, channel = loopback.guild.add_role("Sellers"), loopback.channel("mod-queue")
    await announce(loopback, "Hijet jumbo")
    [waiting] = await queue_posts(loopback, 1)
    reason = (
        f"Needs a price, see <@&{role.id}> rules in <#{channel.id}>, ask @Dale or <@{dale.id}>; "
        f"thanks <@!{yoshi.id}>"
    )
    asked = await loopback.click(waiting, "Reject", actor=marcus)
    await loopback.submit_modal(asked, {REASON: reason}, actor=marcus)

    [announced] = (await exported(loopback, "Yoshi"))["importer_announcements"]
    [decided] = (await exported(loopback, "Marcus"))["announcements_decided"]

    words = "Needs a price, see a role rules in a channel, ask @Dale or a member; thanks "
    assert announced["reason"] == words + "you"
    assert decided["reason"] == words + "a member"
    for row in (announced, decided):
        assert str(dale.id) not in json.dumps(row)
        assert "<" not in row["reason"]
