"""Meetups posted twice by mistake: the same title at the same start in one server, which two
quick creates, a template used twice, or an edit onto another meetup's title or time would make,
or a restore bring back. Titles are compared as a member's build titles are (`title_key`: case,
spacing, punctuation and emoji aside), so `Twin 🛻` is the `Twin` already posted. The layer of
`MeetupService` over its notices, under the cancels and restores that check for twins too."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.clock import unix
from bot.errors import UserError
from bot.meetups.model import Meetup, Occurrence, card_link, meetup_from_row
from bot.meetups.notices import MeetupNotices
from bot.meetups.occurrences import local_text
from bot.meetups.typed_dates import DATES_SEARCHED, DATES_SEARCHED_MAX
from bot.names import title_key

_EPSILON = timedelta(seconds=1)


class MeetupTwins(MeetupNotices):
    """Refuses a meetup whose dates another live meetup of its title has already."""

    async def dates_ahead(self, meetup: Meetup) -> list[Occurrence]:
        """The meetup's dates a twin is looked for at: a series' as far ahead as its dates are
        listed (`bot.meetups.typed_dates`), since any of them may land on another meetup."""
        now = self._clock.now()
        ahead = await self.occurrences_of(
            [meetup], limit=DATES_SEARCHED_MAX, before=now + DATES_SEARCHED
        )
        return ahead[meetup.id]

    async def refuse_twin(
        self, meetup: Meetup, dates: Sequence[Occurrence], *, restoring: bool = False
    ) -> None:
        """Refuse `meetup`, as stored in the transaction the caller holds (which the refusal
        takes back), when another live meetup of the server with its title starts at one of
        `dates`; the refusal names the earliest such date of a series. A restore is told the way
        out through the twin: it has no title to change, and a cancelled meetup is not edited."""
        starts = sorted({d.starts_at for d in dates if not d.cancelled})
        if not starts:
            return
        first, last = starts[0], starts[-1]
        rows = await self._store.fetchall(
            "SELECT * FROM meetups WHERE guild_id = ? AND id != ? AND cancelled_at IS NULL "
            "AND starts_at <= ? AND (rrule IS NOT NULL OR starts_at >= ?) ORDER BY id",
            (meetup.guild_id, meetup.id, unix(last), unix(first)),
        )
        key = title_key(meetup.title)
        named = [meetup_from_row(r) for r in rows if title_key(r["title"]) == key]
        if not named:
            return
        theirs = await self.occurrences_of(
            named, limit=DATES_SEARCHED_MAX, after=first - _EPSILON, before=last + _EPSILON
        )
        clashes = [
            (start, twin)
            for twin in named
            for start in {d.starts_at for d in theirs[twin.id]}.intersection(starts)
        ]
        if clashes:
            start, twin = min(clashes, key=lambda clash: (clash[0], clash[1].id))
            where = self._twin_date(meetup, twin, start)
            raise UserError(_restore_text(twin, where) if restoring else _create_text(twin, where))

    def _twin_date(self, meetup: Meetup, twin: Meetup, start: datetime) -> str:
        if meetup.rrule is None:
            return "that start" + (", a date of its series" if twin.rrule else "")
        date = local_text(meetup, Occurrence(meetup.id, start, start), now=self._clock.now())
        # A one-off twin is said to be one, not read as one of this series' own.
        of = "both series" if twin.rrule else "this series, as a one-off"
        return f"{date}, a date of {of}"


def _create_text(twin: Meetup, where: str) -> str:
    return (
        f"“{twin.title}” is posted already for {where}: meetup #{twin.id} ({_card_of(twin)}). "
        "To post a second one deliberately, give it a different title."
    )


def _restore_text(twin: Meetup, where: str) -> str:
    return (
        f"“{twin.title}” cannot come back: meetup #{twin.id} ({_card_of(twin)}) holds its title "
        f"at {where}. Cancel #{twin.id}, or give it another title with "
        f"`/meetup edit meetup:#{twin.id} title:…`, then restore this one."
    )


def _card_of(twin: Meetup) -> str:
    return card_link(twin) or "its card is on its way"
