"""A lock's DM, or a moderator's change's, is sent after its transaction, by the outbox: late when
Discord is slow or the bot was down. What became of the build meanwhile is read as it goes: a
thread deleted since is not linked (the DM says it went), and a build deleted since is said
to be, by whom its deletion recorded. A thread deleted before the DM was scheduled is said to be
too."""

from __future__ import annotations

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's arguments)
from bot.builds import Build, BuildService
from bot.builds.locks import lock_handler
from bot.builds.moderated import ModeratorChange, moderated_handler
from bot.jobs import JobQueue
from cogs.builds_views import lock_notice, moderated_notice
from tests.test_builds_renames import jobs, service  # noqa: F401 (the fixtures)

GUILD, OWNER, MODERATOR, SERVER = 1, 10, 20, "Kei Owners"
CHANNEL, THREAD = 500, 600


async def posted(service: BuildService, title: str = "Camper") -> Build:
    """A new build of OWNER's, its card and thread posted."""
    build = await service.start(GUILD, OWNER, title, "1994 Suzuki Carry DA51T", None)
    thread = THREAD + build.id
    await service.set_post(build, CHANNEL, thread, thread, in_forum=True)
    return await service.get(GUILD, build.id)


async def dms(jobs: JobQueue, service: BuildService) -> list[str]:
    lock = lock_handler(lock_notice, service.since_scheduled)
    moderated = moderated_handler(moderated_notice, service.since_scheduled)
    told = []
    for job in await jobs.claim_due(9, worker="t", kinds=["builds.lock", "builds.moderated"]):
        tell = lock if job.kind == "builds.lock" else moderated
        sent = await tell(job)
        assert sent is not None
        told.append(sent.content)
    return told


async def test_a_dm_due_after_the_thread_went_names_the_build_and_links_no_thread(
    jobs: JobQueue, service: BuildService
) -> None:
    build = await posted(service)
    await service.rename(build, "Kei Camper", None, by=ModeratorChange(MODERATOR, "q", SERVER))
    await service.lock(await service.get(GUILD, build.id), MODERATOR, "Stolen photos", SERVER)
    await service.thread_deleted(GUILD, build.thread_id or 0)

    renamed, locked = await dms(jobs, service)
    assert "discord.com/channels" not in renamed + locked
    assert renamed == (
        f"A moderator of **{SERVER}** renamed your build #1: its title “Camper” is now "
        "“Kei Camper”. Its thread was deleted."
    )
    assert locked == (
        f"A moderator of **{SERVER}** locked your build “Kei Camper” (#1). The reason given: "
        "“Stolen photos”. It can still be seen, but nobody can post updates to it or change it "
        "until a moderator unlocks it. Its thread was deleted."
    )


async def test_a_dm_due_after_the_build_went_says_who_deleted_it(
    jobs: JobQueue, service: BuildService
) -> None:
    mine, theirs = await posted(service), await posted(service, "Dump")
    for build in (mine, theirs):
        await service.lock(build, MODERATOR, None, SERVER)
    await service.delete(mine)
    await service.delete(theirs, ModeratorChange(MODERATOR, "q", SERVER, "Stolen photos"))

    told = await dms(jobs, service)
    assert len(told) == 3
    assert "discord.com/channels" not in told[0] + told[1]
    assert told[0].endswith("until a moderator unlocks it. You have since deleted it.")
    assert told[1].endswith("until a moderator unlocks it. A moderator has since deleted it.")
    # The deletion's own DM says it went, with its thread: nothing more.
    assert told[2] == (
        f"A moderator of **{SERVER}** deleted your build “Dump” (#2, “1994 Suzuki Carry "
        "DA51T”) with its thread. The reason given: “Stolen photos”."
    )


async def test_a_dm_about_a_build_whose_thread_was_deleted_before_says_so(
    jobs: JobQueue, service: BuildService
) -> None:
    build = await posted(service)
    await service.thread_deleted(GUILD, build.thread_id or 0)
    await service.lock(build, MODERATOR, None, SERVER)

    [locked] = await dms(jobs, service)
    assert locked.endswith("until a moderator unlocks it. Its thread was deleted."), locked


async def test_a_close_of_a_build_without_a_thread_names_no_archived_thread(
    jobs: JobQueue, service: BuildService
) -> None:
    build = await service.start(GUILD, OWNER, "Camper", "1994 Suzuki Carry DA51T", None)
    await service.close(build, ModeratorChange(MODERATOR, "q", SERVER))

    [closed] = await dms(jobs, service)
    assert closed == (
        f"A moderator of **{SERVER}** closed your build “Camper” (#1): `/build reopen` opens "
        "it again."
    )
