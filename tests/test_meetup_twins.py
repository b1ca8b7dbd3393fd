"""Twins on the service: a series is checked at each of its dates listed ahead (two years), not
only its first; an edit onto another meetup's title or start is refused as a create is,
changing nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import UserError
from bot.meetups import MeetupDraft, MeetupService

from .test_meetups import GUILD, ORGANIZER, clock, meetups

__all__ = ["clock", "meetups"]  # fixtures

ON_ITS_WAY = "its card is on its way"


async def new(meetups: MeetupService, when: str, title: str = "Kei Day", **fields: object) -> int:
    draft = MeetupDraft(title, when, "Moab", **fields)  # type: ignore[arg-type]
    return (await meetups.create(GUILD, ORGANIZER, draft)).meetup.id


def refusal(where: str, twin: int) -> str:
    return (
        f"“Kei Day” is posted already for {where}: meetup #{twin} ({ON_ITS_WAY}). To post a "
        "second one deliberately, give it a different title."
    )


def restore_refusal(where: str, twin: int) -> str:
    """A restore has no title to change, and a cancelled meetup is not edited: the way out is
    through the twin."""
    return (
        f"“Kei Day” cannot come back: meetup #{twin} ({ON_ITS_WAY}) holds its title at {where}. "
        f"Cancel #{twin}, or give it another title with `/meetup edit meetup:#{twin} title:…`, "
        "then restore this one."
    )


async def test_a_series_date_far_ahead_on_a_one_off_is_named_with_its_year(
    meetups: MeetupService,
) -> None:
    far = await new(meetups, "2027-06-05 10:00")
    with pytest.raises(UserError) as refused:
        await new(meetups, "2026-12-05 10:00", title="  KEI  day", repeat="weekly")
    assert str(refused.value) == refusal(
        "Sat Jun 5, 2027, 10:00 AM MDT, a date of this series, as a one-off", far
    )
    assert [m.id for m, _ in await meetups.upcoming(GUILD)] == [far]


async def test_a_series_on_another_series_date_is_refused_naming_the_date(
    meetups: MeetupService,
) -> None:
    monthly = await new(meetups, "2026-12-26 10:00", repeat="monthly")
    with pytest.raises(UserError) as refused:
        await new(meetups, "2026-12-05 10:00", repeat="weekly")
    assert str(refused.value) == refusal("Sat Dec 26, 10:00 AM MST, a date of both series", monthly)


async def test_dates_off_and_meetups_cancelled_are_no_twins(meetups: MeetupService) -> None:
    one_off = await new(meetups, "2026-12-12 10:00")
    # The 26th is a Saturday in December 2026 only of the two.
    twice = await new(meetups, "2026-12-26 10:00", repeat="RRULE:FREQ=MONTHLY;COUNT=2")
    await meetups.cancel(GUILD, one_off)
    await meetups.cancel(GUILD, twice, original_start=datetime(2026, 12, 26, 17, tzinfo=UTC))
    assert await new(meetups, "2026-12-05 10:00", repeat="weekly")


async def test_an_edit_refused_as_a_twin_changes_nothing(meetups: MeetupService) -> None:
    first = await new(meetups, "2026-12-12 10:00")
    other = await new(meetups, "2026-12-12 10:00", title="Swap Meet", capacity=5)
    weekly = await new(meetups, "2026-12-05 09:00", title="Kei Day", repeat="weekly")

    with pytest.raises(UserError) as renamed:
        await meetups.edit(GUILD, other, title="kei day", capacity=8)
    assert str(renamed.value) == refusal("that start", first)
    kept = await meetups.get(GUILD, other)
    assert (kept.title, kept.capacity) == ("Swap Meet", 5)

    with pytest.raises(UserError) as retimed:
        await meetups.edit(GUILD, weekly, when="sat 10am", every_date=True)
    assert str(retimed.value) == refusal(
        "Sat Dec 12, 10:00 AM MST, a date of this series, as a one-off", first
    )
    assert (await meetups.get(GUILD, weekly)).start_local == datetime(2026, 12, 5, 9, 0)

    with pytest.raises(UserError) as moved:
        await meetups.edit(GUILD, first, when="2026-12-12 09:00")
    assert str(moved.value) == refusal("that start, a date of its series", weekly)


async def test_a_restore_onto_a_meetup_posted_meanwhile_is_refused_changing_nothing(
    meetups: MeetupService,
) -> None:
    first = await new(meetups, "2026-12-05 10:00")
    await meetups.cancel(GUILD, first)
    again = await new(meetups, "2026-12-05 10:00")  # posted anew in its place

    with pytest.raises(UserError) as refused:
        await meetups.restore(GUILD, first)

    assert str(refused.value) == restore_refusal("that start", again)
    assert (await meetups.get(GUILD, first)).cancelled_at is not None
    assert [m.id for m, _ in await meetups.upcoming(GUILD)] == [again]


async def test_a_series_date_restored_onto_a_one_off_posted_meanwhile_is_refused(
    meetups: MeetupService,
) -> None:
    series = await new(meetups, "2026-12-05 10:00", repeat="weekly")
    dec_12 = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)
    await meetups.cancel(GUILD, series, original_start=dec_12)
    one_off = await new(meetups, "2026-12-12 10:00")

    with pytest.raises(UserError) as refused:
        await meetups.restore(GUILD, series, original_start=dec_12)

    assert str(refused.value) == restore_refusal(
        "Sat Dec 12, 10:00 AM MST, a date of this series, as a one-off", one_off
    )
    held = await meetups.occurrences(await meetups.get(GUILD, series), limit=2)
    assert [d.starts_at.day for d in held] == [5, 19]  # Dec 12 still off


async def test_a_restore_refused_for_a_twin_goes_through_once_the_twin_is_renamed(
    meetups: MeetupService,
) -> None:
    first = await new(meetups, "2026-12-05 10:00")
    await meetups.cancel(GUILD, first)
    again = await new(meetups, "2026-12-05 10:00")
    with pytest.raises(UserError):
        await meetups.restore(GUILD, first)

    await meetups.edit(GUILD, again, title="Kei Day B")
    await meetups.restore(GUILD, first)

    assert (await meetups.get(GUILD, first)).cancelled_at is None
