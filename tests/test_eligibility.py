from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from bot.eligibility import (
    Precision,
    calendar_span,
    check_eligibility,
    countdown_text,
    parse_manufactured,
    us_today,
)
from bot.errors import UserError
from bot.models import find_model

TODAY = date(2025, 6, 15)


@pytest.mark.parametrize(
    ("typed", "built", "precision", "eligible_on", "eligible_now"),
    [
        # Full dates: the same calendar day 25 years on.
        ("2000-06-15", "2000-06-15", Precision.DAY, date(2025, 6, 15), True),  # today exactly
        ("2000-06-16", "2000-06-16", Precision.DAY, date(2025, 6, 16), False),  # one day short
        ("2000/05/15", "2000-05-15", Precision.DAY, date(2025, 5, 15), True),
        ("1998-05-12", "1998-05-12", Precision.DAY, date(2023, 5, 12), True),
        ("1998年5月12日", "1998-05-12", Precision.DAY, date(2023, 5, 12), True),
        ("２０００－０６－１６", "2000-06-16", Precision.DAY, date(2025, 6, 16), False),
        # 29 February builds count from 1 March.
        ("1996-02-29", "1996-02-29", Precision.DAY, date(2021, 3, 1), True),
        ("2000-02-29", "2000-02-29", Precision.DAY, date(2025, 3, 1), True),
        ("2004-02-29", "2004-02-29", Precision.DAY, date(2029, 3, 1), False),
        # Month only: first day of the month after the anniversary month.
        ("2000-05", "2000-05", Precision.MONTH, date(2025, 6, 1), True),
        ("2000-06", "2000-06", Precision.MONTH, date(2025, 7, 1), False),
        ("2000.12", "2000-12", Precision.MONTH, date(2026, 1, 1), False),
        # Year only: assume December.
        ("1999", "1999", Precision.YEAR, date(2025, 1, 1), True),
        ("2000", "2000", Precision.YEAR, date(2026, 1, 1), False),
        # Japanese eras.
        ("H10.5", "1998-05", Precision.MONTH, date(2023, 6, 1), True),
        ("H10.5.12", "1998-05-12", Precision.DAY, date(2023, 5, 12), True),
        ("h10", "1998", Precision.YEAR, date(2024, 1, 1), True),
        ("平成10年5月", "1998-05", Precision.MONTH, date(2023, 6, 1), True),
        ("平成10年", "1998", Precision.YEAR, date(2024, 1, 1), True),
        ("平成１２年６月", "2000-06", Precision.MONTH, date(2025, 7, 1), False),
        ("ｈ１２．６．１６", "2000-06-16", Precision.DAY, date(2025, 6, 16), False),
        ("H12.6.15", "2000-06-15", Precision.DAY, date(2025, 6, 15), True),
        ("Heisei 8", "1996", Precision.YEAR, date(2022, 1, 1), True),
        ("S63", "1988", Precision.YEAR, date(2014, 1, 1), True),
        ("S63.2", "1988-02", Precision.MONTH, date(2013, 3, 1), True),
        ("昭和63年", "1988", Precision.YEAR, date(2014, 1, 1), True),
        ("S64.1.7", "1989-01-07", Precision.DAY, date(2014, 1, 7), True),  # last Shōwa day
        ("H1", "1989", Precision.YEAR, date(2015, 1, 1), True),
        ("平成元年", "1989", Precision.YEAR, date(2015, 1, 1), True),
        ("H1.1.8", "1989-01-08", Precision.DAY, date(2014, 1, 8), True),  # first Heisei day
        ("H31.4.30", "2019-04-30", Precision.DAY, date(2044, 4, 30), False),  # last Heisei day
        ("R1.5.1", "2019-05-01", Precision.DAY, date(2044, 5, 1), False),  # first Reiwa day
        ("R2", "2020", Precision.YEAR, date(2046, 1, 1), False),
        ("令和2年", "2020", Precision.YEAR, date(2046, 1, 1), False),
        ("令和元年5月", "2019-05", Precision.MONTH, date(2044, 6, 1), False),
        ("2025-06-15", "2025-06-15", Precision.DAY, date(2050, 6, 15), False),  # built today
    ],
)
def test_eligibility_dates(
    typed: str, built: str, precision: Precision, eligible_on: date, eligible_now: bool
) -> None:
    manufactured = parse_manufactured(typed)
    assert (manufactured.text, manufactured.precision) == (built, precision)
    result = check_eligibility(manufactured, TODAY)
    assert (result.eligible_on, result.eligible_now) == (eligible_on, eligible_now)
    assert result.days_until == max(0, (eligible_on - TODAY).days)
    assert (result.until is None) == eligible_now


@pytest.mark.parametrize(
    ("typed", "complaint"),
    [
        ("H32", "outside the Heisei era"),
        ("S65", "outside the Shōwa era"),
        ("H31.5", "outside the Heisei era"),
        ("H31.5.1", "outside the Heisei era"),
        ("R1.4", "outside the Reiwa era"),
        ("R1.4.30", "outside the Reiwa era"),
        ("S64.2", "outside the Shōwa era"),
        ("S64.1.8", "outside the Shōwa era"),
        ("H1.1.7", "outside the Heisei era"),
        ("H0", "outside the Heisei era"),
        ("2001-02-29", "not a real calendar date"),
        ("2000-13", "not a real calendar date"),
        ("2000-00", "not a real calendar date"),
        ("2000-05-00", "not a real calendar date"),
        ("H10.2.30", "not a real calendar date"),
        ("1899", "too early"),
        ("foo", "can't read"),
        ("12/05/1998", "can't read"),
        ("X10.5", "can't read"),
        ("H10.5.12.3", "can't read"),
        ("", "manufacture date"),
        ("   ", "manufacture date"),
        ("1998-05-12" * 5, "too long"),
    ],
)
def test_unreadable_or_impossible_dates_are_refused(typed: str, complaint: str) -> None:
    with pytest.raises(UserError, match=complaint):
        parse_manufactured(typed)


@pytest.mark.parametrize("typed", ["2025-06-16", "2025-07", "2026", "R8"])
def test_future_build_dates_are_refused(typed: str) -> None:
    with pytest.raises(UserError, match="after today"):
        check_eligibility(parse_manufactured(typed), TODAY)


def test_this_month_and_this_year_are_not_future() -> None:
    assert not check_eligibility(parse_manufactured("2025-06"), TODAY).eligible_now
    assert not check_eligibility(parse_manufactured("2025"), TODAY).eligible_now


def test_leap_day_explains_the_march_convention() -> None:
    result = check_eligibility(parse_manufactured("2000-02-29"), TODAY)
    text = " ".join(result.explanation)
    assert "2025-03-01" in text
    assert "convention" in text
    assert result.alternative_on is None


def test_month_only_offers_the_anniversary_month_as_the_other_reading() -> None:
    result = check_eligibility(parse_manufactured("2000-06"), TODAY)
    assert result.eligible_on == date(2025, 7, 1)
    assert result.alternative_on == date(2025, 6, 1)
    assert "2025-06-01" in result.alternative
    assert "brokers" in result.alternative


def test_year_only_assumes_december_and_names_the_earliest_date() -> None:
    result = check_eligibility(parse_manufactured("1999"), TODAY)
    assert "December 1999" in result.explanation[0]
    assert result.alternative_on == date(2024, 1, 1)
    assert "製造年月" in result.alternative


def test_era_dates_explain_their_conversion_first() -> None:
    result = check_eligibility(parse_manufactured("平成元年5月"), TODAY)
    assert result.explanation[0].startswith("Heisei 1 (平成元年) is 1989")
    assert "Shōwa 63 (昭和63年) is 1988" in parse_manufactured("S63").era_reading
    assert parse_manufactured("1988").era_reading == ""


def test_countdown_is_structured_for_the_cog() -> None:
    result = check_eligibility(parse_manufactured("2000-12"), TODAY)
    assert result.until is not None
    assert (result.until.years, result.until.months, result.until.days) == (0, 6, 17)
    assert result.until.text == "6 months, 17 days"
    one_day = check_eligibility(parse_manufactured("2000-06-16"), TODAY)
    assert one_day.until is not None
    assert one_day.until.text == "1 day"


def test_epa_21_year_rule_counts_calendar_years() -> None:
    recent = check_eligibility(parse_manufactured("2004-12-31"), TODAY)
    assert recent.epa_from == date(2025, 1, 1)
    assert recent.epa_eligible_now
    assert not recent.eligible_now
    newer = check_eligibility(parse_manufactured("2005-01-01"), TODAY)
    assert not newer.epa_eligible_now
    assert any("3520-1" in note and "2026" in note for note in newer.notes)


def test_standing_notes_cover_state_registration_and_which_date_to_use() -> None:
    notes = " ".join(check_eligibility(parse_manufactured("1995"), TODAY).notes)
    assert "not state registration" in notes
    assert "初度検査年月" in notes
    assert "manufacture date" in notes


@pytest.mark.parametrize(
    ("typed", "code", "warning"),
    [
        ("1998", "DA63T", "DA63T was built 2002–2013; 1998 falls outside"),
        ("H10.5", "DA63T", "DA63T was built 2002–2013; 1998 falls outside"),
        ("2010-04-01", "DA16T", "DA16T was built 2013–present; 2010 falls outside"),
        ("2010", "S100P", "(those years are unconfirmed)"),
        ("2005-03", "DA63T", None),
        ("1995", "DD51T", None),
        ("2013", "DA63T", None),
    ],
)
def test_model_generation_mismatch_is_warned(typed: str, code: str, warning: str | None) -> None:
    model = find_model(code)
    assert model is not None
    result = check_eligibility(parse_manufactured(typed), TODAY, model)
    assert result.model == model
    if warning is None:
        assert result.warnings == ()
    else:
        assert any(warning in w for w in result.warnings)


def test_pre_kei_build_year_is_warned_not_refused() -> None:
    result = check_eligibility(parse_manufactured("S20"), TODAY)
    assert result.eligible_now
    assert any("1949" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (date(2025, 6, 15), date(2025, 10, 18), "4 months, 3 days"),
        (date(2025, 6, 15), date(2025, 6, 15), "0 days"),
        (date(2025, 6, 15), date(2026, 6, 16), "1 year, 1 day"),
        (date(2025, 6, 15), date(2027, 8, 15), "2 years, 2 months"),
        (date(2025, 1, 31), date(2025, 2, 28), "1 month"),
        (date(2025, 1, 31), date(2025, 3, 1), "1 month, 1 day"),
        (date(2024, 2, 29), date(2025, 2, 28), "1 year"),
        (date(2025, 12, 31), date(2026, 1, 1), "1 day"),
    ],
)
def test_countdown_text(start: date, end: date, text: str) -> None:
    assert countdown_text(start, end) == text


def test_countdown_refuses_a_reversed_span() -> None:
    with pytest.raises(ValueError, match="before its start"):
        countdown_text(date(2025, 2, 1), date(2025, 1, 1))


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 1, 1)),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 1, 1)),
)
def test_calendar_span_matches_dateutil(first: date, second: date) -> None:
    start, end = sorted((first, second))
    span = calendar_span(start, end)
    expected = relativedelta(end, start)
    assert (span.years, span.months, span.days) == (
        expected.years,
        expected.months,
        expected.days,
    )


def test_today_is_the_date_where_the_us_day_begins_last() -> None:
    # 05:00 UTC on 1 June is still 31 May in Hawaii and American Samoa.
    assert us_today(datetime(2021, 6, 1, 5, 0, tzinfo=UTC)) == date(2021, 5, 31)
    assert us_today(datetime(2021, 6, 1, 12, 0, tzinfo=UTC)) == date(2021, 6, 1)
