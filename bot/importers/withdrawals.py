"""The record of each announcement taken back or down: when it was announced (what counts
toward that day's limit), who took it, and how (withdrawn from the moderation queue, or taken
down once approved), kept for `WITHDRAWALS_KEPT`; and what a member who finds it gone is told
of it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.clock import Clock, unix
from bot.errors import UserError
from bot.feeds.links import link_key
from bot.importers.link_keys import repeated_in
from bot.privacy import FORMER_MEMBER, Sections, anonymise, member_rows
from bot.store import Store

if TYPE_CHECKING:  # hints only: the values import the profiles, which use this record
    from bot.importers.profiles import Importer
    from bot.importers.values import Announcement

# How long who took an announcement back or down is kept (for the members' exports), as long
# as the alert DMs about announcements are.
WITHDRAWALS_KEPT = timedelta(days=60)
# Who took an announcement down: a moderator's take-downs of another importer's announcements,
# a removed one's too (their importer's own go with its profile).
TAKERS_DOWN = {"announcement_withdrawals": ("withdrawn_by",)}
# Where an announcement came from, as its importer made it.
SOURCE_WORDS = {
    "member": "/importer announce",
    "feed": "the importer's feed",
    "arrival": "/importer arrival",
}
FORMER_IMPORTER = "a former importer"  # whose a removed importer's take-down was
# What became of an announcement taken back or down (records from before 0050 may not say).
_TAKEN = {
    "withdrawn": "withdrawn while it waited for a moderator, never posted",
    "taken_down": "taken down once approved",
    "unknown": "taken back or down (which was not recorded)",
}


class Overtaken(UserError):
    """What a form or question was opened for changed for good since (withdrawn, decided,
    taken down): nothing sent in it again can succeed, so it is not offered again."""


class Withdrawals:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def record(self, announcement: Announcement, by: int, how: str, title_key: str) -> None:
        """Keep when `announcement` was announced, who (`by`) took it back or down and `how`
        ('withdrawn' from the queue, or 'taken_down' once approved), inside the transaction
        deleting it: a moderator's take-down of a former importer's too, unlinked, for the
        moderator's export (it counts toward no limit: the profile is gone). A take-down of an
        importer's keeps what a repeat of it is known by (its link, and a typed one's or an
        arrival's `title_key`, its `repeat_key`), for `taken_down_alike` and
        `taken_down_by_moderator`."""
        repeats = how == "taken_down" and announcement.importer_id is not None
        await self._store.execute(
            "INSERT INTO announcement_withdrawals (guild_id, importer_id, announcement_id, "
            "announced_at, withdrawn_at, withdrawn_by, how, counts, source, title_key, link) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                announcement.guild_id,
                announcement.importer_id,
                announcement.id,
                unix(announcement.created_at),
                unix(self._clock.now()),
                by,
                how,
                # Feed items do not count toward the daily limit, taken down or not (but the one
                # a new feed address posted).
                announcement.counts_toward_limit and announcement.importer_id is not None,
                announcement.source,
                title_key if repeats and announcement.source != "feed" else None,
                announcement.link if repeats else None,
            ),
        )

    async def taken_down_alike(
        self, importer_id: int, title_key: str, link: str | None, *, since: datetime, first: bool
    ) -> bool:
        """Whether the importer's announcement a feed item repeats was taken down (by anyone)
        after `since`, matched as a live one is (`repeated_in`: a typed one by `title_key`, the
        rest by their listing's `link_key`, a feed item's only on a feed's `first` poll)."""
        taken = await self._store.fetchall(
            "SELECT source, title_key, link FROM announcement_withdrawals WHERE importer_id = ? "
            "AND how = 'taken_down' AND withdrawn_at > ? "
            "AND (title_key IS NOT NULL OR link IS NOT NULL)",
            (importer_id, unix(since)),
        )
        return repeated_in(taken, title_key, link, first=first)

    async def taken_down_by_moderator(
        self, importer: Importer, source: str, title_keys: Sequence[str], since: datetime
    ) -> bool:
        """Whether a moderator took down, after `since`, an announcement of the importer's
        typed as `source` ('member' or 'arrival') and known by one of `title_keys` (a
        `repeat_key`'s `repeat_keys`)."""
        marks = ", ".join("?" * len(title_keys))
        taken = await self._store.fetchval(
            "SELECT 1 FROM announcement_withdrawals WHERE importer_id = ? AND how = 'taken_down' "
            f"AND withdrawn_at > ? AND source = ? AND title_key IN ({marks}) "
            "AND withdrawn_by IS NOT NULL AND withdrawn_by != ?",
            (importer.id, unix(since), source, *title_keys, importer.member_id),
        )
        return taken is not None

    async def listing_taken_down_by_moderator(
        self, importer: Importer, link: str, since: datetime
    ) -> bool:
        """Whether a moderator took down, after `since`, an announcement of the importer's
        (typed, an arrival or a feed item) linking to the listing `link` links to (compared by
        `link_key`, as feed items are): a retype changing its other words is the same listing."""
        taken = await self._store.fetchall(
            "SELECT link FROM announcement_withdrawals WHERE importer_id = ? "
            "AND how = 'taken_down' AND withdrawn_at > ? AND link IS NOT NULL "
            "AND withdrawn_by IS NOT NULL AND withdrawn_by != ?",
            (importer.id, unix(since), importer.member_id),
        )
        wanted = link_key(link)
        return any(link_key(row["link"]) == wanted for row in taken)

    async def counted_since(self, importer_id: int, since: int) -> tuple[int, int | None]:
        """How many of the importer's taken back or down count toward its daily limit, of
        those announced after `since`, and when the first of them was announced."""
        row = await self._store.fetchone(
            "SELECT count(*) AS made, min(announced_at) AS first FROM announcement_withdrawals "
            "WHERE importer_id = ? AND counts AND announced_at > ?",
            (importer_id, since),
        )
        return row["made"], row["first"]

    async def forget_taken_before(self, before: datetime) -> None:
        """Forget who took back or down what was taken `before` then."""
        await self._store.execute(
            "DELETE FROM announcement_withdrawals WHERE withdrawn_at < ?", (unix(before),)
        )

    async def forget_repeats_before(self, before: datetime) -> None:
        """Forget the title key and link of what was taken down `before` then: a repeat of it
        is no longer held back, and the record needs them no more."""
        await self._store.execute(
            "UPDATE announcement_withdrawals SET title_key = NULL, link = NULL "
            "WHERE withdrawn_at < ? AND (title_key IS NOT NULL OR link IS NOT NULL)",
            (unix(before),),
        )

    async def how(self, guild_id: int, announcement_id: int) -> str | None:
        """'withdrawn' or 'taken_down', as the announcement's record says; None without a
        record, or one that does not say (from before 0050)."""
        how: str | None = await self._store.fetchval(
            "SELECT how FROM announcement_withdrawals WHERE guild_id = ? AND announcement_id = ?",
            (guild_id, announcement_id),
        )
        return how

    async def by_moderator(self, guild_id: int, announcement_id: int) -> bool | None:
        """Whether a moderator (True) or the importer's own member (False) took the
        announcement back or down, as its record says; None without a record, or one that
        names nobody (from before 0035). A removed importer's own records went with it: what
        stays was a moderator's."""
        taken = await self._store.fetchone(
            "SELECT w.withdrawn_by, importers.member_id AS importer_member FROM "
            "announcement_withdrawals AS w LEFT JOIN importers ON importers.id = w.importer_id "
            "WHERE w.guild_id = ? AND w.announcement_id = ?",
            (guild_id, announcement_id),
        )
        if taken is None or taken["withdrawn_by"] is None:
            return None
        return bool(taken["withdrawn_by"] != taken["importer_member"])

    async def forget_importers_own(self, guild_id: int, importer_id: int) -> None:
        """Forget what the importer took back or down itself, as its profile goes (inside that
        transaction): a moderator's take-downs of its announcements stay, unlinked, the
        moderator's record, without the announcement's title key and link."""
        await self._store.execute(
            "DELETE FROM announcement_withdrawals WHERE importer_id = ? AND (withdrawn_by IS NULL "
            "OR withdrawn_by = (SELECT member_id FROM importers WHERE guild_id = ? AND id = ?))",
            (importer_id, guild_id, importer_id),
        )
        # What stays is the moderator's record: the business's words in it go with the business.
        await self._store.execute(
            "UPDATE announcement_withdrawals SET title_key = NULL, link = NULL "
            "WHERE guild_id = ? AND importer_id = ?",
            (guild_id, importer_id),
        )

    async def told_importer(
        self, guild_id: int, announcement_id: int, importer_id: int, member_id: int
    ) -> str | None:
        """What became of the importer's own announcement, to its member (`member_id`), who
        is not told which moderator took it down; None when it has no record (never theirs,
        or kept no longer)."""
        taken = await self._store.fetchone(
            "SELECT withdrawn_by, how FROM announcement_withdrawals "
            "WHERE guild_id = ? AND announcement_id = ? AND importer_id = ?",
            (guild_id, announcement_id, importer_id),
        )
        if taken is None:
            return None
        if taken["withdrawn_by"] is None:  # recorded before 0035 named anyone
            return "It was taken back already."
        if taken["withdrawn_by"] != member_id:
            return "A moderator took it down already."
        if taken["how"] == "withdrawn":
            return "You withdrew it already, while it waited for a moderator; it was never posted."
        return f"You took it {'down' if taken['how'] == 'taken_down' else 'back'} already."

    async def gone(self, guild_id: int, announcement_id: int, member_id: int) -> UserError:
        """Why a moderator (`member_id`) finds no announcement `announcement_id`: withdrawn or
        taken down by its importer, or taken down by whom, as its record says (`Overtaken`:
        a question about it asked before can be answered no other way); else it never was."""
        taken = await self._store.fetchone(
            "SELECT w.withdrawn_by, w.how, importers.member_id AS importer_member FROM "
            "announcement_withdrawals AS w LEFT JOIN importers ON importers.id = w.importer_id "
            "WHERE w.guild_id = ? AND w.announcement_id = ?",
            (guild_id, announcement_id),
        )
        if taken is None:
            return UserError("Pick an announcement from the list as you type.")
        by = taken["withdrawn_by"]
        if by is not None and by == taken["importer_member"] and taken["how"] == "withdrawn":
            return Overtaken(
                "Already withdrawn by its importer while it waited for a moderator; it was "
                "never posted, so there is nothing to take down."
            )
        if by is not None and by == taken["importer_member"]:
            # A record from before 0050 may not say which: "taken back" holds of a withdrawal
            # and a take-down alike ("taken down" of a withdrawal it never was).
            done = f"taken {'down' if taken['how'] == 'taken_down' else 'back'} by its importer"
        elif by == member_id:
            done = "taken down by you"
        elif by in (None, FORMER_MEMBER):
            done = "taken down by a moderator"
        else:
            done = f"taken down by <@{by}>"
        return Overtaken(f"Already {done}; there is nothing left to take down.")


async def exported_for(store: Store, member_id: int) -> Sections:
    """The records naming the member, for /privacy: what their importer took back or down, or
    a moderator did (who, not which moderator: that is the moderator's to know), with what a
    repeat of one taken down is known by while that is kept; and what they took down as a
    moderator, another importer's: whose (a removed one's is a former importer's: its name and
    words are not the moderator's), from where, and its link while a repeat of it is refused."""
    return {
        "importer_announcements_withdrawn": await member_rows(
            store,
            "SELECT w.guild_id, announced_at, withdrawn_at, CASE WHEN withdrawn_by = ? "
            "THEN 'you' WHEN withdrawn_by IS NOT NULL THEN 'a moderator' END AS by, "
            "coalesce(how, 'unknown') AS what, title_key AS title_as_compared, link "
            "FROM announcement_withdrawals AS w "
            "JOIN importers ON importers.id = w.importer_id "
            "WHERE importers.member_id = ? ORDER BY withdrawn_at",
            (member_id, member_id),
            words={"what": _TAKEN},
        ),
        "announcements_taken_down": await member_rows(
            store,
            "SELECT w.guild_id, coalesce(importers.name, ?) AS importer, w.source, w.link, "
            "announced_at, withdrawn_at AS taken_down_at FROM announcement_withdrawals AS w "
            "LEFT JOIN importers ON importers.id = w.importer_id WHERE withdrawn_by = ? "
            "AND (importers.member_id IS NULL OR importers.member_id != ?) "
            "ORDER BY withdrawn_at",
            (FORMER_IMPORTER, member_id, member_id),
            words={"source": SOURCE_WORDS},
        ),
    }


async def anonymise_taker(store: Store, guild_id: int, member_id: int) -> int:
    """Unname the moderator `member_id` from what they took down (the records stay, the
    server's history); how many records changed."""
    return await anonymise(store, guild_id, member_id, TAKERS_DOWN)
