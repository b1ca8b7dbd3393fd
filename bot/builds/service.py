"""Builds: one per truck a member documents, with its spec card, tags, dated updates, photos and
parts ledger; closed, reopened and locked; kept when Discord deletes its thread."""

from __future__ import annotations

from collections.abc import Sequence

from bot.builds.deletion import (
    BuildGone,
    Contents,
    DeletedHook,
    contents,
    delete_build,
    deletion,
    record_post,
    since_scheduled,
    thread_was_deleted_builds,
)
from bot.builds.finding import BuildFinder
from bot.builds.forum_tags import ForumTagNotices
from bot.builds.locks import BuildLocks
from bot.builds.model import (
    BUILD_THREAD_NAME_JOB,
    SPEC_FIELDS,
    Build,
    Deletion,
    LockHook,
    ShownHook,
    SinceScheduled,
    Totals,
    require_open,
)
from bot.builds.moderated import (
    Closed,
    ModeratorChange,
    Renamed,
    SpecChanged,
    tell_owner_of_change,
)
from bot.builds.repeats import refuse_a_repeat, refuse_a_twin
from bot.builds.titles import BuildTitles
from bot.builds.truck_line import (
    TRUCK_FIELDS,
    naming_code,
    renamed_spec,
    require_code_agrees,
    require_line_agrees,
    spec_after,
    truck_following,
    with_code_truck,
)
from bot.builds.unsent import UnsentCards
from bot.builds.updates import UpdateLog
from bot.builds.values import TRUCK_LIMIT, checked_text, checked_title, parse_tags
from bot.clock import Clock, unix
from bot.errors import UserError
from bot.jobs import JobQueue
from bot.limits import require_length
from bot.names import title_key
from bot.privacy.posts import BuildThread
from bot.store import Store
from bot.thread_names import ThreadNameJobs, thread_name
from bot.trucks import parse_truck

STARTS_PER_DAY = 5  # builds a member may start in START_WINDOW: few own more trucks than that
START_WINDOW = 24 * 3600


class BuildService(BuildFinder, BuildLocks, UpdateLog, ForumTagNotices, BuildTitles):
    """Builds and everything recorded about them (found and listed by `BuildFinder`, locks in
    `BuildLocks`, updates in `UpdateLog`, the parts ledger in `PartsLedger`, forum tag notices
    in `ForumTagNotices`, titles by id in `BuildTitles`); every query is scoped to one server."""

    def __init__(self, store: Store, clock: Clock, jobs: JobQueue) -> None:
        super().__init__(store, clock)
        self._jobs = jobs
        self.thread_names = ThreadNameJobs(jobs, BUILD_THREAD_NAME_JOB, "build_id")
        # What Discord took of a discarded build, deleted by jobs (`bot.builds.unsent`).
        self.unsent = UnsentCards(jobs, clock)
        self._lock_hooks: list[LockHook] = []
        self._shown_hooks: list[ShownHook] = []
        self._deleted_hooks: list[DeletedHook] = []

    def when_lock_changes(self, hook: LockHook) -> None:
        """Run `hook` inside the transaction of every lock and unlock, with the build as it now
        is and the number of that change."""
        self._lock_hooks.append(hook)

    def when_shown_changes(self, hook: ShownHook) -> None:
        """Run `hook` inside the transaction of every rename and every photo posted or taken
        back, with the build."""
        self._shown_hooks.append(hook)

    def when_deleted(self, hook: DeletedHook) -> None:
        """Run `hook` inside the transaction of every `/build delete`, before the build goes,
        with its server and number; what it names in Discord goes in the deletion's follow-up."""
        self._deleted_hooks.append(hook)

    # -- starting and finding -------------------------------------------------------------------

    async def start(
        self, guild_id: int, owner_id: int, title: str, truck: str, tags: str | None
    ) -> Build:
        """A new open build, its truck read into the spec; posted by the caller afterwards."""
        title = checked_title(title)
        parsed = parse_truck(checked_text("The truck", truck, TRUCK_LIMIT), self._clock.now().year)
        # Again as stored: the reading's Unicode normalisation may lengthen it (㌀ → アパート).
        require_length("The truck", parsed.text, TRUCK_LIMIT)
        require_line_agrees(parsed)
        chosen = parse_tags(tags)
        now = unix(self._clock.now())
        async with self._store.transaction():
            await refuse_a_repeat(self._store, guild_id, owner_id, title, parsed.text, now)
            await refuse_a_twin(self._store, guild_id, owner_id, title)
            await self._refuse_a_flood(guild_id, owner_id, now)
            build_id = await self._store.insert(
                "INSERT INTO builds (guild_id, owner_id, title, truck, make, model, model_code, "
                "year, drive, created_at, last_activity_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    guild_id,
                    owner_id,
                    title,
                    parsed.text,
                    parsed.make,
                    parsed.model,
                    parsed.model_code,
                    parsed.year,
                    parsed.drive,
                    now,
                    now,
                ),
            )
            await self._store.executemany(
                "INSERT INTO build_tags (guild_id, build_id, tag) VALUES (?, ?, ?)",
                [(guild_id, build_id, tag) for tag in chosen],
            )
        return await self.get(guild_id, build_id)

    async def contents(self, build: Build) -> Contents:
        """What deleting `build` takes with it."""
        return await contents(self._store, build)

    async def delete(
        self,
        build: Build,
        by: ModeratorChange | None = None,
        *,
        thread_kept: bool = False,
        question_id: int | None = None,
    ) -> BuildGone:
        """Delete `build` for good, as a forget deletes it (`bot.builds.deletion`); a
        moderator's (`by`) tells its owner by DM, which says whether its thread went
        (`thread_kept`: Keitora may not delete it there); `question_id`, the question whose
        click deletes it."""
        return await delete_build(
            self._store,
            self._clock,
            self._jobs,
            build,
            by,
            self._deleted_hooks,
            thread_kept,
            question_id,
        )

    async def deletion(self, guild_id: int, build_id: int) -> Deletion | None:
        """How the server's build `build_id` was deleted (`bot.builds.deletion.deletion`)."""
        return await deletion(self._store, guild_id, build_id)

    async def thread_was_deleted_builds(self, guild_id: int, thread_id: int) -> bool:
        """Whether a thread was a deleted build's (`bot.builds.deletion`)."""
        return await thread_was_deleted_builds(self._store, guild_id, thread_id)

    async def since_scheduled(
        self, guild_id: int, build_id: int, thread_id: int | None
    ) -> SinceScheduled:
        """What became of a build since a DM about it was scheduled, as it is sent
        (`bot.builds.deletion.since_scheduled`)."""
        return await since_scheduled(self._store, guild_id, build_id, thread_id)

    async def _refuse_a_flood(self, guild_id: int, owner_id: int, now: int) -> None:
        """Refuse a member's build beyond STARTS_PER_DAY in a day: each is a post in the builds
        channel, which the bot makes past the channel's slowmode."""
        started = await self._store.fetchone(
            "SELECT count(*) AS builds, min(created_at) AS first FROM builds "
            "WHERE guild_id = ? AND owner_id = ? AND created_at > ?",
            (guild_id, owner_id, now - START_WINDOW),
        )
        assert started is not None
        if started["builds"] < STARTS_PER_DAY:
            return
        hours = -(-(started["first"] + START_WINDOW - now) // 3600)  # rounded up
        then = "within the hour" if hours <= 1 else f"in about {hours} hours"
        raise UserError(
            f"You started {STARTS_PER_DAY} builds in the last 24 hours, the most a day allows; "
            f"you can start the next {then}."
        )

    async def rename(
        self,
        build: Build,
        title: str | None,
        truck: str | None,
        thread_named: str | None = None,
        *,
        by: ModeratorChange | None = None,
    ) -> Build:
        """Give the build a new title or truck (the truck read into the spec again, where the
        new text names a year, make, model, code or drive; a model or code kept that the new
        text contradicts is cleared, `renamed_spec`). A new title of a build with a thread
        also schedules the thread's new name in the same transaction (BUILD_THREAD_NAME_JOB), due
        shortly: the caller renames it at once and settles the job, and should it never get
        there, the job renames the thread all the same. So does the title unchanged when the
        thread is named otherwise (`thread_named`, its name now): a rename Discord refused is
        asked for again. A moderator's rename (`by`) tells the owner by DM, in the same
        transaction."""
        require_open(build, "rename it")
        if title is None and truck is None:
            raise UserError("Give the build a new title, a new truck, or both.")
        new_title = checked_title(title) if title else build.title
        parsed = None
        if truck is not None:
            parsed = parse_truck(
                checked_text("The truck", truck, TRUCK_LIMIT), self._clock.now().year
            )
            require_length("The truck", parsed.text, TRUCK_LIMIT)
            require_line_agrees(parsed)
        behind = thread_named not in (None, thread_name(new_title))
        unchanged = new_title == build.title and (parsed is None or parsed.text == build.truck)
        if unchanged and not behind:
            raise UserError(f"Build #{build.id} is called that already; nothing changed.")
        spec = renamed_spec(build.spec, parsed) if parsed else build.spec
        now = self._clock.now()
        async with self._store.transaction():
            # A title reading as the build's own is no new twin: one of twins kept from before
            # they were refused takes its title retyped.
            if title_key(new_title) != title_key(build.title):
                await refuse_a_twin(
                    self._store, build.guild_id, build.owner_id, new_title, build.id
                )
            await self._set(
                build,
                "title = ?, truck = ?, " + ", ".join(f"{name} = ?" for name in TRUCK_FIELDS),
                new_title,
                parsed.text if parsed else build.truck,
                *(getattr(spec, name) for name in TRUCK_FIELDS),
            )
            if (new_title != build.title or behind) and build.has_thread:
                await self.thread_names.schedule(build.id, build.guild_id, now)
            await self._shown_changed(build)
            renamed = await self.get(build.guild_id, build.id)
            if by is not None and not unchanged:
                change = Renamed(build.title, build.truck, renamed.title, renamed.truck)
                await tell_owner_of_change(self._jobs, renamed, by, change, unix(now))
        return renamed

    async def thread_names_due(self, guild_id: int, build_id: int | None = None) -> None:
        """What kept the server's (or one build's) threads from their names may be gone (a
        thread unlocked, a channel's permissions changed): their pending renames run now."""
        await self.thread_names.due(guild_id, build_id)

    async def discard(self, guild_id: int, build_id: int) -> None:
        """Forget a build whose card could not be posted, so nothing lingers unseen."""
        await self._store.execute(
            "DELETE FROM builds WHERE guild_id = ? AND id = ?", (guild_id, build_id)
        )

    async def set_post(
        self, build: Build, channel_id: int, thread_id: int, starter_id: int, *, in_forum: bool
    ) -> bool:
        """Record where the build's card and thread are (`bot.builds.deletion.record_post`)."""
        posted = BuildThread(channel_id, thread_id, starter_id, ())
        return await record_post(self._store, self._clock, self._jobs, build, posted, in_forum)

    # -- the spec card --------------------------------------------------------------------------

    async def set_spec(
        self,
        build: Build,
        changes: dict[str, object],
        tags: str | None = None,
        *,
        by: ModeratorChange | None = None,
    ) -> Build:
        """Write the spec fields given (already checked by the caller's parsing) and the tags;
        a spec the truck line says otherwise rewrites the line (`truck_following`, naming a
        known code given), and one whose chassis code is another truck's is refused, a code
        alone included (`with_code_truck`). A moderator's (`by`) that rewrites
        the line tells the owner by DM, as their rename does, in the same transaction."""
        unknown = set(changes) - set(SPEC_FIELDS)
        if unknown:
            raise ValueError(f"not spec fields: {sorted(unknown)}")
        require_open(build, "change its spec")
        chosen = parse_tags(tags) if tags is not None else None
        if not changes and chosen is None:
            raise UserError("Give at least one spec field to set.")
        if any(name in changes for name in TRUCK_FIELDS):
            this_year = self._clock.now().year
            typed = spec_after(build.spec, changes)
            changes = with_code_truck(build.id, build.truck, build.spec, changes, this_year)
            spec = spec_after(build.spec, changes)
            require_code_agrees(build.id, spec, typed)
            truck = truck_following(build.truck, spec, this_year)
            if "model_code" in changes:
                truck = naming_code(truck, str(changes["model_code"]), this_year)
            if truck != build.truck:
                changes = {**changes, "truck": truck}
        async with self._store.transaction():
            if changes:
                assignments = ", ".join(f"{name} = ?" for name in changes)
                await self._store.execute(
                    f"UPDATE builds SET {assignments} WHERE id = ?", [*changes.values(), build.id]
                )
            if "truck" in changes:  # what shows the build at a glance shows its truck
                await self._shown_changed(build)
            if by is not None:
                await self._tell_spec_changed(build, changes, chosen, by)
            if chosen is not None:
                await self._store.execute("DELETE FROM build_tags WHERE build_id = ?", (build.id,))
                await self._store.executemany(
                    "INSERT INTO build_tags (guild_id, build_id, tag) VALUES (?, ?, ?)",
                    [(build.guild_id, build.id, tag) for tag in chosen],
                )
        return await self.get(build.guild_id, build.id)

    async def _tell_spec_changed(
        self,
        build: Build,
        changes: dict[str, object],
        tags: Sequence[str] | None,
        by: ModeratorChange,
    ) -> None:
        """Tell the owner, in one DM, what a moderator's spec changed: a rewritten truck line
        as a rename names it, and the other fields that now read otherwise (the tags too);
        nothing for values as they were."""
        named = [n for n, v in changes.items() if n != "truck" and v != getattr(build.spec, n)]
        truck = changes.get("truck")
        if truck is not None:
            named = [name for name in named if name not in TRUCK_FIELDS]
        if tags is not None and set(tags) != set(build.tags):
            named.append("tags")
        change: Renamed | SpecChanged
        if named:
            rewritten = (build.truck, str(truck)) if truck is not None else (None, None)
            change = SpecChanged(named, *rewritten)
        elif truck is not None:
            change = Renamed(build.title, build.truck, build.title, str(truck))
        else:
            return
        await tell_owner_of_change(self._jobs, build, by, change, unix(self._clock.now()))

    async def totals(self, build: Build) -> Totals:
        parts = await self._store.fetchval(
            "SELECT coalesce(sum(cost_cents), 0) FROM build_parts WHERE build_id = ?", (build.id,)
        )
        row = await self._store.fetchone(
            "SELECT count(*) AS updates, coalesce(sum(cost_cents), 0) AS spent, "
            "count(photo_url) AS photos FROM build_updates "
            "WHERE build_id = ? AND state = 'recorded'",
            (build.id,),
        )
        assert row is not None
        odometer = await self._last_odometer(build.id)
        first_photo = await self._store.fetchval(
            "SELECT photo_url FROM build_updates WHERE build_id = ? AND photo_url IS NOT NULL "
            "ORDER BY id LIMIT 1",
            (build.id,),
        )
        return Totals(
            int(parts) + int(row["spent"]), row["updates"], odometer, first_photo, row["photos"]
        )

    async def first_photos(self, builds: Sequence[Build]) -> dict[int, str]:
        """Each build's first photo, for the builds that have one, in one query."""
        if not builds:
            return {}
        marks = ",".join("?" * len(builds))
        rows = await self._store.fetchall(
            "SELECT build_id, photo_url FROM build_updates WHERE id IN (SELECT min(id) "
            f"FROM build_updates WHERE build_id IN ({marks}) AND photo_url IS NOT NULL "
            "GROUP BY build_id)",
            [build.id for build in builds],
        )
        return {row["build_id"]: row["photo_url"] for row in rows}

    # -- closing, locking, and Discord's side ---------------------------------------------------

    async def close(self, build: Build, by: ModeratorChange | None = None) -> Build:
        """Close the build, once however many click; a moderator's close (`by`) tells its
        owner by DM, in the same transaction."""
        if build.closed:  # so, whether or not a moderator locked it since
            raise UserError(f"Build #{build.id} is closed already.")
        require_open(build, "close it")
        return await self._closed_or_reopened(build, True, by)

    async def reopen(self, build: Build, by: ModeratorChange | None = None) -> Build:
        """Reopen the closed build, once; a moderator's (`by`) tells its owner by DM."""
        _require_unlocked(build)
        return await self._closed_or_reopened(build, False, by)

    async def _closed_or_reopened(
        self, build: Build, closing: bool, by: ModeratorChange | None
    ) -> Build:
        """Close or reopen `build` as its caller read it: a lock landing since (the checks ran
        before this transaction) is checked again by the write itself, and refused in its words."""
        was = "closed_at IS NULL" if closing else "closed_at IS NOT NULL"
        now = unix(self._clock.now())
        async with self._store.transaction():
            if not await self._store.execute(
                f"UPDATE builds SET closed_at = ? WHERE guild_id = ? AND id = ? AND {was} "
                "AND locked_at IS NULL",
                (now if closing else None, build.guild_id, build.id),
            ):
                current = await self.get(build.guild_id, build.id)
                if current.locked and closing:
                    require_open(current, "close it")
                _require_unlocked(current)
                already = "closed already" if closing else "open already"
                raise UserError(f"Build #{build.id} is {already}.")
            if by is not None:
                await tell_owner_of_change(self._jobs, build, by, Closed(closing), now)
        return await self.get(build.guild_id, build.id)

    async def set_featured(self, build: Build, featured: bool) -> None:
        await self._set(build, "featured = ?", int(featured))

    async def thread_deleted(self, guild_id: int, thread_id: int) -> Build | None:
        """Discord deleted a build's thread: the build stays, marked as having none, and the
        new names its thread waited for are let go of."""
        build = await self.in_thread(guild_id, thread_id)
        if build is not None:
            async with self._store.transaction():
                await self._set(build, "thread_deleted_at = ?", unix(self._clock.now()))
                await self.thread_names.settled(build.id, None)
        return build

    async def card_placed(self, guild_id: int, thread_id: int, in_forum: bool) -> None:
        """Whether the card of the build in `thread_id` is in its thread (a forum's post), as
        the thread's channel tells, for a build posted before that was kept."""
        await self._store.execute(
            "UPDATE builds SET card_in_thread = coalesce(card_in_thread, ?) "
            "WHERE guild_id = ? AND thread_id = ?",
            (int(in_forum), guild_id, thread_id),
        )

    async def starter_deleted(self, build: Build) -> Build:
        """The card was deleted (by its author or a moderator); the next update says so."""
        await self._set(build, "starter_deleted_at = ?", unix(self._clock.now()))
        return await self.get(build.guild_id, build.id)

    async def _set(self, build: Build, assignments: str, *values: object) -> None:
        await self._store.execute(
            f"UPDATE builds SET {assignments} WHERE guild_id = ? AND id = ?",
            (*values, build.guild_id, build.id),
        )


def _require_unlocked(build: Build) -> None:
    """Refuse reopening a build a moderator locked: only they can unlock it."""
    if build.locked:
        raise UserError(f"Build #{build.id} is locked by a moderator; only they can unlock it.")
