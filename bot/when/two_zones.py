"""A time given in two zones or more, as invitations to members across the country write it
("3pm ET / 12pm PT", "sat 3pm ET (12pm PT)", "sat 10am-2pm ET / 7-11am PT"): read in the
first, and refused when another names another instant, or another end, with both readings,
since only the member knows which they meant."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.dates import clock_text
from bot.errors import UserError
from bot.when.changes import at
from bot.when.clock import LONE_CLOCK, Clock, clock_matches, lone_clock, read_clock
from bot.when.span import Span, read_ends
from bot.when.zone import Zone, take_zone

# What joins the two: a slash, "or", "and", "=", or nothing (brackets and commas are gone by
# now). Not a dash nor "to", which join the ends of a range.
_JOINED = re.compile(r"\s*(?:/|=|&|(?<!\w)(?:or|and))?\s*", re.I | re.A)
_SLASH_BEFORE_A_TIME = re.compile(r"(?<=[a-z])/(?=\d)", re.I | re.A)
# What joins the two ends of a range in one zone: 10am-2pm, 10am to 2pm.
_RANGE = re.compile(r"\s*-\s*|\s+(?:to|till?|until|thru|through)\s+", re.I | re.A)
# A range whose am or pm is at its end only ("7-11am"), as organizers write it: the clock's
# reader finds no time in it, neither the bare 7 nor the 11am after a dash.
_SHORT_RANGE = re.compile(
    rf"(?<![\w:./-])(?P<start>\d{{1,2}}(?::\d\d)?)(?:{_RANGE.pattern})"
    r"(?P<end>\d{1,2}(?::\d\d)?\s*(?:am|pm|a|p))(?!\w)",
    re.I | re.A,
)


@dataclass(frozen=True)
class _Time:
    """A time of day in the words, or a range (its `end` then typed too), where it was."""

    begin: int
    finish: int
    start: str
    end: str | None = None

    def clocks(self) -> tuple[Clock, Clock | None]:
        """Its start and end, a start without am or pm read as a range in one zone is."""
        if self.end is None:
            return read_clock(self.start), None
        end = read_clock(self.end)
        lone = LONE_CLOCK.fullmatch(self.start)
        start = lone_clock(lone) if lone else read_clock(self.start)
        if start.meridiem:
            return start, end
        typed = f"{self.start}-{self.end}"
        return read_ends(Span(typed, self.start, self.end, typed), start).start, end


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
    times = _times(spaced)
    if len(times) < 2 or len({time.end is None for time in times}) > 1:
        return words, ()
    ends = [time.begin for time in times[1:]] + [len(spaced)]
    zones: list[Zone] = []
    for time, after in zip(times, ends, strict=True):
        try:
            zone, joined = take_zone(spaced[time.finish : after], member_zone=member_zone)
        except UserError:
            return words, ()  # a zone not known is refused as any other is
        last = after == len(spaced)
        if zone is None or (joined if last else not _JOINED.fullmatch(joined)):
            return words, ()
        zones.append(zone)
    if len({zone.name for zone in zones}) < len(zones):  # "3pm PT - 5pm PT": a range, or a mistake
        return words, ()
    typed = [
        " ".join(f"{spaced[time.begin : time.finish]} {zone.typed}".split())
        for time, zone in zip(times, zones, strict=True)
    ]
    before = f"{spaced[: times[0].finish]} {zones[0].typed}"
    others = (
        SecondZone(typed[0], said, start, zone, end)
        for said, (start, end), zone in zip(
            typed[1:], (time.clocks() for time in times[1:]), zones[1:], strict=True
        )
    )
    return before, tuple(others)


def _times(words: str) -> list[_Time]:
    """Each time of day in the words, the two ends of a range taken as one."""
    shorts = [_Time(m.start(), m.end(), m["start"], m["end"]) for m in _SHORT_RANGE.finditer(words)]
    clocks = [
        m for m in clock_matches(words) if not any(s.begin <= m.start() < s.finish for s in shorts)
    ]
    times: list[_Time] = []
    index = 0
    while index < len(clocks):
        start = clocks[index]
        after = clocks[index + 1] if index + 1 < len(clocks) else None
        if after is not None and _RANGE.fullmatch(words[start.end() : after.start()]):
            times.append(_Time(start.start(), after.end(), start[0], after[0]))
            index += 2
        else:
            times.append(_Time(start.start(), start.end(), start[0]))
            index += 1
    return sorted(times + shorts, key=lambda time: time.begin)
