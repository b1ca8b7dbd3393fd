"""Two servers, a moderator and an entry to add, for the tests of GlossaryService."""

from __future__ import annotations

from bot.glossary import GlossaryEntry, GlossaryService

HOME, OTHER = 1001, 2002
MOD = 77


def term(headword: str, meaning: str = "A word owners use.", **fields: object) -> GlossaryEntry:
    return GlossaryEntry(headword=headword, meaning=meaning, category="culture", **fields)


async def found(glossary: GlossaryService, guild: int, query: str) -> str | None:
    entry = (await glossary.lookup(guild, query)).entry
    return None if entry is None else entry.headword
