"""Alert DMs about announcements taken down since, or whose importer was removed, renamed or
suspended (or the suspension lifted), as its cards show it. Where each
alert DM went and what it listed is recorded as the outbox sends it; an announcement taken down
has every DM that listed it edited once, by a job keyed by the DM and the announcement, and an
importer removed has every DM listing its kept announcements edited once, by a job keyed by the
DM and the importer, and a renaming or suspension edits each once, by a job keyed by the DM and
the change, each scheduled in that transaction: neither a restart nor a retry edits it twice or
forgets it, a removal does not use up a later take-down's edit, nor one change a later one's."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from bot.clock import Clock, unix
from bot.delivery import Refused, Sent, SentHook
from bot.errors import NotFound
from bot.importers import Announcement, change_key
from bot.jobs import GiveUp, Handler, Job, JobQueue
from bot.privacy import Rows, member_rows
from bot.store import Store

# An alert DM edited to show how its matches stand now: one taken down, or its importer removed.
# (It was "alert.dm_taken_down" until removals queued it too; 0044 renamed the jobs kept.)
ALERT_DM_EDIT_JOB = "alert.dm_edit"
# As long as the jobs that sent the DMs are kept: an alert DM older than that is left as it is.
KEPT = timedelta(days=60)


@dataclass(frozen=True)
class Gone:
    """An alert DM's match taken down since, and who did (None when that was not recorded:
    taken down while the DM was on its way, or before it was recorded at all)."""

    by_moderator: bool | None


# One of an alert DM's matches as it stands now: the announcement (`Gone` once taken down) and
# the alerts it met.
ShownMatch = tuple[Announcement | Gone, tuple[str, ...]]
# (guild id, announcement id) -> the announcement; `NotFound` once it is gone.
AnnouncementReader = Callable[[int, int], Awaitable[Announcement]]
# The ids of an importer's announcements: (guild_id, importer_id) -> ids, read by their owner.
ImportersAnnouncements = Callable[[int, int], Awaitable[Sequence[int]]]
# (guild id, announcement id) -> whether a moderator took it down, as the importers' record of
# its withdrawal says; None when that is not known.
TakenDownBy = Callable[[int, int], Awaitable[bool | None]]


class AlertDmEditor(Protocol):
    async def edit_alert_dm(
        self, channel_id: int, message_id: int, member_id: int, matches: Sequence[ShownMatch]
    ) -> None:
        """Make the DM show `matches`; `Refused` when Discord never will (the member blocked
        the bot, the DM is gone); any other exception means try again later."""
        ...


class AlertDms:
    def __init__(self, store: Store, clock: Clock, jobs: JobQueue) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        self._importers_announcements: ImportersAnnouncements | None = None

    def read_importers_announcements_with(self, read: ImportersAnnouncements) -> None:
        """Which announcements an importer made is read through `read` (the announcements'
        owner), when an importer's rename or suspension has its DMs edited."""
        self._importers_announcements = read

    def sent_hook(self, read: AnnouncementReader) -> SentHook:
        """The ALERT_DM_JOB's sent hook: where the DM went and what it listed (each announcement
        by its title as the DM showed it, for the member's export), recorded in the transaction
        recording the send. A match taken down while the DM was on its way is edited at once."""

        async def sent(job: Job, where: Sent) -> None:
            if job.guild_id is None:
                return
            for position, match in enumerate(matches_of(job.payload)):
                try:
                    shown: Announcement | None = await read(job.guild_id, match["announcement_id"])
                except NotFound:
                    shown = None
                await self._store.execute(
                    "INSERT INTO alert_dm_matches (guild_id, member_id, channel_id, message_id, "
                    "position, announcement_id, queries, sent_at, title) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (
                        job.guild_id,
                        job.payload["member_id"],
                        where.channel_id,
                        where.message_id,
                        position,
                        match["announcement_id"],
                        json.dumps(match["queries"]),
                        unix(self._clock.now()),
                        None if shown is None else shown.title,
                    ),
                )
                if shown is None:
                    await self._edit_later(job.guild_id, where.message_id, match["announcement_id"])

        return sent

    async def on_taken_down(self, announcement: Announcement, by_moderator: bool) -> None:
        """Every alert DM that listed `announcement` is edited to say it was taken down, by a
        moderator or by its importer (inside the take-down's transaction), and its record lets
        go of the title: the importer's words, which the edit takes out of the DM too."""
        await self._store.execute(
            "UPDATE alert_dm_matches SET taken_down_by = ?, title = NULL "
            "WHERE guild_id = ? AND announcement_id = ?",
            (
                "moderator" if by_moderator else "importer",
                announcement.guild_id,
                announcement.id,
            ),
        )
        rows = await self._store.fetchall(
            "SELECT message_id FROM alert_dm_matches WHERE guild_id = ? AND announcement_id = ?",
            (announcement.guild_id, announcement.id),
        )
        for row in rows:
            await self._edit_later(announcement.guild_id, row["message_id"], announcement.id)

    async def on_importer_removed(
        self, guild_id: int, importer_id: int, announcement_id: int
    ) -> None:
        """Every alert DM that listed `announcement_id`, kept as the removed importer's, is
        edited to name a former importer, no longer vouched for (inside the removal's
        transaction). It was not taken down: that edit is still to come, if it ever is."""
        rows = await self._store.fetchall(
            "SELECT DISTINCT message_id FROM alert_dm_matches "
            "WHERE guild_id = ? AND announcement_id = ?",
            (guild_id, announcement_id),
        )
        for row in rows:
            # Keyed by the importer: a DM listing several of its announcements is edited once.
            await self._edit_later(guild_id, row["message_id"], f"importer {importer_id} removed")

    async def on_importer_renamed(self, guild_id: int, importer_id: int) -> None:
        """Every alert DM that listed the importer's announcements is edited to name it as it is
        called now (inside the renaming transaction), as its cards are."""
        await self._importer_changed(guild_id, importer_id, "renamed")

    async def on_importer_suspension_changed(self, guild_id: int, importer_id: int) -> None:
        """Every alert DM that listed the importer's announcements is edited to stop calling it
        verified while it is suspended, and to again once that is lifted (inside that
        transaction), as its cards are."""
        await self._importer_changed(guild_id, importer_id, "suspension")

    async def _importer_changed(self, guild_id: int, importer_id: int, what: str) -> None:
        # The change is told by importer, the DMs are recorded by announcement.
        if self._importers_announcements is None:
            raise RuntimeError("an importer's announcements are read through no service")
        ids = await self._importers_announcements(guild_id, importer_id)
        rows = await self._store.fetchall(
            "SELECT DISTINCT message_id FROM alert_dm_matches WHERE guild_id = ? "
            "AND announcement_id IN (SELECT value FROM json_each(?))",
            (guild_id, json.dumps(list(ids))),
        )
        # Keyed by the change: a DM listing several of the importer's announcements is edited
        # once for it, and again for a later one.
        change = change_key(f"importer {importer_id} {what}")
        for row in rows:
            await self._edit_later(guild_id, row["message_id"], change)

    async def _edit_later(self, guild_id: int, message_id: int, key: str | int) -> None:
        """Edit the DM to show how it stands now, once per `key` (an announcement taken down,
        an importer removed, renamed or suspended)."""
        await self._jobs.schedule(
            ALERT_DM_EDIT_JOB,
            f"{message_id}:{key}",
            self._clock.now(),
            payload={"message_id": message_id},
            guild_id=guild_id,
        )

    def handler(
        self,
        read: AnnouncementReader,
        editor: AlertDmEditor,
        taken_down_by: TakenDownBy,
    ) -> Handler:
        """The ALERT_DM_EDIT_JOB handler: the DM shown as it stands now, what was taken down
        marked so, and by whom (from the DM's record, else from `taken_down_by`: a match taken
        down while its DM was on its way has no record of it); a DM Discord refuses to change
        (the member blocked the bot) is left."""

        async def edit(job: Job) -> None:
            if job.guild_id is None:
                raise GiveUp("an alert DM without a server")
            rows = await self._store.fetchall(
                "SELECT * FROM alert_dm_matches WHERE guild_id = ? AND message_id = ? "
                "ORDER BY position",
                (job.guild_id, job.payload["message_id"]),
            )
            if not rows:
                raise GiveUp("the DM's record is gone: its member was forgotten, or it is old")
            shown: list[ShownMatch] = []
            for row in rows:
                try:
                    item: Announcement | Gone = await read(job.guild_id, row["announcement_id"])
                except NotFound:
                    item = Gone(await _by_moderator(row, taken_down_by))
                shown.append((item, tuple(json.loads(row["queries"]))))
            try:
                await editor.edit_alert_dm(
                    rows[0]["channel_id"], rows[0]["message_id"], rows[0]["member_id"], shown
                )
            except Refused as refusal:
                raise GiveUp(f"Discord refused the edit: {refusal}") from None

        return edit

    async def let_go_of_old(self) -> None:
        """Forget where the DMs older than `KEPT` went (a daily chore)."""
        await self._store.execute(
            "DELETE FROM alert_dm_matches WHERE sent_at < ?", (unix(self._clock.now() - KEPT),)
        )

    async def export_member(self, member_id: int) -> dict[int, Rows]:
        """Each announcement an alert DM listed (by its title, until it was taken down), with
        the member's alerts it met (as the DM named them), where the DM is, and when it was
        sent."""
        sql = (
            "SELECT guild_id, announcement_id, title, queries AS alerts_met, "
            "channel_id AS dm_channel_id, message_id, sent_at "
            "FROM alert_dm_matches WHERE member_id = ? ORDER BY sent_at, position"
        )
        dms = await member_rows(self._store, sql, (member_id,))
        for rows in dms.values():
            for row in rows:
                row["alerts_met"] = json.loads(row["alerts_met"])
        return dms

    async def forget_member(self, guild_id: int, member_id: int) -> int:
        return await self._store.execute(
            "DELETE FROM alert_dm_matches WHERE guild_id = ? AND member_id = ?",
            (guild_id, member_id),
        )


async def _by_moderator(row: Mapping[str, Any], taken_down_by: TakenDownBy) -> bool | None:
    if row["taken_down_by"] is not None:
        return bool(row["taken_down_by"] == "moderator")
    return await taken_down_by(row["guild_id"], row["announcement_id"])


def matches_of(payload: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The matches a DM job names: a list, or one (jobs planned before bursts were one DM)."""
    if "matches" in payload:
        return list(payload["matches"])
    return [{"announcement_id": payload["announcement_id"], "queries": payload["queries"]}]
