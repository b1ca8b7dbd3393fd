"""A moderator's change to a member's build, without Discord: the owner's DM is one job, in the
change's transaction, however often the change is asked for; nobody is told of their own change
or of a change to a forgotten member's build."""

from __future__ import annotations

import asyncio

from bot.builds import BuildService
from bot.builds.moderated import (
    BUILD_MODERATED_JOB,
    ModeratedNews,
    ModeratorChange,
    Renamed,
    UpdateTakenBack,
    moderated_handler,
)
from bot.clock import ManualClock
from bot.errors import UserError
from bot.jobs import JobQueue
from bot.privacy import FORMER_MEMBER
from bot.store import Store
from cogs.builds_views import moderated_notice

GUILD, OWNER, MODERATOR, SERVER = 1, 10, 20, "Kei Owners"


async def test_the_owner_is_told_once_of_each_moderators_change_and_of_none_of_their_own(
    store: Store, clock: ManualClock
) -> None:
    jobs = JobQueue(store, clock)
    service = BuildService(store, clock, jobs)
    build = await service.start(GUILD, OWNER, "Camper", "1994 Suzuki Carry DA51T", None)
    update = await service.add_update(build, OWNER, "Lifted", cost="300")
    by = ModeratorChange(MODERATOR, str(update.id), SERVER, "shows a plate")
    await service.remove_update(build, update, by)
    await service.remove_update(build, update, by)  # a second click finds it gone
    own = await service.rename(build, "Own title", None)  # the owner's own: nobody told
    renamed = await service.rename(
        own, "Kei Camper", None, by=ModeratorChange(MODERATOR, "900", SERVER)
    )

    tell = moderated_handler(lambda news: repr(news.change), service.since_scheduled)
    told = [await tell(job) for job in await jobs.claim_due(9, worker="t")]
    contents = [m.content for m in told if m is not None and m.recipient_id == OWNER]
    assert contents == [
        repr(UpdateTakenBack("Lifted", int(update.created_at.timestamp()), 30000, False)),
        repr(Renamed("Own title", build.truck, "Kei Camper", build.truck)),
    ]

    await store.execute("UPDATE builds SET owner_id = ? WHERE id = ?", (FORMER_MEMBER, build.id))
    gone = await service.get(GUILD, renamed.id)
    await service.rename(gone, "Anon", None, by=ModeratorChange(MODERATOR, "901", SERVER))
    assert [j for j in await jobs.claim_due(9, worker="t") if j.kind == BUILD_MODERATED_JOB] == []


def test_the_dm_says_what_changed_inert_and_why() -> None:
    renamed = ModeratedNews(
        GUILD,
        3,
        "New",
        Renamed("Old", "Carry", "New", "Hijet"),
        "@everyone no prices",
        "**Kei** @here",
        40,
    )
    assert moderated_notice(renamed) == (
        "A moderator of **\\*\\*Kei\\*\\* @\u200bhere** renamed your build #3: its title “Old” is "
        "now “New” and its truck “Carry” is now “Hijet”. The reason given: "
        "“@\u200beveryone no prices”. Its thread: https://discord.com/channels/1/40"
    )
    plain = ModeratedNews(
        GUILD, 3, "New", UpdateTakenBack("*Lifted*", 1_700_000_000, None, False), None, None, None
    )
    assert moderated_notice(plain) == (
        "A moderator deleted an update from your build “New” (#3): “\\*Lifted\\*”, posted "
        "<t:1700000000:D>."
    )


async def test_a_moderators_close_clicked_twice_at_once_closes_once_and_tells_once(
    store: Store, clock: ManualClock
) -> None:
    jobs = JobQueue(store, clock)
    service = BuildService(store, clock, jobs)
    build = await service.start(GUILD, OWNER, "Camper", "1994 Suzuki Carry DA51T", None)
    by = ModeratorChange(MODERATOR, "900", SERVER)
    done = await asyncio.gather(
        service.close(build, by), service.close(build, by), return_exceptions=True
    )
    refused = [str(result) for result in done if isinstance(result, UserError)]
    assert refused == ["Build #1 is closed already."]
    told = [job for job in await jobs.claim_due(9, worker="t") if job.kind == BUILD_MODERATED_JOB]
    assert [job.payload["change"] for job in told] == [{"closed": True}]
