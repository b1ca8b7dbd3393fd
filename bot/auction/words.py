"""Words on a sheet that are not codes (修復歴なし, 下回りサビ), explained by a lookup the caller
passes in, such as the server's glossary: whole, or piece by piece."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from bot.auction.sheet import SheetWord, WordPart

# A word on a sheet is short; a longer run without spaces is pasted text, not worth looking up.
MAX_WORD_CHARS = 40

Explain = Callable[[str], str | None]  # a word's meaning, or None when it is not known

# Written after a word on sheets: 記録簿有 (record book: yes), 修復歴なし (repair history: none).
_PRESENCE: Mapping[str, str] = {
    "なし": "none",
    "無し": "none",
    "無": "none",
    "あり": "yes, present",
    "有り": "yes, present",
    "有": "yes, present",
}

# Katakana words (サビ, ワンオーナー) are glued to kanji on sheets: 下回りサビ is 下回り + サビ.
_SCRIPT_RUNS = re.compile(r"[\u30a0-\u30ff]+|[^\u30a0-\u30ff]+")
# A number of months, as 車検残 (inspection left) is given: 5か月, 5ヶ月, 5ヵ月, 5カ月, 5箇月
# (5月 alone is May).
MONTHS = re.compile(r"(?P<months>\d{1,2})(?:か|ヶ|ヵ|カ|ケ|箇)月")
_GLUED_MONTHS = re.compile(r"(?P<word>.*?\D)(?P<count>" + MONTHS.pattern + ")")

# The histories a sheet declares, with a presence word: 事故歴あり, 修復歴なし.
ACCIDENT_HISTORY, REPAIR_HISTORY = "事故歴", "修復歴"


def declared(token: str, history: str) -> bool | None:
    """Whether the sheet's token declares `history` present (事故歴あり: True) or absent
    (事故歴なし: False); None when it says nothing of it."""
    presence = _PRESENCE.get(token.removeprefix(history)) if token.startswith(history) else None
    return None if presence is None else presence != _PRESENCE["なし"]


def words_to_look_up(unknown: Iterable[str]) -> tuple[str, ...]:
    """What `decode_sheet` may ask `explain` about these unknown tokens: each token and the
    words it is made of, so a caller with a slow lookup can ask in advance."""
    terms = [term for token in unknown for term in (token, *_pieces(token))]
    return tuple(
        term
        for term in dict.fromkeys(terms)
        if len(term) <= MAX_WORD_CHARS and _known(term) is None
    )


def _known(piece: str) -> str | None:
    """What a piece means without asking: a presence word (なし) or a number of months."""
    if months := MONTHS.fullmatch(piece):
        count = int(months["months"])
        return f"{count} month{'s' if count != 1 else ''}"
    return _PRESENCE.get(piece)


def _pieces(token: str) -> list[str]:
    """The words a token is made of: split at spaces, where katakana meets other script, and
    before a presence word at the end (修復歴なし)."""
    pieces: list[str] = []
    for word in token.split():
        # 5ヶ月: its ヶ is katakana, yet no word apart from the number.
        if MONTHS.fullmatch(word):
            pieces.append(word)
            continue
        # 車検残5か月: the months are no part of the word before them.
        if glued := _GLUED_MONTHS.fullmatch(word):
            pieces += [*_SCRIPT_RUNS.findall(glued["word"]), glued["count"]]
            continue
        presence = next((p for p in _PRESENCE if word.endswith(p) and word != p), "")
        pieces += _SCRIPT_RUNS.findall(word.removesuffix(presence) if presence else word)
        pieces += [presence] if presence else []
    return pieces


def explained(token: str, explain: Explain) -> SheetWord | None:
    """The token explained whole, or by every piece of it; None when any piece is unknown."""
    meaning = explain(token) if len(token) <= MAX_WORD_CHARS else None
    if meaning:
        return SheetWord(token, (WordPart(token, meaning),))
    pieces = _pieces(token)
    if len(pieces) < 2:
        return None
    parts = []
    for piece in pieces:
        meaning = _known(piece) or (explain(piece) if len(piece) <= MAX_WORD_CHARS else None)
        if not meaning:
            return None
        parts.append(WordPart(piece, meaning))
    return SheetWord(token, tuple(parts))
