"""An announcement approved in the moderation queue and taken down later: its queue post, which
said it was posted, says it was taken down since."""

from __future__ import annotations

import pytest

from bot.modqueue import REFRESH_AFTER
from sandbox import Loopback

from .conftest import RunningBot
from .test_importer_queue_posted import posted_words
from .test_importer_takedown_confirm import taken_down_by_moderator
from .test_importers import announce, server_ready
from .test_modqueue import edited
from .test_reminders import settled
from .test_showcase_nominations import queue_posts


async def approved_and_posted(keitora: RunningBot, loopback: Loopback) -> str:
    """Yoshi's announcement, approved by Marcus on its queue post and posted; the post's words."""
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Acty arrived")
    [queued] = await queue_posts(loopback, 1)
    marcus = loopback.member("Marcus")
    await loopback.click(queued, "Approve", actor=marcus)
    await settled(keitora, "importer.%")
    [card] = loopback.messages("announcements")
    keitora.clock.advance(REFRESH_AFTER)
    keitora.bot.services.jobs.wake()
    said = f"Approved by <@{marcus.id}>; {posted_words(loopback, card)}"
    await edited(loopback, queued, content=said)
    return said


@pytest.mark.parametrize(("actor", "who"), [("Marcus", "a moderator"), ("Yoshi", "its importer")])
async def test_a_take_down_shows_on_the_queue_post_that_approved_it(
    keitora: RunningBot, loopback: Loopback, actor: str, who: str
) -> None:
    approved = await approved_and_posted(keitora, loopback)
    [queued] = loopback.messages("mod-queue")

    if actor == "Marcus":  # a moderator is asked first
        await taken_down_by_moderator(loopback)
    else:
        await loopback.slash("importer delete", announcement="1", actor=loopback.member(actor))
    keitora.clock.advance(REFRESH_AFTER)
    keitora.bot.services.jobs.wake()

    said = f"{approved} Taken down since by {who}."
    edit = (await edited(loopback, queued, content=said)).request
    assert edit.get("components", []) == []  # decided: no buttons come back
