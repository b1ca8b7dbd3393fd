"""What build logs keep about a member, for /privacy: their builds with updates and parts, and
the updates, parts and locks they added to others' builds. Forgetting deletes their builds (with
everything recorded about them, and their threads and cards in Discord, which Keitora posted)
or keeps them anonymised, as the member chooses."""

from __future__ import annotations

import json
from typing import Any

from bot.builds.values import dollars_text
from bot.clock import Clock, unix
from bot.privacy import Forgotten, MemberData, Rows, Sections, anonymise, counted, member_rows
from bot.privacy.posts import OWNER_FORGOTTEN, BuildThread
from bot.store import Params, Store

_BUILD_PEOPLE = {
    "builds": ("owner_id", "locked_by"),
    "build_updates": ("author_id",),
    "build_parts": ("added_by",),
    # Anonymised, not deleted: a number and who deleted it, which still answers a question
    # about the build asked before the forget (`bot.builds.deletion.deletion`).
    "build_deletions": ("owner_id", "moderator_id"),
}


async def standing_threads(
    store: Store, where: str, params: Params, reason: str = OWNER_FORGOTTEN
) -> frozenset[BuildThread]:
    """Where the builds matching `where` live in Discord, of those whose thread or card may
    stand (a text channel's card stays when Discord deletes its thread; a forum post's goes
    with it): what their deletion deletes there, the card and updates with the thread, for
    `reason`."""
    return frozenset(
        BuildThread(
            row["channel_id"],
            row["thread_id"],
            row["starter_id"],
            tuple(json.loads(row["ids"])),
            reason,
            row["thread_deleted_at"] is None,
        )
        for row in await store.fetchall(
            "SELECT channel_id, thread_id, starter_id, thread_deleted_at, (SELECT "
            "json_group_array(message_id) FROM build_updates WHERE build_id = builds.id "
            f"AND message_id IS NOT NULL) AS ids FROM builds WHERE {where} "
            "AND thread_id IS NOT NULL AND (thread_deleted_at IS NULL "
            "OR (starter_id IS NOT NULL AND starter_deleted_at IS NULL "
            "AND card_in_thread IS NOT 1))",
            params,
        )
    )


def _with_dollars(by_guild: dict[int, Rows]) -> dict[int, Rows]:
    """Each row's cost as the card shows it (`$1,200.50`, or null without one), just before
    its exact `cost_cents`."""
    for rows in by_guild.values():
        for index, row in enumerate(rows):
            costed: dict[str, Any] = {}
            for name, value in row.items():
                if name == "cost_cents":
                    costed["cost"] = None if value is None else dollars_text(value)
                costed[name] = value
            rows[index] = costed
    return by_guild


class BuildMemberData:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def member_data(self) -> MemberData:
        return MemberData(_BUILD_PEOPLE, self._export, self._forget)

    async def _export(self, member_id: int) -> Sections:
        return {
            "builds": await self._builds_with_tags(member_id),
            "build_updates": _with_dollars(
                await member_rows(
                    self._store,
                    "SELECT guild_id, build_id, text, cost_cents, odometer_miles, odometer_km, "
                    "photo_url, created_at FROM build_updates WHERE author_id = ? ORDER BY id",
                    (member_id,),
                )
            ),
            "build_parts": _with_dollars(
                await member_rows(
                    self._store,
                    "SELECT guild_id, build_id, name, category, cost_cents, created_at "
                    "FROM build_parts WHERE added_by = ? ORDER BY id",
                    (member_id,),
                )
            ),
            "builds_deleted": await member_rows(
                self._store,
                "SELECT guild_id, build_id, deleted_by, deleted_at FROM build_deletions "
                "WHERE owner_id = ? ORDER BY build_id",
                (member_id,),
                words={"deleted_by": {"owner": "you", "moderator": "a moderator"}},
            ),
            # Others' builds the member deleted as a moderator, and the reason they gave.
            "builds_deleted_as_moderator": await member_rows(
                self._store,
                "SELECT guild_id, build_id, deleted_at, reason FROM build_deletions "
                "WHERE moderator_id = ? ORDER BY build_id",
                (member_id,),
            ),
            "builds_locked": await member_rows(
                self._store,
                "SELECT guild_id, id AS build_id, lock_reason, locked_at FROM builds "
                "WHERE locked_by = ? ORDER BY id",
                (member_id,),
            ),
        }

    async def _builds_with_tags(self, member_id: int) -> dict[int, Rows]:
        """The member's builds, each with its tags as its card shows them (by name), joined
        here: SQLite 3.40 takes no ORDER BY inside `group_concat`, and the order it reads a
        sorted subquery in is not one it promises."""
        builds = await member_rows(
            self._store,
            "SELECT guild_id, id AS build_id, title, truck, make, model, model_code, year, "
            "drive, diff_lock, hi_lo, lift, tyres, engine, import_route, state, plate_status, "
            "thread_id, created_at, closed_at, locked_at, CASE WHEN locked_by = owner_id THEN "
            "'you' WHEN locked_at IS NOT NULL THEN 'a moderator' END AS locked_by, lock_reason, "
            "featured FROM builds WHERE owner_id = ? ORDER BY id",
            (member_id,),
            yes_no=("diff_lock", "hi_lo", "featured"),
        )
        tags: dict[int, list[str]] = {}
        for row in await self._store.fetchall(
            "SELECT build_id, tag FROM build_tags WHERE build_id IN "
            "(SELECT id FROM builds WHERE owner_id = ?) ORDER BY build_id, tag",
            (member_id,),
        ):
            tags.setdefault(row["build_id"], []).append(row["tag"])
        for rows in builds.values():
            for build in rows:
                held = tags.get(build["build_id"])
                build["tags"] = ", ".join(held) if held else None
        return builds

    async def _on_others_builds(self, guild_id: int, member_id: int) -> list[tuple[str, int]]:
        """How many updates, parts and locks the member added to others' builds, by label."""
        others = "build_id IN (SELECT id FROM builds WHERE guild_id = ?1 AND owner_id != ?2)"
        counts = []
        for label, sql in (
            (
                "build updates",
                f"SELECT count(*) FROM build_updates WHERE author_id = ?2 AND {others}",
            ),
            ("build parts", f"SELECT count(*) FROM build_parts WHERE added_by = ?2 AND {others}"),
            (
                "build locks",
                "SELECT count(*) FROM builds WHERE guild_id = ?1 AND locked_by = ?2 "
                "AND owner_id != ?2",
            ),
        ):
            counts.append((label, await self._store.fetchval(sql, (guild_id, member_id))))
        return counts

    async def _forget(self, guild_id: int, member_id: int, keep_builds: bool) -> Forgotten:
        deleted: dict[str, int] = {}
        threads: frozenset[BuildThread] = frozenset()
        if not keep_builds:
            threads = await standing_threads(
                self._store, "guild_id = ? AND owner_id = ?", (guild_id, member_id)
            )
            where = "guild_id = ? AND build_id IN (SELECT id FROM builds WHERE owner_id = ?)"
            for table, label in (
                ("build_updates", "build updates"),
                ("build_parts", "build parts"),
            ):
                deleted[label] = await self._store.fetchval(
                    f"SELECT count(*) FROM {table} WHERE {where}", (guild_id, member_id)
                )
            # Recorded as a /build delete records its own: a thread left standing (Keitora may
            # not delete threads there) is then refused as a deleted build's, rather than taken
            # for the member's newest build. The owner is anonymised below with the rest.
            await self._store.execute(
                "INSERT OR IGNORE INTO build_deletions "
                "(build_id, guild_id, owner_id, deleted_by, deleted_at, thread_id) "
                "SELECT id, guild_id, owner_id, 'owner', ?, thread_id FROM builds "
                "WHERE guild_id = ? AND owner_id = ?",
                (unix(self._clock.now()), guild_id, member_id),
            )
            # Updates, parts, tags and showcase rows of the builds go with them (cascade).
            deleted["builds"] = await self._store.execute(
                "DELETE FROM builds WHERE guild_id = ? AND owner_id = ?", (guild_id, member_id)
            )
        kept = frozenset(
            row["id"]
            for row in await self._store.fetchall(
                "SELECT id FROM builds WHERE guild_id = ? AND owner_id = ?", (guild_id, member_id)
            )
        )
        posted = frozenset(
            row["id"]
            for row in await self._store.fetchall(
                "SELECT id FROM build_updates WHERE guild_id = ? AND author_id = ? "
                "AND message_id IS NOT NULL",
                (guild_id, member_id),
            )
        )
        # Counted by what members see: a kept build with its updates and parts is one build;
        # on others' builds, each update, part and lock the member added.
        on_others = await self._on_others_builds(guild_id, member_id)
        await anonymise(self._store, guild_id, member_id, _BUILD_PEOPLE)
        return Forgotten(
            deleted=counted(deleted.items()),
            anonymised=counted([("builds", len(kept)), *on_others]),
            builds=kept,
            build_threads=threads,
            build_updates=posted,
        )
