"""A whole meetup cancelled: its thread's notice is posted and the thread archived as soon as
the cancel is saved, and the attendees' DMs follow, each once; the notice no longer waits for
the DMs (which took a minute for a meetup, four for a called-off series)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.meetups.threads import NOTICES_FIRST
from sandbox import Loopback

from .conftest import RunningBot
from .series_cancels import cancel_series
from .test_meetup_cancel_threads import TAMMY, meetup_thread
from .test_meetup_changes import dms_arrive
from .test_meetups import cards, wait_for_post
from .test_reminders import settled

MESSAGES = ("POST", "/channels/{channel_id}/messages")


def sent_in_order(loopback: Loopback, thread_id: str, since: int) -> list[str]:
    """What the bot sent from request `since` on, in order: its posts in the thread
    ("notice"), the thread's archive ("archive") and its DMs ("DM")."""
    dms = {id_ for id_, channel in loopback.world.channels.items() if channel["type"] == 1}
    said = []
    for r in loopback.requests[since:]:
        if r.method == "PATCH" and r.path == f"/channels/{thread_id}":
            if r.request.get("archived") is True:
                said.append("archive")
        elif (r.method, r.template) == MESSAGES and r.status < 300:
            channel = r.path.split("/")[2]
            if channel == thread_id:
                said.append("notice")
            elif channel in dms:
                said.append("DM")
    return said


@pytest.mark.parametrize("series", [False, True])
async def test_the_notice_and_the_archive_go_before_the_dms(
    keitora: RunningBot, loopback: Loopback, series: bool
) -> None:
    thread = await meetup_thread(keitora, loopback, **({"repeat": "weekly"} if series else {}))
    [card] = cards(loopback)
    dale, rosa = loopback.member("Dale"), loopback.member("Rosa")
    for member in (dale, rosa):
        await loopback.click(card, "Going", actor=member)
    since = len(loopback.requests)

    tammy = loopback.member(TAMMY)
    if series:
        await cancel_series(loopback, tammy, meetup="1")
    else:
        await loopback.slash("meetup cancel", meetup="1", actor=tammy)
    await dms_arrive(keitora, loopback, {dale: 1, rosa: 1})
    # What the thread waited for before: a minute after the DMs.
    keitora.clock.advance(NOTICES_FIRST + timedelta(seconds=1))
    await keitora.bot.job_runner.run_due()

    assert sent_in_order(loopback, thread.id, since) == ["notice", "archive", "DM", "DM"]


async def test_a_member_the_dms_miss_is_mentioned_after_them_and_the_thread_archived_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    [card] = cards(loopback)
    dale, rosa = loopback.member("Dale"), loopback.member("Rosa")
    for member in (dale, rosa):
        await loopback.click(card, "Going", actor=member)
    loopback.close_dms(rosa)
    since = len(loopback.requests)

    await loopback.slash("meetup cancel", meetup="1", actor=loopback.member(TAMMY))
    await dms_arrive(keitora, loopback, {dale: 1})
    await wait_for_post(loopback, card, f"<@{rosa.id}>")
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(
        lambda: sent_in_order(loopback, thread.id, since)[-1] == "archive",
        what="the thread archived again",
    )

    # The post naming Rosa reopened the thread; it is archived again after it.
    assert sent_in_order(loopback, thread.id, since) == [
        "notice",
        "archive",
        "DM",
        "notice",
        "archive",
    ]
    metadata = loopback.world.channels[thread.id]["thread_metadata"]
    assert (metadata["archived"], metadata["locked"]) == (True, False)


async def test_a_cancel_restored_while_its_dms_wait_tells_only_that_it_is_on(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    [card] = cards(loopback)
    dale = loopback.member("Dale")
    await loopback.click(card, "Going", actor=dale)
    # The thread's notice fails a while (Discord 503s): the archive, and so the DMs, wait.
    loopback.faults.server_error(
        "POST",
        "/channels/{channel_id}/messages",
        status=503,
        times=20,
        applies_to=lambda path: thread.id in path,
    )
    tammy = loopback.member(TAMMY)
    await loopback.slash("meetup cancel", meetup="1", actor=tammy)
    await keitora.bot.job_runner.run_due()
    await loopback.slash("meetup restore", meetup="1", actor=tammy)
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.dms(dale)) >= 1, what="the restore's DM")
    for _ in range(12):
        keitora.clock.advance(timedelta(minutes=1))
        await keitora.bot.job_runner.run_due()
    await settled(keitora, "meetups.changed%")
    said = [dm.content for dm in loopback.dms(dale)]
    assert [dm for dm in said if "is on again" in dm], said
    # The cancel's DM, waiting for the thread, is dropped: what Dale reads is what holds.
    assert not [dm for dm in said if "is cancelled" in dm], said
