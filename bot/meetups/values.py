"""What an organizer types for a meetup, read and checked: the limits, a region, a capacity, a
length and the signup cutoff."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.dates import length_words, whole_minutes
from bot.errors import UserError
from bot.invisible import require_seen, shown_text
from bot.limits import fit, holds_link, listed, one_line, refuse_mention, require_length
from bot.meetups.model import Details, Meetup
from bot.numbers import counted, half_width
from bot.when import When

TITLE_MAX, LOCATION_MAX, DESCRIPTION_MAX, REGION_MAX, TRUCK_MAX = 100, 200, 2000, 50, 100
CAPACITY_MAX = 10_000
GUESTS_MAX = 10
DEFAULT_DURATION = timedelta(hours=3)
DURATION_RANGE = (timedelta(minutes=15), timedelta(days=7))
REASON_MAX = 500
CUTOFF_RANGE = (timedelta(minutes=1), timedelta(days=30))


CLEARING = ("none", "-")  # typed in an edit for a description or region: none from now on


def typed_or_cleared(text: str | None) -> str | None:
    """A detail as an edit typed it, or "" for a word that clears it (`none`, `-`): a
    description reading "none" would show on the card, the calendar and the Events tab."""
    if text is None:
        return None
    return "" if text.strip().casefold() in CLEARING else text


def checked_region(text: str | None) -> str | None:
    if not text or not text.strip():
        return None
    return _checked_line("The region", text, REGION_MAX)


REGIONS_LISTED = 20  # as many regions as a refusal names


def region_meant(typed: str, regions: Sequence[str]) -> str:
    """The one of the server's `regions` (sorted) a member means by `typed`: in any case and
    spacing, the whole name, else the start of it or of one of its words ("front" or "range"
    for Front Range) when only one region starts so; else a refusal naming the regions."""
    wanted = " ".join(typed.casefold().split())
    named = {" ".join(region.casefold().split()): region for region in regions}
    if wanted in named:
        return named[wanted]
    starting = [
        region
        for key, region in named.items()
        if any(key.startswith(wanted, word.start()) for word in re.finditer(r"\b\w", key))
    ]
    if len(starting) == 1:
        return starting[0]
    shown = fit(typed.strip(), 40)
    if starting:
        could = f"{', '.join(starting[:-1])} or {starting[-1]}"
        raise UserError(f"“{shown}” could be {could}: type more of the region's name.")
    if not named:
        raise UserError(f"No region here is named “{shown}”: no meetup here has a region.")
    every = list(named.values())
    more = "…" if len(every) > REGIONS_LISTED else "."
    raise UserError(
        f"No region here is named “{shown}”. The regions here: "
        f"{listed(every[:REGIONS_LISTED])}{more}"
    )


# A title, a place and a description stand on the card, the thread's name, the Events tab, the
# map link and DMs: a character there that shows nothing or turns round the text after it makes
# them read otherwise than stored, as `bot.invisible` says. The lines are refused with it, as an
# importer's name is; the description, free text pasted from elsewhere, drops what shows nothing
# as an announcement's text does.


def checked_title(text: str) -> str:
    return _checked_name("The title", text, TITLE_MAX, "the meetup on its card, in lists")


def checked_template_name(text: str, limit: int) -> str:
    """A template's name, read as a meetup's title is: autocomplete and lists show it."""
    return _checked_name("The template's name", text, limit, "the template in lists")


def _checked_name(label: str, text: str, limit: int, names: str) -> str:
    """A line that names something (`_checked_line`), refused when it holds a link, bare or
    masked (`holds_link`): shown as the name, it would pass for it and take whoever clicks it
    elsewhere. A place or a description may hold one."""
    line = _checked_line(label, text, limit)
    if holds_link(line):
        raise UserError(
            f"{label} may not hold a link: it names {names} and in menus. A link can go in the "
            "description."
        )
    return line


def checked_location(text: str) -> str:
    typed = text.strip()
    if typed.casefold() in CLEARING:
        raise UserError(
            f"The location cannot be “{typed}”: that clears a description or a region, but a "
            "meetup needs a place. Give where it meets."
        )
    return _checked_line("The location", text, LOCATION_MAX)


def _checked_line(label: str, text: str, limit: int) -> str:
    """A line of a meetup's, refused with a mention or a link to a command or a server's page
    in it (`holds_mention`), as a build's are: the card, the list and the Events tab would draw
    it as the member, role or channel it names, whatever the text meant."""
    line = one_line(label, text, limit)
    refuse_mention(label, line)
    return require_seen(label.removeprefix("The ").lower(), line)


def checked_description(text: str) -> str:
    return shown_text(
        "description", require_length("The description", text, DESCRIPTION_MAX, minimum=0)
    )


def checked_reason(text: str | None) -> str | None:
    """A cancel's reason, or None: it stands before the bot's own words in DMs and the thread's
    notice, which a character turning round the text after it would turn round too."""
    if not text:
        return None
    return shown_text("reason", require_length("The reason", text, REASON_MAX, minimum=0)) or None


# What members type in the truck field to say they bring none (they come in a friend's truck,
# or on foot): read as a truck, each would take one of the scarce truck spots.
_NO_TRUCK = frozenset(
    ("no", "none", "n/a", "na", "nope", "nah", "no truck", "0", "いいえ", "なし", "無し")
)


def means_no_truck(typed: str) -> bool:
    """Whether the truck field's text says the member brings no truck: a word for no, or only
    dashes or dots ("-", "--", "...")."""
    text = typed.strip().casefold()
    if text and not text.strip("-.–—_"):
        return True
    return text.rstrip(".!") in _NO_TRUCK


NO_LIMIT = 0  # a capacity of 0 is no limit, in a new meetup as in an edit


def refuse_unreachable_trucks(
    capacity: int | None, truck_capacity: int | None, *, kept: str | None = None
) -> None:
    """Refuse more truck spots than people may come: every truck brings its driver, so the
    truck limit could never be reached. Both typed, the two numbers were most likely swapped;
    one typed against the other `kept` as stored ("capacity" or "trucks"), there was nothing
    to swap, and the refusal names the stored one."""
    if capacity is None or truck_capacity is None or truck_capacity <= capacity:
        return
    people, trucks = counted(capacity, "person", "people"), counted(truck_capacity, "truck")
    said = "Every truck brings at least its driver, so"
    if kept == "trucks":
        raise UserError(
            f"{said} the meetup's {trucks} can never come to a meetup of {people}: give a "
            f"capacity of at least {truck_capacity:,}, or lower its trucks with `trucks:` too."
        )
    if kept == "capacity":
        raise UserError(
            f"{said} {trucks} can never come to the meetup's {people}: give at most "
            f"{counted(capacity, 'truck')}, or raise its capacity with `capacity:` too."
        )
    raise UserError(
        f"{said} {trucks} can never come to a meetup of {people}: give at most "
        f"{counted(capacity, 'truck')}, or did you mean "
        f"{counted(truck_capacity, 'person', 'people')} and {counted(capacity, 'truck')}?"
    )


def checked_capacity(label: str, value: int | None) -> int | None:
    """A capacity as typed: None or 0 is no limit (an edit leaves one left out unchanged)."""
    if value is None or value == NO_LIMIT:
        return None
    if not 1 <= value <= CAPACITY_MAX:
        raise UserError(f"{label} must be from 1 to {CAPACITY_MAX:,}, or 0 for no limit.")
    return value


_CUTOFF_PART = re.compile(r"([0-9]+)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m)")
_CUTOFF_UNITS = {"d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}


def parse_cutoff(text: str | None) -> timedelta | None:
    """How long before each start signup closes: `2h`, `90m`, `1d`, `1h30m`, `2 hours`; a bare
    number is hours (`24`). Zero in any form (`0`, `0h`, `0 hours`) is no cutoff, None."""
    if text is None or not text.strip():
        return None
    typed = half_width(text).strip().casefold()
    low, high = CUTOFF_RANGE
    if typed.isascii() and typed.isdigit():
        # Hours, however many digits: more than fit in 30 days are told the range, not that
        # they are no number (None: too many to count).
        cutoff = timedelta(hours=int(typed)) if len(typed.lstrip("0")) <= 6 else None
    else:
        compact = re.sub(r"[\s,]+(?:and\s+)?", " ", typed)
        parts = _CUTOFF_PART.findall(compact)
        if not parts or _CUTOFF_PART.sub("", compact).strip() or any(len(n) > 5 for n, _ in parts):
            raise UserError(
                f"Give the signup cutoff as time before the start, like `2h`, `90m`, `1d` or "
                f"`1h30m` (a bare number is hours); “{text.strip()[:40]}” is not one."
            )
        cutoff = sum((int(n) * _CUTOFF_UNITS[unit[0]] for n, unit in parts), timedelta())
    if cutoff == timedelta(0):
        return None
    if cutoff is None or not low <= cutoff <= high:
        raise UserError("Signup can close from 1 minute to 30 days before the start.")
    return cutoff


def typed_cutoff(text: str | None) -> str | None:
    """A cutoff as an edit typed it, or "" for one that clears it: `none`, `-`, or zero in any
    form `parse_cutoff` reads (`0`, `0h`), so the reply says the meetup has none now."""
    typed = typed_or_cleared(text)
    return "" if typed and parse_cutoff(typed) is None else typed


def refuse_closed_signup(cutoff: timedelta | None, start: datetime, now: datetime) -> None:
    """Refuse a cutoff, or a time, that would close signup for the date at `start` at once: a
    slip (`1d` for `1h`) would shut it without a word, and nobody could take a place freed."""
    if cutoff is not None and start - cutoff <= now:
        raise UserError(
            f"Signup would close {length_words(cutoff)} before the start, which is already "
            "past: choose a shorter cutoff or a later time."
        )


def minutes_given(range_length: timedelta | None, minutes: int | None) -> int | None:
    """The length a meetup is given in minutes: the duration option's, or that of a time typed
    as a range (10am-2pm); the two must agree when both are given."""
    if range_length is None:
        return minutes
    typed = whole_minutes(range_length)
    if minutes is not None and minutes != typed:
        raise UserError(
            f"The time lasts {length_words(range_length)}, but the duration option says "
            f"{length_words(timedelta(minutes=minutes))}: give the length once, as a range in "
            "the time (10am-2pm) or as the duration."
        )
    return typed


def new_length(read: When | None, meetup: Meetup) -> bool:
    """Whether a range typed (10am-2pm) lasts other than `meetup` does."""
    return read is not None and read.duration not in (None, meetup.duration)


def checked_duration(minutes: int | None) -> timedelta:
    if minutes is None:
        return DEFAULT_DURATION
    low, high = DURATION_RANGE
    # Compared as minutes: Discord lets a member type up to 2^53, more than a timedelta holds.
    if not whole_minutes(low) <= minutes <= whole_minutes(high):
        # A small number is most likely hours, typed into an option counted in minutes.
        hours = (
            f" The duration is in minutes: {minutes} hours is {minutes * 60}."
            if 0 < minutes < whole_minutes(low)
            else ""
        )
        raise UserError(f"A meetup lasts from 15 minutes to 7 days.{hours}")
    return timedelta(minutes=minutes)


class TimeKept(UserError):
    """The time, or the series' rule, typed is the one it already has: beside another change,
    an edit leaves it be and makes that one. A range typed (`read`) may still give a new
    length, which is such a change."""

    def __init__(self, message: str, read: When | None = None) -> None:
        super().__init__(message)
        self.read = read


def details_changed(meetup: Meetup, typed: Details, *, thread_behind: bool = False) -> Details:
    """`typed` without what `meetup` has already, so an edit neither does nor says what changes
    nothing (a card edit, a DM of the place it is at). The same title is kept when the
    meetup's thread is named otherwise (`thread_behind`): it asks for the rename again.
    Values checked later as they are."""
    same = _same(meetup, typed, thread_behind=thread_behind)
    return Details(**{name: None if same[name] else getattr(typed, name) for name in same})


def nothing_changed(meetup: Meetup, typed: Details) -> UserError:
    """The refusal of an edit that gives `meetup` only what it has already (`typed`)."""
    names = [
        _NAMED_NONE[name] if getattr(typed, name) == "" else _NAMED[name]
        for name, already in _same(meetup, typed).items()
        if already
    ]
    return UserError(f"“{meetup.title}” already has {listed(names)}: nothing changed.")


def _same(meetup: Meetup, typed: Details, *, thread_behind: bool = False) -> dict[str, bool]:
    return {
        "title": typed.title is not None
        and not thread_behind
        and _line(typed.title) == _line(meetup.title),
        "location": typed.location is not None and _line(typed.location) == _line(meetup.location),
        "description": typed.description is not None
        and typed.description.strip() == meetup.description,
        "capacity": typed.capacity is not None and _limit(typed.capacity) == meetup.capacity,
        "truck_capacity": typed.truck_capacity is not None
        and _limit(typed.truck_capacity) == meetup.truck_capacity,
        # A length never given shows no end on the card: giving the default shows it.
        "duration_minutes": typed.duration_minutes is not None
        and meetup.length_given
        and typed.duration_minutes == whole_minutes(meetup.duration),
        "region": typed.region is not None and checked_region(typed.region) == meetup.region,
        "cutoff": typed.cutoff is not None and parse_cutoff(typed.cutoff) == meetup.cutoff,
    }


_NAMED = {
    "title": "that title",
    "location": "that place",
    "description": "that description",
    "capacity": "that capacity",
    "truck_capacity": "that truck capacity",
    "duration_minutes": "that length",
    "region": "that region",
    "cutoff": "that signup cutoff",
}
# What a meetup has when a detail cleared is already so.
_NAMED_NONE = {"description": "no description", "region": "no region", "cutoff": "no signup cutoff"}


def _line(text: str) -> str:
    return " ".join(text.split())


def _limit(value: int) -> int | None:
    return None if value == NO_LIMIT else value


def new_place(location: str | None, meetup: Meetup) -> str | None:
    """The place typed, on one line; None when none was typed or it is where the meetup is
    already (a place stored before runs of spaces were made one is compared as it reads)."""
    if location is None:
        return None
    place = checked_location(location)
    return None if place == " ".join(meetup.location.split()) else place
