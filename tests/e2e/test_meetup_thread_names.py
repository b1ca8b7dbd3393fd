"""A meetup's new title reaches its card's thread: at once when Discord's two renames of a thread
in ten minutes allow, else later by a job scheduled with the edit, exactly once across
restarts; an archived thread is archived again, a deleted one is let go."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.meetups import MEETUP_THREAD_NAME_JOB
from sandbox import ChannelRef, Loopback

from .conftest import RunningBot, eventually
from .test_build_renames import age_renames, lock_in_discord, name_of, renames_of
from .test_meetups import cards, create, meetups_channel

TAMMY = "Tammy"


async def meetup_thread(keitora: RunningBot, loopback: Loopback, **options: object) -> ChannelRef:
    """A meetup posted by Tammy, and its card's thread."""
    await meetups_channel(loopback)
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    await create(loopback, title="Kei Truck Day", **options)
    [card] = cards(loopback)
    return loopback.thread_of(card)


async def retitle(loopback: Loopback, title: str) -> str:
    reply = await loopback.slash(
        "meetup edit", meetup="1", title=title, actor=loopback.member(TAMMY)
    )
    assert reply.ephemeral
    return reply.text


async def gone_while_away(keitora: RunningBot, loopback: Loopback, thread: ChannelRef) -> None:
    """A moderator deletes the thread while the bot is away: no event tells it so, and the
    thread, gone from its cache, is looked up in Discord (as an archived one is after a
    restart, when Discord no longer sends it)."""
    await keitora.stop()
    await loopback.delete_thread(thread)
    await keitora.start()


async def pending_jobs(keitora: RunningBot) -> int:
    count = await keitora.store.fetchval(
        "SELECT count(*) FROM jobs WHERE kind = ? AND state = 'pending'",
        (MEETUP_THREAD_NAME_JOB,),
    )
    return int(count or 0)


async def test_a_new_title_renames_the_cards_thread(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    await retitle(loopback, "Kei  Truck Day at the  fairgrounds")
    assert renames_of(loopback, thread) == ["Kei Truck Day at the fairgrounds"]
    assert await pending_jobs(keitora) == 0  # renamed: its job is done with

    # Other changes leave the thread's name be.
    await loopback.slash(
        "meetup edit", meetup="1", description="Bring chairs", actor=loopback.member(TAMMY)
    )
    assert renames_of(loopback, thread) == ["Kei Truck Day at the fairgrounds"]


async def test_a_series_new_title_renames_its_thread(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback, repeat="weekly")
    await retitle(loopback, "Saturday Kei Cruise")
    assert renames_of(loopback, thread) == ["Saturday Kei Cruise"]
    assert name_of(loopback, thread) == "Saturday Kei Cruise"


async def test_a_third_title_in_ten_minutes_reaches_the_thread_later_and_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    await retitle(loopback, "Kei Truck Day v2")
    await retitle(loopback, "Kei Truck Day v3")
    held = await retitle(loopback, "Kei Truck Day v4")
    assert "at most twice in 10 minutes" in held
    assert "takes the new name <t:" in held
    # Not even asked: Discord would hold the command for minutes.
    assert renames_of(loopback, thread) == ["Kei Truck Day v2", "Kei Truck Day v3"]

    await named_later_and_once(keitora, loopback, thread, "Kei Truck Day v4")


async def named_later_and_once(
    keitora: RunningBot, loopback: Loopback, thread: ChannelRef, name: str
) -> None:
    """The rename held back by Discord was stored with the change: after a restart and ten
    minutes, its job names the thread, and never again."""
    await keitora.restart()
    age_renames(loopback, thread, keitora)
    await keitora.bot.job_runner.run_due()
    assert renames_of(loopback, thread)[-1] == name
    assert name_of(loopback, thread) == name

    await keitora.restart()
    keitora.clock.advance(timedelta(days=2))
    await keitora.bot.job_runner.run_due()
    assert renames_of(loopback, thread).count(name) == 1
    assert await pending_jobs(keitora) == 0


async def test_a_rename_refused_after_a_restart_waits_for_discord(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    await keitora.restart()  # the bot's count of the thread's renames is gone
    now = loopback.world.clock()
    loopback.world.renames[thread.id] = [now - timedelta(minutes=7), now]
    held = await retitle(loopback, "Kei Truck Day v2")
    assert "takes the new name <t:" in held
    assert renames_of(loopback, thread) == ["Kei Truck Day v2"]  # asked, refused with a 429
    assert name_of(loopback, thread) == "Kei Truck Day"
    assert await pending_jobs(keitora) == 1

    loopback.world.renames[thread.id] = []
    keitora.clock.advance(timedelta(minutes=3))
    await keitora.bot.job_runner.run_due()
    assert name_of(loopback, thread) == "Kei Truck Day v2"
    assert await pending_jobs(keitora) == 0


async def test_an_archived_thread_is_renamed_and_archived_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    await loopback.archive(thread)
    already = len(loopback.requests)
    await retitle(loopback, "Kei Truck Day v2")
    patches = [
        r.request
        for r in loopback.requests[already:]
        if r.method == "PATCH" and r.path == f"/channels/{thread.id}"
    ]
    assert patches == [{"archived": False, "name": "Kei Truck Day v2"}, {"archived": True}]
    assert loopback.world.channels[thread.id]["thread_metadata"]["archived"] is True


async def test_a_thread_a_moderator_deleted_is_no_error(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    await loopback.delete_thread(thread)
    reply = await retitle(loopback, "Kei Truck Day v2")
    assert reply == "Renamed “Kei Truck Day” to “Kei Truck Day v2”."
    assert renames_of(loopback, thread) == []
    assert await pending_jobs(keitora) == 0
    stored = await keitora.bot.services.meetups.get(int(loopback.guild.id), 1)
    assert stored.thread_id is None  # notices go beside the card from now on


async def test_a_thread_a_moderator_locked_takes_its_name_once_unlocked(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    await lock_in_discord(loopback, thread)
    reply = await retitle(loopback, "Kei Truck Day v2")
    assert f"keeps its name while a moderator locked <#{thread.id}> in Discord" in reply
    keitora.clock.advance(timedelta(minutes=2))
    await keitora.bot.job_runner.run_due()
    assert renames_of(loopback, thread) == []  # not while locked

    await lock_in_discord(loopback, thread, locked=False)  # no day's wait for the recheck

    async def renamed() -> bool:
        await keitora.bot.job_runner.run_due()
        return renames_of(loopback, thread) == ["Kei Truck Day v2"]

    await eventually(renamed, "the rename once unlocked", 3)
    assert await pending_jobs(keitora) == 0


async def test_the_same_title_again_renames_a_thread_left_behind(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    await lock_in_discord(loopback, thread)
    await retitle(loopback, "Kei Truck Day v2")
    # Unlocked while the bot was away: no THREAD_UPDATE wakes the rename, and its job's recheck
    # is a day off, so only the second edit can rename the thread.
    await keitora.stop()
    loopback.world.channels[thread.id]["thread_metadata"]["locked"] = False
    await keitora.start()
    keitora.clock.advance(timedelta(minutes=2))
    await keitora.bot.job_runner.run_due()
    assert renames_of(loopback, thread) == []
    assert await pending_jobs(keitora) == 1

    already = len(loopback.requests)
    reply = await retitle(loopback, "Kei Truck Day v2")
    renamed = [
        r.request
        for r in loopback.requests[already:]
        if r.path == f"/channels/{thread.id}" and r.method == "PATCH"
    ]
    assert renamed == [{"name": "Kei Truck Day v2"}]
    assert "keeps its name" not in reply
    assert renames_of(loopback, thread) == ["Kei Truck Day v2"]
    assert await pending_jobs(keitora) == 0


async def test_an_edit_answers_thinking_before_it_looks_its_thread_up(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    await gone_while_away(keitora, loopback, thread)
    loopback.faults.slow("GET", "/channels/{channel_id}", 3.5)  # past Discord's 3 seconds
    already = len(loopback.requests)

    reply = await loopback.slash(
        "meetup edit",
        meetup="1",
        title="Kei Truck Day v2",
        actor=loopback.member(TAMMY),
        within=10,  # the lookup, and the rename's
    )

    loopback.faults.slow("GET", "/channels/{channel_id}", 0)
    assert reply.rejected == []
    assert reply.type == 5  # "thinking", sent before the lookup
    [lookup, *_] = [
        r
        for r in loopback.requests[already:]
        if r.method == "GET" and r.path == f"/channels/{thread.id}"
    ]
    assert reply.record.callback_at is not None
    assert reply.record.callback_at < lookup.started
    assert reply.text == "Renamed “Kei Truck Day” to “Kei Truck Day v2”."


async def test_the_same_title_for_a_deleted_thread_is_refused_and_changes_nothing(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    await gone_while_away(keitora, loopback, thread)
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    before = await meetups.get(guild, 1)

    reply = await retitle(loopback, "Kei Truck Day")

    assert reply == "“Kei Truck Day” already has that title: nothing changed."
    assert await meetups.get(guild, 1) == before  # its thread too: a refusal changes nothing
    assert await pending_jobs(keitora) == 0
