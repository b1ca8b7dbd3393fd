"""A forgotten importer's posted announcements, through the loopback: they are the business's
posts in the channel, so they stay, but as a former importer's, as a removed importer's do: the
card stops calling the business verified, and a moderator can still take the post down.
Asserted on the requests the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_alert_takedowns import edits_of
from .test_forget_messages import forget
from .test_importer_takedown import DELETE
from .test_importer_takedown_confirm import taken_down_by_moderator
from .test_importers import announce, posts_to, requests, server_ready
from .test_privacy import DELETE_BUILDS
from .test_reminders import settled
from .test_showcase_nominations import queue_posts


async def test_a_forgotten_importers_approved_post_names_a_former_importer_and_can_come_down(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    assert "waits for a moderator" in await announce(loopback, "Acty arrived")
    [queued] = await queue_posts(loopback, 1)
    await loopback.click(queued, "Approve", actor=marcus)
    await loopback.wait_until(
        lambda: len(posts_to(loopback, "announcements")) == 1, within=10, what="the post"
    )
    [card] = loopback.messages("announcements")
    await settled(keitora, "importer.%")

    await forget(loopback, "Yoshi", DELETE_BUILDS)

    channel = loopback.channel("announcements").id
    await loopback.wait_until(lambda: edits_of(loopback, channel), within=10, what="the edit")
    [edit] = edits_of(loopback, channel)
    assert edit.path.endswith(f"/messages/{card.id}")
    [embed] = edit.request["embeds"]
    assert embed["author"]["name"] == "Kei Imports · former importer", embed
    offered = await loopback.autocomplete("importer delete", "announcement", "", actor=marcus)
    assert offered == [{"name": "Kei Imports (former importer): #1 Acty arrived", "value": "1"}]
    taken = await taken_down_by_moderator(loopback)
    assert taken.text.endswith("Nobody was told by DM: its importer was removed."), taken.text
    # (The forget deleted the queue post that quoted Yoshi.)
    card_path = f"/channels/{channel}/messages/{card.id}"
    assert [r for r in requests(loopback, DELETE) if r.path.endswith(card_path)], card_path
    assert loopback.messages("announcements") == []
