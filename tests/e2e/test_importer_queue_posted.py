"""An announcement approved on its queue post said "it is on its way to the announcements
channel" for as long as the post stood: once its card is posted, the queue post says it was
posted, with a link to the card, in one edit."""

from __future__ import annotations

from bot.modqueue import REFRESH_AFTER
from sandbox import Loopback, Message

from .conftest import RunningBot
from .test_builds import EDIT_MESSAGE, requests
from .test_forget_messages import path_of
from .test_importers import announce, server_ready
from .test_modqueue import edited
from .test_reminders import settled
from .test_showcase_nominations import queue_posts


def posted_words(loopback: Loopback, card: Message) -> str:
    """What follows "Approved by …;" on the queue post once the announcement's `card` is posted."""
    link = f"https://discord.com/channels/{loopback.guild.id}/{card.channel_id}/{card.id}"
    return f"it was posted in the announcements channel: {link}"


async def test_an_approved_announcement_once_posted_says_so_on_its_queue_post(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Acty arrived")
    [queued] = await queue_posts(loopback, 1)
    marcus = loopback.member("Marcus")
    approved = await loopback.click(queued, "Approve", actor=marcus)
    assert approved.content.endswith("it is on its way to the announcements channel.")
    await settled(keitora, "importer.%")
    [card] = loopback.messages("announcements")
    keitora.clock.advance(REFRESH_AFTER)
    keitora.bot.services.jobs.wake()

    said = f"Approved by <@{marcus.id}>; {posted_words(loopback, card)}"
    edit = (await edited(loopback, queued, content=said)).request
    assert edit.get("components", []) == []  # decided: no buttons come back
    await settled(keitora, "modqueue.%")
    edits = [r for r in requests(loopback, EDIT_MESSAGE) if r.path == path_of(queued)]
    assert [r.request.get("content") for r in edits] == [said]
