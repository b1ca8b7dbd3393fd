"""A time given in two zones, as invitations to members across the country write it ("3pm ET
/ 12pm PT", "sat 3pm ET (12pm PT)"): read in the first, and refused when the second names
another instant, with both readings, since only the member knows which they meant."""

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


def take_second_zone(words: str, member_zone: str | None) -> tuple[str, SecondZone | None]:
    """The words without a second time in a zone of its own after the first's, and that
    second time; the words as they were when they hold no such pair."""
    spaced = _SLASH_BEFORE_A_TIME.sub(" / ", words)  # ET/12pm PT: no time starts at a slash
    clocks = clock_matches(spaced)
    if len(clocks) != 2:
        return words, None
    between, after = spaced[clocks[0].end() : clocks[1].start()], spaced[clocks[1].start() :]
    try:
        zone, rest = take_zone(after, member_zone=member_zone)
        first_zone, joined = take_zone(between, member_zone=member_zone)
    except UserError:
        return words, None  # a zone not known is refused as any other is
    if (
        zone is None
        or first_zone is None
        or zone.name == first_zone.name  # "3pm PT - 5pm PT": a range, or a mistake
        or not _JOINED.fullmatch(joined)
        or rest != clocks[1][0]
    ):
        return words, None
    first = f"{clocks[0][0]} {first_zone.typed}"
    before = f"{spaced[: clocks[0].end()]} {first_zone.typed}"
    return before, SecondZone(first, " ".join(after.split()), read_clock(rest), zone)
