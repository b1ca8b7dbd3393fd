"""The US 25-year import rule: when a kei truck built on a given date may enter without FMVSS.

Pure: dates in, dataclasses out. The counting rules follow the project's research notes
(kei-truck-facts.md §3b); where sources disagree we pick the conservative date and say so.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.dates import MONTH_NAMES, us_date
from bot.errors import UserError
from bot.invisible import shown_inert
from bot.japanese import with_digits
from bot.models import ModelLine, TruckModel

NHTSA_YEARS = 25
EPA_YEARS = 21
FIRST_KEI_DATE = date(1949, 7, 1)
# Anything older is a typo, not a truck: refuse rather than call it "eligible".
EARLIEST_YEAR = 1900
MAX_INPUT = 40

FORMATS_HINT = (
    "Try 1998-05-12, 5/12/1998, May 12 1998, May 1998, 1998, H10.5, H10.5.12 or 平成10年5月."
)


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class Era:
    name: str
    kanji: str
    offset: int  # Gregorian year = era year + offset
    starts: date
    ends: date | None  # None for the reigning era

    def describe_span(self) -> str:
        if self.ends is None:
            return f"{self.name} began on {self.starts:%Y-%m-%d}"
        return f"{self.name} ran from {self.starts:%Y-%m-%d} to {self.ends:%Y-%m-%d}"


SHOWA = Era("Shōwa", "昭和", 1925, date(1926, 12, 25), date(1989, 1, 7))
HEISEI = Era("Heisei", "平成", 1988, date(1989, 1, 8), date(2019, 4, 30))
REIWA = Era("Reiwa", "令和", 2018, date(2019, 5, 1), None)

_ERA_NAMES = {
    SHOWA: ("s", "昭和", "showa", "shōwa", "shouwa", "shoowa"),
    HEISEI: ("h", "平成", "heisei"),
    REIWA: ("r", "令和", "reiwa"),
}
_ERA_BY_NAME = {name: era for era, names in _ERA_NAMES.items() for name in names}

# After _clean(): separators are all ".", 年/月 became "." and whitespace is gone.
_WESTERN = re.compile(r"(?P<year>\d{4})(?:\.(?P<month>\d{1,2})(?:\.(?P<day>\d{1,2}))?)?")
_ERA_DATE = re.compile(
    r"(?P<era>[a-zō]+|昭和|平成|令和)\.?(?P<year>\d{1,2}|元)"
    r"(?:\.(?P<month>\d{1,2})(?:\.(?P<day>\d{1,2}))?)?"
)
# The year written last, as in the US: 11/30/2001 or 11/2001. A two-digit year could be either
# century, so it is not read at all.
_YEAR_LAST = re.compile(r"(?:(?P<first>\d{1,2})\.)?(?P<second>\d{1,2})\.(?P<year>\d{4})")
# Month names, after _words(): "nov 30 2001", "november 30th 2001", "30 nov 2001", "nov 2001".
# The year may be abbreviated with an apostrophe ("May '98"), which says it is a year.
_NAMED_MONTH = re.compile(
    r"(?:(?P<day_before>\d{1,2})(?:st|nd|rd|th)? )?(?P<month>[a-z]+) "
    r"(?:(?P<day_after>\d{1,2})(?:st|nd|rd|th)? )?(?P<year>\d{4}|'\d{2})"
)
# The year first, as a sheet's heading has it: "1998 may", "1998 may 12".
_YEAR_THEN_MONTH = re.compile(
    r"(?P<year>\d{4}) (?P<month>[a-z]+)(?: (?P<day_after>\d{1,2})(?:st|nd|rd|th)?)?"
)
# A year of two digits alone, after _words(): "'96" says it is a year; "96" is one only where it
# can be no day of a month and no year of another century (from the pivot on).
_SHORT_YEAR = re.compile(r"(?P<apostrophe>')?(?P<short>\d{2})")
# Hyphens and dashes that phones and word processors put for "-" (NFKC leaves them be).
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# A two-digit year: from '50 the 1900s (kei trucks began in 1949), before it the 2000s.
_CENTURY_PIVOT = 50
_MONTHS = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, 1)},
    "sept": 9,
}


@dataclass(frozen=True)
class ManufactureDate:
    """A build date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None
    reading: str = ""  # how an era or a month/day order was read; "" when nothing to explain
    # The months a date known only to the year can be in: an era year that began or ended
    # in it (Shōwa 64 was January 1-7, 1989) has fewer than twelve.
    earliest_month: int = 1
    latest_month: int = 12

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or self.earliest_month, self.day or 1)

    @property
    def last_day(self) -> date:
        if self.day is not None:
            return self.first_day
        month = self.month or self.latest_month
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def text(self) -> str:
        """As a US reader writes it, at the known precision: May 12, 1998, May 1998 or 1998."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return _month_year(self.first_day)
        return us_date(self.first_day)


@dataclass(frozen=True)
class CalendarSpan:
    years: int
    months: int
    days: int

    @property
    def text(self) -> str:
        """Like "1 year, 4 months, 3 days"; zero parts are left out, an empty span is "0 days"."""
        parts = [
            _plural(value, unit)
            for value, unit in ((self.years, "year"), (self.months, "month"), (self.days, "day"))
            if value
        ]
        return ", ".join(parts) or "0 days"


@dataclass(frozen=True)
class Eligibility:
    manufactured: ManufactureDate
    today: date
    eligible_on: date  # first day the 25-year exemption applies (conservative reading)
    eligible_now: bool
    days_until: int  # 0 once eligible
    until: CalendarSpan | None  # None once eligible
    since: CalendarSpan | None  # how long it has been eligible; None while waiting
    alternative_on: date | None  # the earliest date under a more lenient reading, if any
    alternative: str  # why that other date exists, "" when there is none
    epa_from: date  # 1 January of the first import year the EPA 21-year exemption allows
    epa_eligible_now: bool
    epa_until: CalendarSpan | None  # None once the EPA exemption applies
    explanation: tuple[str, ...]  # how eligible_on was counted, in order
    warnings: tuple[str, ...]  # things that look wrong in what the member gave us
    # The date falls outside the years the model was built: the answer may be about another truck.
    outside_model_years: bool
    notes: tuple[str, ...]  # standing caveats: EPA, which date to use, state registration
    model: TruckModel | None
    counted_from: date  # the day until, since and epa_until are counted from


# The US date that is latest to turn over (American Samoa, UTC−11): "eligible now" is said only
# once the day has begun everywhere in the US, so no member hears it a few hours early.
WESTERNMOST_US_ZONE = ZoneInfo("Pacific/Pago_Pago")


def us_today(now: datetime) -> date:
    """Today's date where it is earliest in the US, for a cautious "eligible now"."""
    return now.astimezone(WESTERNMOST_US_ZONE).date()


# Eastern and Central time hold most US members, so the date in Central time is, at any instant,
# the date most of them have: countdowns are counted from it, to agree with their calendars.
MOST_MEMBERS_ZONE = ZoneInfo("America/Chicago")


def members_today(now: datetime) -> date:
    """Today's date for most US members: the day a countdown is read from."""
    return now.astimezone(MOST_MEMBERS_ZONE).date()


# The date that is first to turn over where members are counted for (Puerto Rico, UTC−4): from
# there to American Samoa the US spans 7 hours, so a second count is given for 7 hours a day, in
# the American night. Guam and the Northern Marianas, across the date line, are left out: a day
# ahead of the states for most of the day, they would put a second count in nearly every answer.
EASTERNMOST_US_ZONE = ZoneInfo("America/Puerto_Rico")


def us_dates(now: datetime) -> tuple[date, ...]:
    """The dates it is in the US at `now`: most members' first (`members_today`), then the other
    one when the US is on two, so that a countdown can be given for members on either."""
    most = members_today(now)
    other = {us_today(now), now.astimezone(EASTERNMOST_US_ZONE).date()} - {most}
    return (most, *other)


def begun_everywhere_in_us(day: date) -> datetime:
    """The instant (UTC) from which `day` is `us_today`: midnight in American Samoa."""
    return datetime.combine(day, time(), tzinfo=WESTERNMOST_US_ZONE).astimezone(UTC)


def parse_manufactured(text: str) -> ManufactureDate:
    """Read a build date as members write it (ISO, US, month names, Japanese eras); refuse
    anything that is not a real date."""
    if len(text) > MAX_INPUT:
        raise UserError(f"That date is too long to be a date. {FORMATS_HINT}")
    cleaned = _clean(text)
    if not cleaned:
        raise UserError(f"Give the truck's manufacture date. {FORMATS_HINT}")
    if match := _WESTERN.fullmatch(cleaned):
        year = _gregorian_year(match["year"])
        return _checked_date(text, year, match["month"], match["day"])
    if match := _SHORT_YEAR.fullmatch(_words(text)):
        return _from_short_year(text, match)
    if (match := _ERA_DATE.fullmatch(cleaned)) and match["era"] in _ERA_BY_NAME:
        return _from_era(text, _ERA_BY_NAME[match["era"]], match)
    if match := _YEAR_LAST.fullmatch(cleaned):
        return _from_year_last(text, match)
    words = _words(text)
    for named in (_NAMED_MONTH, _YEAR_THEN_MONTH):
        if (match := named.fullmatch(words)) and match["month"] in _MONTHS:
            return _from_named_month(text, match)
    raise UserError(f"I can't read {_typed(text)} as a date. {FORMATS_HINT}")


def era_date(text: str) -> ManufactureDate | None:
    """The date `text` writes in a Japanese era (H13.5, 平成13年5月, R2), as `parse_manufactured`
    reads it; None when it is no era date, or not a real one, so other readings can be tried."""
    match = _ERA_DATE.fullmatch(_clean(text)) if len(text) <= MAX_INPUT else None
    if match is None or match["era"] not in _ERA_BY_NAME:
        return None
    try:
        return _from_era(text, _ERA_BY_NAME[match["era"]], match)
    except UserError:
        return None


def check_eligibility(
    manufactured: ManufactureDate,
    today: date,
    model: TruckModel | None = None,
    *,
    counted_from: date | None = None,
) -> Eligibility:
    """When the truck reaches 25 years for the NHTSA exemption, and how that was counted.

    `today` decides the verdicts; `counted_from` (one of `us_dates`, at most a day after
    `today`) is the day the spans are counted from, so "in 1 month, 4 days — on December 30"
    adds up on the calendar of the members on that date: most are a day ahead of `today` for
    hours, while the rest of the US is not."""
    # `today` is the US date where the day begins last; the rest of the US is at most a day
    # ahead of it, so a date after that is in the future for every member. None is named as
    # today: for hours, `today` is a day behind most members' own.
    if manufactured.first_day > today + timedelta(days=1):
        raise UserError(f"{manufactured.text} is in the future; give the date the truck was built.")
    eligible_on, explanation, alternative_on, alternative = _count(manufactured)
    if manufactured.reading:
        explanation = (manufactured.reading, *explanation)
    eligible_now = today >= eligible_on
    counted_from = counted_from or today
    epa_from = date(manufactured.year + EPA_YEARS, 1, 1)
    epa_eligible_now = today >= epa_from
    return Eligibility(
        manufactured=manufactured,
        today=today,
        eligible_on=eligible_on,
        eligible_now=eligible_now,
        days_until=max(0, (eligible_on - today).days),
        until=None if eligible_now else calendar_span(counted_from, eligible_on),
        since=calendar_span(eligible_on, counted_from) if eligible_now else None,
        alternative_on=alternative_on,
        alternative=alternative,
        epa_from=epa_from,
        epa_eligible_now=epa_eligible_now,
        epa_until=None if epa_eligible_now else calendar_span(counted_from, epa_from),
        explanation=explanation,
        warnings=_warnings(manufactured),
        outside_model_years=model is not None and not model.built_in(manufactured.year),
        notes=_notes(manufactured),
        model=model,
        counted_from=counted_from,
    )


def calendar_span(start: date, end: date) -> CalendarSpan:
    """Whole years, months and days from `start` to `end`, counting months on the calendar
    (31 Jan + 1 month is 28/29 Feb, as people count)."""
    if end < start:
        raise ValueError(f"span end {end} is before its start {start}")
    months = (end.year - start.year) * 12 + end.month - start.month
    if _add_months(start, months) > end:
        months -= 1
    days = (end - _add_months(start, months)).days
    return CalendarSpan(years=months // 12, months=months % 12, days=days)


def _typed(text: str) -> str:
    """What the member typed, quoted in a refusal: what would turn round the rest of it is
    written out (`shown_inert`)."""
    return f"“{shown_inert(text.strip())}”"


def _clean(text: str) -> str:
    folded = with_digits(unicodedata.normalize("NFKC", text).casefold())
    folded = re.sub(r"\s+", "", folded.replace("日", ""))
    folded = re.sub(rf"[年月/\-{_DASHES}]", ".", folded)
    return folded.strip(".")


def _month_year(day: date) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def _words(text: str) -> str:
    """Lower-case words and numbers separated by single spaces: "Nov. 30, 2001" -> "nov 30 2001"."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = re.sub("[\u2018\u2019\u02bc]", "'", folded)  # curly apostrophes: "May ’98"
    return " ".join(re.split(rf"[\s,./\-{_DASHES}]+", folded)).strip()


def _gregorian_year(digits: str) -> int:
    year = int(digits)
    if year < EARLIEST_YEAR:
        raise UserError(f"{year} is too early to be a kei truck's build year. {FORMATS_HINT}")
    return year


def _from_year_last(text: str, match: re.Match[str]) -> ManufactureDate:
    year = _gregorian_year(match["year"])
    if match["first"] is None:
        return _checked_date(text, year, match["second"], None)
    first, second = int(match["first"]), int(match["second"])
    typed = f"{match['first']}/{match['second']}/{match['year']}"
    if first > 12:  # 30/11/2001 can only be day first
        built = _checked_date(text, year, match["second"], match["first"])
        reading = f"Read {typed} as day/month/year, since {first} cannot be a month: {built.text}."
    else:
        built = _checked_date(text, year, match["first"], match["second"])
        # When either number could be the month, show which we took, so a mistake is visible.
        ambiguous = second <= 12 and first != second
        reading = (
            f"Read {typed} as month/day/year, the US order: {built.text}." if ambiguous else ""
        )
    return replace(built, reading=reading)


def _from_named_month(text: str, match: re.Match[str]) -> ManufactureDate:
    parts = match.groupdict()
    if parts.get("day_before") and parts["day_after"]:
        raise UserError(f"I can't read {_typed(text)} as a date. {FORMATS_HINT}")
    day = parts.get("day_before") or parts["day_after"]
    typed_year, reading = match["year"], ""
    if typed_year.startswith("'"):
        year = _century_year(typed_year[1:])
        reading = f"Read {typed_year} as {year}."
    else:
        year = _gregorian_year(typed_year)
    return _checked_date(text, year, str(_MONTHS[match["month"]]), day, reading=reading)


def _from_short_year(text: str, match: re.Match[str]) -> ManufactureDate:
    """A model year of two digits alone ("'96", "96"), as alerts read it: a bare year's date."""
    short = match["short"]
    if not match["apostrophe"] and int(short) < _CENTURY_PIVOT:
        raise UserError(
            f"I can't tell which year “{short}” is: type '{short} for {_century_year(short)}, "
            f"or the whole year. {FORMATS_HINT}"
        )
    year = _century_year(short)
    return _checked_date(text, year, None, None, reading=f"Read {match[0]} as {year}.")


def _century_year(short: str) -> int:
    """The year two digits name: from the pivot on the 1900s, before it the 2000s."""
    return int(short) + (1900 if int(short) >= _CENTURY_PIVOT else 2000)


def _from_era(text: str, era: Era, match: re.Match[str]) -> ManufactureDate:
    era_year = 1 if match["year"] == "元" else int(match["year"])
    year = era_year + era.offset
    reading = (
        f"{era.name} {era_year} ({era.kanji}{'元' if era_year == 1 else era_year}年) is {year}"
    )
    # Year 1 is its own answer; for later years, the era's first year shows how we counted.
    reading += "." if era_year == 1 else f": {era.name} 1 was {era.offset + 1}."
    built = _checked_date(text, year, match["month"], match["day"], reading=reading)
    ends = era.ends or date.max
    if era_year < 1 or built.last_day < era.starts or built.first_day > ends:
        raise UserError(f"{_typed(text)} is outside the {era.name} era: {era.describe_span()}.")
    if built.month is None:
        return replace(
            built,
            earliest_month=era.starts.month if era.starts.year == year else 1,
            latest_month=ends.month if ends.year == year else 12,
        )
    return built


def _checked_date(
    text: str, year: int, month: str | None, day: str | None, *, reading: str = ""
) -> ManufactureDate:
    month_number = int(month) if month else None
    day_number = int(day) if day else None
    # `or 1` stands in for an unknown part, so a typed 0 has to be caught separately.
    if 0 in (month_number, day_number) or not _is_real_date(year, month_number, day_number):
        raise UserError(f"{_typed(text)} is not a real calendar date. {FORMATS_HINT}")
    return ManufactureDate(year, month_number, day_number, reading)


def _is_real_date(year: int, month: int | None, day: int | None) -> bool:
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return False
    return True


def _count(built: ManufactureDate) -> tuple[date, tuple[str, ...], date | None, str]:
    if built.precision is Precision.DAY:
        return _count_from_day(built.first_day)
    if built.precision is Precision.MONTH:
        return _count_from_month(built.first_day)
    return _count_from_year(built)


def _count_from_day(built: date) -> tuple[date, tuple[str, ...], date | None, str]:
    target_year = built.year + NHTSA_YEARS
    if (built.month, built.day) == (2, 29) and not calendar.isleap(target_year):
        eligible = date(target_year, 3, 1)
        lines = (
            f"Built {us_date(built)}, a February 29. {target_year} has no February 29, so we "
            f"count the anniversary as {us_date(eligible)}.",
            "Using March 1 is this bot's cautious convention, not a published rule.",
        )
        return eligible, lines, None, ""
    eligible = built.replace(year=target_year)
    lines = (
        f"Built {us_date(built)}: the 25 years run from the manufacture date itself, so the "
        f"exemption applies from the same day {NHTSA_YEARS} years later, {us_date(eligible)}.",
    )
    return eligible, lines, None, ""


def _count_from_month(built: date) -> tuple[date, tuple[str, ...], date | None, str]:
    anniversary_month = date(built.year + NHTSA_YEARS, built.month, 1)
    eligible = _add_months(anniversary_month, 1)
    lines = (
        f"Only the month is known ({_month_year(built)}). Sources disagree on how to count "
        "that, so we use the cautious reading: eligible from the first day of the month after "
        f"the 25th-anniversary month, {us_date(eligible)}.",
    )
    alternative = (
        f"Some brokers accept the anniversary month itself, from {us_date(anniversary_month)}. "
        "Ask yours before booking shipping."
    )
    return eligible, lines, anniversary_month, alternative


def _count_from_year(built: ManufactureDate) -> tuple[date, tuple[str, ...], date | None, str]:
    year, latest = built.year, built.last_day
    eligible = _add_months(date(year + NHTSA_YEARS, latest.month, 1), 1)
    earliest = date(year + NHTSA_YEARS, built.first_day.month, 1)
    # An era that ended or began that year (the reading names it) bounds the months.
    ended = " (the era ended then)" if latest.month < 12 else ""
    lines = (
        f"Only the year is known ({year}), so we assume the latest possible build month, "
        f"{_month_year(latest)}{ended}: eligible from {us_date(eligible)}.",
    )
    first = built.first_day
    when = (
        f"early in {year}" if first.month == 1 else f"in {_month_year(first)} (the era began then)"
    )
    alternative = (
        f"If it was built {when} it could qualify from as soon as {us_date(earliest)}. Find the "
        "month of manufacture (製造年月) to narrow it down."
    )
    return eligible, lines, earliest, alternative


def _warnings(built: ManufactureDate) -> tuple[str, ...]:
    if built.last_day < FIRST_KEI_DATE:
        return (
            f"{built.text} is before the kei class began in July 1949. "
            "Check the year, or the era letter if you converted one (S, H, R).",
        )
    return ()


def _notes(built: ManufactureDate) -> tuple[str, ...]:
    """The caveats every answer carries, one line each: they repeat in every answer, so each
    says its fact and no more."""
    epa_year = built.year + EPA_YEARS
    return (
        f"EPA counts calendar years: importing in {epa_year} or later gets code E on form "
        "3520-1 if the truck is unmodified, on its original engine or an equivalent or newer "
        "EPA-certified one.",
        "Count from the manufacture date (製造年月), not 年式 (nenshiki, model year) or the "
        "first registration or inspection date (初度登録年月, 初度検査年月), which can be later: "
        "from those, the date above is the latest.",
        "Kei trucks rarely carry a US-style build label: keep papers proving the manufacture date.",
        "Federal import eligibility is not state registration: some states refuse kei trucks. "
        "Check your DMV.",
    )


def _add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months, clamped to the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def which_code(line: ModelLine, typed: str, year: int | None) -> UserError:
    """The question for a member who named a model line where a code goes: its codes with their
    years, those built in `year` marked, to find the one on their papers."""
    codes = [
        f"• {model.code} {model.years}"
        + (" (unconfirmed)" if model.unverified else "")
        + (f" — built in {year}" if year is not None and model.built_in(year) else "")
        for model in line.codes
    ]
    return UserError(
        f"{_typed(typed)} names the {line.name}, built under these codes: which is on your "
        "papers (型式 on the 車検証)? Give it as `model`, or leave `model` out.\n"
        + "\n".join(codes)
    )
