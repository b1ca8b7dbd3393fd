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


# Files that tz databases ship beside the zones but that name no place.
NOT_ZONES = frozenset({"localtime", "Factory", "posixrules"})


@cache
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones() - NOT_ZONES}


def parse_zone(text: str) -> str:
    """The canonical IANA name for `text` (any case), or a UserError that says what to type."""
    name = _zones_by_folded_name().get(text.strip().replace(" ", "_").casefold())
    if name is None:
        raise UserError(
            f"“{text.strip()[:60]}” is not a time zone I know. Use an IANA name such as "
            "America/Denver or America/New_York (pick one from the suggestions)."
        )
    return name


def zone_info(name: str) -> ZoneInfo:
    return ZoneInfo(parse_zone(name))


def search_zones(query: str, limit: int = AUTOCOMPLETE_CHOICES) -> list[str]:
    """Zones whose name starts with, then contains, what was typed; common zones when empty."""
    needle = query.strip().replace(" ", "_").casefold()
    if not needle:
        return list(COMMON_ZONES[:limit])
    names = sorted(_zones_by_folded_name().items())
    starts = [name for folded, name in names if _any_part_starts(folded, needle)]
    contains = [name for folded, name in names if needle in folded and name not in starts]
    return (starts + contains)[:limit]


def _any_part_starts(folded: str, needle: str) -> bool:
    return folded.startswith(needle) or any(
        part.startswith(needle) for part in folded.split("/")[1:]
    )
