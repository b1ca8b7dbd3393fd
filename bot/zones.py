"""IANA time zones: validating what members type and suggesting zones as they type."""

from __future__ import annotations

from functools import cache
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


# The US names and abbreviations members type, read as the zone's rule now, whatever the season:
# "PST" in July means Pacific time (the zone is on PDT then), which is what people mean by it.
US_ZONE_NAMES = {
    **dict.fromkeys(("eastern", "et", "est", "edt"), "America/New_York"),
    **dict.fromkeys(("central", "ct", "cst", "cdt"), "America/Chicago"),
    **dict.fromkeys(("mountain", "mt", "mst", "mdt"), "America/Denver"),
    **dict.fromkeys(("arizona", "az"), "America/Phoenix"),
    **dict.fromkeys(("pacific", "pt", "pst", "pdt"), "America/Los_Angeles"),
    **dict.fromkeys(("alaska", "akt", "akst", "akdt"), "America/Anchorage"),
    **dict.fromkeys(("hawaii", "hst", "hawaii-aleutian"), "Pacific/Honolulu"),
    **dict.fromkeys(("atlantic", "puerto rico", "ast"), "America/Puerto_Rico"),
}
_TIME_WORDS = ("standard time", "daylight time", "daylight saving time", "time")

# Files that tz databases ship beside the zones but that name no place.
NOT_ZONES = frozenset({"localtime", "Factory", "posixrules"})


@cache
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones() - NOT_ZONES}


def us_zone(text: str) -> str | None:
    """The IANA zone a US name means (`PST`, `Pacific`, `central time`, `Arizona`), if any."""
    folded = " ".join(text.casefold().replace(".", "").split())
    for words in _TIME_WORDS:
        folded = folded.removesuffix(f" {words}")
    return US_ZONE_NAMES.get(folded)


def parse_zone(text: str) -> str:
    """The canonical IANA name for `text` (an IANA name in any case, or a US name such as
    `PST` or `Central`), or a UserError that says what to type."""
    # US names first: tzdata's legacy "EST" and "MST" are fixed offsets with no daylight saving,
    # which is not what a member typing EST means.
    name = us_zone(text) or _zones_by_folded_name().get(text.strip().replace(" ", "_").casefold())
    if name is None:
        raise UserError(
            f"“{text.strip()[:60]}” is not a time zone I know. Use an IANA name such as "
            "America/Denver (pick one from the suggestions), or a US name such as Pacific or EST."
        )
    return name


def zone_info(name: str) -> ZoneInfo:
    return ZoneInfo(parse_zone(name))


def search_zones(query: str, limit: int = AUTOCOMPLETE_CHOICES) -> list[str]:
    """Zones whose name starts with, then contains, what was typed (a US name's zone first);
    common zones when empty."""
    needle = query.strip().replace(" ", "_").casefold()
    if not needle:
        return list(COMMON_ZONES[:limit])
    names = sorted(_zones_by_folded_name().items())
    named = [zone] if (zone := us_zone(query)) else []
    starts = [name for folded, name in names if _any_part_starts(folded, needle)]
    contains = [name for folded, name in names if needle in folded]
    return list(dict.fromkeys(named + starts + contains))[:limit]


def _any_part_starts(folded: str, needle: str) -> bool:
    return folded.startswith(needle) or any(
        part.startswith(needle) for part in folded.split("/")[1:]
    )
