"""IANA time zones: validating what members type and suggesting zones as they type."""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import timedelta, timezone, tzinfo
from functools import cache
from importlib.resources import files
from zoneinfo import ZoneInfo, available_timezones

from bot.errors import UserError
from bot.limits import AUTOCOMPLETE_CHOICES

# Zones US members reach for first, shown when they have typed nothing yet.
COMMON_ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Puerto_Rico",
    "America/Toronto",
    "America/Vancouver",
    "Asia/Tokyo",
    "UTC",
)


# The names and abbreviations members type, read as the zone's rule now, whatever the season:
# "PST" in July means Pacific time (the zone is on PDT then), which is what people mean by it.
# The first name of each zone is its plain name, which notes call it by (Pacific time).
# US zones and Canada's Atlantic provinces; Japan's: auctions, exporters and shipping dates run
# on Japan time; and Australia's and New Zealand's, where kei trucks are imported too. Times
# typed for meetups read these names, and the cities of their zones (Denver, Halifax, Sydney).
ZONE_NAMES = {
    **dict.fromkeys(("eastern", "et", "est", "edt"), "America/New_York"),
    **dict.fromkeys(("central", "ct", "cst", "cdt"), "America/Chicago"),
    **dict.fromkeys(("mountain", "mt", "mst", "mdt"), "America/Denver"),
    **dict.fromkeys(("arizona", "az"), "America/Phoenix"),
    **dict.fromkeys(("pacific", "pt", "pst", "pdt"), "America/Los_Angeles"),
    **dict.fromkeys(("alaska", "akt", "akst", "akdt"), "America/Anchorage"),
    **dict.fromkeys(("hawaii", "hst", "hawaii-aleutian"), "Pacific/Honolulu"),
    # AST is Puerto Rico's all year as MST is Arizona's, and is read like MST: as the zone
    # whose clocks change, Atlantic Canada's, where members write AST in summer too. The
    # replies say America/Halifax; Puerto Rico is read by its name.
    **dict.fromkeys(("atlantic", "ast", "adt"), "America/Halifax"),
    "puerto rico": "America/Puerto_Rico",
    **dict.fromkeys(("japan", "jst"), "Asia/Tokyo"),
    **dict.fromkeys(("australian eastern", "aet", "aest", "aedt"), "Australia/Sydney"),
    **dict.fromkeys(("new zealand", "nzt", "nzst", "nzdt"), "Pacific/Auckland"),
}
# Britain's and central Europe's names, read in times too; their cities are not, sharing names
# with US towns (London, Kentucky; Berlin, New Hampshire). BST and CEST are summer names though
# they end as standard ones do.
EUROPE_NAMES = {
    **dict.fromkeys(("british", "uk", "bst"), "Europe/London"),
    **dict.fromkeys(("central european", "cet", "cest"), "Europe/Berlin"),
}
# The names of a zone read in a meetup's time, with the names of no city there.
TIME_ZONE_NAMES = ZONE_NAMES | EUROPE_NAMES
# Names read when a zone is set: times read UTC, GMT and Z as offsets (10am UTC, 10:00Z).
OTHER_ZONE_NAMES = {
    # Ahead of IANA's own zone named GMT: UTC is the name the bot writes everywhere else.
    **dict.fromkeys(("utc", "gmt", "z", "zulu"), "UTC"),
}
# Japan's zone by the Japanese names of the country and its big cities, as members who read
# Japanese type them (東京 beside Tokyo); read when a zone is set, as times are read in English.
JAPANESE_NAMES = dict.fromkeys(
    ("日本", "日本時間", "東京", "大阪", "京都", "名古屋", "横浜", "神戸", "札幌", "福岡"),
    "Asia/Tokyo",
)
_ALL_NAMES = TIME_ZONE_NAMES | OTHER_ZONE_NAMES | JAPANESE_NAMES
# Abbreviations read as the zone whose clocks change, that another place keeps all year: that
# place, and its zone, for members there.
_KEPT_ALL_YEAR_BY = {
    "America/Denver": ("MST", "Arizona", "America/Phoenix"),
    "America/Halifax": ("AST", "Puerto Rico", "America/Puerto_Rico"),
}
# Names several countries use, with each country's zone: the member is asked which they meant.
AMBIGUOUS_NAMES = {
    "ist": (("India", "Asia/Kolkata"), ("Ireland", "Europe/Dublin"), ("Israel", "Asia/Jerusalem")),
}
# What may follow a zone's name: Pacific Time Zone, Mountain Standard, British Summer Time.
_TIME_WORDS = re.compile(
    r"(?:\s+(?:standard|summer|daylight(?:\s+saving)?))?(?:\s+time)?(?:\s+zone)?$"
)
_SUMMER = re.compile(r"\bsummer\b", re.I | re.A)
# Files that tz databases ship beside the zones but that name no place.
NOT_ZONES = frozenset({"localtime", "Factory", "posixrules"})


@cache
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones() - NOT_ZONES}


@cache
def _zones_by_folded_city() -> dict[str, str]:
    """Each current zone by its city (`tokyo`, `los_angeles`), from tzdata's table of zones
    (which leaves out old aliases such as Australia/West)."""
    table = files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    names = (line.split("\t")[2] for line in table.splitlines() if line[:1] not in ("#", ""))
    return {
        name.rsplit("/", 1)[1].casefold(): name
        for name in names
        # Research stations and the towns of America/Indiana/… share names with US towns
        # (Davis, Center, Knox): a member typing theirs must not land on another zone.
        if name.count("/") == 1 and not name.startswith("Antarctica/")
    }


def _folded_name(text: str) -> str:
    return _TIME_WORDS.sub("", " ".join(text.casefold().replace(".", "").split()))


def named_zone(text: str) -> str | None:
    """The IANA zone a name people type means (`PST`, `Pacific`, `central time`, `Arizona`,
    `JST`, `BST`), if any. Summer is Europe's word: "central summer time" is no US zone's."""
    name = _folded_name(text)
    if name not in EUROPE_NAMES and _SUMMER.search(text):
        return None
    return _ALL_NAMES.get(name)


def kept_all_year_by(typed: str, zone: str, verb: str = "set") -> str:
    """Where the name `typed`, read as `zone`, is kept all year instead (MST in Arizona),
    as a sentence pointing members there to their own zone, to `verb` (set it, or write it
    in a time); else empty. GMT, read as UTC, points the other way: the UK keeps it only in
    winter."""
    if zone == "UTC" and _folded_name(typed) == "gmt":
        return (
            "The UK keeps GMT only in winter (BST in summer): for UK time, "
            f"{verb} UK or Europe/London."
        )
    if zone not in _KEPT_ALL_YEAR_BY or named_zone(typed) != zone:
        return ""
    name, place, own = _KEPT_ALL_YEAR_BY[zone]
    return f"{place} keeps {name} all year: for it, {verb} {place} or {own}."


def keeps_all_year(zone: str) -> str | None:
    """The zone that keeps the standard name of `zone` all year (America/Phoenix for
    America/Denver's MST), if another does."""
    return _KEPT_ALL_YEAR_BY[zone][2] if zone in _KEPT_ALL_YEAR_BY else None


def ambiguous_name(text: str) -> UserError | None:
    """The question to ask when `text` is a name several countries use (IST), naming each
    one's zone to type instead."""
    name = _folded_name(text)
    if name not in AMBIGUOUS_NAMES:
        return None
    countries = AMBIGUOUS_NAMES[name]
    owners = ", ".join(f"{country}'s" for country, _ in countries[:-1])
    zones = [f"{zone} for {country}" for country, zone in countries]
    return UserError(
        f"{name.upper()} is {owners} and {countries[-1][0]}'s: which did you mean? Type "
        f"{', '.join(zones[:-1])}, or {zones[-1]}."
    )


def iana_zone(text: str) -> str | None:
    """The canonical IANA name for `text` in any case (`america/denver`), if it is one."""
    return _zones_by_folded_name().get(text.strip().replace(" ", "_").casefold())


def city_zone(text: str) -> str | None:
    """The IANA zone named after the city `text` (`Tokyo`, `los angeles`), if there is one."""
    return _zones_by_folded_city().get(text.strip().replace(" ", "_").casefold())


# The zones each US state keeps, by its two letters, the one most of it keeps first (as the tz
# database draws them): Texas is Central but for El Paso's Mountain, Idaho Mountain but for its
# north's Pacific. A state of one zone says the zone of any city in it.
_NEW_YORK, _CHICAGO, _DENVER, _LOS_ANGELES = (
    *("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
)
_STATE_ZONES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("CT", "DC", "DE", "GA", "MA", "MD", "ME", "NC", "NH", "NJ", "NY", "OH", "PA", "RI"),
        (_NEW_YORK,),
    ),
    **dict.fromkeys(("SC", "VA", "VT", "WV"), (_NEW_YORK,)),
    **dict.fromkeys(("AL", "AR", "IA", "IL", "LA", "MN", "MO", "MS", "OK", "WI"), (_CHICAGO,)),
    **dict.fromkeys(("CO", "MT", "NM", "UT", "WY"), (_DENVER,)),
    **dict.fromkeys(("CA", "NV", "WA"), (_LOS_ANGELES,)),
    "AK": ("America/Anchorage", "America/Adak"),
    "AZ": ("America/Phoenix",),
    "HI": ("Pacific/Honolulu",),
    "PR": ("America/Puerto_Rico",),
    **dict.fromkeys(("FL", "IN", "KY", "MI"), (_NEW_YORK, _CHICAGO)),
    "TN": (_CHICAGO, _NEW_YORK),
    **dict.fromkeys(("KS", "NE", "ND", "SD", "TX"), (_CHICAGO, _DENVER)),
    "ID": ("America/Boise", _LOS_ANGELES),
    "OR": (_LOS_ANGELES, "America/Boise"),
}


def state_zones(code: str) -> tuple[str, ...]:
    """The zones the US state `code` (TX, in any case) keeps; none for a code no state has."""
    return _STATE_ZONES.get(code.upper(), ())


# A fixed offset as people type it: UTC-7, GMT+5:30, utc -0700; UTC or GMT alone is UTC.
OFFSET_PATTERN = r"(?:utc|gmt)(?:\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?)?"
_OFFSET_PARTS = re.compile(OFFSET_PATTERN, re.I | re.A)
_OFFSET_NAME = re.compile(r"UTC([+-])(\d\d):(\d\d)", re.A)
# Zones on Earth run from UTC-12 to UTC+14.
_WIDEST_WEST, _WIDEST_EAST = timedelta(hours=12), timedelta(hours=14)


def _offset_name(offset: timedelta) -> str:
    """`UTC-07:00` for seven hours behind UTC: the name a fixed offset is kept by. (IANA's own
    Etc/GMT+7 means UTC-7, its sign turned round, which would mislead whoever reads it back.)"""
    if not offset:
        return "UTC"
    minutes = abs(offset) // timedelta(minutes=1)
    sign = "-" if offset < timedelta(0) else "+"
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def offset_zone(text: str) -> str | None:
    """The name of the fixed offset `text` spells (`UTC-7` gives `UTC-07:00`), if it spells one."""
    match = _OFFSET_PARTS.fullmatch(text.strip())
    if match is None:
        return None
    sign, hours, minutes = match.groups()
    if sign is None:
        return "UTC"
    offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if int(minutes or 0) >= 60 or offset > (_WIDEST_WEST if sign == "-" else _WIDEST_EAST):
        return None
    return _offset_name(-offset if sign == "-" else offset)


# IANA's zones of a whole-hour offset run from Etc/GMT+12 (UTC-12) to Etc/GMT-14 (UTC+14).
_ETC_WEST, _ETC_EAST = 12, 14
_ETC_NAME = re.compile(r"Etc/GMT([+-])(\d{1,2})", re.A)


def whole_hour_zone(text: str) -> str | None:
    """IANA's zone for a whole-hour offset typed as `UTC-7` or `GMT+9`: Etc/GMT+7 and
    Etc/GMT-9, with IANA's signs turned round; None for anything else."""
    offset = offset_zone(text)
    if offset is None or offset == "UTC":
        return offset
    sign, hours, minutes = _OFFSET_NAME.fullmatch(offset).groups()  # type: ignore[union-attr]
    west = sign == "-"
    if minutes != "00" or int(hours) > (_ETC_WEST if west else _ETC_EAST):
        return None
    return f"Etc/GMT{'+' if west else '-'}{int(hours)}"


def _hours(hours: int, minutes: int) -> timedelta:
    return timedelta(hours=hours, minutes=minutes if hours >= 0 else -minutes)


# Offsets off the whole hour have no zone of their own. Where one place keeps such an offset all
# year, and no place with daylight saving passes through it, the offset can only mean that
# place's time: members type India's as UTC+5:30.
KEPT_ALL_YEAR = {
    _hours(-9, 30): "Pacific/Marquesas",
    _hours(3, 30): "Asia/Tehran",
    _hours(4, 30): "Asia/Kabul",
    _hours(5, 30): "Asia/Kolkata",
    _hours(5, 45): "Asia/Kathmandu",
    _hours(6, 30): "Asia/Yangon",
    _hours(8, 45): "Australia/Eucla",
}
# Offsets kept by more than one place, or for one season only: the member names theirs.
KEPT_BY_SEASON = {
    _hours(-3, 30): ("America/St_Johns",),
    _hours(-2, 30): ("America/St_Johns",),
    _hours(9, 30): ("Australia/Darwin", "Australia/Adelaide"),
    _hours(10, 30): ("Australia/Adelaide", "Australia/Lord_Howe"),
    _hours(12, 45): ("Pacific/Chatham",),
    _hours(13, 45): ("Pacific/Chatham",),
}


def zone_label(name: str) -> str:
    """A zone as members read it: IANA's Etc/GMT+7 as `UTC-7`, the sign turned back the way
    people write it; any other name as it is."""
    match = _ETC_NAME.fullmatch(name)
    if match is None:
        return name
    sign, hours = match.groups()
    return f"UTC{'-' if sign == '+' else '+'}{hours}"


def load_zone(name: str) -> tzinfo:
    """The tzinfo of a zone name the bot keeps: an IANA name, or a fixed offset `UTC-07:00`."""
    if match := _OFFSET_NAME.fullmatch(name):
        sign, hours, minutes = match.groups()
        offset = timedelta(hours=int(hours), minutes=int(minutes))
        return timezone(-offset if sign == "-" else offset, name)
    return ZoneInfo(name)


# What a member types in `/timezone set` to drop a zone of their own, so the server's applies.
NO_OWN_ZONE = frozenset(("none", "server", "reset", "default", "clear"))


def means_no_own_zone(text: str) -> bool:
    """Whether `text` asks for no zone of one's own (the server's): none, server, reset…"""
    return _width_folded(text).strip().casefold() in NO_OWN_ZONE


def _width_folded(text: str) -> str:
    """`text` with full-width letters, digits and signs as ordinary ones (Ｃｅｎｔｒａｌ is
    Central), as a Japanese keyboard may type them."""
    return unicodedata.normalize("NFKC", text)


def parse_zone(text: str) -> str:
    """The canonical IANA name for `text` (an IANA name in any case, its city such as Tokyo,
    a name such as `PST`, `Central`, `JST` or `BST`, a whole-hour offset such as `UTC-7`, or one
    off the hour that a single place keeps, such as `UTC+5:30`), or a UserError that says what
    to type."""
    typed, text = text, _width_folded(text)
    if question := ambiguous_name(text):
        raise question
    # Names first: tzdata's legacy "EST" and "MST" are fixed offsets with no daylight saving,
    # which is not what a member typing EST means.
    name = named_zone(text) or iana_zone(text) or city_zone(text) or whole_hour_zone(text)
    if name is not None:
        return name
    offset = offset_zone(text)
    if offset is not None and not offset.endswith(":00"):
        return _part_hour_zone(text, load_zone(offset).utcoffset(None) or timedelta(0))
    guess = _closest_zone(text)
    meant = f" Did you mean {guess}?" if guess else ""
    raise UserError(
        f"“{typed.strip()[:60]}” is not a time zone I know.{meant} Use an IANA name such as "
        "America/Denver (pick one from the suggestions), a city such as Denver, a name such "
        "as Pacific, EST, JST or BST, or an offset such as UTC-7."
    )


def _part_hour_zone(text: str, offset: timedelta) -> str:
    """The zone of the one place that keeps `offset` all year; else a UserError naming the
    places that keep it for some of the year, or asking for a city."""
    if offset in KEPT_ALL_YEAR:
        return KEPT_ALL_YEAR[offset]
    typed = text.strip()
    if places := KEPT_BY_SEASON.get(offset):
        raise UserError(
            f"{typed} is not a whole hour from UTC, and places on it differ: type the zone of "
            f"yours, such as {' or '.join(places)}."
        )
    raise UserError(
        f"{typed} is not a whole hour from UTC, and no place keeps that time: check the "
        "offset, or type your city, such as Denver or Tokyo."
    )


def _closest_zone(text: str) -> str | None:
    """The zone a misspelt city or name most likely means (`denvr`, `pacfic`), if one is close."""
    # Abbreviations are too short to guess from: "west" is one letter from "est".
    names = {
        name: zone for name, zone in (_zones_by_folded_city() | _ALL_NAMES).items() if len(name) > 3
    }
    typed = text.strip().replace(" ", "_").casefold()
    close = difflib.get_close_matches(typed, names, n=1, cutoff=0.8) if len(typed) > 3 else []
    return names[close[0]] if close else None


# The whole-hour offsets as members type them, offered for a half-typed "utc+" or "gmt-".
_OFFSETS = tuple(f"UTC-{hours}" for hours in range(1, _ETC_WEST + 1)) + tuple(
    f"UTC+{hours}" for hours in range(1, _ETC_EAST + 1)
)


def search_zones(query: str, limit: int = AUTOCOMPLETE_CHOICES) -> list[str]:
    """Zones whose name or a word in it starts with, then (past an abbreviation's length)
    contains, what was typed (the zone of a name it is or begins first, and whole-hour offsets
    after a sign); common zones when empty."""
    query = _width_folded(query)
    needle = query.strip().replace(" ", "_").casefold()
    if not needle:
        return list(COMMON_ZONES[:limit])
    # IANA's Etc/GMT+9 is UTC-9: offered for "gmt+9", it would mislead; offsets come as UTC+9.
    names = sorted(
        (folded, name)
        for folded, name in _zones_by_folded_name().items()
        if not _ETC_NAME.fullmatch(name)
    )
    named = [zone] if (zone := named_zone(query)) else []
    named += [zone for _, zone in AMBIGUOUS_NAMES.get(_folded_name(query), ())]
    # "Pacif" is on its way to Pacific time, ahead of Pacific/Auckland.
    named += [zone for name, zone in _ALL_NAMES.items() if name.startswith(needle)]
    offset = "utc" + needle[3:] if needle.startswith(("utc", "gmt")) and len(needle) > 3 else ""
    offsets = [name for name in _OFFSETS if offset and name.casefold().startswith(offset)]
    starts = [name for folded, name in names if _any_word_starts(folded, needle)]
    # A few letters are an abbreviation or a word's start: "pt" inside "egypt" is neither.
    longer = len(needle) > _ABBREVIATION
    contains = [name for folded, name in names if longer and needle in folded]
    return list(dict.fromkeys(named + offsets + starts + contains))[:limit]


# The longest abbreviations of zones members type (AKST, NZDT), which a name holding them
# inside does not mean.
_ABBREVIATION = 4
_WORD_BREAKS = re.compile(r"[/_-]")


def _any_word_starts(folded: str, needle: str) -> bool:
    """Whether a word of the zone's name starts with `needle`: Los_Angeles for "ang", the
    whole name for "america/d"."""
    return folded.startswith(needle) or any(
        word.startswith(needle) for word in _WORD_BREAKS.split(folded)[1:]
    )
