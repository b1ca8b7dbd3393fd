"""A rename left waiting for Discord is done by whatever client runs the jobs next: the
thread-name jobs are registered with every other job, not by the cogs whose commands schedule
them, so a client without those cogs renames the thread all the same."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.builds import BUILD_THREAD_NAME_JOB
from bot.client import keitora as keitora_module
from bot.clock import unix
from bot.jobs import Job, NotYet
from bot.meetups import MEETUP_THREAD_NAME_JOB
from bot.meetups.notices import CHANGED_POST_JOB
from cogs._meetup_posts import MeetupThreadNames
from sandbox import Loopback

from .conftest import RunningBot, eventually
from .test_build_renames import age_renames, name_of, renames_of, third_rename_waiting
from .test_meetup_thread_names import meetup_thread, pending_jobs, retitle

NOT_LOADED = {"builds", "meetups"}


async def job_tried(keitora: RunningBot) -> bool:
    """Whether the build's rename job ran since it was made due, and waits again."""
    waiting = await keitora.store.fetchval(
        "SELECT count(*) FROM jobs WHERE kind = ? AND state = 'pending' AND due_at > ?",
        (BUILD_THREAD_NAME_JOB, unix(keitora.clock.now())),
    )
    return waiting == 1


async def restarted_without_the_cogs(keitora: RunningBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The next client loads every cog but the builds' and meetups' own."""
    loads = keitora_module.is_cog_module
    monkeypatch.setattr(
        keitora_module,
        "is_cog_module",
        lambda name: loads(name) and name not in NOT_LOADED,
    )
    await keitora.restart()
    assert keitora.bot.get_cog("Builds") is None


async def test_a_builds_rename_left_waiting_is_done_by_a_client_without_the_builds_cog(
    keitora: RunningBot, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    thread = await third_rename_waiting(loopback)

    await restarted_without_the_cogs(keitora, monkeypatch)
    age_renames(loopback, thread, keitora)
    await keitora.bot.job_runner.run_due()
    assert name_of(loopback, thread) == "Camper Carry v4"
    assert renames_of(loopback, thread)[2:] == ["Camper Carry v4"]


async def test_a_meetups_rename_left_waiting_is_done_by_a_client_without_the_meetups_cog(
    keitora: RunningBot, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    thread = await meetup_thread(keitora, loopback)
    for title in ("Kei Truck Day v2", "Kei Truck Day v3", "Kei Truck Day v4"):
        await retitle(loopback, title)
    assert name_of(loopback, thread) == "Kei Truck Day v3"

    await restarted_without_the_cogs(keitora, monkeypatch)
    age_renames(loopback, thread, keitora)
    await keitora.bot.job_runner.run_due()
    assert name_of(loopback, thread) == "Kei Truck Day v4"
    assert await pending_jobs(keitora) == 0


async def test_a_due_job_counts_the_renames_the_commands_made(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await third_rename_waiting(loopback)
    # Due before Discord's renames free up (a permission change wakes it): it knows they do
    # not, and asks Discord nothing.
    await keitora.bot.services.builds.thread_names_due(loopback.guild.id)
    await eventually(lambda: job_tried(keitora), "the due job's try")
    assert renames_of(loopback, thread) == ["Camper Carry v2", "Camper Carry v3"]


async def test_a_live_meetups_rename_is_not_held_by_a_notice_that_cannot_go_yet(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    for title in ("Kei Truck Day v2", "Kei Truck Day v3", "Kei Truck Day v4"):
        await retitle(loopback, title)
    # A notice of an earlier change waits (its thread, or a permission, is missing): it holds
    # back only the rename that archives a cancelled meetup's thread after it.
    await keitora.bot.services.jobs.schedule(
        CHANGED_POST_JOB, "1:held", keitora.clock.now() + timedelta(hours=2), guild_id=1
    )

    age_renames(loopback, thread, keitora)
    await keitora.bot.job_runner.run_due()

    assert name_of(loopback, thread) == "Kei Truck Day v4"
    assert await pending_jobs(keitora) == 0


async def test_a_cancelled_meetups_thread_waits_for_its_notices_an_hour_at_most(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetup_thread(keitora, loopback)
    await loopback.slash("meetup cancel", meetup="1", actor=loopback.member("Tammy"))
    await keitora.bot.services.jobs.schedule(
        CHANGED_POST_JOB, "1:held", keitora.clock.now() + timedelta(hours=2), guild_id=1
    )
    names = MeetupThreadNames(keitora.bot)
    now = unix(keitora.clock.now())

    def job(age: timedelta) -> Job:
        created = now - int(age.total_seconds())
        payload = {"meetup_id": 1}
        return Job(0, MEETUP_THREAD_NAME_JOB, "1", int(loopback.guild.id), payload, now, 0, created)

    with pytest.raises(NotYet):
        await names.handle(job(timedelta(minutes=5)))
    assert await names.handle(job(timedelta(hours=1, minutes=1))) is None
