"""A rename Discord's servers fail (a 5xx), or one of a thread Keitora may no longer see, inside
`/meetup edit` or `/build rename` leaves the member's change saved and said so; the thread
follows by its job."""

from __future__ import annotations

from bot.thread_names import REFUSED_RETRY
from sandbox import Loopback
from sandbox.state import Permission

from .conftest import RunningBot
from .test_build_renames import name_of
from .test_builds import EDIT_CHANNEL, forum_build, requests
from .test_meetup_thread_names import meetup_thread, pending_jobs, retitle


async def test_a_meetups_rename_discord_fails_leaves_the_edit_saved_and_said(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    loopback.faults.server_error(*EDIT_CHANNEL, status=503)
    said = await retitle(loopback, "Kei Truck Day v2")
    assert said.startswith("Renamed “Kei Truck Day”")
    assert f"Discord failed to rename <#{thread.id}> just now" in said
    assert "takes the new name by itself" in said
    assert name_of(loopback, thread) == "Kei Truck Day"

    keitora.clock.advance(REFUSED_RETRY)
    await keitora.bot.job_runner.run_due()
    assert name_of(loopback, thread) == "Kei Truck Day v2"
    assert await pending_jobs(keitora) == 0


async def test_a_builds_rename_discord_fails_leaves_the_rename_saved_and_said(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await forum_build(loopback)
    loopback.faults.server_error(*EDIT_CHANNEL, status=503)
    reply = await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    assert reply.text.startswith("Build #1 is now “Camper Carry v2”")
    assert f"Discord failed to rename <#{thread.id}> just now" in reply.text
    assert name_of(loopback, thread) == "Camper Carry"

    keitora.clock.advance(REFUSED_RETRY)
    await keitora.bot.job_runner.run_due()
    assert name_of(loopback, thread) == "Camper Carry v2"
    assert [r.request for r in requests(loopback, EDIT_CHANNEL)][-1] == {"name": "Camper Carry v2"}


async def test_a_meetups_thread_keitora_may_no_longer_see_leaves_the_edit_saved_and_said(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    await loopback.archive(thread)  # out of discord.py's cache: it is fetched, and refused
    assert loopback.guild is not None
    await loopback.set_overwrite(
        loopback.channel("meetups"), loopback.guild.role("Keitora"), deny=Permission.VIEW_CHANNEL
    )
    said = await retitle(loopback, "Kei Truck Day v2")
    assert said.startswith("Renamed “Kei Truck Day”"), said
    assert "Its thread could not be renamed (Discord said: Missing Access)" in said
    assert name_of(loopback, thread) == "Kei Truck Day"
    assert await pending_jobs(keitora) == 1  # asked again, in case the view is given back
