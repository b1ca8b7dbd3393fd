"""Meetup templates: a meetup's details saved under a name, so a "Kei Truck Day" is posted again
with one command and a new time.

A template keeps what stays the same from one meetup to the next (title, place, description,
region, zone, length, capacities, signup cutoff), never a time or a repeat rule: each use is a
new meetup at the time typed then (a series when a rule is typed too), checked exactly as
`/meetup create` checks it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import timedelta

from bot.clock import Clock, unix
from bot.dates import whole_minutes
from bot.errors import NotFound, UserError
from bot.limits import fit
from bot.meetups import Meetup, MeetupDraft
from bot.meetups.values import checked_template_name
from bot.names import bare_name_key
from bot.privacy import Forgotten, MemberData, Sections, anonymise, member_rows
from bot.store import Store, from_row

NAME_MAX = 50
TEMPLATES_MAX = 50  # per server: two pages of autocomplete is already a lot to choose from


@dataclass(frozen=True)
class MeetupTemplate:
    id: int
    guild_id: int
    name: str
    saved_by: int
    title: str
    description: str
    location: str
    region: str | None
    zone: str
    duration: timedelta
    length_given: bool  # as the meetup it was saved from: see `Meetup.length_given`
    capacity: int | None
    truck_capacity: int | None
    cutoff: timedelta | None

    def draft(self, when: str, zone_option: str | None, repeat: str | None = None) -> MeetupDraft:
        """A new meetup from this template at `when`, repeating by `repeat` when given; read in
        the template's zone unless the text or `zone_option` names another: the place, and so
        its clock, is the same."""
        cutoff_minutes = None if self.cutoff is None else whole_minutes(self.cutoff)
        return MeetupDraft(
            title=self.title,
            when=when,
            location=self.location,
            description=self.description,
            zone_option=zone_option,
            template_zone=self.zone,
            repeat=repeat,
            capacity=self.capacity,
            truck_capacity=self.truck_capacity,
            region=self.region,
            template_duration=whole_minutes(self.duration) if self.length_given else None,
            cutoff=None if cutoff_minutes is None else f"{cutoff_minutes}m",
        )


@dataclass(frozen=True)
class Saved:
    template: MeetupTemplate
    replaced: MeetupTemplate | None  # the template of that name it took the place of


def name_key(name: str) -> str:
    """One spelling per name: `Kei Truck Day`, `kei  truck day` and `KEI TRUCK DAY` are one."""
    return " ".join(name.casefold().split())


class MeetupTemplates:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def find(self, guild_id: int, name: str) -> MeetupTemplate | None:
        """The template named `name` (any case or spacing), else the one whose name reads so
        without its emoji and symbols (`kei truck day` for `Kei Truck Day 🚚`), as ballot
        titles are matched."""
        row = await self._store.fetchone(
            "SELECT * FROM meetup_templates WHERE guild_id = ? AND name_key = ?",
            (guild_id, name_key(name)),
        )
        if row is not None:
            return _template(row)
        wanted = bare_name_key(name)
        if not wanted:
            return None
        rows = await self._store.fetchall(
            "SELECT * FROM meetup_templates WHERE guild_id = ?", (guild_id,)
        )
        bare = [row for row in rows if bare_name_key(row["name"]) == wanted]
        return _template(bare[0]) if len(bare) == 1 else None

    async def get(self, guild_id: int, name: str) -> MeetupTemplate:
        template = await self.find(guild_id, name)
        if template is None:
            raise NotFound(
                f"There is no meetup template named “{fit(name.strip(), NAME_MAX)}” in this "
                "server; pick one from the list as you type."
            )
        return template

    async def save(
        self, meetup: Meetup, name: str, saved_by: int, *, may_replace_others: bool
    ) -> Saved:
        """Save `meetup`'s details as `name`, replacing a template of that name: one the same
        member saved, or anyone's with `may_replace_others` (a moderator)."""
        # Listed as typed in autocomplete: it must read as it is stored (see `bot.invisible`).
        name = checked_template_name(name, NAME_MAX)
        async with self._store.transaction():
            # Checked here, not before: a template another member saves under this name a
            # moment earlier must not be replaced unseen.
            replaced = await self.find(meetup.guild_id, name)
            if replaced is not None and replaced.saved_by != saved_by and not may_replace_others:
                # Named as kept: `ktd` clashes with `KTD` though the member typed neither so.
                raise UserError(
                    f"“{replaced.name}” is already a template's name (names match whatever "
                    "their case and spacing). Only its organizer or a moderator can replace "
                    "this template. Save yours under another name."
                )
            if replaced is None:
                count = await self._store.fetchval(
                    "SELECT count(*) FROM meetup_templates WHERE guild_id = ?", (meetup.guild_id,)
                )
                if count >= TEMPLATES_MAX:
                    raise UserError(
                        f"This server has {TEMPLATES_MAX} meetup templates, the most it may "
                        "keep; delete one with `/meetup template delete` first."
                    )
            await self._store.execute(
                "INSERT INTO meetup_templates (guild_id, name, name_key, saved_by, title, "
                "description, location, region, zone, duration_minutes, length_given, "
                "capacity, truck_capacity, cutoff_minutes, saved_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (guild_id, name_key) DO UPDATE SET name = excluded.name, "
                "saved_by = excluded.saved_by, title = excluded.title, "
                "description = excluded.description, location = excluded.location, "
                "region = excluded.region, zone = excluded.zone, "
                "duration_minutes = excluded.duration_minutes, "
                "length_given = excluded.length_given, capacity = excluded.capacity, "
                "truck_capacity = excluded.truck_capacity, "
                "cutoff_minutes = excluded.cutoff_minutes, saved_at = excluded.saved_at",
                (
                    meetup.guild_id,
                    name,
                    name_key(name),
                    saved_by,
                    meetup.title,
                    meetup.description,
                    meetup.location,
                    meetup.region,
                    meetup.zone,
                    whole_minutes(meetup.duration),
                    meetup.length_given,
                    meetup.capacity,
                    meetup.truck_capacity,
                    None if meetup.cutoff is None else whole_minutes(meetup.cutoff),
                    unix(self._clock.now()),
                ),
            )
        return Saved(await self.get(meetup.guild_id, name), replaced)

    async def delete(self, template: MeetupTemplate) -> None:
        await self._store.execute("DELETE FROM meetup_templates WHERE id = ?", (template.id,))

    def member_data(self) -> MemberData:
        """Templates a member saved: they serve the whole server, so forgetting anonymises."""
        return MemberData({"meetup_templates": ("saved_by",)}, self._export_member, self._forget)

    async def _export_member(self, member_id: int) -> Sections:
        sql = "SELECT guild_id, name, title, saved_at FROM meetup_templates WHERE saved_by = ?"
        return {"meetup_templates_saved": await member_rows(self._store, sql, (member_id,))}

    async def _forget(self, guild_id: int, member_id: int, keep_builds: bool) -> Forgotten:
        saved = {"meetup_templates": ("saved_by",)}
        changed = await anonymise(self._store, guild_id, member_id, saved)
        return Forgotten(anonymised={"meetup templates": changed} if changed else {})

    async def named(self, guild_id: int, typed: str, limit: int) -> list[MeetupTemplate]:
        """The server's templates whose name holds what was typed, by name."""
        rows = await self._store.fetchall(
            "SELECT * FROM meetup_templates WHERE guild_id = ? AND instr(name_key, ?) > 0 "
            "ORDER BY name_key LIMIT ?",
            (guild_id, name_key(typed), limit),
        )
        return [_template(row) for row in rows]


def _template(row: sqlite3.Row) -> MeetupTemplate:
    cutoff = row["cutoff_minutes"]
    return from_row(
        MeetupTemplate,
        row,
        duration=timedelta(minutes=row["duration_minutes"]),
        length_given=bool(row["length_given"]),
        cutoff=None if cutoff is None else timedelta(minutes=cutoff),
    )
