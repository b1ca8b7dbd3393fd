from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from bot.eligibility import (
    FORMATS_HINT,
    Precision,
    calendar_span,
    check_eligibility,
    members_today,
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
    # `built` is ISO at the known precision: 1998-05-12, 1998-05 or 1998.
    known = manufactured.first_day.isoformat()[: len(built)]
    assert (known, manufactured.precision) == (built, precision)
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


@pytest.mark.parametrize("typed", ["2025-06-17", "2025-07", "2026", "R8"])
def test_future_build_dates_are_refused(typed: str) -> None:
    # No date is named as "today": the US's is counted where it begins last, a day behind most
    # members' own for hours.
    with pytest.raises(UserError) as refused:
        check_eligibility(parse_manufactured(typed), TODAY)
    assert str(refused.value).endswith(" is in the future; give the date the truck was built.")


def test_a_date_that_has_begun_somewhere_in_the_us_is_no_future_date() -> None:
    # TODAY is the date where the US day begins last; a day later has begun in the rest of it.
    tomorrow = check_eligibility(parse_manufactured("2025-06-16"), TODAY)
    assert not tomorrow.eligible_now
    assert tomorrow.eligible_on == date(2050, 6, 16)


def test_this_month_and_this_year_are_not_future() -> None:
    assert not check_eligibility(parse_manufactured("2025-06"), TODAY).eligible_now
    assert not check_eligibility(parse_manufactured("2025"), TODAY).eligible_now


def test_leap_day_explains_the_march_convention() -> None:
    result = check_eligibility(parse_manufactured("2000-02-29"), TODAY)
    text = " ".join(result.explanation)
    assert "March 1, 2025" in text
    assert "convention" in text
    assert result.alternative_on is None


def test_month_only_offers_the_anniversary_month_as_the_other_reading() -> None:
    result = check_eligibility(parse_manufactured("2000-06"), TODAY)
    assert result.eligible_on == date(2025, 7, 1)
    assert result.alternative_on == date(2025, 6, 1)
    assert "June 1, 2025" in result.alternative
    assert "brokers" in result.alternative


def test_year_only_assumes_december_and_names_the_earliest_date() -> None:
    result = check_eligibility(parse_manufactured("1999"), TODAY)
    assert "December 1999" in result.explanation[0]
    assert result.alternative_on == date(2024, 1, 1)
    assert "製造年月" in result.alternative


def test_era_dates_explain_their_conversion_first() -> None:
    result = check_eligibility(parse_manufactured("平成元年5月"), TODAY)
    assert result.explanation[0].startswith("Heisei 1 (平成元年) is 1989")
    assert "Shōwa 63 (昭和63年) is 1988" in parse_manufactured("S63").reading
    assert parse_manufactured("1988").reading == ""


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
    ("typed", "code", "outside"),
    [
        ("1998", "DA63T", True),
        ("H10.5", "DA63T", True),
        ("2010-04-01", "DA16T", True),
        ("2010", "S100P", True),
        ("2005-03", "DA63T", False),
        ("1995", "DD51T", False),
        ("2013", "DA63T", False),
    ],
)
def test_model_generation_mismatch_is_flagged(typed: str, code: str, outside: bool) -> None:
    model = find_model(code)
    assert model is not None
    result = check_eligibility(parse_manufactured(typed), TODAY, model)
    assert result.model == model
    assert result.outside_model_years is outside


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
def test_calendar_span_text(start: date, end: date, text: str) -> None:
    assert calendar_span(start, end).text == text


def test_countdown_refuses_a_reversed_span() -> None:
    with pytest.raises(ValueError, match="before its start"):
        calendar_span(date(2025, 2, 1), date(2025, 1, 1))


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


def test_spans_count_from_the_day_most_members_have_and_verdicts_from_samoa() -> None:
    # 08:00 UTC on 26 November: 2 am in Central time, still 25 November in American Samoa.
    now = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    assert members_today(now) == date(2026, 11, 26)
    built = parse_manufactured("2001-11-26")
    waiting = check_eligibility(built, us_today(now), counted_from=members_today(now))
    assert not waiting.eligible_now  # not yet the 26th everywhere in the US
    assert waiting.days_until == 1
    later = check_eligibility(
        parse_manufactured("2001-12-30"), us_today(now), counted_from=members_today(now)
    )
    assert later.until == calendar_span(date(2026, 11, 26), date(2026, 12, 30))
    assert later.until.text == "1 month, 4 days"
    assert check_eligibility(parse_manufactured("2001-12-30"), us_today(now)).until == (
        calendar_span(date(2026, 11, 25), date(2026, 12, 30))
    )


@pytest.mark.parametrize(
    ("typed", "built", "precision"),
    [
        ("11/30/2001", (2001, 11, 30), Precision.DAY),
        ("11-30-2001", (2001, 11, 30), Precision.DAY),
        ("5/2/1998", (1998, 5, 2), Precision.DAY),
        ("12/05/1998", (1998, 12, 5), Precision.DAY),  # ambiguous: month first, as in the US
        ("30/11/2001", (2001, 11, 30), Precision.DAY),  # 30 cannot be a month
        ("11/2001", (2001, 11, None), Precision.MONTH),
        ("Nov 2001", (2001, 11, None), Precision.MONTH),
        ("november 2001", (2001, 11, None), Precision.MONTH),
        ("Sept. 1999", (1999, 9, None), Precision.MONTH),
        ("November 30, 2001", (2001, 11, 30), Precision.DAY),
        ("Nov 30 2001", (2001, 11, 30), Precision.DAY),
        ("Nov. 30th, 2001", (2001, 11, 30), Precision.DAY),
        ("30 Nov 2001", (2001, 11, 30), Precision.DAY),
        ("1st March 1999", (1999, 3, 1), Precision.DAY),
        ("30-Nov-2001", (2001, 11, 30), Precision.DAY),
        # Dashes a phone or a word processor puts in: the Unicode hyphen, en and em dashes.
        ("1998\u201005\u201012", (1998, 5, 12), Precision.DAY),
        ("1998\u201305", (1998, 5, None), Precision.MONTH),
        ("5\u201412\u20141998", (1998, 5, 12), Precision.DAY),
        ("30\u2013Nov\u20132001", (2001, 11, 30), Precision.DAY),
        # The year first, then the month's name, as in a sheet's heading.
        ("1998 May", (1998, 5, None), Precision.MONTH),
        ("1998 May 12", (1998, 5, 12), Precision.DAY),
        # A year abbreviated with an apostrophe, straight or curly.
        ("May '98", (1998, 5, None), Precision.MONTH),
        ("May \u201998", (1998, 5, None), Precision.MONTH),
        ("May 12, '98", (1998, 5, 12), Precision.DAY),
        ("Jan '03", (2003, 1, None), Precision.MONTH),
    ],
)
def test_us_forms_members_type(
    typed: str, built: tuple[int, int | None, int | None], precision: Precision
) -> None:
    manufactured = parse_manufactured(typed)
    assert (manufactured.year, manufactured.month, manufactured.day) == built
    assert manufactured.precision is precision


@pytest.mark.parametrize(
    ("typed", "complaint"),
    [
        ("11/30/01", "can't read"),  # a two-digit year could be either century
        ("13/13/2001", "not a real calendar date"),
        ("Nov 31 2001", "not a real calendar date"),
        ("13/2001", "not a real calendar date"),
        ("Smarch 2001", "can't read"),
        ("30 Nov 12 2001", "can't read"),
        ("Nov 1850", "too early"),
        ("1/1/1850", "too early"),
        ("May 98", "can't read"),  # no apostrophe: perhaps a day, not a year
        ("1998 Smarch", "can't read"),
    ],
)
def test_bad_us_forms_are_refused(typed: str, complaint: str) -> None:
    with pytest.raises(UserError, match=complaint):
        parse_manufactured(typed)


def test_an_ambiguous_numeric_date_says_how_it_was_read() -> None:
    result = check_eligibility(parse_manufactured("12/05/1998"), TODAY)
    assert result.explanation[0] == (
        "Read 12/05/1998 as month/day/year, the US order: December 5, 1998."
    )
    day_first = parse_manufactured("30/11/2001").reading
    assert day_first == "Read 30/11/2001 as day/month/year, since 30 cannot be a month: " + (
        "November 30, 2001."
    )
    # Nothing to misread: no note.
    assert parse_manufactured("11/30/2001").reading == ""
    assert parse_manufactured("5/5/2001").reading == ""


@pytest.mark.parametrize(
    ("typed", "reading"),
    [
        ("R1.5", "Reiwa 1 (令和元年) is 2019."),
        ("平成元年", "Heisei 1 (平成元年) is 1989."),
        ("H10", "Heisei 10 (平成10年) is 1998: Heisei 1 was 1989."),
    ],
)
def test_era_reading_says_the_year_once(typed: str, reading: str) -> None:
    assert parse_manufactured(typed).reading == reading


def test_dates_in_the_explanation_read_as_us_dates() -> None:
    result = check_eligibility(parse_manufactured("2000-05"), TODAY)
    assert "Only the month is known (May 2000)" in result.explanation[0]
    assert "June 1, 2025" in result.explanation[0]
    assert "May 1, 2025" in result.alternative


def test_time_since_eligibility_counts_days_like_the_countdown() -> None:
    on_the_day = check_eligibility(parse_manufactured("2001-11-30"), date(2026, 11, 30))
    assert on_the_day.eligible_now
    assert on_the_day.since is not None
    assert on_the_day.since.text == "0 days"
    later = check_eligibility(parse_manufactured("1998-05-12"), TODAY)
    assert later.since is not None
    assert later.since.text == "2 years, 1 month, 3 days"
    waiting = check_eligibility(parse_manufactured("2000-06-16"), TODAY)
    assert waiting.since is None
    epa_ahead = check_eligibility(parse_manufactured("2010-03-01"), TODAY)
    assert epa_ahead.epa_until is not None
    assert epa_ahead.epa_until.text == "5 years, 6 months, 17 days"
    assert waiting.epa_until is None


def test_a_date_outside_the_models_years_is_its_own_warning() -> None:
    model = find_model("DA63T")
    assert model is not None
    result = check_eligibility(parse_manufactured("1995"), TODAY, model)
    assert result.outside_model_years
    assert result.warnings == ()  # said once, by the headline, not again in the warnings
    fits = check_eligibility(parse_manufactured("2005"), TODAY, model)
    assert not fits.outside_model_years
    assert not check_eligibility(parse_manufactured("1995"), TODAY).outside_model_years


@pytest.mark.parametrize(
    ("typed", "eligible_on", "alternative_on", "latest"),
    [
        # Shōwa 64 was January 1-7, 1989: no truck of that year was built later than January.
        ("S64", date(2014, 2, 1), date(2014, 1, 1), "January 1989"),
        ("昭和64年", date(2014, 2, 1), date(2014, 1, 1), "January 1989"),
        # Heisei 31 ended on April 30, 2019; Reiwa 1 began on May 1, 2019.
        ("H31", date(2044, 5, 1), date(2044, 1, 1), "April 2019"),
        ("R1", date(2045, 1, 1), date(2044, 5, 1), "December 2019"),
        ("令和元年", date(2045, 1, 1), date(2044, 5, 1), "December 2019"),
        # Shōwa 1 was the last week of 1926.
        ("S1", date(1952, 1, 1), date(1951, 12, 1), "December 1926"),
    ],
)
def test_an_era_year_counts_only_the_months_of_that_year_inside_the_era(
    typed: str, eligible_on: date, alternative_on: date, latest: str
) -> None:
    result = check_eligibility(parse_manufactured(typed), TODAY)
    assert result.eligible_on == eligible_on
    assert result.alternative_on == alternative_on
    assert f"latest possible build month, {latest}" in " ".join(result.explanation)


def test_a_year_abbreviated_with_an_apostrophe_says_which_century_it_was_read_in() -> None:
    result = check_eligibility(parse_manufactured("May '98"), TODAY)
    assert result.explanation[0] == "Read '98 as 1998."


@pytest.mark.parametrize(
    ("typed", "year"), [("'96", 1996), ("\u201996", 1996), ("96", 1996), ("'05", 2005)]
)
def test_a_two_digit_year_alone_is_the_model_year_as_alerts_read_it(typed: str, year: int) -> None:
    alone = check_eligibility(parse_manufactured(f"{year}"), TODAY)
    result = check_eligibility(parse_manufactured(typed), TODAY)
    short = typed.replace("\u2019", "'")
    assert result.explanation == (f"Read {short} as {year}.", *alone.explanation)
    assert (result.eligible_on, result.alternative_on) == (alone.eligible_on, alone.alternative_on)


@pytest.mark.parametrize("typed", ["05", "12", "49"])
def test_two_digits_alone_that_could_be_a_day_or_either_century_are_asked_about(
    typed: str,
) -> None:
    with pytest.raises(UserError) as refused:
        parse_manufactured(typed)
    assert str(refused.value) == (
        f"I can't tell which year “{typed}” is: type '{typed} for 20{typed}, or the whole "
        f"year. {FORMATS_HINT}"
    )
