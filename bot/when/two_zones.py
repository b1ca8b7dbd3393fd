"""A time given in two zones or more, as invitations to members across the country write it
("3pm ET / 12pm PT", "sat 3pm ET (12pm PT)", "sat 10am-2pm ET / 7am-11am PT"): read in the
first, and refused when another names another instant, or another end, with both readings,
since only the member knows which they meant."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.dates import clock_text
from bot.errors import UserError
from bot.when.changes import at
from bot.when.clock import Clock, clock_matches, read_clock
from bot.when.zone import Zone, take_zone

# What joins the two: a slash, "or", "and", "=", or nothing (brackets and commas are gone by
# now). Not a dash nor "to", which join the ends of a range.
_JOINED = re.compile(r"\s*(?:/|=|&|(?<!\w)(?:or|and))?\s*", re.I | re.A)
_SLASH_BEFORE_A_TIME = re.compile(r"(?<=[a-z])/(?=\d)", re.I | re.A)
# What joins the two ends of a range in one zone: 10am-2pm, 10am to 2pm.
_RANGE = re.compile(r"\s*-\s*|\s+(?:to|till?|until|thru|through)\s+", re.I | re.A)


@dataclass(frozen=True)
class SecondZone:
    """The time after the first, in its own zone: "12pm pst" of "3pm est / 12pm pst", and
    the end of its range, when the first is one: "7am-11am pt" of "10am-2pm et / 7am-11am pt"."""

    first: str  # the first time and its zone, as read: "3pm est"
    typed: str
    clock: Clock
    zone: Zone
    end: Clock | None = None

    def refuse_other_instant(
        self, zone: Zone, local: datetime, duration: timedelta | None = None
    ) -> None:
        """Refuse the second time when it is not `local`, the first read in `zone`, on its own
        zone's clock (1am EST is 10pm PST the evening before: the same instant); and, of a
        range, when its end is not the first's, `duration` after it."""
        there = local.astimezone(self.zone.tz)
        ends = [(self.clock, there)]
        if self.end is not None and duration is not None:
            ends.append((self.end, (local.astimezone(UTC) + duration).astimezone(self.zone.tz)))
        if all(_agree(clock, shown) for clock, shown in ends):
            return
        theirs = at(there.date(), self.clock, self.zone.tz)
        said, read = clock_text(there), clock_text(theirs.astimezone(zone.tz))
        if self.end is not None and duration is not None:
            their_end = at(there.date(), self.end, self.zone.tz)
            if their_end <= theirs:  # 10pm-2am ends the day after
                their_end = at(there.date() + timedelta(days=1), self.end, self.zone.tz)
            said += f" to {clock_text(ends[1][1])}"
            read += f" to {clock_text(their_end.astimezone(zone.tz))}"
        raise UserError(
            f"“{self.first}” and “{self.typed}” are not the same time: {self.first} is "
            f"{said} {self.zone.shown}, and {self.typed} is {read} {zone.shown}. Give one of them."
        )


def _agree(clock: Clock, shown: datetime) -> bool:
    """Whether `clock` is the hour and minute `shown`: either half of the day where it says
    neither ("12 PT")."""
    said, seen = (clock.hour, clock.minute), (shown.hour, shown.minute)
    if clock.bare:
        said, seen = (said[0] % 12, said[1]), (seen[0] % 12, seen[1])
    return said == seen


def take_other_zones(words: str, member_zone: str | None) -> tuple[str, tuple[SecondZone, ...]]:
    """The words without the times after the first, each in a zone of its own ("3pm ET / 2pm
    CT / 12pm PT"), and those times; the words as they were when they hold no such run. The
    times may all be ranges ("10am-2pm ET / 7am-11am PT")."""
    spaced = _SLASH_BEFORE_A_TIME.sub(" / ", words)  # ET/12pm PT: no time starts at a slash
    times = _times(clock_matches(spaced), spaced)
    if len(times) < 2 or len({end is None for _, end in times}) > 1:
        return words, ()
    ends = [start.start() for start, _ in times[1:]] + [len(spaced)]
    zones: list[Zone] = []
    for (start, end), after in zip(times, ends, strict=True):
        try:
            zone, joined = take_zone(spaced[(end or start).end() : after], member_zone=member_zone)
        except UserError:
            return words, ()  # a zone not known is refused as any other is
        last = after == len(spaced)
        if zone is None or (joined if last else not _JOINED.fullmatch(joined)):
            return words, ()
        zones.append(zone)
    if len({zone.name for zone in zones}) < len(zones):  # "3pm PT - 5pm PT": a range, or a mistake
        return words, ()
    typed = [
        " ".join(f"{spaced[start.start() : (end or start).end()]} {zone.typed}".split())
        for (start, end), zone in zip(times, zones, strict=True)
    ]
    first_start, first_end = times[0]
    before = f"{spaced[: (first_end or first_start).end()]} {zones[0].typed}"
    others = (
        SecondZone(typed[0], said, read_clock(start[0]), zone, end and read_clock(end[0]))
        for said, (start, end), zone in zip(typed[1:], times[1:], zones[1:], strict=True)
    )
    return before, tuple(others)


def _times(
    clocks: list[re.Match[str]], words: str
) -> list[tuple[re.Match[str], re.Match[str] | None]]:
    """Each time of day in the words, the two ends of a range taken as one."""
    times: list[tuple[re.Match[str], re.Match[str] | None]] = []
    index = 0
    while index < len(clocks):
        start = clocks[index]
        after = clocks[index + 1] if index + 1 < len(clocks) else None
        if after is not None and _RANGE.fullmatch(words[start.end() : after.start()]):
            times.append((start, after))
            index += 2
        else:
            times.append((start, None))
            index += 1
    return times
