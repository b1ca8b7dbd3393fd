"""What meetups keep about a member, for /privacy: their zone, reminder choices and RSVPs (deleted
when forgotten, freeing their places as a Can't go would), and the meetups they organise (kept,
anonymised)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import from_unix
from bot.dates import clock_text, weekday_date
from bot.meetups.rsvp import MeetupRsvps
from bot.privacy import FORMER_MEMBER, Forgotten, MemberData, Rows, Sections, counted, member_rows
from bot.recurrence import describe
from bot.store import Store

# An answer as the meetup's card asks it.
_ANSWERS = {
    "going": "going",
    "maybe": "maybe",
    "declined": "can't go",
    "waitlist": "on the waitlist",
}


def _with_repeats(by_guild: dict[int, Rows]) -> dict[int, Rows]:
    """Each row's repeat rule as the card words it ("the first Saturday of every month at
    10:00 AM", or null for one date), just after the `rrule` kept."""
    for rows in by_guild.values():
        for index, row in enumerate(rows):
            worded: dict[str, Any] = {}
            for name, value in row.items():
                worded[name] = value
                if name == "rrule":
                    start = datetime.fromisoformat(row["start_local"])
                    worded["repeats"] = value and describe(start, row["zone"], value)
            rows[index] = worded
    return by_guild


def _on_its_clock(by_guild: dict[int, Rows], worded: Mapping[str, str]) -> dict[int, Rows]:
    """Each instant `worded` names (selected as seconds) in words on the meetup's clock, as its
    card gives a date ("Saturday, January 2, 2027 at 10:00 AM"), under the name it maps to."""
    for rows in by_guild.values():
        for index, row in enumerate(rows):
            zone = ZoneInfo(row["zone"])
            rows[index] = {
                worded.get(name, name): _date_words(value, zone) if name in worded else value
                for name, value in row.items()
            }
    return by_guild


def _date_words(seconds: int, zone: ZoneInfo) -> str:
    local = from_unix(seconds).astimezone(zone)
    return f"{weekday_date(local.date())} at {clock_text(local)}"


class MeetupMemberData:
    def __init__(self, store: Store, rsvps: MeetupRsvps) -> None:
        self._store = store
        self._rsvps = rsvps

    def member_data(self) -> MemberData:
        return MemberData(
            {
                "member_settings": ("member_id",),
                "rsvps": ("member_id",),
                "meetups": ("organizer_id",),
            },
            self._export,
            self._forget,
        )

    async def _export(self, member_id: int) -> Sections:
        return {
            "settings": await member_rows(
                self._store,
                "SELECT guild_id, timezone, reminders, reminder_minutes FROM member_settings "
                "WHERE member_id = ?",
                (member_id,),
                yes_no=("reminders",),
            ),
            "rsvps": await member_rows(
                self._store,
                "SELECT meetups.guild_id, meetups.id AS meetup_id, meetups.title, "
                "occurrences.starts_at, rsvps.status, rsvps.guests, rsvps.truck, "
                "CASE WHEN rsvps.status = 'waitlist' THEN (SELECT count(*) FROM rsvps AS ahead "
                "WHERE ahead.occurrence_id = rsvps.occurrence_id AND ahead.status = 'waitlist' "
                "AND ahead.queued_seq <= rsvps.queued_seq) END AS waitlist_place, "
                "rsvps.updated_at FROM rsvps "
                "JOIN occurrences ON occurrences.id = rsvps.occurrence_id "
                "JOIN meetups ON meetups.id = occurrences.meetup_id "
                "WHERE rsvps.member_id = ? ORDER BY occurrences.starts_at",
                (member_id,),
                words={"status": _ANSWERS},
            ),
            "meetups_organised": _with_repeats(
                await member_rows(
                    self._store,
                    # Everything the organizer wrote or chose, as the card shows it.
                    "SELECT guild_id, id AS meetup_id, title, description, location, region, "
                    "zone, start_local, starts_at, duration_minutes, rrule, capacity, "
                    "truck_capacity, cutoff_minutes, cancelled_at, cancel_reason, created_at "
                    "FROM meetups WHERE organizer_id = ? ORDER BY id",
                    (member_id,),
                )
            ),
            "meetup_dates_off": _on_its_clock(
                await member_rows(
                    self._store,
                    # The dates of their series they cancelled on their own, with the reason
                    # given.
                    "SELECT meetups.guild_id, occurrences.meetup_id, meetups.zone, "
                    "occurrences.starts_at AS day, occurrences.starts_at, "
                    "occurrences.cancelled_at, occurrences.cancel_reason FROM occurrences "
                    "JOIN meetups ON meetups.id = occurrences.meetup_id "
                    "WHERE meetups.organizer_id = ? AND occurrences.cancelled_at IS NOT NULL "
                    "ORDER BY occurrences.meetup_id, occurrences.starts_at",
                    (member_id,),
                ),
                {"day": "date"},
            ),
            "meetup_dates_moved": _on_its_clock(
                await member_rows(
                    self._store,
                    # The dates of their series they moved on their own (/meetup edit of one
                    # date): where the series put each, and where its members see it now.
                    "SELECT meetups.guild_id, occurrences.meetup_id, meetups.title, meetups.zone, "
                    "occurrences.original_start, occurrences.starts_at AS moved, "
                    "occurrences.starts_at FROM occurrences "
                    "JOIN meetups ON meetups.id = occurrences.meetup_id "
                    "WHERE meetups.organizer_id = ? "
                    "AND occurrences.starts_at <> occurrences.original_start "
                    "ORDER BY occurrences.meetup_id, occurrences.original_start",
                    (member_id,),
                ),
                {"original_start": "series_date", "moved": "moved_to"},
            ),
            "meetup_earlier_rules": _with_repeats(
                await member_rows(
                    self._store,
                    # The repeat rules a series of theirs followed before they re-timed it, with
                    # what they had called it, where and for how long. A rule's start is on the
                    # meetup's clock: a meetup keeps its zone (an edit reads new times in it), so
                    # its zone is every earlier rule's.
                    "SELECT meetups.guild_id, meetup_id, earlier.rrule, earlier.start_local, "
                    "meetups.zone, earlier.replaced_at, earlier.title, earlier.location, "
                    "earlier.description, earlier.duration_minutes "
                    "FROM meetup_earlier_rules AS earlier "
                    "JOIN meetups ON meetups.id = earlier.meetup_id "
                    "WHERE meetups.organizer_id = ? "
                    "ORDER BY meetup_id, earlier.id",
                    (member_id,),
                )
            ),
        }

    async def _forget(self, guild_id: int, member_id: int, keep_builds: bool) -> Forgotten:
        answers = await self._store.fetchall(
            "SELECT rsvps.occurrence_id, occurrences.meetup_id, rsvps.status FROM rsvps "
            "JOIN occurrences ON occurrences.id = rsvps.occurrence_id "
            "JOIN meetups ON meetups.id = occurrences.meetup_id "
            "WHERE rsvps.member_id = ? AND meetups.guild_id = ?",
            (member_id, guild_id),
        )
        for answer in answers:
            await self._store.execute(
                "DELETE FROM rsvps WHERE occurrence_id = ? AND member_id = ?",
                (answer["occurrence_id"], member_id),
            )
            if answer["status"] == "going":
                await self._rsvps.promote_after_leave(guild_id, answer["occurrence_id"])
        settings = await self._store.execute(
            "DELETE FROM member_settings WHERE guild_id = ? AND member_id = ?",
            (guild_id, member_id),
        )
        organised = {
            row["id"]
            for row in await self._store.fetchall(
                "UPDATE meetups SET organizer_id = ? WHERE guild_id = ? AND organizer_id = ? "
                "RETURNING id",
                (FORMER_MEMBER, guild_id, member_id),
            )
        }
        return Forgotten(
            deleted=counted(
                [("RSVPs", len(answers)), ("time zone and reminder settings", settings)]
            ),
            anonymised=counted([("meetups organized", len(organised))]),
            # Their cards name the organizer, or count the answers that went.
            meetups=frozenset(answer["meetup_id"] for answer in answers) | organised,
        )
