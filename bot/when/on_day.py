"""The date a typed time falls on: the day named (a weekday the coming one, or today's while
its time is ahead), rolled forward where the rules say so, and what to say of a date
without a year refused as passed."""

from __future__ import annotations

import calendar as calendar_names
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, tzinfo

from dateutil.relativedelta import relativedelta

from bot.dates import clock_text
from bot.errors import UserError
from bot.when.changes import at, latest
from bot.when.clock import Clock
from bot.when.days import FAR_MATCH, WEEKDAYS, Day, DaysAhead, NextWeek, Weekday
from bot.when.halves import retyped, typed_in, with_half
from bot.when.holidays import names_holiday
from bot.when.japanese import names_weekday, with_weekday
from bot.when.notes import ordinal
from bot.when.span import twelve_hour
from bot.when.words import any_of
from bot.when.written import WrittenDate

JUST_PASSED = timedelta(days=60)  # a date without a year gone this recently is refused
_WEEKDAY_NAMED = re.compile(rf"(?<!\w)(?:{any_of(WEEKDAYS)})(?!\w)", re.I)


class RetypedRefusal(UserError):
    """A refusal offering the member's own text written anew, with the time as typed: a day
    typed without a time, read with an example hour, is offered without it."""


def on_day(
    now: datetime,
    day: DaysAhead | Weekday | NextWeek | None,
    calendar: WrittenDate | None,
    clock: Clock,
    tz: tzinfo,
    text: str,
) -> datetime:
    """The local time of `clock` on the day named in `text`, rolled forward where the rules
    say so."""
    today = now.astimezone(tz).date()
    if isinstance(day, NextWeek):
        if calendar is not None:
            raise UserError(f"“{day.typed}” and a date name two days; give one.")
        return at(in_next_week(today, day), clock, tz)
    if isinstance(day, DaysAhead):
        if calendar is not None:
            raise UserError(f"“{day.typed}” and a date name two days; give one.")
        return at(today + timedelta(days=day.days), clock, tz)
    if calendar is not None and calendar.month is None:
        weekday = day.weekday if isinstance(day, Weekday) else None
        matched = _on_monthday(now, today, calendar.day, weekday, clock, tz)
        if isinstance(day, Weekday) and matched - today > FAR_MATCH:
            _refuse_far_match(now, day, calendar.day, matched, clock, tz, text)
        return at(matched, clock, tz)
    if calendar is not None:
        weekday = day.weekday if isinstance(day, Weekday) else None
        named = _on_date(now, today, calendar, clock, tz, weekday, text)
        if isinstance(day, Weekday) and named.weekday() != day.weekday:
            mismatch = (
                f"{named:%B} {named.day}, {named.year} is a {named:%A}, "
                f"not a {calendar_names.day_name[day.weekday]}"
            )
            if named < today:
                # Naming the weekday nearest a date gone would offer another day gone: the
                # next one is offered instead.
                hint = next_year_hint(at(named, clock, tz), calendar, text)
                raise RetypedRefusal(f"{mismatch}, and has passed.{hint}")
            # The weekday named nearest the date: the one a member most likely meant; a week
            # on when it is gone, as the date named may be (today's, its hour passed).
            meant = named + timedelta(days=(day.weekday - named.weekday() + 3) % 7 - 3)
            meant = first_ahead(now, [meant, meant + timedelta(weeks=1)], clock, tz)
            on_named, on_meant = (
                _retyped_on(text, calendar, _offered_date(now, calendar, on, clock, tz), on)
                for on in (named, meant)
            )
            if latest(named, clock, tz) <= now:
                raise RetypedRefusal(
                    f"{mismatch}, and has passed. For {meant:%A %B} {meant.day}, write {on_meant}."
                )
            raise RetypedRefusal(
                f"{mismatch}: for {named:%A %B} {named.day} write {on_named}, "
                f"for {meant:%A %B} {meant.day} write {on_meant}."
            )
        return at(named, clock, tz)
    if isinstance(day, Weekday):
        return on_weekday(now, day, clock, tz, text)
    return at(first_ahead(now, [today, today + timedelta(days=1)], clock, tz), clock, tz)


def beside_date(
    day: Day | None, near: date, now: datetime, clock: Clock | None, tz: tzinfo
) -> WrittenDate | None:
    """A weekday named alone ("sat", not "next sat" nor "this sat"), in an edit of the date
    `near`, as the date of that weekday nearest it (three days either way): "sat" keeps a
    Saturday weeks ahead where it is, and "sun" moves it a day on, where the next Saturday from
    today would pull it to tomorrow. None for any other day named; its note says the rule, and
    names the coming one at `clock` still ahead (today's only while its time is)."""
    if not isinstance(day, Weekday) or day.weeks_later or day.this or day.evening:
        return None
    meant = near + timedelta(days=(day.weekday - near.weekday() + 3) % 7 - 3)
    coming = now.astimezone(tz).date() + relativedelta(weekday=day.weekday)
    if clock is not None:
        coming = first_ahead(now, [coming, coming + timedelta(weeks=1)], clock, tz)
    if coming == meant:  # read as it would be from today: nothing to point out
        return WrittenDate(meant.month, meant.day, meant.year, typed=day.typed)
    name = calendar_names.day_name[day.weekday]
    if meant == near:
        read = f"“{day.typed}” read as the date's own day, {meant:%A %B} {meant.day}"
    else:
        read = (
            f"“{day.typed}” read as {meant:%A %B} {meant.day}, the {name} nearest the date "
            f"moved ({near:%A %B} {near.day})"
        )
    coming_typed = f"{f'{coming:%b}'.casefold()} {coming.day}"
    note = f"{read}; for the coming {name}, {coming:%B} {coming.day}, write {coming_typed}."
    return WrittenDate(meant.month, meant.day, meant.year, (note,), typed=day.typed)


def _refuse_far_match(
    now: datetime, day: Weekday, monthday: int, matched: date, clock: Clock, tz: tzinfo, text: str
) -> None:
    """Refuse a weekday and a day of the month that agree only months away ("sat the 11th"
    when the 11th is a Friday): the member most likely slipped on one of them, so both near
    readings are offered, in their own words. Friday the 13th is meant however far it is."""
    if (day.weekday, monthday) == (4, 13):
        return
    plain = _on_monthday(now, now.astimezone(tz).date(), monthday, None, clock, tz)
    meant = plain + timedelta(days=(day.weekday - plain.weekday() + 3) % 7 - 3)
    typed_weekday = day.typed.split()[-1]
    other_weekday = f"{plain:%A}".casefold()
    on_plain = retyped(text, typed_weekday, other_weekday[: 3 if len(typed_weekday) <= 4 else 9])
    typed_day = ordinal(monthday)
    on_meant = (
        retyped(text, typed_day, ordinal(meant.day))
        if re.search(rf"(?<!\d){typed_day}\b", text, re.I)
        else f"{f'{meant:%b}'.casefold()} {meant.day} with the time"
    )
    name = calendar_names.day_name[day.weekday]
    raise UserError(
        f"The next {name} the {typed_day} is {matched:%B} {matched.day}, {matched.year}, months "
        f"away: {plain:%B} {plain.day} is a {plain:%A}. For {plain:%A %B} {plain.day}, write "
        f"{on_plain}; for {meant:%A %B} {meant.day}, write {on_meant}."
    )


def _on_monthday(
    now: datetime, today: date, monthday: int, weekday: int | None, clock: Clock, tz: tzinfo
) -> date:
    """The next `monthday` still ahead in a month that has it (falling on `weekday`, when one
    was named: "friday the 13th")."""
    months = (today.replace(day=1) + relativedelta(months=n) for n in range(25))
    days = [
        month.replace(day=monthday)
        for month in months
        if monthday <= calendar_names.monthrange(month.year, month.month)[1]
        and (weekday is None or month.replace(day=monthday).weekday() == weekday)
    ]
    if not days:
        named = calendar_names.day_name[weekday or 0]
        raise UserError(f"No {named} falls on the {ordinal(monthday)} in the next 2 years.")
    return first_ahead(now, days, clock, tz)


def _on_date(
    now: datetime,
    today: date,
    calendar: WrittenDate,
    clock: Clock,
    tz: tzinfo,
    weekday: int | None,
    text: str,
) -> date:
    if calendar.year is not None:
        # Years far from now cannot be right; saying so early keeps date arithmetic in range.
        # A year just behind, whose date a year on is ahead, is read, to be refused as passed
        # with that date to write: last year's number typed out of habit in January.
        years = f"{today.year}, {today.year + 1} or {today.year + 2}"
        typed = date(calendar.year, calendar.month, calendar.day)
        if calendar.year < today.year and not _a_year_on_ahead(now, typed, clock, tz):
            passed = f"I read the year as {calendar.year}, which has passed"
            # A year or two behind is a slip of the year: the next one is offered. One further
            # behind is likely no year at all (dec 5 10 for 10am): the rule is said instead.
            next_one = _next_ahead(now, typed, clock, tz)
            slip = calendar.year >= today.year - 2 and typed_in(text, calendar.typed)
            if next_one is not None and slip:
                instead = _year_on(calendar, typed, next_one.year)
                written = _retyped_on(text, calendar, instead, next_one)
                raise RetypedRefusal(f"{passed}.{_next_one_hint('write', written, next_one)}")
            raise UserError(f"{passed}: leave the year out, or give {years}.")
        if calendar.year > today.year + 2:
            raise UserError(
                f"I read the year as {calendar.year}, more than 2 years ahead: give {years}."
            )
        return typed
    days = []
    # Last year's too, for its December gone in the last weeks, typed in January. Five years
    # on hold two February 29ths; the one past 2 years ahead is then refused as such.
    for year in range(today.year - 1, today.year + 5):
        try:
            days.append(date(year, calendar.month, calendar.day))
        except ValueError:  # February 29 outside a leap year
            continue
    # A date gone in the last weeks is the one the member meant, missed: it is refused as
    # passed rather than moved silently a year on. One gone longer ago means the next.
    # A weekday named beside it that only the next one falls on says the next one is meant.
    just_passed = [day for day in days if now - JUST_PASSED <= latest(day, clock, tz) <= now]
    ahead = first_ahead(now, days, clock, tz)
    only_the_next_fits = weekday is not None and weekday == ahead.weekday()
    if just_passed and not (only_the_next_fits and just_passed[-1].weekday() != weekday):
        return just_passed[-1]
    return ahead


def year_on_notes(
    calendar: WrittenDate | None, day: Day | None, local: datetime, clock: Clock, now: datetime
) -> tuple[str, ...]:
    """Say the year a date without one was read in, when a weekday typed beside it moved it a
    year on from one just gone ("fri dec 31" typed just after Thursday December 31, 2026), as a
    weekday counted in a month gone says so: the member may have meant the one gone."""
    if calendar is None or calendar.month is None or calendar.year is not None:
        return ()
    if not isinstance(day, Weekday):
        return ()
    named = _date_typed(local, calendar)
    try:
        gone = named.replace(year=named.year - 1)
    except ValueError:  # February 29: no year-before date to have moved from
        return ()
    if not now - JUST_PASSED <= latest(gone, clock, local.tzinfo) <= now:
        return ()
    return (
        f"“{day.typed} {calendar.typed}” read as {named:%A %B} {named.day}, {named.year}: "
        f"{gone:%A %B} {gone.day}, {gone.year} has passed.",
    )


def _next_ahead(now: datetime, typed: date, clock: Clock, tz: tzinfo) -> date | None:
    """The date typed with a year gone in this year or one of the next two, the first still
    ahead at `clock`: None for February 29 with no leap year among them."""
    for year in range(now.astimezone(tz).year, now.astimezone(tz).year + 3):
        try:
            day = typed.replace(year=year)
        except ValueError:  # February 29 outside a leap year
            continue
        if latest(day, clock, tz) > now:
            return day
    return None


def _a_year_on_ahead(now: datetime, typed: date, clock: Clock, tz: tzinfo) -> bool:
    """Whether the date typed with a year comes again a year on, still ahead at `clock`."""
    try:
        a_year_on = typed.replace(year=typed.year + 1)
    except ValueError:  # February 29: the next is years on
        return False
    return latest(a_year_on, clock, tz) > now


def date_gone_hints(
    text: str, local: datetime, calendar: WrittenDate | None, now: datetime, later: str | None
) -> str:
    """What to write for a date read as gone: the same day next week for one gone this week;
    else, or across New Year (a week on is no longer the same thing: the year's last night,
    and another date than the one typed), the next one and the other reading of a slashed
    date."""
    this_week = this_week_hint(text, local, calendar, now, later)
    last_year = (
        calendar is not None
        and _date_typed(local, calendar).year < now.astimezone(local.tzinfo).year
    )
    if this_week and not last_year:
        return this_week
    return f"{next_year_hint(local, calendar, text)}{day_month_hint(local, calendar, now)}"


def next_year_hint(local: datetime, calendar: WrittenDate | None, text: str) -> str:
    """How to ask for the next one, when a date was read as one gone, in the member's own
    words with the time typed: without a year, by adding it; with one, by writing the year
    after it. A weekday typed with it is written as the next one's, which is said."""
    if calendar is None or calendar.month is None:
        return ""
    named = _date_typed(local, calendar)
    year = named.year + 1
    if calendar.year is not None:
        if (calendar.month, calendar.day) == (2, 29):  # the next is years on
            return ""
        instead, lead = _year_on(calendar, named, year), "write"
    else:
        if (calendar.month, calendar.day) == (2, 29):
            # It comes back only in a leap year, past the 2 years a date typed may name.
            year = next(y for y in range(year, year + 8) if calendar_names.isleap(y))
            return f" The next February 29 is in {year}, more than 2 years ahead."
        instead, lead = _date_as_typed(calendar, named, year), "add the year:"
    next_one = named.replace(year=year)
    if not typed_in(text, calendar.typed):  # written from other words: the date alone
        return f" For the next one, {lead} {instead}."
    return _next_one_hint(lead, _retyped_on(text, calendar, instead, next_one), next_one)


def _next_one_hint(lead: str, written: str, next_one: date) -> str:
    """ " For the next one, write jan 3 2027 10am.", naming the date when a weekday is written
    with it: the one typed is another day's a year on, so the next one's is written instead."""
    if not _WEEKDAY_NAMED.search(written) and not names_weekday(written):
        return f" For the next one, {lead} {written}."
    return f" For the next one, {next_one:%A %B} {next_one.day}, {next_one.year}, {lead} {written}."


def _offered_date(now: datetime, calendar: WrittenDate, day: date, clock: Clock, tz: tzinfo) -> str:
    """`day`, offered for a weekday typed beside a date it does not fall on, written as the
    date was typed, with its own year when one was typed or when, without one, the text would
    read in another year (fri mar 3 2028 for the Friday nearest February 29, 2028)."""
    yearless = replace(calendar, month=day.month, day=day.day, year=None)
    today = now.astimezone(tz).date()
    reads_on = _on_date(now, today, yearless, clock, tz, day.weekday(), "")
    typed_or_needed = calendar.year is not None or reads_on != day
    return _date_as_typed(calendar, day, day.year if typed_or_needed else None)


def _date_as_typed(calendar: WrittenDate, day: date, year: int | None) -> str:
    """`day` written as a month name and a day (and `year`, if given), the month capitalised
    as the date was typed: Dec 20 2027, or dec 20 2027."""
    month = f"{day:%b}" if calendar.typed[:1].isupper() else f"{day:%b}".casefold()
    return f"{month} {day.day}" + (f" {year}" if year is not None else "")


def _retyped_on(text: str, calendar: WrittenDate, instead: str, day: date) -> str:
    """The member's text with the date typed written `instead`, and each weekday typed beside
    it written as `day`'s, short or in full as typed (sat, Saturday)."""

    def as_typed(weekday: re.Match[str]) -> str:
        name = f"{day:%A}"[: 3 if len(weekday[0]) <= 4 else None]
        return name if weekday[0][0].isupper() else name.casefold()

    return with_weekday(_WEEKDAY_NAMED.sub(as_typed, retyped(text, calendar.typed, instead)), day)


def _date_typed(local: datetime, calendar: WrittenDate) -> date:
    """The date typed, read as `local`: the day before, of midnight ending it (dec 5 midnight)."""
    return local.date() - timedelta(days=(local.month, local.day) != (calendar.month, calendar.day))


def _year_on(calendar: WrittenDate, named: date, year: int) -> str:
    """The date typed with a year (`named`) as typed, with `year` for its own (2026-01-03 as
    2027-01-03, 1/3/26 as 1/3/27), else written out (Jan 3 2027)."""
    for typed, instead in (
        (f"{named.year}", f"{year}"),
        (f"{named.year % 100:02}", f"{year % 100:02}"),
    ):
        if found := list(re.finditer(rf"(?<!\d){typed}(?!\d)", calendar.typed)):
            last = found[-1]
            return f"{calendar.typed[: last.start()]}{instead}{calendar.typed[last.end() :]}"
    return f"{named:%b} {named.day} {year}"


def this_week_hint(
    text: str, local: datetime, calendar: WrittenDate | None, now: datetime, later: str | None
) -> str:
    """The same day next week, in the member's own words, for a date gone this week: "dec 5
    9am" typed on December 5 at noon is a slip of the hour or of the day, not a plan for a year
    on. Today's also asks for a later hour, unless `later` already says which."""
    if calendar is None or calendar.month is None or not calendar.typed:
        return ""
    if (calendar.month, calendar.day) == (2, 29):  # named for its rarity: the next one is meant
        return ""
    if names_holiday(text):  # once a year: a week on is another day, not the one named
        return ""
    there = now.astimezone(local.tzinfo)
    named = _date_typed(local, calendar)
    if not 0 <= (there.date() - named).days < 7:
        return ""
    if {WEEKDAYS[typed.casefold()] for typed in _WEEKDAY_NAMED.findall(text)} - {named.weekday()}:
        return ""  # another weekday typed beside it would be another day next week too
    week_on = named + timedelta(weeks=1)
    written = retyped(text, calendar.typed, f"{f'{week_on:%b}'.casefold()} {week_on.day}")
    # Midnight typed ends the date named, so it is said to: it starts the day after.
    ending = "the midnight ending " if local.date() != named else ""
    next_week = f"for {ending}{week_on:%A %B} {week_on.day}, write {written}."
    if named == there.date() and later is None:
        return f" For later today, give an hour after {clock_text(there)}; {next_week}"
    return f" {next_week[0].upper()}{next_week[1:]}"


def ahead_hint(local: datetime, now: datetime, zone_typed: str) -> str:
    """Today's or tomorrow's at the hour of a time gone (yesterday 3pm, a date long past), for
    a refusal that has nothing better to offer: the member learns what is read."""
    hour = f"{twelve_hour(local.hour, local.minute)}{'am' if local.hour < 12 else 'pm'}"
    zone = f" {zone_typed}" if zone_typed else ""
    today = now.astimezone(local.tzinfo).date()
    clock = Clock(local.hour, local.minute)
    tries = [
        f"{name} {hour}{zone}"
        for name, day in (("today", today), ("tomorrow", today + timedelta(days=1)))
        if at(day, clock, local.tzinfo) > now
    ]
    return f" A meetup is set for a time ahead: try {' or '.join(tries)}."


def day_month_hint(local: datetime, calendar: WrittenDate | None, now: datetime) -> str:
    """The day/month reading of a slashed date refused as passed, unless it passed only days
    ago: a member who meant it then missed it."""
    if calendar is None or now - local.astimezone(UTC) <= _DAYS_MISSED:
        return ""
    return calendar.day_month


_DAYS_MISSED = timedelta(weeks=1)


def on_weekday(now: datetime, day: Weekday, clock: Clock, tz: tzinfo, text: str) -> datetime:
    """The local time of `clock` on the weekday named: the coming one, or today's while
    `clock` is still ahead today."""
    today = now.astimezone(tz).date()
    first = today + relativedelta(weekday=day.weekday)
    if day.evening:  # tonight's, refused as passed if gone: never a week on
        if first != today or day.weeks_later:
            raise UserError(
                f"“{day.typed}” and “tonight” name different days: tonight is "
                f"{today:%A %B} {today.day}. Give one of them."
            )
        return at(today, clock, tz)
    if day.weeks_later:  # "next sat" said on a Saturday is a week on, whatever the time
        return at(first + timedelta(weeks=day.weeks_later), clock, tz)
    if day.this and first == today and latest(today, clock, tz) <= now:
        later = today + timedelta(weeks=1)
        raise UserError(
            f"“{day.typed}” is today, and {clock_text(at(today, clock, tz))} has passed. "
            f"For {later:%A %B} {later.day}, write next {day.typed.split()[-1]}"
            f"{_evening_instead(text, clock, today, now, tz)}."
        )
    return at(first_ahead(now, [first, first + timedelta(weeks=1)], clock, tz), clock, tz)


def _evening_instead(text: str, clock: Clock, today: date, now: datetime, tz: tzinfo) -> str:
    """ "; for 7:00 PM today, write this fri 7pm": the evening of a morning hour typed
    without am or pm, gone today, while the evening is still ahead, written in the member's
    own words (a zone typed kept)."""
    if not clock.bare or clock.hour >= 12:
        return ""
    evening = at(today, replace(clock, hour=clock.hour + 12), tz)
    if evening <= now:
        return ""
    as_typed = retyped(text, clock.bare, with_half(clock, "pm"))
    return f"; for {clock_text(evening)} today, write {as_typed}"


def first_ahead(now: datetime, days: list[date], clock: Clock, tz: tzinfo) -> date:
    """The first of `days` on which `clock` is still ahead of `now` (else the last)."""
    return next((day for day in days[:-1] if latest(day, clock, tz) > now), days[-1])


def in_next_week(today: date, day: NextWeek) -> date:
    """The weekday in the week after this one, refused when weeks starting on Sunday and on
    Monday give different days."""
    this_monday = today - timedelta(days=today.weekday())
    this_sunday = today - timedelta(days=(today.weekday() + 1) % 7)
    from_monday = this_monday + timedelta(weeks=1, days=day.weekday)
    from_sunday = this_sunday + timedelta(weeks=1, days=(day.weekday + 1) % 7)
    if from_monday != from_sunday:
        first, second = sorted((from_monday, from_sunday))
        raise UserError(
            f"“{day.typed}” is {first:%B} {first.day} or {second:%B} {second.day}, as the "
            f"week starts on Sunday or Monday: give the date, like {second:%b} {second.day}."
        )
    return from_monday
