"""What Discord tells the bot about the threads it names, for builds and meetups alike: a thread
unlocked takes the name it was refused at once, a role given to the bot wakes the renames it
was refused, and a deleted meetup thread sends later notices beside the card."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from sandbox import ChannelRef, Loopback
from sandbox.state import Permission

from ..sandbox.test_loopback_own_member import give_role
from .conftest import RunningBot, eventually
from .test_build_renames import lock_in_discord, name_of, renames_of
from .test_builds import EDIT_CHANNEL, forum_build, requests
from .test_meetup_thread_names import TAMMY, meetup_thread, pending_jobs, retitle
from .test_meetups import cards
from .test_setup import overwrite_bot


def renamed(
    loopback: Loopback, keitora: RunningBot, thread: ChannelRef, name: str
) -> Callable[[], Awaitable[bool]]:
    """Whether the thread carries `name` once due jobs have run, and the job that renamed it is
    done: an unlock wakes the job in the bot's own runner, not in `run_due`, and the name comes
    before its last request (an archived thread is archived again after)."""

    async def check() -> bool:
        await keitora.bot.job_runner.run_due()
        if name_of(loopback, thread) != name:
            return False
        at_work = await keitora.store.fetchval("SELECT count(*) FROM jobs WHERE state = 'claimed'")
        return not at_work

    return check


async def test_a_meetups_archived_thread_unlocked_takes_its_name_at_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    await loopback.archive(thread, locked=True)  # out of discord.py's cache
    said = await retitle(loopback, "Kei Truck Day v2")
    assert f"keeps its name while a moderator locked <#{thread.id}> in Discord" in said

    await lock_in_discord(loopback, thread, locked=False)  # not a day's wait for the recheck
    await eventually(
        renamed(loopback, keitora, thread, "Kei Truck Day v2"), "the rename once unlocked", 3
    )
    patches = [r.request for r in requests(loopback, EDIT_CHANNEL)[-2:]]
    assert patches == [{"archived": False, "name": "Kei Truck Day v2"}, {"archived": True}]
    assert renames_of(loopback, thread) == ["Kei Truck Day v2"]
    assert await pending_jobs(keitora) == 0


async def test_notices_after_a_meetups_thread_is_deleted_go_beside_the_card_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    [card] = cards(loopback)
    await loopback.click(card, "Going", actor=loopback.member("Dale"))
    await loopback.delete_thread(thread)

    async def forgotten() -> bool:
        meetup = await keitora.bot.services.meetups.get(int(loopback.guild.id), 1)
        return meetup.thread_id is None

    await eventually(forgotten, "the deleted thread forgotten", within=3)
    already = len(loopback.requests)
    await loopback.slash("meetup cancel", meetup="1", reason="Snow", actor=loopback.member(TAMMY))

    def beside_the_card() -> list[str]:
        return [
            r.path
            for r in loopback.requests[already:]
            if r.method == "POST" and r.path == f"/channels/{card.channel_id}/messages"
        ]

    async def posted() -> bool:
        await keitora.bot.job_runner.run_due()
        return bool(beside_the_card())

    await eventually(posted, "the notice beside the card", within=5)
    await loopback.bot_quiet()
    keitora.clock.advance(timedelta(hours=1))  # no retry of a post that failed elsewhere
    await keitora.bot.job_runner.run_due()
    await loopback.bot_quiet()
    assert len(beside_the_card()) == 1
    assert [m.content.splitlines()[-1] for m in cards(loopback)[1:]] == [
        "**Kei Truck Day** on <t:1797094800:F> is cancelled: Snow. It will not take place."
    ]
    assert not any(thread.id in r.path for r in loopback.requests[already:])


async def test_a_role_given_to_the_bot_wakes_the_renames_it_was_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    meetup = await meetup_thread(keitora, loopback)
    build = await forum_build(loopback)
    # Threads Keitora did not start take Manage Threads to rename, which it no longer holds.
    for thread in (meetup, build):
        loopback.world.channels[thread.id]["owner_id"] = loopback.member("Marcus").id
    keitora_role = loopback.guild.role("Keitora")
    await loopback.set_permissions(keitora_role, Permission.BOT & ~Permission.MANAGE_THREADS)
    said = await retitle(loopback, "Kei Truck Day v2")
    assert "could not be renamed" in said
    reply = await loopback.slash("build rename", title="Camper Carry v2", where=build)
    assert "could not be renamed" in reply.text

    await give_role(loopback, loopback.bot.id, "Thread Keeper", Permission.MANAGE_THREADS)
    await eventually(renamed(loopback, keitora, meetup, "Kei Truck Day v2"), "the meetup's", 3)
    await eventually(renamed(loopback, keitora, build, "Camper Carry v2"), "the build's", 3)


async def test_the_meetups_channels_permissions_changed_wake_a_refused_meetup_rename(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    # A thread Keitora did not start takes Manage Threads to rename, which it lacks there.
    loopback.world.channels[thread.id]["owner_id"] = loopback.member("Marcus").id
    meetups = loopback.channel("meetups")
    await overwrite_bot(keitora, loopback, meetups, deny=Permission.MANAGE_THREADS)
    assert "could not be renamed" in await retitle(loopback, "Kei Truck Day v2")

    await overwrite_bot(keitora, loopback, meetups)
    await eventually(renamed(loopback, keitora, thread, "Kei Truck Day v2"), "the rename", 3)
