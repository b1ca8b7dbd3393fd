"""An announcement approved while its queue post was on its way, its card posted before the
queue post landed, and the bot stopped before it kept where the queue post went: the restarted
bot keeps it and edits it once, to say the announcement was posted, with the card's link, not
that it is on its way. What followed the approval is read from where the announcement keeps its
card, not from the memory of the process that posted the card."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.modqueue import queue as modqueue_queue
from sandbox import Loopback

from .conftest import ErrorLog, RunningBot
from .test_builds import EDIT_MESSAGE, requests
from .test_forget_messages import path_of
from .test_importer_queue_posted import approved_with_queue_post_held, posted_words
from .test_modqueue import edited
from .test_reminders import settled
from .test_showcase_crash import died
from .test_showcase_nominations import queue_posts


async def test_an_approval_whose_card_was_posted_before_a_restart_says_so_on_its_queue_post(
    keitora: RunningBot, loopback: Loopback, monkeypatch: pytest.MonkeyPatch, error_log: ErrorLog
) -> None:
    held = await approved_with_queue_post_held(keitora, loopback)
    marcus = loopback.member("Marcus")
    [card] = loopback.messages("announcements")

    # The queue post lands, and the bot stops before it keeps where the post went.
    monkeypatch.setattr(modqueue_queue, "record_post", died)
    held.release()
    [queued] = await queue_posts(loopback, 1)
    await settled(keitora, "modqueue.post")
    assert await keitora.store.fetchval("SELECT count(*) FROM modqueue_posts") == 0
    monkeypatch.undo()
    error_log.records.clear()  # the dying step, logged by the job runner
    await keitora.restart()
    keitora.clock.advance(timedelta(minutes=1))  # past the retry's wait, within the nonce's
    keitora.bot.services.jobs.wake()

    said = f"Approved by <@{marcus.id}>; {posted_words(loopback, card)}"
    edit = (await edited(loopback, queued)).request
    assert (edit["content"], edit.get("components", [])) == (said, [])
    await settled(keitora, "modqueue.%")
    edits = [r for r in requests(loopback, EDIT_MESSAGE) if r.path == path_of(queued)]
    assert [r.request.get("content") for r in edits] == [said]
    assert len(loopback.messages("mod-queue")) == 1  # sent again, answered by its nonce
