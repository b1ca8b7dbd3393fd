"""The zone of a typed time: one written in the text (PT, EST, America/Denver, UTC-7), else
the timezone option, the template's, the member's or the server's."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from enum import StrEnum

from bot.dates import clock_text
from bot.errors import UserError
from bot.states import US_STATES, state_name
from bot.when.words import NUMBER_WORDS, any_of
from bot.zones import (
    EUROPE_NAMES,
    OFFSET_PATTERN,
    TIME_ZONE_NAMES,
    ZONE_NAMES,
    ambiguous_name,
    city_zone,
    iana_zone,
    keeps_all_year,
    kept_all_year_by,
    load_zone,
    named_zone,
    offset_zone,
    state_zones,
)


class ZoneSource(StrEnum):
    """Where the zone of a time came from, in the order they win."""

    TEXT = "text"
    OPTION = "option"
    TEMPLATE = "template"
    MEETUP = "meetup"  # a meetup's own zone, which a new time for it is read in
    MEMBER = "member"
    SERVER = "server"

    @property
    def phrase(self) -> str:
        return {
            ZoneSource.TEXT: "as typed",
            ZoneSource.OPTION: "from the timezone option",
            ZoneSource.TEMPLATE: "the template's zone",
            ZoneSource.MEETUP: "the meetup's zone",
            ZoneSource.MEMBER: "your /timezone",
            ZoneSource.SERVER: "the server's default zone",
        }[self]


@dataclass(frozen=True)
class Zone:
    name: str
    tz: tzinfo
    typed: str = ""  # the words the member wrote, when they wrote a zone
    note: str = ""  # how the zone was read, where the words might have meant something else
    # An offset typed beside the zone's name ("10pm -08:00 PT"), which must be the zone's on
    # the day read.
    offset: Zone | None = None

    @property
    def shown(self) -> str:
        """The typed name as it is written back: CST and UTC-7 in capitals; central time,
        pacific and America/Denver as typed."""
        return self.typed.upper() if _IN_CAPITALS.fullmatch(self.typed) else self.typed

    @property
    def standard(self) -> bool:
        """Whether the typed name is of standard time (CST, Pacific Standard Time, CET)."""
        word = self.typed.casefold()
        if word in _SUMMER_NAMES:
            return False
        return (
            "standard" in word
            or word in _WINTER_NAMES
            or re.fullmatch(r"[a-z]{1,2}st", word) is not None
        )

    @property
    def daylight(self) -> bool:
        """Whether the typed name is of daylight time (CDT, Pacific Daylight Time, BST)."""
        word = self.typed.casefold()
        return (
            "daylight" in word
            or "summer" in word
            or word in _SUMMER_NAMES
            or re.fullmatch(r"[a-z]{1,2}dt", word) is not None
        )


# Names of a season not told by their ending: BST and CEST are summer names though they end in
# ST as standard ones do, and CET, ending in neither, is the winter's.
_SUMMER_NAMES = frozenset({"bst", "cest"})
_WINTER_NAMES = frozenset({"cet"})


# Only after an ISO date and time: elsewhere "10:00-11:30" is a range, not UTC-11:30.
_ISO_OFFSET = re.compile(
    r"(?<![\w-])(?P<stamp>\d{4}-\d\d-\d\d (?P<clock>\d{1,2}:\d\d)(?::\d\d)?)(?P<gap>\s*)"
    r"(?P<offset>z|[+-]\d\d:?\d\d)(?![\w:])",
    re.I | re.A,
)
# An offset printed after a time with a space, as many tools write one (15:00 -07:00, 3pm
# +0900, sat 3 -07:00): a range's dash is joined to its start (15:00-19:00) or spaced from its
# end (3pm - 7pm). A lone hour after a date's dash or slash is the date's day (12/5 -07:00).
_SPACED_OFFSET = re.compile(
    r"(?<![\w:])(?P<time>(?P<h>\d{1,2})(?::(?P<m>\d\d)(?P<sec>:\d\d)?(?:\s*(?P<half>[ap]m))?"
    r"|\s*(?P<hf>[ap]m)|(?<![-/.]\d)(?<![-/.]\d\d)(?=\s))"
    r")\s+(?P<offset>[+-]\d\d:?\d\d)(?![\w:])",
    re.I | re.A,
)
# An offset after a date or a word (12/5 -07:00, 2026-12-05 -07:00, the 5th -07:00, sat
# -07:00, noon +09:00) is the zone: of a time not given, not 7:00, for which the member is
# asked, as after dec 5; or of one in words. Only after a number may it end a range.
_OFFSET_AFTER_WORDS = re.compile(
    r"(?<![\w:/.-])(?P<before>\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}(?:/\d{2}(?:\d\d)?)?"
    r"|\d{1,2}(?:st|nd|rd|th)|[a-z]+)\s+(?P<offset>[+-]\d\d:?\d\d)(?![\w:])",
    re.I | re.A,
)
# A lone hour these and under is asked am or pm anyway, whose answer says the zone was meant.
_ASKED_WHICH_HALF = 6
# A negative offset that, read as a range's end, would close a range this short after the
# time is asked about: "9:00 -11:00" may well be 9 to 11, as "3pm -07:00" (16 hours) is not.
_SHORT_RANGE = 8 * 60
# What is written back in capitals: abbreviations (cst, EST/EDT) and offsets (utc-7, -07:00).
_IN_CAPITALS = re.compile(r"[a-z]{1,4}(?:/[a-z]{1,4})?|(?:utc|gmt)?\s*[+-]\d[\d:]*", re.I | re.A)
_UTC_OFFSET = re.compile(rf"(?<![\w/+-]){OFFSET_PATTERN}(?![\w:])", re.I | re.A)
_IANA = re.compile(r"(?<![\w/])[a-z][\w+-]*(?:/[\w+-]+)+", re.I | re.A)
_NAMES = any_of(TIME_ZONE_NAMES)
_SEASON = r"(?:standard|daylight(?:\s+saving)?)"
_ZONE_NAME = re.compile(
    # Central Time, Central Standard Time, British Summer Time, and as some leave off the
    # time: central standard. Summer is Europe's word: "central summer time" is no US zone's.
    rf"(?<![\w/-])(?:(?:(?:{any_of(EUROPE_NAMES)})\s+(?:{_SEASON}|summer)"
    rf"|(?:{any_of(ZONE_NAMES)})\s+{_SEASON})(?:\s+time)?(?:\s*zone)?"
    rf"|(?:{_NAMES})(?:\s+time(?:\s*zone)?)?)"
    # as video-call invites write it: Eastern Time (US & Canada)
    r"(?:\s+us\s+(?:&|and)\s+canada)?(?![\w/-])",
    re.I | re.A,
)
# The cities the zones named above are called after (Denver, Los Angeles, Tokyo): typed for
# their zone, they can mean nothing else. Other cities are not read, since US towns share their
# names (London, Kentucky; Paris, Texas): the refusal names the zone to write instead.
_NAMED_CITIES = {
    name.rsplit("/", 1)[1].replace("_", " ").casefold(): name
    for name in set(ZONE_NAMES.values())
    if name.rsplit("/", 1)[1].replace("_", " ").casefold() not in ZONE_NAMES
}
_CITY_NAMES = any_of(_NAMED_CITIES, space=r"[\s_]+")  # Los Angeles or Los_Angeles
# The states of the American cities above, as written after them (Denver, CO; Denver,
# Colorado): the city's own state, and no other, says the city.
_CITY_STATES = {
    "America/Anchorage": ("ak", "alaska"),
    "America/Chicago": ("il", "illinois"),
    "America/Denver": ("co", "colorado"),
    "America/Los_Angeles": ("ca", "california"),
    "America/New_York": ("ny", "new york"),
    "America/Phoenix": ("az", "arizona"),
    "Pacific/Honolulu": ("hi", "hawaii"),
}
_STATE_NAMES = any_of(name for names in _CITY_STATES.values() for name in names)
_CITY = re.compile(
    rf"(?<![\w/-])(?P<city>{_CITY_NAMES})(?:\s*,?\s+(?P<state>{_STATE_NAMES}))?(?:\s+time)?"
    r"(?![\w/-])",
    re.I | re.A,
)
# Any other city with a US state's two letters after it (Austin, TX; Salt Lake City UT): up to
# three words, none a word of the time or a zone's name ("sat Tulsa OK" is Tulsa). The letters
# in capitals, as addresses write them: in lower case "in", "oh" and "or" are words, and say a
# state only after a comma following a city the zone table knows (boise, id). Letters that are
# also a zone's name (CT, MT) say a state only after a comma or a city the zone table knows:
# after any other word ("10am sharp CT") they are the zone.
_NOT_A_CITY = (
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    r"|at|near|by|on|in|the|from|to|till|until|and|of|next|this|tomorrow|today|tonight|morning"
    r"|afternoon|evening|night|noon|midnight|am|pm|time|every|oh|"
    + any_of(NUMBER_WORDS)
    + "|"
    + _NAMES
    + r")(?![a-z])"
)
_CITY_WORD = rf"(?!{_NOT_A_CITY})[a-z]+"
_CITY_IN_STATE = re.compile(
    rf"(?<![\w/-])(?P<city>(?:{_CITY_WORD}\s+){{0,2}}{_CITY_WORD})\s*(?P<comma>,)?\s+"
    rf"(?P<state>{'|'.join(sorted(US_STATES))})(?![\w/-])",
    re.I | re.A,
)
_ZONE_NAMED_STATES = {state.casefold() for state in US_STATES} & {
    name.casefold() for name in TIME_ZONE_NAMES
}
# Both names of one zone, as some write it to be sure: EST/EDT, and GMT/BST, where GMT is
# Britain's winter name rather than UTC.
_PAIRED_NAMES = {"gmt": "Europe/London"}
_PAIR_NAMES = any_of([*TIME_ZONE_NAMES, *_PAIRED_NAMES])
_ZONE_PAIR = re.compile(
    rf"(?<![\w/-])(?P<first>{_PAIR_NAMES})\s*/\s*(?P<second>{_PAIR_NAMES})(?![\w/-])",
    re.I | re.A,
)
# A zone and a second time after a slash, "10am CST/11am EST": two zones, not one name.
# "10am my time": the member's own zone, whatever the option says.
_MY_TIME = re.compile(r"\(?(?<!\w)(?:in\s+)?my\s+time(?:\s*zone)?(?!\w)\)?", re.I | re.A)
# "10am (local time)": the zone a time without one is read in anyway.
_LOCAL_TIME = re.compile(r"\(?(?<!\w)(?:in\s+)?local(?:\s+time)?(?:\s*zone)?(?!\w)\)?", re.I | re.A)
_SLASH_BEFORE_A_TIME = re.compile(r"(?<=[a-z])\s*/\s*(?=\d)", re.I | re.A)
# What follows a zone's name and is no part of it: Pacific Time Zone, Eastern Time (US & Canada),
# and standard or daylight without "time" (central standard), which the zone shows in its note.
_AFTER_THE_NAME = re.compile(
    r"\s*zone$|\s+us\s+(?:&|and)\s+canada$|\s+(?:standard|summer|daylight(?:\s+saving)?)$",
    re.I | re.A,
)
_UNKNOWN_ZONE = (
    "“{}” is not a time zone I know. Use an IANA name such as America/Denver, a name such as "
    "PT, Mountain or JST, or an offset such as UTC-7."
)


def take_zone(
    words: str,
    *,
    negative_iso_offset: bool = True,
    member_zone: str | None = None,
    with_a_comma: Collection[str] = (),
) -> tuple[Zone | None, str]:
    """The one zone written in the text, and the text without it; a negative offset joined to
    an ISO time with a colon ("10:00-07:00") unasked only when `negative_iso_offset`, since it
    may be a range's end; "my time" the member's own zone, `member_zone`; `with_a_comma` the
    cities the text wrote with a comma before their state (`cities_with_a_comma`), which the
    words no longer hold."""
    found: list[Zone] = []

    def own(match: re.Match[str]) -> str:
        if member_zone is None:
            raise UserError(
                f"“{match[0]}”: I don't know your time zone yet. Set it with /timezone set, or "
                "name the zone in the time (10am PT)."
            )
        found.append(Zone(member_zone, load_zone(member_zone), f"my time ({member_zone})"))
        return " "

    def iso_offset(match: re.Match[str]) -> str:
        if not negative_iso_offset and _joined_range(match):
            return match[0]
        found.append(_iso_offset_zone(match["offset"]))
        return match["stamp"]

    def spaced_offset(match: re.Match[str]) -> str:
        time, offset = match["time"], match["offset"]
        if offset.startswith("-") and offset_zone(f"UTC{offset}") is None:
            return match[0]  # no zone on Earth: "9:00 -15:00" is a range
        lone = not (match["m"] or match["hf"])
        asked = lone and 1 <= int(match["h"]) <= _ASKED_WHICH_HALF
        before, after = match.string[: match.start()], match.string[match.end() :]
        if offset.startswith("-") and not asked and _may_end_a_range(match):
            if _names_a_zone(f"{before} {after}"):
                return match[0]  # "9:00 -11:00 PT": its zone named, the offset is a range's end
            zone = _iso_offset_zone(offset)
            as_zone, as_range = f"{time} {zone.name}", f"{time}{offset}"
            raise UserError(
                f"“{match[0]}” may be {time} at {zone.name} or a range to {offset[1:]}: write "
                f"{before}{as_zone}{after} for the zone, or {before}{as_range}{after} for the "
                "range."
            )
        found.append(_spaced_offset_zone(offset))
        return time

    def offset_after_words(match: re.Match[str]) -> str:
        if offset_zone(f"UTC{match['offset']}") is None:
            if match["before"][0].isdigit():
                typed = f"{match.string[: match.start()]}{match['before']}"
                _refuse_no_such_offset(" ".join(typed.split()), match["offset"])
            return match[0]
        found.append(_spaced_offset_zone(match["offset"]))
        return match["before"]

    def named(read: Callable[[str], str | None]) -> Callable[[re.Match[str]], str]:
        def take(match: re.Match[str]) -> str:
            name = read(match[0])
            if name is None:
                raise UserError(_UNKNOWN_ZONE.format(match[0]))
            found.append(Zone(name, load_zone(name), match[0]))
            return " "

        return take

    def pair(match: re.Match[str]) -> str:
        if match["first"].casefold() == match["second"].casefold():
            # GMT/GMT is one name twice, not a zone's two names (GMT/BST): the name, as typed.
            return f" {match['first']} "
        first, second = (
            _PAIRED_NAMES.get(name.casefold()) or named_zone(name)
            for name in (match["first"], match["second"])
        )
        if first is None or first != second:
            raise UserError(
                f"I found two time zones, “{match['first']}” and “{match['second']}”; give one."
            )
        found.append(Zone(first, load_zone(first), match[0]))
        return " "

    def in_state(match: re.Match[str]) -> str:
        city = _city_before_state(match, with_a_comma)
        zone = city and city_and_state_zone(city, match["state"])
        if not zone:  # a zone's name, or a state of more zones, asked about from the text
            return match[0]
        found.append(Zone(zone, load_zone(zone), " ".join(match[0].split())))
        return " "

    words = _MY_TIME.sub(own, _LOCAL_TIME.sub(" ", words))
    words = _SPACED_OFFSET.sub(spaced_offset, _SLASH_BEFORE_A_TIME.sub(" ", words))
    words = _OFFSET_AFTER_WORDS.sub(offset_after_words, words)
    words = _ISO_OFFSET.sub(iso_offset, words)
    words = _ZONE_PAIR.sub(pair, words)
    words = _UTC_OFFSET.sub(named(offset_zone), words)
    words = _IANA.sub(named(iana_zone), words)
    words = _CITY.sub(named(_named_city), words)  # first: AZ of Phoenix, AZ is its state's
    words = _CITY_IN_STATE.sub(in_state, words)  # before MT of Billings MT is read as Mountain
    words = _ZONE_NAME.sub(named(lambda typed: named_zone(_AFTER_THE_NAME.sub("", typed))), words)
    offsets = [zone for zone in found if zone.tz.utcoffset(None) is not None]
    if len(found) == 2 and len(offsets) == 1:  # "10pm -08:00 PT": checked on the day read
        named = next(zone for zone in found if zone is not offsets[0])
        return replace(named, offset=offsets[0]), " ".join(words.split())
    if len(found) > 1:
        *others, last = (f"“{zone.typed}”" for zone in found)
        count = NUMBER_WORDS[len(found) - 1] if len(found) <= len(NUMBER_WORDS) else len(found)
        raise UserError(f"I found {count} time zones, {', '.join(others)} and {last}; give one.")
    return (found[0] if found else None), " ".join(words.split())


def _refuse_no_such_offset(date: str, offset: str) -> None:
    """Refuse an offset no zone has after a date (12/5 -15:00), which would else be read as a
    time of day in the member's own zone, its sign dropped."""
    hour = f"{offset[1:3]}:{offset[-2:]}"
    raise UserError(
        f"“{offset}” is no such offset: offsets from UTC run from -12:00 to +14:00. For the "
        f"time, write {date} {hour}; for a zone, give it after the time, like {date} {hour} "
        "-07:00."
    )


def _names_a_zone(words: str) -> bool:
    return any(
        pattern.search(words) for pattern in (_ZONE_PAIR, _UTC_OFFSET, _IANA, _ZONE_NAME, _CITY)
    )


def refuse_other_offset(zone: Zone, local: datetime, *others: datetime) -> None:
    """Refuse a zone named beside an offset that is not its own at `local` (10pm -02:00 PT),
    nor at any of the `others` it may yet be read as (3 AM or 3 PM), naming both: which of
    them the member meant, only they know."""
    if zone.offset is None:
        return
    meant, own = zone.offset.tz.utcoffset(None), local.utcoffset()
    if own is None or meant in (time.utcoffset() for time in (local, *others)):
        return
    raise UserError(
        f"“{zone.offset.typed}” and “{zone.typed}” name different zones: {zone.typed} on "
        f"{local:%A %B} {local.day} is {timezone(own).tzname(None)} ({local.tzname()}), not "
        f"{zone.offset.name}. Give one of them."
    )


def _joined_range(match: re.Match[str]) -> bool:
    """Whether "2026-12-12 09:00-11:00", a negative offset with a colon joined to a date and
    time as machines print one, is a range: spaced from the time, or no zone on Earth
    (10:00-14:00), or read as a clock a little later the same day (10:00-12:00: both ends with
    minutes is how a range is written). A range across midnight (21:00-05:00) is rarer than
    the offset it reads as."""
    offset = match["offset"]
    if not offset.startswith("-") or ":" not in offset:
        return False
    if match["gap"] or offset_zone(f"UTC{offset}") is None:
        return True
    hour, minute = match["clock"].split(":")
    start, end = int(hour) * 60 + int(minute), int(offset[1:3]) * 60 + int(offset[4:])
    return 0 < end - start <= _SHORT_RANGE


def _may_end_a_range(match: re.Match[str]) -> bool:
    """Whether the offset after a time that says neither am nor pm, read as a clock, is a
    little after it (9:00 -11:00). A time with am or pm, or on the 24-hour clock on purpose
    (21:00, 09:00, 9:00:00), is the offset's: a range written so would mix two ways of writing
    its ends (10pm -02:00), as tools print an offset."""
    typed = match["h"]
    if match["half"] or match["hf"] or match["sec"] or typed.startswith("0") or int(typed) > 12:
        return False
    start = int(typed) * 60 + int(match["m"] or 0)
    digits = match["offset"].replace(":", "")
    end = int(digits[1:3]) * 60 + int(digits[3:])
    return 0 < (end - start) % (24 * 60) <= _SHORT_RANGE


def _named_city(typed: str) -> str | None:
    """The zone of the city `typed`; none for a state not the city's own (Denver, IL)."""
    city = _CITY.fullmatch(typed)
    if city is None:
        return None
    zone = _NAMED_CITIES.get(" ".join(city["city"].replace("_", " ").split()).casefold())
    state = city["state"] and " ".join(city["state"].split()).casefold()
    return zone if not state or state in _CITY_STATES.get(zone or "", ()) else None


def city_and_state_zone(city: str, state: str) -> str | None:
    """The zone of `city` in the US `state` (by its two letters): the state's one zone, or the
    city's own among the state's (Boise, ID), or keeping the clock of one of them (Detroit, MI:
    Michigan's Eastern); none where the state keeps more and the city is not known, which only
    the member can say."""
    zones = state_zones(state)
    own = city_zone(" ".join(city.split()))
    if own in zones:
        return own
    if len(zones) == 1:
        return zones[0]
    return own if own is not None and _keeps_a_clock_of(own, zones) else None


def _keeps_a_clock_of(zone: str, zones: tuple[str, ...]) -> bool:
    """Whether `zone` is one of `zones` or keeps the clock of one (Detroit, Eastern's)."""
    return zone in zones or any(_same_clock(zone, other) for other in zones)


# A winter's and a summer's day, on which two zones that keep the same clock agree.
_SEASONS = (datetime(2026, 1, 15, 12, tzinfo=UTC), datetime(2026, 7, 15, 12, tzinfo=UTC))


def _same_clock(zone: str, other: str) -> bool:
    return all(
        day.astimezone(load_zone(zone)).utcoffset() == day.astimezone(load_zone(other)).utcoffset()
        for day in _SEASONS
    )


def cities_with_a_comma(text: str) -> frozenset[str]:
    """The cities `text` writes with a comma before their state's letters (Hartford, CT), as
    `_city_with_state` keys them."""
    return frozenset(
        _city_with_state(match) for match in _CITY_IN_STATE.finditer(text) if match["comma"]
    )


def _city_with_state(match: re.Match[str]) -> str:
    return " ".join(f"{match['city']} {match['state']}".split()).casefold()


def _city_before_state(match: re.Match[str], with_a_comma: Collection[str]) -> str | None:
    """The city of `_CITY_IN_STATE`'s `match`; none when its state's letters are a zone's name
    (CT, MT) after a word that is no city the zone table knows, nor followed by a comma (in
    the match, or as `with_a_comma` says)."""
    written_so = match["comma"] or _city_with_state(match) in with_a_comma
    if not match["state"].isupper():  # "in", "or", "ok": a state only as "boise, id" writes it
        city = _known_city(match["city"]) if written_so else None
        own = city and city_zone(city)
        return city if own and _keeps_a_clock_of(own, state_zones(match["state"])) else None
    if written_so or match["state"].casefold() not in _ZONE_NAMED_STATES:
        return match["city"]
    return _known_city(match["city"])


def _known_city(words: str) -> str | None:
    """The last words of `words` that name a city the zone table knows, the most of them."""
    split = words.split()
    known = (" ".join(split[start:]) for start in range(len(split)))
    return next((city for city in known if city_zone(city) is not None), None)


# A state's letters alone after "in" (10am in CO), which name no zone of their own.
_STATE_AFTER_IN = re.compile(
    rf"(?<![\w/-])in\s+(?P<state>{'|'.join(sorted(US_STATES))})(?![\w/-])", re.I | re.A
)
# The words of a name, as written: each begins with a capital (Salt Lake City).
_NAME = re.compile(r"(?:[A-Z][a-z]*\s+)*[A-Z][a-z]*\Z", re.A)
# States' letters that are words as well ("Houston, me"), so a hint says both readings.
_WORD_LETTERS = frozenset({"hi", "in", "me", "oh", "ok", "or"})


def _known_city_in(words: str) -> re.Match[str] | None:
    """The last words of `words` naming a city the zone table knows, however typed (boise)."""
    city = _known_city(words)
    return None if city is None else re.search(r"\s+".join(city.split()) + r"\Z", words)


@dataclass(frozen=True)
class UnreadState:
    """State letters in a time not read as a state: the words to quote as not read, and how to
    write them so that they read."""

    typed: str
    hint: str


def unread_state(unread: str, text: str) -> UnreadState | None:
    """State letters in `text` not read as a state, where the words `unread` are the city
    before them, written as a name (Hartford CT, Tulsa, ok) or one the zone table knows (boise
    id), or are the letters alone after "in" (10am in co); none for any other words."""
    unread_words = set(re.findall(r"[a-z]+", unread.casefold()))
    for match in _CITY_IN_STATE.finditer(text):
        name = _NAME.search(match["city"]) or _known_city_in(match["city"])
        if name is None or name[0].split()[-1].casefold() not in unread_words:
            continue
        if _city_before_state(match, ()) is not None:
            continue
        letters, state = match["state"], match["state"].upper()
        retyped = " ".join(f"{text[: match.end('city')]}, {state}{text[match.end() :]}".split())
        # Letters left unread with the city, but a zone's (CT, ct) read as the zone.
        typed = " ".join(text[match.start("city") + name.start() : match.end()].split())
        why = "a state's letters in capitals: in lower case they may be a word"
        if zone := named_zone(letters):
            region = next(name for name, iana in TIME_ZONE_NAMES.items() if iana == zone).title()
            typed = name[0]
            why = (
                f"a state's letters in capitals: {letters} in lower case is {region} time"
                if match["comma"]
                else f"with the comma: {letters} after a word is {region} time"
            )
        hint = f" If {name[0]} is in {state_name(state).title()}, write {retyped} ({why})"
        if letters.casefold() in _WORD_LETTERS:
            hint += (
                f"; if “{letters}” is the word, leave it out: this option takes the day and time "
                "only"
            )
        return UnreadState(typed, f"{hint}.")
    for match in _STATE_AFTER_IN.finditer(text):
        typed = match["state"]
        if typed.casefold() not in unread_words:
            continue
        zones = state_zones(typed)
        instead = _each_zone_in_place(text, match, zones)
        many = f" (it keeps {NUMBER_WORDS[len(zones) - 1]} time zones)" if len(zones) > 1 else ""
        return UnreadState(
            typed,
            f" If {typed} is {state_name(typed.upper()).title()}, write {instead}{many}; the "
            "place goes in the location option.",
        )
    return None


def refuse_city_of_many_zones(text: str) -> None:
    """Ask which zone a city is in, written with a state that keeps more than one (Austin, TX),
    naming the state's zones in the member's own text."""
    for match in _CITY_IN_STATE.finditer(text):
        zones = state_zones(match["state"])
        city = _city_before_state(match, ())
        if len(zones) < 2 or city is None or city_and_state_zone(city, match["state"]):
            continue
        count = NUMBER_WORDS[len(zones) - 1]
        *others, last = zones
        instead = _each_zone_in_place(text, match, zones)
        raise UserError(
            f"“{' '.join(match[0].split())}”: {state_name(match['state'].upper()).title()} "
            f"keeps {count} time zones, {', '.join(others)} and {last}. For the time, write "
            f"{instead}; a place goes in the location option."
        )


def _each_zone_in_place(text: str, match: re.Match[str], zones: tuple[str, ...]) -> str:
    """`text` with each of `zones` in place of the words `match` found, joined by "or"."""
    before, after = text[: match.start()], text[match.end() :]
    return " or ".join(" ".join(f"{before}{zone}{after}".split()) for zone in zones)


def within_city_and_state(text: str, at: int) -> bool:
    """Whether `at` falls within a city named with its own state in `text`: the comma of
    "Denver, CO", which introduces no place."""
    return any(
        city.start() < at < city.end() and city["state"] and _named_city(city[0])
        for city in _CITY.finditer(text)
    )


def _iso_offset_zone(offset: str) -> Zone:
    name = "UTC" if offset.casefold() == "z" else offset_zone(f"UTC{offset}")
    if name is None:
        raise UserError(_UNKNOWN_ZONE.format(offset))
    return Zone(name, load_zone(name), offset)


def _spaced_offset_zone(offset: str) -> Zone:
    zone = _iso_offset_zone(offset)
    return replace(zone, note=f"“{offset}” read as the offset from UTC of the time ({zone.name}).")


# Words that look like a zone someone meant: an abbreviation such as CET or IST, a place.
_ZONE_LIKE = re.compile(r"(?<![\w/])(?:[A-Z]{1,4}T|[A-Za-z]{3,}(?:[ _][A-Za-z]+)?)(?![\w/])")


class ZoneNotRead(UserError):
    """A time zone written in a time but not read (IST, EET, Paris): what to fix first, before
    a time without a zone is asked for one."""


def unknown_zone(words: str) -> ZoneNotRead | None:
    """Why `words` (what was left unread of a time) could not be read, when they hold what
    looks like a time zone: a name several countries use, an abbreviation not known, or a city
    written for its zone."""
    for match in _ZONE_LIKE.finditer(words):
        if question := ambiguous_name(match[0]):
            return ZoneNotRead(question.message)
        city = re.sub(r"(?i)\s+time$", "", match[0])
        if (zone := city_zone(city)) is not None:
            return ZoneNotRead(f"For the time zone of {city}, write {zone}.")
        if match[0].isupper() and match[0].endswith("T"):
            return ZoneNotRead(_UNKNOWN_ZONE.format(match[0]))
    return None


def read_zone(text: str) -> str:
    """The zone name for what a member typed as a zone (IANA, its city, a name such as PT or
    JST, or UTC-7), or a UserError; a name several countries use (IST) is asked about."""
    if question := ambiguous_name(text):
        raise question
    name = named_zone(text) or iana_zone(text) or city_zone(text) or offset_zone(text)
    if name is None:
        raise UserError(_UNKNOWN_ZONE.format(text.strip()[:60]))
    return name


def choose_zone(
    typed: Zone | None,
    zone_option: str | None,
    fallbacks: tuple[str | None, str | None, str | None],
) -> tuple[Zone, ZoneSource, tuple[str, ...]]:
    # A bad option is refused even when the text names a zone: the member typed it, so they
    # should hear that it meant nothing.
    option = read_zone(zone_option) if zone_option and zone_option.strip() else None
    if typed is not None:
        typed = _in_the_zone_keeping_it(typed, (option, *fallbacks))
        notes = (typed.note,) if typed.note else ()
        if option is not None and option != typed.name:
            notes += (f"{typed.typed} in the time was used, not the timezone option ({option}).",)
        return typed, ZoneSource.TEXT, notes
    template_zone, member_zone, server_zone = fallbacks
    for name, source in (
        (option, ZoneSource.OPTION),
        (template_zone, ZoneSource.TEMPLATE),
        (member_zone, ZoneSource.MEMBER),
        (server_zone, ZoneSource.SERVER),
    ):
        if name:
            return Zone(name, load_zone(name)), source, ()
    raise UserError(
        "Which time zone is that in? Add one to the time (10am PT, 10am America/Denver, "
        "10am UTC-7), or set yours with /timezone set."
    )


def zone_untyped(
    zone_option: str | None, fallbacks: tuple[str | None, str | None, str | None]
) -> str | None:
    """The zone a time naming none is read in (`choose_zone`), or None: no zone is at hand, or
    the option names none (refused once the time is read)."""
    try:
        return choose_zone(None, zone_option, fallbacks)[0].name
    except UserError:
        return None


def _in_the_zone_keeping_it(typed: Zone, zones: tuple[str | None, ...]) -> Zone:
    """A standard name (MST, AST) read in the zone among `zones` (the option's, template's or
    meetup's, member's, server's) that keeps it all year, Arizona's or Puerto Rico's: written
    there, it means that zone's time, not the time of the zone whose clocks change."""
    keeper = keeps_all_year(typed.name)
    if keeper is None or keeper not in zones or not typed.standard:
        return typed
    return replace(typed, name=keeper, tz=load_zone(keeper))


def zone_notes(zone: Zone, local: datetime) -> tuple[str, ...]:
    """Say so when a standard-time name was typed in summer, or a daylight one in winter."""
    in_daylight = bool(local.dst())
    if not (zone.standard and in_daylight) and not (zone.daylight and not in_daylight):
        return ()
    # The first name of each zone is its plain name: eastern, central, mountain, pacific…
    region = next(name for name, iana in TIME_ZONE_NAMES.items() if iana == zone.name).title()
    day = local.replace(hour=0, minute=0, second=0, fold=0)
    if day.utcoffset() != (day + timedelta(days=1)).utcoffset():
        # The clocks change that day, so the month's name would not say which was meant.
        when = f"at {clock_text(local)} on {local:%B} {local.day}"
    else:
        when = f"in {local:%B}"
    note = f"{zone.shown} read as {region} time ({local.tzname()} {when})."
    name = _AFTER_THE_NAME.sub("", zone.typed)
    elsewhere = kept_all_year_by(name, zone.name, verb="write")
    return (f"{note} {elsewhere}" if elsewhere else note,)
