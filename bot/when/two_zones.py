"""A time given in two zones or more, as invitations to members across the country write it
("3pm ET / 12pm PT", "sat 3pm ET (12pm PT)"): read in the first, and refused when another
names another instant, with both readings, since only the member knows which they meant."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.dates import clock_text
from bot.errors import UserError
from bot.when.changes import at
from bot.when.clock import Clock, clock_matches, read_clock
from bot.when.zone import Zone, take_zone

# What joins the two: a slash, "or", "and", "=", or nothing (brackets and commas are gone by
# now). Not a dash nor "to", which join the ends of a range.
_JOINED = re.compile(r"\s*(?:/|=|&|(?<!\w)(?:or|and))?\s*", re.I | re.A)
_SLASH_BEFORE_A_TIME = re.compile(r"(?<=[a-z])/(?=\d)", re.I | re.A)


@dataclass(frozen=True)
class SecondZone:
    """The time after the first, in its own zone: "12pm pst" of "3pm est / 12pm pst"."""

    first: str  # the first time and its zone, as read: "3pm est"
    typed: str
    clock: Clock
    zone: Zone

    def refuse_other_instant(self, zone: Zone, local: datetime) -> None:
        """Refuse the second time when it is not `local`, the first read in `zone`, on its own
        zone's clock (1am EST is 10pm PST the evening before: the same instant)."""
        there = local.astimezone(self.zone.tz)
        said, shown = (self.clock.hour, self.clock.minute), (there.hour, there.minute)
        if self.clock.bare:  # "12 PT" says no half of the day; either agrees
            said, shown = (said[0] % 12, said[1]), (shown[0] % 12, shown[1])
        if said == shown:
            return
        theirs = at(there.date(), self.clock, self.zone.tz).astimezone(zone.tz)
        raise UserError(
            f"“{self.first}” and “{self.typed}” are not the same time: {self.first} is "
            f"{clock_text(there)} {self.zone.shown}, and {self.typed} is {clock_text(theirs)} "
            f"{zone.shown}. Give one of them."
        )


def take_other_zones(words: str, member_zone: str | None) -> tuple[str, tuple[SecondZone, ...]]:
    """The words without the times after the first, each in a zone of its own ("3pm ET / 2pm
    CT / 12pm PT"), and those times; the words as they were when they hold no such run."""
    spaced = _SLASH_BEFORE_A_TIME.sub(" / ", words)  # ET/12pm PT: no time starts at a slash
    clocks = clock_matches(spaced)
    if len(clocks) < 2:
        return words, ()
    ends = [after.start() for after in clocks[1:]] + [len(spaced)]
    zones: list[Zone] = []
    for clock, end in zip(clocks, ends, strict=True):
        try:
            zone, joined = take_zone(spaced[clock.end() : end], member_zone=member_zone)
        except UserError:
            return words, ()  # a zone not known is refused as any other is
        last = end == len(spaced)
        if zone is None or (joined if last else not _JOINED.fullmatch(joined)):
            return words, ()
        zones.append(zone)
    if len({zone.name for zone in zones}) < len(zones):  # "3pm PT - 5pm PT": a range, or a mistake
        return words, ()
    first = f"{clocks[0][0]} {zones[0].typed}"
    before = f"{spaced[: clocks[0].end()]} {zones[0].typed}"
    others = (
        SecondZone(first, f"{clock[0]} {zone.typed}", read_clock(clock[0]), zone)
        for clock, zone in zip(clocks[1:], zones[1:], strict=True)
    )
    return before, tuple(others)
