"""What the glossary keeps about a member, for /privacy: the suggestions they made and the
edits and decisions they made as a moderator. All of it is the server's shared history, so a
forgotten member's rows stay, anonymised: a suggestion loses its author (so no rejection is
ever DMed for it), an edit or a decision shows "a former member"."""

from __future__ import annotations

import json

from bot.glossary.values import ACTIONS_DONE, GLOSSARY_KIND, suggestion_of, suggestion_words
from bot.modqueue import waiting_posts
from bot.modqueue.exported import reasons_read_by
from bot.privacy import Forgotten, MemberData, Rows, Sections, anonymise, counted, member_rows
from bot.store import Store

_SUGGESTION = {"pending": "waiting for a moderator"}  # approved and rejected say what they are

# Moderators' columns: the rows are the server's history of its glossary. An edit is one row of
# its history; the entry it left names its last editor too, the same edit, so uncounted.
_EDITS = {"glossary_history": ("actor_id",)}
_LAST_EDITED = {"glossary_entries": ("updated_by",)}
_DECISIONS = {"glossary_suggestions": ("decided_by",)}
_MODERATION = {**_EDITS, **_LAST_EDITED, **_DECISIONS}


class GlossaryMemberData:
    def __init__(self, store: Store) -> None:
        self._store = store

    def member_data(self) -> MemberData:
        covers = {**_MODERATION, "glossary_suggestions": ("member_id", "decided_by")}
        return MemberData(covers, self._export, self._forget)

    async def _export(self, member_id: int) -> Sections:
        return {
            "glossary_suggestions": await member_rows(
                self._store,
                "SELECT guild_id, term, meaning, kana, kanji, status, created_at, decided_at "
                "FROM glossary_suggestions WHERE member_id = ? ORDER BY id",
                (member_id,),
                words={"status": _SUGGESTION},
            ),
            "glossary_edits": await self._edits(member_id),
            "glossary_entries_last_edited": await member_rows(
                self._store,
                "SELECT guild_id, key, updated_at FROM glossary_entries WHERE updated_by = ? "
                "ORDER BY id",
                (member_id,),
            ),
            "glossary_suggestions_decided": await self._decided(member_id),
        }

    async def _decided(self, member_id: int) -> dict[int, Rows]:
        """The suggestions the member decided, each rejection with the reason they gave: their
        own words, kept as long as the suggestion and shown on later repeats' queue cards."""
        decided = await member_rows(
            self._store,
            "SELECT guild_id, term, status, decided_at, rejection_reason AS reason "
            "FROM glossary_suggestions WHERE decided_by = ? ORDER BY id",
            (member_id,),
        )
        reasons_read_by(decided, member_id)
        return decided

    async def _edits(self, member_id: int) -> dict[int, Rows]:
        """The member's edits, each with the entry as it was and became: the objects the
        glossary keeps as JSON text, not that text inside the export's own JSON."""
        edits = await member_rows(
            self._store,
            "SELECT guild_id, key, action, at, before, after FROM glossary_history "
            "WHERE actor_id = ? ORDER BY id",
            (member_id,),
            words={"action": ACTIONS_DONE},
        )
        for rows in edits.values():
            for edit in rows:
                for side in ("before", "after"):
                    if edit[side] is not None:
                        edit[side] = json.loads(edit[side])
        return edits

    async def _forget(self, guild_id: int, member_id: int, keep_builds: bool) -> Forgotten:
        repeating = await self._repeating_rejections_by(guild_id, member_id)
        suggested = await self._store.execute(
            "UPDATE glossary_suggestions SET member_id = NULL WHERE guild_id = ? AND member_id = ?",
            (guild_id, member_id),
        )
        edited = await anonymise(self._store, guild_id, member_id, _EDITS)
        await anonymise(self._store, guild_id, member_id, _LAST_EDITED)
        decided = await anonymise(self._store, guild_id, member_id, _DECISIONS)
        return Forgotten(
            anonymised=counted(
                [
                    ("glossary suggestions", suggested),
                    ("glossary edits", edited),
                    ("glossary suggestion decisions", decided),
                ]
            ),
            changed_queue_posts=await waiting_posts(
                self._store, guild_id, GLOSSARY_KIND, repeating
            ),
        )

    async def _repeating_rejections_by(self, guild_id: int, member_id: int) -> list[int]:
        """The waiting suggestions that repeat one the member rejected: their posts name the
        member, and are rendered again once they are "a moderator" there."""
        rejected = await self._store.fetchall(
            "SELECT id, rejected_words FROM glossary_suggestions "
            "WHERE guild_id = ? AND decided_by = ? AND rejected_words IS NOT NULL",
            (guild_id, member_id),
        )
        if not rejected:
            return []
        waiting = await self._store.fetchall(
            "SELECT * FROM glossary_suggestions WHERE guild_id = ? AND status = 'pending'",
            (guild_id,),
        )
        first_rejected: dict[str, int] = {}
        for row in rejected:
            words = row["rejected_words"]
            first_rejected[words] = min(row["id"], first_rejected.get(words, row["id"]))
        return [
            row["id"]
            for row in waiting
            if first_rejected.get(suggestion_words(suggestion_of(row)), row["id"]) < row["id"]
        ]
