"""Listing the showcase's nominations for the moderation queue reads the database a fixed
number of times, however many builds are nominated: /modqueue lists up to 2000 items of each
source on every page it shows."""

from __future__ import annotations

from typing import Any

import pytest

from bot.builds import BuildService
from bot.modqueue.pages import LISTED_UP_TO
from bot.showcase import NOMINATION_KIND
from bot.store import Store
from tests.modqueue_harness import DALE, GUILD, OWNER, ROSA, Queue


def counted_queries(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement `store` runs from now on."""
    ran: list[str] = []
    for name in ("execute", "fetchone", "fetchall", "fetchval"):
        method = getattr(store, name)

        async def counting(sql: str, *args: object, _method: Any = method) -> Any:
            ran.append(sql)
            return await _method(sql, *args)

        monkeypatch.setattr(store, name, counting)
    return ran


async def test_pending_nominations_are_listed_in_five_queries_however_many_builds(
    queue: Queue, monkeypatch: pytest.MonkeyPatch
) -> None:
    starting = BuildService(queue.store, queue.clock, queue.jobs)
    builds = [queue.build]
    for n in range(1, 12):
        builds.append(await starting.start(GUILD, OWNER + 100 + n, f"Build {n}", "Carry", None))
    for build in builds:
        await queue.showcase.nominate(build, DALE, "Great bed")
        await queue.showcase.nominate(build, ROSA)
    source = queue.modqueue.source(NOMINATION_KIND)
    ran = counted_queries(queue.store, monkeypatch)

    items = await source.pending(GUILD, LISTED_UP_TO)

    # nominations, builds, their tags, their cover photos, their nominations rejected before
    assert len(ran) == 5
    assert [item.title for item in items] == [f"Build #{b.id} · {b.title}" for b in builds]
    assert all(item.co_submitter_ids == (ROSA,) for item in items)
    assert items == [await source.item(GUILD, item.ref_id) for item in items]


async def test_a_build_deleted_between_the_reads_is_left_out_not_a_failure(
    queue: Queue, monkeypatch: pytest.MonkeyPatch
) -> None:
    starting = BuildService(queue.store, queue.clock, queue.jobs)
    other = await starting.start(GUILD, OWNER + 500, "Dump bed", "Hijet", None)
    for build in (queue.build, other):
        await queue.showcase.nominate(build, DALE)
    read = queue.showcase.pending_by_build

    async def read_then_delete(guild_id: int, limit: int) -> Any:
        nominated = await read(guild_id, limit)
        await queue.store.execute("DELETE FROM builds WHERE id = ?", (other.id,))
        return nominated

    monkeypatch.setattr(queue.showcase, "pending_by_build", read_then_delete)
    items = await queue.modqueue.source(NOMINATION_KIND).pending(GUILD, LISTED_UP_TO)
    assert [item.title for item in items] == [f"Build #{queue.build.id} · {queue.build.title}"]
