"""MeetupService on a real SQLite file: a meetup named by its typed title, a date of a series
named as its choice reads, and a new place told to those answering once per edit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import ManualClock
from bot.errors import UserError
from bot.meetups import CHANGED_DM_JOB, MeetupService, local_text
from bot.store import Store

from .test_meetups import GUILD, clock, meetups, new_meetup, notices

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups


async def test_a_typed_title_names_the_one_meetup_ahead_with_it_in_any_case(
    meetups: MeetupService,
) -> None:
    day = await new_meetup(meetups, title="Kei Truck Day")
    assert (await meetups.titled(GUILD, "  kei TRUCK day ")).id == day
    for typed in ("Kei", "Kei Truck Day 2", ""):
        with pytest.raises(UserError, match="Pick a meetup from the list as you type"):
            await meetups.titled(GUILD, typed)


async def test_a_title_shared_by_meetups_ahead_asks_for_a_number_and_a_cancelled_one_is_found(
    meetups: MeetupService,
) -> None:
    first = await new_meetup(meetups, title="Dup")
    # At another hour: the same title at the same start would be refused as posted twice.
    second = await new_meetup(meetups, title="Dup", when="2026-12-05 14:00")
    with pytest.raises(UserError) as refused:
        await meetups.titled(GUILD, "dup")
    assert str(refused.value).startswith(f"2 meetups are called “Dup” (#{first}, #{second}): ")
    await meetups.cancel(GUILD, first, reason="Snow")
    assert (await meetups.titled(GUILD, "Dup")).id == second  # the live one wins
    await meetups.cancel(GUILD, second)
    assert (await meetups.titled(GUILD, "Dup")).id == second  # the one cancelled last


async def test_a_title_typed_after_its_meetup_ended_names_the_latest_one_that_had_it(
    meetups: MeetupService, clock: ManualClock
) -> None:
    held = await new_meetup(meetups, title="Swap Meet", when="2026-12-12 10:00")
    called_off = await new_meetup(meetups, title="Swap Meet", when="2026-12-20 10:00")
    clock.set(datetime(2026, 12, 11, 12, 0, tzinfo=UTC))
    await meetups.cancel(GUILD, called_off, reason="Snow")  # before the other's date
    assert (await meetups.titled(GUILD, "swap meet")).id == held
    clock.set(datetime(2027, 1, 10, 12, 0, tzinfo=UTC))
    # Held on December 12, after the other was called off on December 11, though that one's
    # date was later.
    assert (await meetups.titled(GUILD, "swap meet")).id == held


async def test_a_typed_date_is_matched_word_for_word_and_while_typing_by_the_start_of_the_last(
    meetups: MeetupService,
) -> None:
    weekly = await meetups.get(
        GUILD, await new_meetup(meetups, when="2026-12-05 09:00", repeat="weekly")
    )
    jun_5 = datetime(2027, 6, 5, 15, 0, tzinfo=UTC)
    assert await meetups.date_typed(weekly, "SAT JUN 5") == jun_5
    assert await meetups.date_typed(weekly, "jun 5, 9:00 am") == jun_5
    typing = await meetups.dates_typed(weekly, "Jun 1", limit=25, typing=True)
    assert [local_text(weekly, o) for o in typing][:2] == [
        "Sat Jun 12, 9:00 AM MDT",
        "Sat Jun 19, 9:00 AM MDT",
    ]
    every = await meetups.dates_typed(weekly, "", limit=200)  # two years on from Nov 25, 2026
    assert (every[0].starts_at.date().isoformat(), every[-1].starts_at.date().isoformat()) == (
        "2026-12-05",
        "2028-11-18",
    )
    with pytest.raises(UserError, match="is not one of the dates"):
        await meetups.date_typed(weekly, "Jun 1")  # a Tuesday, and only a start of Jun 12
    with pytest.raises(UserError, match="More than one date"):
        await meetups.date_typed(weekly, "Sat Jun")


async def test_a_new_place_is_told_each_time_even_back_to_the_first_and_not_when_unchanged(
    meetups: MeetupService, store: Store
) -> None:
    meetup = await new_meetup(meetups)
    await meetups.answer(GUILD, meetup, 11, "going")
    assert await meetups.move(GUILD, meetup, None, location="Moab") is None
    for place in ("Green River", "Moab"):
        changed = await meetups.move(GUILD, meetup, None, location=place)
        assert changed is not None
        assert changed.told == (11,)
    told = await notices(store, CHANGED_DM_JOB)
    assert [(n["location_from"], n["location"]) for n in told] == [
        ("Moab", "Green River"),
        ("Green River", "Moab"),
    ]
    assert all(n["moved_from"] is None for n in told)
