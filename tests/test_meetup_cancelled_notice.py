"""What a list of attendees says above it, or in its place, when what it lists was cancelled:
a whole meetup (with its reason) or one date of a series (whose reason is not kept)."""

from __future__ import annotations

from bot.clock import unix
from bot.meetups import Occurrence
from cogs.meetups_list_views import cancelled_notice

from .test_meetups_views import START, meetup


def test_a_date_cancelled_on_its_own_is_said_so_with_nobody_to_list() -> None:
    series = meetup(rrule="FREQ=WEEKLY")
    off = Occurrence(series.id, START, START, cancelled=True)
    assert cancelled_notice(series, off, "before anyone answered") == (
        f"The <t:{unix(START)}:F> date of **Kei Truck Day** was cancelled before anyone answered."
    )
    assert cancelled_notice(series, Occurrence(series.id, START, START)) is None
