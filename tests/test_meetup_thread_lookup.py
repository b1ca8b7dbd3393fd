"""Discord's thread events reach the meetups by thread id, for every thread of a server: the
lookup must use an index, not scan the server's meetups (on a real SQLite file)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.meetups import MeetupService
from bot.store import Store

from .test_meetups import GUILD, clock, meetups, new_meetup

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups


async def test_a_meetup_is_found_by_its_thread_through_an_index(
    meetups: MeetupService, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    meetup_id = await new_meetup(meetups)
    await meetups.set_thread(meetup_id, 4242)
    ran: list[tuple[str, Any]] = []
    fetchone = store.fetchone

    async def recording(sql: str, params: Any = ()) -> Any:
        ran.append((sql, params))
        return await fetchone(sql, params)

    monkeypatch.setattr(store, "fetchone", recording)
    found = await meetups.in_thread(GUILD, 4242)
    assert found is not None
    assert found.id == meetup_id
    [(sql, params)] = ran
    plan = " ".join(
        row["detail"] for row in await store.fetchall(f"EXPLAIN QUERY PLAN {sql}", params)
    )
    assert "meetups_by_thread" in plan, plan
