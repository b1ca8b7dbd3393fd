"""`MeetupService.edit` is one change: new wording, capacity and a new time or place are saved
together or not at all, so an edit that fails part way leaves the meetup as it was."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.meetups import MeetupService
from bot.store import Store

from .test_meetups import GUILD, clock, meetups, new_meetup

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups

DALE = 11


class Crash(Exception):
    """What a failure after the new wording is written, and before the move is, looks like."""


async def crash(*_: object, **__: object) -> tuple[int, ...]:
    raise Crash


@pytest.mark.parametrize(
    "move",
    [
        {"when": "2026-12-06 10:00"},
        {"location": "Green River"},
        {"when": "2026-12-06 10:00", "every_date": True},
        {"repeat": "every 2 weeks"},
    ],
)
async def test_an_edit_that_fails_when_telling_members_of_its_move_changes_nothing(
    meetups: MeetupService, store: Store, monkeypatch: pytest.MonkeyPatch, move: dict[str, object]
) -> None:
    repeat = "weekly" if move.get("every_date") or move.get("repeat") else None
    meetup_id = await new_meetup(meetups, capacity=5, repeat=repeat)
    await meetups.answer(GUILD, meetup_id, DALE, "going")
    before = await meetups.get(GUILD, meetup_id)
    rows_before = await store.fetchall("SELECT * FROM occurrences ORDER BY id")
    monkeypatch.setattr(meetups, "_tell", crash)

    with pytest.raises(Crash):
        await meetups.edit(
            GUILD,
            meetup_id,
            title="Kei Truck Day, renamed",
            description="Now with coffee",
            capacity=9,
            duration_minutes=60,
            **move,  # type: ignore[arg-type]
        )

    assert await meetups.get(GUILD, meetup_id) == before
    assert await store.fetchall("SELECT * FROM occurrences ORDER BY id") == rows_before


async def test_an_edit_to_what_the_meetup_has_is_refused_in_its_own_transaction(
    meetups: MeetupService,
) -> None:
    # What an edit changes is read where it is written: a copy read before could be stale.
    meetup_id = await new_meetup(meetups, capacity=5)
    await meetups.edit(GUILD, meetup_id, capacity=9)

    with pytest.raises(UserError, match="already has that title and that capacity: nothing"):
        await meetups.edit(GUILD, meetup_id, title="Kei  Truck Day", capacity=9)
    # The same title asks again for the rename of a thread named otherwise.
    renamed = await meetups.edit(GUILD, meetup_id, title="Kei Truck Day", thread_behind=True)
    assert renamed.details.title == "Kei Truck Day"


async def test_the_time_it_has_beside_another_change_is_left_out(meetups: MeetupService) -> None:
    meetup_id = await new_meetup(meetups)
    before = await meetups.get(GUILD, meetup_id)

    edited = await meetups.edit(GUILD, meetup_id, when="2026-12-05 10:00", capacity=9)

    assert edited.changed is None  # nobody is told of a move
    assert (await meetups.get(GUILD, meetup_id)).starts_at == before.starts_at
    with pytest.raises(UserError, match="the time it already has: nothing changed"):
        await meetups.edit(GUILD, meetup_id, when="2026-12-05 10:00", capacity=9)


async def test_the_time_it_has_with_a_new_length_changes_the_length(
    meetups: MeetupService,
) -> None:
    meetup_id = await new_meetup(meetups)
    before = await meetups.get(GUILD, meetup_id)

    edited = await meetups.edit(GUILD, meetup_id, when="2026-12-05 10am-2pm")

    after = await meetups.get(GUILD, meetup_id)
    assert edited.changed is None  # the start stays: nobody is told of a move
    assert edited.details.duration_minutes == 4 * 60  # the reply says the length changed
    assert after.starts_at == before.starts_at
    assert (after.duration.total_seconds(), after.length_given) == (4 * 3600, True)
    with pytest.raises(UserError, match="the time it already has: nothing changed"):
        await meetups.edit(GUILD, meetup_id, when="2026-12-05 10am-2pm")


async def test_a_new_length_at_a_series_date_time_is_refused_without_a_duration(
    meetups: MeetupService,
) -> None:
    meetup_id = await new_meetup(meetups, repeat="weekly")
    before = await meetups.get(GUILD, meetup_id)

    with pytest.raises(UserError, match="Every date of a series lasts the same"):
        await meetups.edit(GUILD, meetup_id, when="2026-12-05 10am-2pm")

    assert await meetups.get(GUILD, meetup_id) == before


async def test_a_range_at_every_dates_time_gives_every_date_the_new_length(
    meetups: MeetupService,
) -> None:
    meetup_id = await new_meetup(meetups, when="sat 10am-12pm", repeat="weekly")
    before = await meetups.get(GUILD, meetup_id)
    assert before.duration.total_seconds() == 2 * 3600

    edited = await meetups.edit(GUILD, meetup_id, when="sat 10am-2pm", every_date=True)

    after = await meetups.get(GUILD, meetup_id)
    assert edited.changed is None  # every date keeps its start: nobody is told of a move
    assert edited.details.duration_minutes == 4 * 60  # the reply says the length changed
    assert (after.rrule, after.starts_at) == (before.rrule, before.starts_at)
    assert (after.duration.total_seconds(), after.length_given) == (4 * 3600, True)
    with pytest.raises(UserError, match="nothing changed"):
        await meetups.edit(GUILD, meetup_id, when="sat 10am-2pm", every_date=True)
