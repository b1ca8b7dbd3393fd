"""The moderator form's "Kanji (kana)" box: an entry's kanji and kana as one text, and back.

Pure: the discord layer fills the box with `join_japanese` and reads it with `split_japanese`.
"""

from __future__ import annotations

import re
import unicodedata

from bot.japanese import kana_romaji, normalize

# Full-width parentheses, as a Japanese keyboard types them, read as ASCII ones.
_PARENTHESES = str.maketrans("（）", "()")
# A reading: hiragana, katakana (full and half width), the long-vowel mark, the middle dot and
# spaces. Anything else in parentheses ("(株)", "(4WD)") belongs to the kanji.
_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\uff65-\uff9f\s]+")


def is_reading(text: str) -> bool:
    """Whether `text` is a reading the box can carry back: kana only."""
    return bool(_KANA.fullmatch(text))


def kana_term(term: str, kana: str) -> tuple[str, str]:
    """The headword and kana a moderator's form offers for a suggested `term` and `kana`: a
    term typed only in kana is the kana, full width (ｼﾞﾑﾆｰ is ジムニー), under its romaji, as
    the built-ins are written, unless the suggestion gave another reading as its kana. Kana
    typed half width is offered full width, as the built-ins write it."""
    full_width = unicodedata.normalize("NFKC", kana)  # a kana box of ﾀﾝﾎﾞ offers タンボ
    romaji = kana_romaji(term)
    if not romaji or normalize(kana) not in ("", normalize(term)):
        return term, full_width
    return romaji, full_width or unicodedata.normalize("NFKC", term)


def join_japanese(kanji: str, kana: str) -> str:
    """The box's text for `kanji` and `kana`: "軽トラ (けいとら)"."""
    return (kanji + (f" ({kana})" if kana else "")).strip()


def split_japanese(text: str) -> tuple[str, str]:
    """The kanji and kana of the box's text: the reading is a last group in parentheses, of
    either width, holding only kana (a group left open at the end counts). A reading typed
    twice ("軽トラ(けいとら) (けいとら)") is one."""
    kanji, kana = _split(text.strip())
    while kana:
        before, again = _split(kanji)
        if again != kana:
            break
        kanji = before
    return kanji, kana


def _split(text: str) -> tuple[str, str]:
    plain = text.translate(_PARENTHESES)
    close = len(plain) if not plain.endswith(")") else len(plain) - 1
    opening = plain.rfind("(", 0, close)
    reading = plain[opening + 1 : close].strip() if opening >= 0 else ""
    if ")" in plain[opening + 1 : close] or not is_reading(reading):
        return text, ""
    return text[:opening].strip(), reading
