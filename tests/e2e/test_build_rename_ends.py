"""A rename that cannot be made yet is not waited for forever, and is woken by whatever may allow
it: a thread a moderator keeps locked in Discord for 30 days is given up (its owner told once),
and a server-wide permission change asks a refused rename again, as a forum's does."""

from __future__ import annotations

from datetime import timedelta

from bot.builds import BUILD_THREAD_NAME_JOB
from bot.thread_names import LOCKED_GIVE_UP
from sandbox import Loopback
from sandbox.state import Permission

from .conftest import RunningBot, eventually
from .test_build_renames import lock_in_discord, name_of, renamed_by_jobs, renames_of
from .test_builds import forum_build
from .test_showcase_nominations import dms_sent_to


async def pending_renames(keitora: RunningBot) -> int:
    return int(
        await keitora.store.fetchval(
            "SELECT count(*) FROM jobs WHERE kind = ? AND state = 'pending'",
            (BUILD_THREAD_NAME_JOB,),
        )
    )


async def test_a_thread_locked_in_discord_for_30_days_is_given_up_and_its_owner_told_once(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await lock_in_discord(loopback, thread)
    await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    await keitora.restart()

    for _ in range(LOCKED_GIVE_UP.days - 1):
        keitora.clock.advance(timedelta(days=1))
        await keitora.bot.job_runner.run_due()
    assert await pending_renames(keitora) == 1  # still waiting for the unlock
    assert dms_sent_to(loopback, "Mika") == []

    keitora.clock.advance(timedelta(days=2))
    await keitora.bot.job_runner.run_due()
    await eventually(lambda: bool(dms_sent_to(loopback, "Mika")), "the owner's DM")
    [told] = dms_sent_to(loopback, "Mika")
    assert str(told["content"]) == (
        f"The thread of your build “Camper Carry v2” (#1), <#{thread.id}>, is still locked in "
        "Discord 30 days after you renamed the build, so it keeps its old name; Keitora has "
        "stopped waiting for it to be unlocked. Once it is, `/build rename` with the same title "
        "renames it."
    )
    assert told["allowed_mentions"]["parse"] == []
    assert await pending_renames(keitora) == 0

    keitora.clock.advance(timedelta(days=30))
    await keitora.bot.job_runner.run_due()
    assert len(dms_sent_to(loopback, "Mika")) == 1
    assert renames_of(loopback, thread) == []

    # As promised: unlocked, the same title again renames it.
    await lock_in_discord(loopback, thread, locked=False)
    again = await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    assert f"Its thread is <#{thread.id}>" in again.text
    assert name_of(loopback, thread) == "Camper Carry v2"


async def test_a_rename_discord_forbids_is_tried_again_when_everyones_permissions_change(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    # A thread Keitora did not start takes Manage Threads to rename, which nobody gives it.
    loopback.world.channels[thread.id]["owner_id"] = loopback.member("Marcus").id
    guild = loopback.guild
    assert guild is not None
    keitora_role = guild.roles[guild.role("Keitora").id]
    keitora_role["permissions"] = str(int(keitora_role["permissions"]) & ~Permission.MANAGE_THREADS)
    reply = await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    assert "could not be renamed (Discord said: Missing Permissions)" in reply.text

    everyone = guild.roles[guild.id]
    everyone["permissions"] = str(int(everyone["permissions"]) | Permission.MANAGE_THREADS)
    await loopback.gateway.dispatch("GUILD_ROLE_UPDATE", {"guild_id": guild.id, "role": everyone})
    await eventually(
        lambda: renamed_by_jobs(loopback, thread, keitora), "the rename once allowed", within=3
    )


async def test_a_rename_scheduled_before_renames_were_dated_waits_30_days_from_its_scheduling(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await lock_in_discord(loopback, thread)
    await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    # As a rename made before its job carried `renamed_at` left it: scheduled a day ago.
    await keitora.store.execute(
        "UPDATE jobs SET payload = json_remove(payload, '$.renamed_at') WHERE kind = ?",
        (BUILD_THREAD_NAME_JOB,),
    )
    await keitora.restart()

    keitora.clock.advance(timedelta(days=1))
    await keitora.bot.job_runner.run_due()
    assert await pending_renames(keitora) == 1  # a day, not 30: still waiting for the unlock
    assert dms_sent_to(loopback, "Mika") == []
