"""Glossary suggestions as one source of the moderation queue."""

from __future__ import annotations

from bot.errors import NotFound, UserError
from bot.glossary.forms import join_japanese
from bot.glossary.service import GlossaryService
from bot.glossary.values import GLOSSARY_KIND, Suggestion
from bot.modqueue import QueueItem, RejectedBefore, headcount


class SuggestionQueue:
    """Pending suggestions for the queue. Approving one needs a moderator to finish the entry
    (its category, romaji…), so the discord layer opens the entry form for it instead of
    calling `approve`."""

    kind = GLOSSARY_KIND
    label = "Glossary suggestion"

    def __init__(self, glossary: GlossaryService) -> None:
        self._glossary = glossary

    async def pending(self, guild_id: int, limit: int) -> list[QueueItem]:
        suggestions = await self._glossary.pending_suggestions(guild_id, limit)
        rejected = await self._glossary.rejected_before(guild_id, suggestions)
        return [self._item(s, rejected.get(s.id)) for s in suggestions]

    async def item(self, guild_id: int, ref_id: int) -> QueueItem | None:
        try:
            suggestion = await self._glossary.suggestion(guild_id, ref_id)
        except NotFound:
            return None
        if suggestion.status != "pending":
            return None
        rejected = await self._glossary.rejected_before(guild_id, [suggestion])
        return self._item(suggestion, rejected.get(suggestion.id))

    async def named(self, guild_id: int, ref_id: int) -> str | None:
        try:
            suggestion = await self._glossary.suggestion(guild_id, ref_id)
        except NotFound:
            return None
        return f"glossary suggestion “{suggestion.term}”"

    async def approve(self, guild_id: int, ref_id: int, moderator_id: int) -> str:
        raise UserError("A suggestion is approved through the entry form, to set its category.")

    async def reject(self, guild_id: int, ref_id: int, moderator_id: int, reason: str) -> None:
        await self._glossary.reject(guild_id, ref_id, moderator_id, reason)

    async def gone(self, guild_id: int, ref_id: int) -> bool:
        return False  # a forgotten member's suggestion stays, in the name of nobody

    def _item(self, suggestion: Suggestion, repeats: RejectedBefore | None) -> QueueItem:
        """The suggestion's item; `repeats` is the latest rejected suggestion of the same words
        before it."""
        # Written as the suggestions list writes it: "tanbo 田んぼ (たんぼ)".
        writing = join_japanese(suggestion.kanji, suggestion.kana)
        return QueueItem(
            kind=self.kind,
            ref_id=suggestion.id,
            title=f"{suggestion.term} {writing}".strip(),
            body=suggestion.meaning,
            submitter_id=suggestion.member_id,
            submitted_by=headcount(1),
            created_at=suggestion.created_at,
            repeats=repeats,
        )
