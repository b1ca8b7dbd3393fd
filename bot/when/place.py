"""Where, typed beside when ("sat 10am at the walmart lot", "sun 10am at the 7-11", "sat 10am at
exit 12", "sat 10am at Denver"): found before the time is read, so that a place is refused with
a pointer to the location option, not read as a date (7-11 as July 11) or a zone (Denver's),
nor refused as words not understood."""

from __future__ import annotations

import calendar as calendar_names
import re
from collections.abc import Callable
from datetime import date

from bot.errors import UserError
from bot.when.clock import has_clock
from bot.when.days import WEEKDAYS, examples
from bot.when.holidays import is_holiday
from bot.when.text import as_typed, normalize
from bot.when.zone import city_and_state_zone, within_city_and_state
from bot.zones import city_zone

# Words of a time that no place is named with, left unread in a time mistyped.
TIME_WORDS = frozenset(
    {
        *WEEKDAYS,
        *(m.casefold() for m in calendar_names.month_name[1:] + calendar_names.month_abbr[1:]),
    }
    | {"next", "this", "last", "week", "weekend", "month", "year", "day", "days", "weeks"}
    | {"summer", "winter", "time", "daylight", "standard", "zone", "ish", "am", "pm"}
    | {"morning", "afternoon", "evening", "night", "noon", "midnight", "every", "weekly"}
)
CLOSING = " .,;:!?)]"


class NotUnderstood(UserError):
    """Words of a time not understood (`unread`, made plain), and whether a misspelt day or
    month was offered for them: words that may be a place, when neither."""

    def __init__(self, message: str, unread: str, did_you_mean: str) -> None:
        super().__init__(message)
        self.unread, self.did_you_mean = unread, did_you_mean

    @property
    def may_be_a_place(self) -> bool:
        return not self.did_you_mean and not TIME_WORDS & set(self.unread.casefold().split())


class PlaceWords(NotUnderstood):
    """The refusal of `place`, as typed in `text`, that says where it goes."""

    def __init__(self, place: str, text: str, today: date, unread: str = "") -> None:
        super().__init__(
            f"I couldn't read “{place}” in “{text}”. If it is where, give it as the location: "
            f"this option takes the day and time only. Try {examples(today)}.",
            unread or place,
            "",
        )
        self.place = place


# What introduces a place: "at (the)", "@", "near", "by", a comma. A mention (<@1>) is no "@".
_MARKER = re.compile(
    r"\s*(?:,|(?P<word>(?<!<)@(?!everyone\b|here\b)|(?<!\w)(?:at|near|by)(?!\w)))\s*", re.I
)
# A place named by its figures (the 7-11, 7/11), which would read as a date or a range.
_NUMBERED = re.compile(r"(?P<the>the\s+)?\d{1,2}\s*[-/]\s*\d{1,2}", re.I | re.A)
_THE = re.compile(r"\Athe\s+", re.I)


def refuse_place_words(
    text: str, read: Callable[[str], object], zone_untyped: str | None, today: date
) -> None:
    """Refuse the place in `text`, which `read` reads as a time: text introduced as a place
    after a time read, unless read alone it is a time, a day or a zone ("sat 10am, dec 12");
    a city so introduced, unless in `zone_untyped`, the zone the time is read in anyway; and a
    place named by its figures (the 7-11), which is never a date nor a range. A text whose
    words before the place are refused is left to be refused as a whole."""
    _refuse_city_as_place(text, zone_untyped)
    for marker in _MARKER.finditer(text):
        if within_city_and_state(text, marker.start()):
            continue
        head, tail = text[: marker.start()], text[marker.end() :].rstrip(CLOSING)
        timed = has_clock(normalize(head))
        numbered = _NUMBERED.fullmatch(tail)
        # Two of "at" (@, near, by), "the" and a time before it say a place: at the 7-11,
        # 10am at 7-11, 10am, the 7/11. In "10am, 12/12" it is the date, as calendars write it.
        if numbered and [bool(marker["word"]), bool(numbered["the"]), timed].count(True) >= 2:
            raise PlaceWords(_quoted(tail, text), text, today)
        if not timed:
            continue
        try:
            read(head)
        except UserError:
            return  # no time read before it: what is wrong with that comes first
        try:
            read(tail)
        except PlaceWords as found:
            raise PlaceWords(found.place, text, today) from None
        except NotUnderstood as unread:
            if unread.may_be_a_place:
                raise PlaceWords(_quoted(tail, text), text, today) from None
        except UserError:
            pass
        return


# What introduces a place, and a city's name after it: up to three words (Los Angeles, Port
# of Spain). Not "in": "10am in New York" is how the time there is said.
_BEFORE_A_CITY = re.compile(
    r"(?:(?P<comma>,)|(?<!<)@(?!everyone\b|here\b)|(?<!\w)(?:at|near|by)(?!\w))\s*"
    r"(?P<name>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})",
    re.I,
)
_WORD = re.compile(r"\S+")
# Words after a city that make it the zone's name: Denver time, Denver time zone.
_ZONE_AFTER_A_CITY = re.compile(r"\s*(?:time|zone|timezone)(?!\w)", re.I)
# A state or country after a city, ending the text: Denver, CO; Tokyo, Japan.
_STATE = re.compile(r",\s*([^\W\d_]+(?:\s+[^\W\d_]+)?)[\s.!]*$")
# What may follow a city named as a place, where a longer name (Denver fairgrounds) may not.
_AFTER_A_PLACE = re.compile(r"\s*(?:$|[,;.!?)\]]|\d)|\s+(?P<word>[^\W\d_]+)", re.I)


def _refuse_city_as_place(text: str, zone_untyped: str | None) -> None:
    """Refuse a city introduced as a place ("sat 10am at Denver", "@ Tokyo", ", Phoenix"):
    its zone may be meant, or not, and a city is where a meetup is far more often than the
    zone a member means to give. Its own zone (Denver time) is the zone, as a city alone; so is
    a city of `zone_untyped`, the zone the time is read in anyway: place or zone, the time is
    the same, so nothing is asked."""
    for marker in _BEFORE_A_CITY.finditer(text):
        words = list(_WORD.finditer(text, marker.start("name"), marker.end("name")))
        for last in reversed(words):  # the longest name first: Los Angeles, not Los
            name = " ".join(text[words[0].start() : last.end()].split())
            after = _AFTER_A_PLACE.match(text, last.end())
            state = _STATE.match(text, last.end())
            if (
                (zone := _city_zone(name, state)) is None
                or zone == zone_untyped
                or is_holiday(name)
                or _ZONE_AFTER_A_CITY.match(text, last.end())
                or after is None
                or (after["word"] and after["word"].casefold() not in TIME_WORDS | {"on"})
            ):
                continue
            start = marker.start("name") if marker["comma"] else marker.start()
            typed_end, end = last.end(), last.end()
            if state and not TIME_WORDS & set(state[1].casefold().split()):
                typed_end, end = state.end(1), len(text)  # all of it the place's
            typed = " ".join(text[start:typed_end].split())
            instead = " ".join(f"{text[:start]}{zone}{text[end:]}".split())
            raise UserError(
                f"“{typed}” looks like where, not when: give the place in the location option. "
                f"For the time zone of {name}, write {instead}."
            )


def _city_zone(name: str, state: re.Match[str] | None) -> str | None:
    """The zone of the city `name`, or of it in the US state after it (Tulsa, OK)."""
    if state is not None and len(code := state[1]) == 2:
        return city_and_state_zone(name, code) or city_zone(name)
    return city_zone(name)


def _quoted(tail: str, text: str) -> str:
    """The place `tail` as typed in `text`, without "the", in whole words typed: “@blah”."""
    return as_typed(text, normalize(_THE.sub("", tail)))
