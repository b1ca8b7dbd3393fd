"""/eligibility's countdowns read in every US zone: each reader finds a span that, from the date
on their own calendar, adds up to the day shown, at the hours when the US is on two dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import discord
import pytest

from bot.dates import us_date
from bot.eligibility import (
    calendar_span,
    check_eligibility,
    parse_manufactured,
    us_dates,
    us_today,
)
from cogs.eligibility import render_eligibility

US_ZONES = [
    ZoneInfo(name)
    for name in (
        "America/Puerto_Rico",
        "America/New_York",
        "America/Chicago",
        "America/Denver",
        "America/Phoenix",
        "America/Los_Angeles",
        "America/Anchorage",
        "America/Adak",
        "Pacific/Honolulu",
        "Pacific/Pago_Pago",
    )
]
# Guam, across the date line, is not counted for (see EASTERNMOST_US_ZONE): were it, nearly every
# answer would carry a second count.
GUAM = ZoneInfo("Pacific/Guam")

# Each side of the midnights of Puerto Rico, the mainland, Alaska, Hawaii and Samoa, in winter and
# in summer time.
BOUNDARIES = [
    datetime(2026, month, day, hour, minute, tzinfo=UTC)
    for month, day in ((11, 26), (6, 10))
    for hour, minute in (
        (3, 59), (4, 0), (4, 59), (5, 0), (5, 59), (6, 0), (6, 59), (7, 0), (7, 59), (8, 0),
        (8, 59), (9, 0), (9, 59), (10, 0), (10, 59), (11, 0), (13, 59), (14, 0), (20, 0),
    )
]  # fmt: skip


def answer(now: datetime, typed: str) -> discord.Embed:
    """The answer to /eligibility at `now`, as the cog counts it."""
    built = parse_manufactured(typed)
    counts = [check_eligibility(built, us_today(now), counted_from=d) for d in us_dates(now)]
    return render_eligibility(*counts)


def description(now: datetime, typed: str) -> str:
    text = answer(now, typed).description
    assert text is not None
    return text


def told_to(reader: date, first: date, span: str) -> str:
    """How the answer names `span` for a reader on `reader`: bare when it is counted from
    `first`, the date most members have, else with that reader's date."""
    if reader == first:
        return span
    return f"{span} where it is {'still' if reader < first else 'already'} {us_date(reader)}"


@pytest.mark.parametrize("now", BOUNDARIES, ids=lambda now: f"{now:%m-%d %H:%M}")
def test_every_us_reader_is_told_a_countdown_their_own_calendar_adds_up_to(
    now: datetime,
) -> None:
    eligible_on = date(now.year, now.month + 1, 30)
    text = description(now, f"{now.year - 25}-{now.month + 1:02d}-30")
    first = us_dates(now)[0]
    for zone in US_ZONES:
        reader = now.astimezone(zone).date()
        span = calendar_span(reader, eligible_on).text
        if reader == first:
            assert text.startswith(f"⏳ **Eligible in {span}** — on {us_date(eligible_on)}")
        else:
            assert f"({told_to(reader, first, span)})" in text.splitlines()[0], zone


@pytest.mark.parametrize("now", BOUNDARIES, ids=lambda now: f"{now:%m-%d %H:%M}")
def test_every_us_reader_is_told_how_long_ago_by_their_own_calendar(now: datetime) -> None:
    since = date(now.year, now.month - 1, 2)
    verdict = description(now, f"{now.year - 25}-{now.month - 1:02d}-02").splitlines()[0]
    first = us_dates(now)[0]
    for zone in US_ZONES:
        reader = now.astimezone(zone).date()
        ago = told_to(reader, first, f"{calendar_span(since, reader).text} ago")
        assert ago in verdict, zone


def test_one_date_in_the_whole_us_gives_one_countdown() -> None:
    # 12:00 UTC: 1 am in American Samoa, 8 am in Puerto Rico, the same day everywhere between.
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert us_dates(now) == (date(2026, 11, 25),)
    assert description(now, "2001-12-30").startswith(
        "⏳ **Eligible in 1 month, 5 days** — on December 30, 2026\n"
    )


def test_pacific_members_before_their_midnight_are_given_their_own_count() -> None:
    # 07:00 UTC: 1 am on November 26 in Central time, 11 pm on November 25 in Los Angeles.
    now = datetime(2026, 11, 26, 7, 0, tzinfo=UTC)
    assert description(now, "2001-12-30").startswith(
        "⏳ **Eligible in 1 month, 4 days** — on December 30, 2026 (1 month, 5 days where it "
        "is still November 25, 2026)\n"
    )


def test_a_year_begun_only_in_puerto_rico_is_later_today_there_not_in_0_days() -> None:
    # 04:30 UTC on January 1: half past midnight on New Year's Day in San Juan, 11:30 pm on New
    # Year's Eve in New York. Imports of 2027 qualify once January 1 has begun everywhere.
    now = datetime(2027, 1, 1, 4, 30, tzinfo=UTC)
    epa = next(f for f in answer(now, "2006-06-01").fields if f.name.startswith("EPA"))
    assert epa.value == (
        "⏳ Imports from January 1, 2027 (in 1 day; later today where it is already January 1, "
        "2027) qualify."
    )


def test_guam_across_the_date_line_adds_no_second_count_to_an_american_afternoon() -> None:
    # 20:00 UTC: 2 pm in Chicago, already 6 am the next day in Guam.
    now = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
    assert now.astimezone(GUAM).date() == date(2026, 11, 26)
    assert us_dates(now) == (date(2026, 11, 25),)
    assert "where it is" not in description(now, "2001-12-30")
