"""Japanese auction-sheet (出品票) decoder: grades, damage-map codes, equipment and mileage marks.

Pure: text in, frozen dataclasses out. Every auction house prints its own sheet, so a code is
explained only when the research notes (kei-truck-facts.md §2) back it; anything else is
listed as unknown, never guessed. Words the decoder does not know (修復歴なし, 下回りサビ) can be
explained by a lookup the caller passes in, such as the server's glossary.

- `sheet`: `SheetDecode` and the values it is made of (grades, damage marks, `Severity`…);
- `codes`: what each grade, letter, damage code, equipment and mileage mark means;
- `words`: the words that are not codes, explained by the caller's lookup;
- `decoder`: `decode_sheet`, which reads a whole pasted sheet token by token;
- `verdict`: the summary line and what a buyer should do about what the sheet shows.
"""

from bot.auction.codes import HOUSE_NOTE, read_grade
from bot.auction.decoder import MAX_SHEET_CHARS, decode_sheet
from bot.auction.sheet import (
    DamageGroup,
    DamageMark,
    Equipment,
    GradeInfo,
    LetterGrade,
    MileageMark,
    Severity,
    SheetDate,
    SheetDecode,
    SheetModel,
    SheetWord,
    WordPart,
)
from bot.auction.words import MAX_WORD_CHARS, Explain, words_to_look_up

__all__ = [
    "HOUSE_NOTE",
    "MAX_SHEET_CHARS",
    "MAX_WORD_CHARS",
    "DamageGroup",
    "DamageMark",
    "Equipment",
    "Explain",
    "GradeInfo",
    "LetterGrade",
    "MileageMark",
    "Severity",
    "SheetDate",
    "SheetDecode",
    "SheetModel",
    "SheetWord",
    "WordPart",
    "decode_sheet",
    "read_grade",
    "words_to_look_up",
]
