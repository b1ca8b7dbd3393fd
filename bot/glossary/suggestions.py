"""Members' suggestions of new terms (`glossary_suggestions`), kept for moderators to approve or
reject: what a suggestion may be, how many a member may have waiting, and deciding one once.
Approving one adds an entry, which `GlossaryService.approve` does."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from bot.clock import unix
from bot.errors import NotFound, UserError
from bot.glossary.entries import (
    HEADWORD_MAX,
    MEANING_MAX,
    entry_key,
    field_problem,
    meaning_problem,
)
from bot.glossary.forms import split_japanese
from bot.glossary.reading import GlossaryReader, quoted
from bot.glossary.values import Suggestion, suggestion_of, suggestion_words
from bot.japanese import holds_kana
from bot.limits import plain_quote, require_length
from bot.modqueue import RejectedBefore

PENDING_PER_MEMBER = 5


class GlossarySuggestions(GlossaryReader):
    """The reader's answers, and members' suggestions."""

    async def suggest(
        self,
        guild_id: int,
        member_id: int,
        term: str,
        meaning: str,
        kana: str = "",
        kanji: str = "",
    ) -> Suggestion:
        """A member's proposed term, kept for moderators to approve or reject."""
        term = require_length("The term", term, HEADWORD_MAX)
        meaning = require_length("The meaning", meaning, MEANING_MAX)
        kana = require_length("The kana", kana, HEADWORD_MAX, minimum=0)
        kanji = require_length("The kanji", kanji, HEADWORD_MAX, minimum=0)
        # The checks an entry gets, now rather than at approval, which would refuse it anyway:
        # its digits are an id ("<@123>" would become the term "123"), or it would ping.
        for named, field, text in (
            ("term", "headword", term),
            ("meaning", "meaning", meaning),
            ("kana", "kana", kana),
            ("kanji", "kanji", kanji),
        ):
            if problem := field_problem(field, text):
                raise UserError(f"The {named} {problem}; nothing was suggested.")
        # A reading typed into the kanji box ("軽トラ（けいとら）") is the kana: kept in the
        # kanji, it would come back twice in the approval form.
        bare, reading = split_japanese(kanji)
        if reading and entry_key(kana) in ("", entry_key(reading)):
            kanji, kana = bare, kana or reading
        if not entry_key(term):
            raise UserError("The term needs letters, digits, kana or kanji.")
        if kanji.strip() and not entry_key(kanji):  # approval would refuse it (`entry_problem`)
            raise UserError(
                f"The kanji {plain_quote(kanji)} has no letters, digits, kana or kanji to be "
                "looked up by; nothing was suggested."
            )
        current, key = await self.entries(guild_id), entry_key(term)
        owners = await self._cache.spellings(guild_id)
        # Another way to write an entry (軽トラ for keitora) could never be approved as a term.
        existing = current.get(key) or next(iter(owners.get(key, ())), None)
        if existing is not None:
            spelt = entry_key(existing.headword) != key
            named = f"{plain_quote(term)} is" if spelt else f"{quoted(existing)} is"
            where = f", as {quoted(existing)}" if spelt else ""
            raise UserError(
                f"{named} already in the glossary{where}: see /glossary lookup. To improve its "
                "meaning, ask a moderator."
            )
        for field, text in (("kana", kana), ("kanji", kanji)):
            written = entry_key(text)
            if found := owners.get(written):
                # A headword ranks first in lookup: that is the entry the spelling finds.
                owner = next((o for o in found if entry_key(o.headword) == written), found[0])
                raise UserError(
                    f"The {field} {plain_quote(text)} already finds {quoted(owner)}: see "
                    "/glossary lookup. Suggest the term without it; nothing was suggested."
                )
        _require_enough(term, meaning, (kana, kanji))
        async with self._store.transaction():
            waiting = await self._store.fetchall(
                "SELECT id, term, kana, kanji FROM glossary_suggestions "
                "WHERE guild_id = ? AND status = 'pending' ORDER BY id",
                (guild_id,),
            )
            if refusal := _suggested_already(waiting, term, kana, kanji):
                raise UserError(refusal)
            pending = await self._store.fetchval(
                "SELECT count(*) FROM glossary_suggestions "
                "WHERE guild_id = ? AND member_id = ? AND status = 'pending'",
                (guild_id, member_id),
            )
            if pending >= PENDING_PER_MEMBER:
                raise UserError(
                    f"You have {pending} suggestions waiting for moderators; please wait until "
                    "they are reviewed."
                )
            suggestion_id = await self._store.insert(
                "INSERT INTO glossary_suggestions "
                "(guild_id, member_id, term, meaning, kana, kanji, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (guild_id, member_id, term, meaning, kana, kanji, unix(self._clock.now())),
            )
        return await self.suggestion(guild_id, suggestion_id)

    async def pending_suggestions(self, guild_id: int, limit: int = 25) -> list[Suggestion]:
        rows = await self._store.fetchall(
            "SELECT * FROM glossary_suggestions WHERE guild_id = ? AND status = 'pending' "
            "ORDER BY created_at, id LIMIT ?",
            (guild_id, limit),
        )
        return [suggestion_of(row) for row in rows]

    async def pending_suggestion_count(self, guild_id: int) -> int:
        return await self._store.fetchval(
            "SELECT count(*) FROM glossary_suggestions WHERE guild_id = ? AND status = 'pending'",
            (guild_id,),
        )

    async def suggestion(self, guild_id: int, suggestion_id: int) -> Suggestion:
        row = await self._store.fetchone(
            "SELECT * FROM glossary_suggestions WHERE guild_id = ? AND id = ?",
            (guild_id, suggestion_id),
        )
        if row is None:
            raise NotFound(f"There is no suggestion #{suggestion_id} in this server.")
        return suggestion_of(row)

    async def reject(self, guild_id: int, suggestion_id: int, actor_id: int, reason: str) -> None:
        """Turn the suggestion down once (in the moderation queue's transaction), keeping the
        moderator's `reason` and the key of its words, for a later suggestion repeating them
        (`rejected_before`)."""
        words = suggestion_words(await self.suggestion(guild_id, suggestion_id))
        await self._decide(guild_id, suggestion_id, actor_id, "rejected", reason, words)

    async def rejected_before(
        self, guild_id: int, suggestions: Sequence[Suggestion]
    ) -> dict[int, RejectedBefore]:
        """For each of `suggestions` (by id) that repeats the words of one rejected before it,
        the latest such rejection, in one query (/modqueue reads up to LISTED_UP_TO items on
        every page). Whoever suggested it: the term was turned down in those words."""
        by_words: dict[str, list[Suggestion]] = {}
        for suggestion in suggestions:
            by_words.setdefault(suggestion_words(suggestion), []).append(suggestion)
        rows = await self._store.fetchall(
            "SELECT id, rejected_words, decided_at, decided_by, rejection_reason "
            "FROM glossary_suggestions WHERE guild_id = ? AND rejected_words IN "
            "(SELECT value FROM json_each(?)) ORDER BY decided_at DESC, id DESC",
            (guild_id, json.dumps(sorted(by_words))),
        )
        found: dict[int, RejectedBefore] = {}
        for row in rows:
            for suggestion in by_words[row["rejected_words"]]:
                if row["id"] < suggestion.id and suggestion.id not in found:
                    found[suggestion.id] = RejectedBefore.stored(
                        row["id"], row["decided_at"], row["decided_by"], row["rejection_reason"]
                    )
        return found

    async def _decide(
        self,
        guild_id: int,
        suggestion_id: int,
        actor_id: int,
        status: str,
        reason: str | None = None,
        rejected_words: str | None = None,
    ) -> None:
        decided = await self._store.execute(
            "UPDATE glossary_suggestions SET status = ?, decided_by = ?, decided_at = ?, "
            "rejection_reason = ?, rejected_words = ? "
            "WHERE guild_id = ? AND id = ? AND status = 'pending'",
            (
                status,
                actor_id,
                unix(self._clock.now()),
                reason,
                rejected_words,
                guild_id,
                suggestion_id,
            ),
        )
        if not decided:
            suggestion = await self.suggestion(guild_id, suggestion_id)
            raise UserError(f"Suggestion #{suggestion_id} was already {suggestion.status}.")


def _suggested_already(waiting: list[sqlite3.Row], term: str, kana: str, kanji: str) -> str | None:
    """Why a suggestion written as one of the `waiting` ones' term, kana or kanji is not taken,
    each folded as lookups fold it (ｼﾞﾑﾆｰ is the kana ジムニー); None when it is none of them."""
    written = {entry_key(text) for text in (term, kana, kanji)} - {""}
    for row in waiting:
        for field in ("term", "kana", "kanji"):
            if entry_key(row[field]) not in written:
                continue
            if field == "term" and entry_key(row["term"]) == entry_key(term):
                named = f"{plain_quote(row['term'])} was suggested already"
            else:
                shown = "" if field == "term" else f"the {field} of "
                named = f"{plain_quote(term)} was suggested already as {shown}"
                named += plain_quote(row["term"])
            return f"{named} (#{row['id']}) and is waiting for the moderators."
    return None


# A one-letter term says too little for a moderator to judge, and only costs them a rejection
# (the meaning's rule is `meaning_problem`'s, every entry's). Japanese script carries more in a
# character: a single kanji is a term (傷, a scratch), and so is a single kana (ア, a size mark),
# though its key is romaji as short as a letter typed alone.
TERM_MIN = 2


def _require_enough(term: str, meaning: str, spellings: tuple[str, ...]) -> None:
    """Refuse a suggestion too short to judge; `spellings` are the term's kana and kanji."""
    key = entry_key(term)
    if len(key) < TERM_MIN and key.isascii() and not holds_kana(term):
        raise UserError(
            f"The term needs at least {TERM_MIN} letters or digits, or kana or kanji; nothing "
            "was suggested."
        )
    if problem := meaning_problem(meaning, (term, *spellings)):
        raise UserError(f"The meaning {problem}; nothing was suggested.")
