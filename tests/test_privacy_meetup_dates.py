"""An organizer's export holds every date of their series that differs from its rule: one they
moved (with /meetup edit), where the series put it and where it is now, and one they cancelled,
each in words on the meetup's clock as its card shows them, beside the instants kept."""

from __future__ import annotations

from typing import Any

from bot.client import Services
from bot.store import Store
from tests.privacy_seed import NOW, seed_server
from tests.test_export_words import GUILD, MEMBER, OTHER, exported

JAN_2_10AM_MST = 1_798_909_200  # 2027-01-02T17:00:00Z, the first Saturday of January
HOUR, WEEK = 3600, 7 * 86400


async def _exported_with_a_series(services: Services, store: Store) -> tuple[dict[str, Any], int]:
    """The member's export, and the id of their series with January 2 moved and February 6 off."""
    await seed_server(store, GUILD, MEMBER, OTHER)
    meetup = await store.insert(
        "INSERT INTO meetups (guild_id, organizer_id, title, location, zone, start_local, "
        "starts_at, rrule, created_at) VALUES (?, ?, 'Monthly Meet', 'Moab', 'America/Denver', "
        "'2027-01-02T10:00', ?, 'FREQ=MONTHLY;BYDAY=1SA', ?)",
        (GUILD, MEMBER, JAN_2_10AM_MST, NOW),
    )
    await store.execute(  # moved to 11 AM
        "INSERT INTO occurrences (meetup_id, original_start, starts_at) VALUES (?, ?, ?)",
        (meetup, JAN_2_10AM_MST, JAN_2_10AM_MST + HOUR),
    )
    await store.execute(  # February 6 off
        "INSERT INTO occurrences (meetup_id, original_start, starts_at, cancelled_at, "
        "cancel_reason) VALUES (?, ?, ?, ?, 'Snow')",
        (meetup, JAN_2_10AM_MST + 5 * WEEK, JAN_2_10AM_MST + 5 * WEEK, NOW),
    )
    return await exported(services), meetup


async def test_a_date_moved_is_exported_with_where_the_series_put_it_in_words(
    services: Services, store: Store
) -> None:
    server, meetup = await _exported_with_a_series(services, store)

    assert [row for row in server["meetup_dates_moved"] if row["meetup_id"] == meetup] == [
        {
            "meetup_id": meetup,
            "title": "Monthly Meet",
            "zone": "America/Denver",
            "series_date": "Saturday, January 2, 2027 at 10:00 AM",
            "moved_to": "Saturday, January 2, 2027 at 11:00 AM",
            "starts_at": "2027-01-02T18:00:00+00:00",
        }
    ]


async def test_a_date_cancelled_is_in_words_on_the_meetups_clock(
    services: Services, store: Store
) -> None:
    server, meetup = await _exported_with_a_series(services, store)

    [off] = [row for row in server["meetup_dates_off"] if row["meetup_id"] == meetup]
    assert off["date"] == "Saturday, February 6, 2027 at 10:00 AM"
    assert (off["zone"], off["cancel_reason"]) == ("America/Denver", "Snow")
