"""The built-in glossary's index, and the entries the index tests build small indexes from."""

from __future__ import annotations

from bot.glossary import GlossaryEntry, GlossaryIndex, load_glossary

BUILTIN = GlossaryIndex(load_glossary())


def entry(headword: str, *aliases: str, meaning: str = "A term.") -> GlossaryEntry:
    return GlossaryEntry(headword=headword, meaning=meaning, category="culture", aliases=aliases)


def headwords(hits: list) -> list[str]:
    return [hit.entry.headword for hit in hits]
