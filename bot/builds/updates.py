"""The updates of a build: dated notes with a cost, an odometer reading and a photo, recorded,
held for a confirmation when the odometer reads lower than before, and posted by the caller."""

from __future__ import annotations

from dataclasses import replace

from bot.builds.ledger import PartsLedger
from bot.builds.model import (
    MAX_BUILD_DIGITS,
    Build,
    BuildUpdate,
    Photo,
    ShownHook,
    odometer_from_row,
    require_open,
    update_from_row,
)
from bot.builds.moderated import (
    ModeratorChange,
    UpdatePosted,
    taken_back,
    tell_owner_of_change,
)
from bot.builds.values import Odometer, parse_cents
from bot.clock import from_unix, unix
from bot.errors import NotFound, UserError
from bot.invisible import shown_text
from bot.jobs import JobQueue
from bot.limits import EMBED_DESCRIPTION, fit, require_shown
from bot.numbers import half_width
from bot.store import containing

UPDATE_TEXT_LIMIT = 4000  # the update's embed description, with room for its byline
assert UPDATE_TEXT_LIMIT < EMBED_DESCRIPTION


class UpdateLog(PartsLedger):
    """The updates of builds; `BuildService` is one, as it is a `PartsLedger`."""

    _shown_hooks: list[ShownHook]  # `BuildService.when_shown_changes`
    _jobs: JobQueue  # `BuildService`'s, for the DMs a moderator's change sends

    async def add_update(
        self,
        build: Build,
        author_id: int,
        text: str,
        *,
        photo: Photo | None = None,
        cost: str | None = None,
        odometer: int | None = None,
        odometer_unit: str | None = None,
        by: ModeratorChange | None = None,
    ) -> BuildUpdate:
        """Record an update; one whose odometer reads below the last is kept pending until its
        author confirms it. A reading without a unit is in the unit of the build's last one
        (miles at first). A moderator's (`by`) tells the owner by DM once it is recorded: here,
        or at its confirmation."""
        require_open(build, "post updates")
        # Free text, as a meetup's description: what shows nothing goes, once something shows.
        text = shown_text("update", require_shown("An update", text, UPDATE_TEXT_LIMIT))
        cents = parse_cents(cost) if cost is not None else None
        now = unix(self._clock.now())
        async with self._store.transaction():
            # Read inside the transaction, so two updates at once compare with each other.
            last = await self._last_odometer(build.id)
            unit = odometer_unit or (last.unit if last is not None else "mi")
            reading = None if odometer is None else Odometer.read(odometer, unit)
            pending = reading is not None and last is not None and reading.below(last)
            update_id = await self._store.insert(
                "INSERT INTO build_updates (guild_id, build_id, author_id, text, cost_cents, "
                "odometer_miles, odometer_km, photo_source, photo_name, photo_type, state, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    build.guild_id,
                    build.id,
                    author_id,
                    text,
                    cents,
                    reading.miles if reading else None,
                    reading.km if reading else None,
                    photo.url if photo else None,
                    photo.filename if photo else None,
                    photo.content_type if photo else None,
                    "pending" if pending else "recorded",
                    now,
                ),
            )
            if not pending:
                await self._touch(build.id, now)
                if by is not None:
                    await tell_owner_of_change(self._jobs, build, by, UpdatePosted(text), now)
        return await self.update(build.guild_id, update_id)

    async def confirm_update(
        self, guild_id: int, update_id: int, member_id: int, by: ModeratorChange | None = None
    ) -> BuildUpdate:
        """Record a pending update (an odometer reading below the last) its author confirmed;
        a moderator's in a member's build (`by`) tells its owner by DM."""
        update = await self.update(guild_id, update_id)
        if update.author_id != member_id:
            raise UserError("Only the member who wrote this update can confirm it.")
        if not update.pending:
            raise UserError("This update is recorded already.")
        build = await self.get(guild_id, update.build_id)
        require_open(build, "post updates")
        now = unix(self._clock.now())
        async with self._store.transaction():
            # A double click confirms once: only the click that finds it pending records it.
            if not await self._store.execute(
                "UPDATE build_updates SET state = 'recorded', created_at = ? "
                "WHERE id = ? AND state = 'pending'",
                (now, update_id),
            ):
                raise UserError("This update is recorded already.")
            await self._touch(update.build_id, now)
            if by is not None:
                await tell_owner_of_change(self._jobs, build, by, UpdatePosted(update.text), now)
        return replace(update, pending=False, created_at=from_unix(now))

    async def update(self, guild_id: int, update_id: int) -> BuildUpdate:
        row = await self._store.fetchone(
            "SELECT * FROM build_updates WHERE guild_id = ? AND id = ?", (guild_id, update_id)
        )
        if row is None:
            raise NotFound("That update no longer exists.")
        return update_from_row(row)

    async def set_update_posted(
        self, update_id: int, message_id: int, photo_url: str | None
    ) -> None:
        async with self._store.transaction():
            await self._store.execute(
                "UPDATE build_updates SET message_id = ?, photo_url = ? WHERE id = ?",
                (message_id, photo_url, update_id),
            )
            if photo_url is not None:  # the build's first photo is its cover
                row = await self._store.fetchone(
                    "SELECT guild_id, build_id FROM build_updates WHERE id = ?", (update_id,)
                )
                assert row is not None  # just updated, in this transaction
                await self._shown_changed(await self.get(row["guild_id"], row["build_id"]))

    async def _shown_changed(self, build: Build) -> None:
        for hook in self._shown_hooks:
            await hook(build)

    async def updates(self, build: Build, matching: str, limit: int) -> list[BuildUpdate]:
        """The build's updates whose text holds `matching`, newest first (to pick one)."""
        rows = await self._store.fetchall(
            "SELECT * FROM build_updates WHERE build_id = ? AND text LIKE ? ESCAPE '\\' "
            "ORDER BY id DESC LIMIT ?",
            (build.id, containing(matching), limit),
        )
        return [update_from_row(row) for row in rows]

    async def update_named(self, build: Build, named: str) -> BuildUpdate:
        """The build's update `named` (picked from the list: its number, typed full-width too)."""
        typed = half_width(named).strip().lstrip("#")
        if not (typed.isascii() and typed.isdigit()) or len(typed) > MAX_BUILD_DIGITS:
            raise UserError(
                f"Pick the update from the list as you type; “{fit(named.strip(), 40)}” is not one."
            )
        row = await self._store.fetchone(
            "SELECT * FROM build_updates WHERE build_id = ? AND id = ?", (build.id, int(typed))
        )
        if row is None:
            raise NotFound(
                f"Build #{build.id} lists no such update (deleted since, or another build's); "
                "pick one from the list as you type."
            )
        return update_from_row(row)

    async def remove_update(
        self, build: Build, update: BuildUpdate, by: ModeratorChange | None = None
    ) -> None:
        """Delete the update, its build closed or locked as it may be: what was posted can
        always be taken back (a photo showing a plate or a house), its cost leaving the totals
        with it. Called once its post is gone, so a post Discord would not delete keeps its
        update, to be taken back again. A moderator's deletion (`by`) tells the owner by DM,
        in the same transaction, once however often it is asked."""
        async with self._store.transaction():
            if not await self._store.execute(
                "DELETE FROM build_updates WHERE id = ?", (update.id,)
            ):
                return  # taken back meanwhile, by another click
            if update.photo_url is not None:  # the build's cover may be another photo now
                await self._shown_changed(build)
            if by is not None:
                now = unix(self._clock.now())
                await tell_owner_of_change(self._jobs, build, by, taken_back(update), now)

    async def photos(self, build: Build, index: int) -> tuple[BuildUpdate | None, int]:
        """The `index`-th photo of the build (oldest first) and how many it has."""
        count = await self._store.fetchval(
            "SELECT count(*) FROM build_updates WHERE build_id = ? AND photo_url IS NOT NULL",
            (build.id,),
        )
        row = await self._store.fetchone(
            "SELECT * FROM build_updates WHERE build_id = ? AND photo_url IS NOT NULL "
            "ORDER BY id LIMIT 1 OFFSET ?",
            (build.id, max(index, 0)),
        )
        return (None if row is None else update_from_row(row)), int(count)

    async def _last_odometer(self, build_id: int) -> Odometer | None:
        row = await self._store.fetchone(
            "SELECT odometer_miles, odometer_km FROM build_updates WHERE build_id = ? "
            "AND state = 'recorded' AND odometer_miles IS NOT NULL ORDER BY id DESC LIMIT 1",
            (build_id,),
        )
        return None if row is None else odometer_from_row(row)
