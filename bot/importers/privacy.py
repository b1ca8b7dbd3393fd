"""What the importers package keeps about a member, for /privacy: the importer profile linked
to them (with its feed and announcements, and what it took back or a moderator took down) and
the announcements they decided on or took down as a moderator.
A profile speaks for its member alone, so forgetting the member removes it as a moderator's
removal does (`ImporterRemoval`): what it never showed goes, and what it posted for members
stays in the channel as a business's post, under the name it had, unlinked from the member, its
card naming a former importer (it vouches for nobody now) and a moderator able to take it down.
Its moderation queue posts go; decisions are the server's history and stay, anonymised, as do
take-downs."""

from __future__ import annotations

from bot.importers.announcements import ANNOUNCEMENT_KIND
from bot.importers.removal import ImporterRemoval
from bot.importers.sending import NOT_POSTED, post_key, post_stage
from bot.importers.withdrawals import SOURCE_WORDS, TAKERS_DOWN, anonymise_taker, exported_for
from bot.jobs import JobQueue
from bot.modqueue import waiting_posts, withdrawn_posts
from bot.modqueue.exported import reasons_read_by
from bot.privacy import Forgotten, MemberData, Sections, anonymise, counted, member_rows
from bot.store import Store

_DECIDERS = {"announcements": ("decided_by",)}  # a moderator's decisions on announcements
_SUSPENDERS = {"importers": ("suspended_by",)}
# An announcement as its importer knows it: `posting` is approved, and posted unless its post
# is still to be sent or Discord refused it for good (`NOT_POSTED`).
_ANNOUNCED = {"queued": "waiting for a moderator", "rejected": "rejected by a moderator"}
_DECIDED = {"posting": "approved"}  # a moderator's decision, whatever became of the post


class ImporterMemberData:
    def __init__(self, store: Store, removal: ImporterRemoval, jobs: JobQueue) -> None:
        self._store = store
        self._removal = removal
        self._jobs = jobs

    def member_data(self) -> MemberData:
        return MemberData(
            {"importers": ("member_id", "suspended_by"), **_DECIDERS, **TAKERS_DOWN},
            self._export,
            self._forget,
        )

    async def _export(self, member_id: int) -> Sections:
        announced = await member_rows(
            self._store,
            "SELECT announcements.guild_id, source, title, body, link, image_url, status, "
            "reason, announcements.created_at, make, model, model_code, year, drive, grade, "
            "mileage_km, price_usd, arrivals.state AS arrival_state, "
            "announcements.importer_id, announcements.id AS announcement_id, "
            "importers.suspended_at IS NOT NULL AS suspended "
            "FROM announcements JOIN importers ON importers.id = announcements.importer_id "
            "LEFT JOIN arrivals ON arrivals.announcement_id = announcements.id "
            "WHERE importers.member_id = ? ORDER BY announcements.id",
            (member_id,),
            words={"source": SOURCE_WORDS},
        )
        for rows in announced.values():
            for row in rows:
                key = post_key(row.pop("importer_id"), row.pop("announcement_id"))
                suspended = bool(row.pop("suspended"))
                row["status"] = await self._status_of(row["status"], key, suspended)
        decided = await member_rows(
            self._store,
            # The reason a moderator gave for a rejection is their own words.
            "SELECT guild_id, title, status, decided_at, reason FROM announcements "
            "WHERE decided_by = ? ORDER BY id",
            (member_id,),
            words={"status": _DECIDED},
        )
        for sections in (announced, decided):
            reasons_read_by(sections, member_id)
        return {
            "importer_profile": await member_rows(
                self._store,
                "SELECT importers.guild_id, name, website, state, trusted, suspended_at, "
                "suspension_reason, created_at, importer_feeds.url AS feed_url FROM importers "
                "LEFT JOIN importer_feeds ON importer_feeds.importer_id = importers.id "
                "WHERE member_id = ?",
                (member_id,),
                yes_no=("trusted",),
            ),
            "importer_announcements": announced,
            "importers_suspended": await member_rows(
                self._store,
                "SELECT guild_id, name, suspended_at, suspension_reason FROM importers "
                "WHERE suspended_by = ? ORDER BY id",
                (member_id,),
            ),
            "announcements_decided": decided,
            **await exported_for(self._store, member_id),
        }

    async def _status_of(self, status: str, key: str, suspended: bool) -> str:
        """`status` in the importer's words; an approved one's as its post stands."""
        if status != "posting":
            return _ANNOUNCED.get(status, status)
        stage = await post_stage(self._store, self._jobs, key, suspended=suspended)
        return NOT_POSTED.get(stage or "", "posted")

    async def _forget(self, guild_id: int, member_id: int, keep_builds: bool) -> Forgotten:
        # Every queue post of the profile's announcements quotes what the member wrote: one
        # still waiting leaves the queue with the profile, and a decided one is a record that
        # cannot be shown again without them (what was posted for members stays).
        # (Those posted straight away, by a trusted importer, never had a queue post.)
        announced = await self._store.fetchall(
            "SELECT announcements.id, announcements.status = 'queued' "
            "OR announcements.decided_at IS NOT NULL AS queued_once FROM announcements "
            "JOIN importers ON importers.id = announcements.importer_id "
            "WHERE importers.guild_id = ? AND importers.member_id = ?",
            (guild_id, member_id),
        )
        profiles = await self._store.fetchall(
            "SELECT id FROM importers WHERE guild_id = ? AND member_id = ?", (guild_id, member_id)
        )
        for profile in profiles:  # its feed and the feed's items go with it (cascade)
            await self._removal.remove_within(guild_id, profile["id"])
        kept = await self._store.fetchval(
            f"SELECT count(*) FROM announcements WHERE guild_id = ? AND id IN "
            f"({', '.join('?' * len(announced))})",
            (guild_id, *(row["id"] for row in announced)),
        )
        # A waiting announcement repeating one the member rejected names them on its post,
        # rendered again once they are "a moderator" there.
        repeating = await self._store.fetchall(
            "SELECT DISTINCT waiting.id FROM announcements AS waiting JOIN announcements AS "
            "rejected ON rejected.importer_id = waiting.importer_id "
            "AND rejected.title = waiting.title AND rejected.id < waiting.id "
            "WHERE waiting.guild_id = ? AND waiting.status = 'queued' "
            "AND rejected.status = 'rejected' AND rejected.decided_by = ?",
            (guild_id, member_id),
        )
        decided = await anonymise(self._store, guild_id, member_id, _DECIDERS)
        taken_down = await anonymise_taker(self._store, guild_id, member_id)
        suspended = await anonymise(self._store, guild_id, member_id, _SUSPENDERS)
        return Forgotten(
            deleted=counted(
                [
                    ("importer profile", len(profiles)),
                    ("importer announcements", len(announced) - kept),
                ]
            ),
            importer_roles=frozenset([member_id]) if profiles else frozenset(),
            anonymised=counted(
                [
                    ("posted importer announcements (now a former importer's)", kept),
                    ("announcement decisions", decided),
                    ("announcement take-downs", taken_down),
                    ("importer suspensions", suspended),
                ]
            ),
            queue_posts=await withdrawn_posts(
                self._store,
                guild_id,
                ANNOUNCEMENT_KIND,
                (row["id"] for row in announced if row["queued_once"]),
            ),
            changed_queue_posts=await waiting_posts(
                self._store, guild_id, ANNOUNCEMENT_KIND, (row["id"] for row in repeating)
            ),
        )
