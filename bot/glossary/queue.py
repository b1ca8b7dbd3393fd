"""Glossary suggestions as one source of the moderation queue."""

from __future__ import annotations

from bot.errors import NotFound, UserError
from bot.glossary.forms import join_japanese
from bot.glossary.service import GlossaryService
from bot.glossary.values import Suggestion
from bot.modqueue import QueueItem, headcount

GLOSSARY_KIND = "glossary"


class SuggestionQueue:
    """Pending suggestions for the queue. Approving one needs a moderator to finish the entry
    (its category, romaji…), so the discord layer opens the entry form for it instead of
    calling `approve`."""

    kind = GLOSSARY_KIND
    label = "Glossary suggestion"

    def __init__(self, glossary: GlossaryService) -> None:
        self._glossary = glossary

    async def pending(self, guild_id: int, limit: int) -> list[QueueItem]:
        return [self._item(s) for s in await self._glossary.pending_suggestions(guild_id, limit)]

    async def item(self, guild_id: int, ref_id: int) -> QueueItem | None:
        try:
            suggestion = await self._glossary.suggestion(guild_id, ref_id)
        except NotFound:
            return None
        return self._item(suggestion) if suggestion.status == "pending" else None

    async def named(self, guild_id: int, ref_id: int) -> str | None:
        try:
            suggestion = await self._glossary.suggestion(guild_id, ref_id)
        except NotFound:
            return None
        return f"glossary suggestion “{suggestion.term}”"

    async def approve(self, guild_id: int, ref_id: int, moderator_id: int) -> str:
        raise UserError("A suggestion is approved through the entry form, to set its category.")

    async def reject(self, guild_id: int, ref_id: int, moderator_id: int, reason: str) -> None:
        await self._glossary.reject(guild_id, ref_id, moderator_id)

    async def gone(self, guild_id: int, ref_id: int) -> bool:
        return False  # a forgotten member's suggestion stays, in the name of nobody

    def _item(self, suggestion: Suggestion) -> QueueItem:
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
        )
