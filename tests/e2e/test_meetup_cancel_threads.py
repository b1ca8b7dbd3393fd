"""A cancelled meetup's thread says so in the channel's thread list: it is renamed
"Cancelled · <title>" through the same renames as a new title (Discord's two in ten minutes, a
429, an archived thread, exactly once across restarts). A series has one thread: cancelling one
of its dates leaves it be, cancelling the series renames it. Once its notice is out (at once
when nobody is told), the thread is archived, not locked: it leaves the list of live threads, and
a member's message reopens it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import unix
from sandbox import ChannelRef, Loopback
from sandbox.state import Permission

from .conftest import RunningBot
from .series_cancels import cancel_series
from .test_build_renames import age_renames, name_of, renames_of
from .test_builds import EDIT_CHANNEL, requests
from .test_meetup_thread_names import (
    TAMMY,
    meetup_thread,
    named_later_and_once,
    pending_jobs,
    retitle,
)
from .test_meetups import cards, wait_for_post

DEC_12 = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)  # the first date, 10 AM in Denver


async def cancel(loopback: Loopback, **options: str) -> str:
    reply = await loopback.slash(
        "meetup cancel", meetup="1", actor=loopback.member(TAMMY), **options
    )
    assert reply.ephemeral
    return reply.text


def thread_patches(loopback: Loopback, thread: ChannelRef, since: int = 0) -> list[object]:
    return [
        r.request
        for r in requests(loopback, EDIT_CHANNEL)[since:]
        if r.path == f"/channels/{thread.id}"
    ]


async def test_a_cancelled_meetups_thread_is_renamed_to_say_so(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    reply = await cancel(loopback, reason="Snow")
    assert reply.startswith("Cancelled “Kei Truck Day”.")
    # Nobody to tell: out of the channel's list of live threads at once, in the same PATCH;
    # not locked, so members may still talk there (a message reopens it).
    assert thread_patches(loopback, thread) == [
        {"name": "Cancelled · Kei Truck Day", "archived": True}
    ]
    metadata = loopback.world.channels[thread.id]["thread_metadata"]
    assert (metadata["archived"], metadata["locked"]) == (True, False)
    assert await pending_jobs(keitora) == 0  # renamed at once: its job is done with

    await keitora.restart()
    keitora.clock.advance(timedelta(days=2))
    await keitora.bot.job_runner.run_due()
    assert renames_of(loopback, thread) == ["Cancelled · Kei Truck Day"]


async def test_a_long_titles_cancelled_name_keeps_within_discords_100(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    await retitle(loopback, "K" * 100)
    await cancel(loopback)
    [_, cancelled] = renames_of(loopback, thread)
    assert len(cancelled) == 100
    assert cancelled.startswith("Cancelled · KKK")
    assert cancelled.endswith("…")


async def test_a_cancel_with_the_renames_spent_reaches_the_thread_later_and_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    await retitle(loopback, "Kei Truck Day v2")
    await retitle(loopback, "Kei Truck Day v3")
    reply = await cancel(loopback)
    assert "at most twice in 10 minutes" in reply
    assert renames_of(loopback, thread) == ["Kei Truck Day v2", "Kei Truck Day v3"]

    await named_later_and_once(keitora, loopback, thread, "Cancelled · Kei Truck Day v3")


async def test_a_cancelled_meetups_archived_thread_is_renamed_and_archived_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    await loopback.archive(thread)
    already = len(requests(loopback, EDIT_CHANNEL))
    await cancel(loopback)
    assert thread_patches(loopback, thread, already) == [
        {"archived": False, "name": "Cancelled · Kei Truck Day"},
        {"archived": True},
    ]


async def archived_with_one_going(keitora: RunningBot, loopback: Loopback) -> ChannelRef:
    """The meetup's thread, Dale going (so a cancel posts a notice there), then archived by
    Discord after days without a message."""
    thread = await meetup_thread(keitora, loopback)
    [card] = cards(loopback)
    await loopback.click(card, "Going", actor=loopback.member("Dale"))
    await loopback.archive(thread)
    return thread


async def test_an_archived_thread_a_notice_follows_is_renamed_at_once_and_archived_after_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await archived_with_one_going(keitora, loopback)
    already = len(loopback.requests)

    await cancel(loopback, reason="Snow")
    await keitora.bot.job_runner.run_due()
    await wait_for_post(loopback, cards(loopback)[0], "is cancelled")
    # Archived once the notice is out, by the bot's own runner: no minute waited.
    await loopback.wait_until(
        lambda: loopback.world.channels[thread.id]["thread_metadata"]["archived"],
        what="the thread archived after its notice",
    )

    # Not reopened, renamed, archived, and reopened again for the notice; archived once the
    # notice is out, not before it (the notice would reopen it), and not locked.
    to_thread = [
        (r.method, r.request if r.method == "PATCH" else None)
        for r in loopback.requests[already:]
        if r.path.startswith(f"/channels/{thread.id}") and r.method != "GET"
    ]
    assert to_thread == [
        ("PATCH", {"archived": False, "name": "Cancelled · Kei Truck Day"}),
        ("POST", None),
        ("PATCH", {"archived": True}),
    ]
    assert name_of(loopback, thread) == "Cancelled · Kei Truck Day"
    metadata = loopback.world.channels[thread.id]["thread_metadata"]
    assert (metadata["archived"], metadata["locked"]) == (True, False)
    assert await pending_jobs(keitora) == 0


async def test_a_rename_discord_holds_back_leaves_the_archived_thread_to_the_notice_and_waits(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await archived_with_one_going(keitora, loopback)
    await keitora.restart()  # the bot's count of the thread's renames is gone
    now = loopback.world.clock()
    loopback.world.renames[thread.id] = [now - timedelta(minutes=7), now]
    already = len(requests(loopback, EDIT_CHANNEL))

    reply = await cancel(loopback, reason="Snow")
    await keitora.bot.job_runner.run_due()
    await wait_for_post(loopback, cards(loopback)[0], "is cancelled")

    assert "at most twice in 10 minutes" in reply
    # The PATCH Discord refused changed nothing: the notice's delivery reopens the thread.
    assert thread_patches(loopback, thread, already) == [
        {"archived": False, "name": "Cancelled · Kei Truck Day"},
        {"archived": False},
    ]
    assert name_of(loopback, thread) == "Kei Truck Day"
    age_renames(loopback, thread, keitora)
    await keitora.bot.job_runner.run_due()
    assert thread_patches(loopback, thread, already)[2:] == [
        {"name": "Cancelled · Kei Truck Day", "archived": True}
    ]
    assert name_of(loopback, thread) == "Cancelled · Kei Truck Day"
    assert await pending_jobs(keitora) == 0


async def test_one_date_of_a_series_leaves_the_thread_and_the_series_renames_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback, repeat="weekly")
    await cancel(loopback, occurrence=str(unix(DEC_12)))
    assert renames_of(loopback, thread) == []  # the series goes on
    assert await pending_jobs(keitora) == 0

    await cancel_series(loopback, loopback.member(TAMMY), meetup="1")
    assert renames_of(loopback, thread) == ["Cancelled · Kei Truck Day"]


async def test_a_cancel_whose_rename_is_refused_says_so_without_pointing_to_an_edit(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    # A thread Keitora did not start takes Manage Threads to rename, which it lacks.
    loopback.world.channels[thread.id]["owner_id"] = loopback.member("Marcus").id
    keitora_role = loopback.guild.role("Keitora")
    await loopback.set_permissions(keitora_role, Permission.BOT & ~Permission.MANAGE_THREADS)
    reply = await cancel(loopback)
    assert reply.startswith("Cancelled “Kei Truck Day”.")
    assert "Its thread could not be renamed (Discord said: " in reply
    assert reply.endswith("Keitora tries again for a while.")  # a cancelled meetup takes no edit
    assert name_of(loopback, thread) == "Kei Truck Day"
    assert await pending_jobs(keitora) == 1
