"""Kana, romaji and macron handling: one normal form for glossary keys and member queries.

`normalize` is deliberately lossy. It is a *matching key*, never shown to anyone: two spellings
that a member could mean as the same word must produce the same key, and the same function runs
on the index side and the query side, so every fold below only has to be consistent, not "right".

The folds, in order:

1. Unicode NFKC: full-width Latin (ｋｅｉ) becomes ASCII, half-width katakana (ｹｲﾄﾗ) becomes
   full-width, and a separate combining macron is composed onto its vowel.
2. Lower case; Latin letters with macrons or other accents lose them (ō → o, â → a).
3. Katakana becomes hiragana, ゝ and ゞ repeat the kana before them (いすゞ reads isuzu), then
   kana becomes Hepburn romaji (っ doubles the next consonant).
4. Everything except a-z, 0-9 and kanji is dropped: spaces, hyphens, apostrophes, the long-vowel
   mark ー, punctuation, emoji. So "kei jidosha", "kei-jidosha" and "un'yu" join up.
5. Romaji spelling variants fold to one Hepburn-like form, repeated until nothing changes
   (that is what makes `normalize` idempotent):
   - long vowels: ou, oo, oh (before a consonant, y or the end) → o; any doubled vowel aa, ii, uu,
     ee → one vowel. "ei" stays "ei". So kiiro → kiro and torii → tori on both sides alike.
   - syllabic n: nn → n (IME-style typing), m before b, m or p → n (sampo, jumbo → sanpo, junbo).
   - si → shi, ti → chi, tu → tsu, hu → fu, zi → ji; sya/zya/jya/tya/cya → sha/ja/ja/cha/cha;
     the sokuon before ch is written tch (kocchi → kotchi).

Kanji pass through unchanged, so an entry indexed under 軽トラ (→ "軽tora") matches 軽トラ and
軽とら. `to_romaji` is the display counterpart: Hepburn with macrons, not folded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The gojūon grid in hiragana (katakana is mapped onto it first): a row's consonant + the vowel.
_ROWS: tuple[tuple[str, str], ...] = (
    ("", "あいうえお"), ("", "ぁぃぅぇぉ"), ("k", "かきくけこ"), ("s", "さしすせそ"),
    ("t", "たちつてと"), ("n", "なにぬねの"), ("h", "はひふへほ"), ("m", "まみむめも"),
    ("r", "らりるれろ"), ("g", "がぎぐげご"), ("z", "ざじずぜぞ"), ("d", "だぢづでど"),
    ("b", "ばびぶべぼ"), ("p", "ぱぴぷぺぽ"),
)  # fmt: skip
# Hepburn's irregular spellings, the y- and w-rows, ん, and small kana standing alone.
_IRREGULAR: dict[str, str] = {
    "し": "shi", "ち": "chi", "つ": "tsu", "ふ": "fu", "じ": "ji", "ぢ": "ji", "づ": "zu",
    "や": "ya", "ゆ": "yu", "よ": "yo", "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n",
    "ゔ": "vu", "ゃ": "ya", "ゅ": "yu", "ょ": "yo", "ゎ": "wa", "ゕ": "ka", "ゖ": "ke",
}  # fmt: skip

# A kana from the i-column followed by small ゃゅょ: drop the "i", add y + vowel (きゃ → kya);
# sh, ch and j absorb the y (しゃ → sha, not shya).
_YOON_STEMS: dict[str, str] = {
    "き": "ky", "ぎ": "gy", "し": "sh", "じ": "j", "ち": "ch", "ぢ": "j", "に": "ny",
    "ひ": "hy", "び": "by", "ぴ": "py", "み": "my", "り": "ry",
}  # fmt: skip

# Loanword sounds written with a small vowel (ファ, ティ, ウィ…).
_EXTENDED_KANA: dict[str, str] = {
    "ふぁ": "fa", "ふぃ": "fi", "ふぇ": "fe", "ふぉ": "fo", "ふゅ": "fyu",
    "てぃ": "ti", "でぃ": "di", "とぅ": "tu", "どぅ": "du", "てゅ": "tyu", "でゅ": "dyu",
    "うぃ": "wi", "うぇ": "we", "うぉ": "wo", "ゔぁ": "va", "ゔぃ": "vi", "ゔぇ": "ve",
    "ゔぉ": "vo", "しぇ": "she", "じぇ": "je", "ちぇ": "che", "いぇ": "ye",
    "つぁ": "tsa", "つぃ": "tsi", "つぇ": "tse", "つぉ": "tso", "くぁ": "kwa", "ぐぁ": "gwa",
}  # fmt: skip


def _syllable_table() -> dict[str, str]:
    table = {
        kana: consonant + vowel
        for consonant, row in _ROWS
        for kana, vowel in zip(row, "aiueo", strict=True)
    }
    table.update(_IRREGULAR)
    for kana, stem in _YOON_STEMS.items():
        for small, vowel in zip("ゃゅょ", "auo", strict=True):
            table[kana + small] = stem + vowel
    table.update(_EXTENDED_KANA)
    # っ before a syllable doubles its first consonant; Hepburn writes っち as "tchi".
    for kana, romaji in list(table.items()):
        if romaji[0] not in "aiueon":
            double = "t" if romaji.startswith("ch") else romaji[0]
            table["っ" + kana] = double + romaji
    table["っ"] = ""  # a sokuon before a vowel, a non-kana or the end has no sound to double
    return table


_SYLLABLES: dict[str, str] = _syllable_table()
# Longest first so that "っきゃ" wins over "っき" wins over "っ".
_KANA_RUN = re.compile("|".join(sorted(map(re.escape, _SYLLABLES), key=len, reverse=True)))


def _char_table() -> dict[int, str]:
    """One str.translate table: katakana → hiragana and accented Latin → plain letter."""
    table: dict[int, str] = {code: chr(code - 0x60) for code in range(0x30A1, 0x30F7)}
    table.update({ord("ヽ"): "ゝ", ord("ヾ"): "ゞ"})  # the iteration marks
    # ヷヸヹヺ have no hiragana: they are read as ゔ with a small vowel, as ヴァ is written.
    table.update(
        {ord(kana): "ゔ" + small for kana, small in zip("ヷヸヹヺ", "ぁぃぇぉ", strict=True)}
    )
    for code in range(0xC0, 0x250):  # Latin-1 Supplement and Latin Extended-A/B
        base = unicodedata.normalize("NFKD", chr(code))[0].lower()
        if base.isascii() and base.isalpha():
            table[code] = base
    return table


_CHARS = _char_table()
_HIRAGANA = re.compile("[\u3041-\u3096]")
# ゝ repeats the kana before it and ゞ repeats it voiced (いすゞ is isuzu); with no kana before
# it, a mark has nothing to repeat.
_ITERATION = re.compile("(?P<kana>[\u3041-\u3096]?)(?P<mark>[ゝゞ])")
_VOICED_MARK = "\u3099"


def _iterated(match: re.Match[str]) -> str:
    kana = match["kana"]
    if kana and match["mark"] == "ゞ":
        voiced = unicodedata.normalize("NFC", kana + _VOICED_MARK)
        kana += voiced if len(voiced) == 1 else kana
    else:
        kana *= 2
    return kana


def _repeat_iterations(hiragana: str) -> str:
    return _ITERATION.sub(_iterated, hiragana) if "ゝ" in hiragana or "ゞ" in hiragana else hiragana


# What survives into a key: ASCII letters and digits, and kanji (CJK ideographs, 々).
_NOT_KEY_CHAR = re.compile(
    "[^a-z0-9\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"
)

_FOLD = re.compile(
    r"(?P<o>o(?:o|u|h(?![aeiou]))+)"  # ō spelled ou / oo / oh (oh not before a vowel)
    r"|(?P<vowel>(?P<letter>[aeiu])(?P=letter)+)"  # ā spelled aa, and ii, uu, ee
    r"|(?P<n>n*m+(?=[bmp])|n{2,})"  # syllabic n: nn, and m before a labial
    r"|(?P<si>si)|(?P<tu>tu)|(?P<zi>zi)|(?P<hu>(?<![sc])hu)"
    r"|(?P<ti>[ct]?ti)|(?P<ty>[ct]?[ct]y(?=[aueo]))|(?P<cch>c+ch)"  # tchi, cha, tcha
    r"|(?P<sy>sy(?=[aueo]))|(?P<jy>[zj]y(?=[aueo]))"
)
_FOLD_TO: dict[str, str] = {
    "o": "o", "n": "n", "si": "shi", "tu": "tsu", "zi": "ji", "hu": "fu",
    "cch": "tch", "sy": "sh", "jy": "j",
}  # fmt: skip


def _fold_match(match: re.Match[str]) -> str:
    kind = match.lastgroup or ""
    if kind == "vowel":
        return match["letter"]
    if kind in ("ti", "ty"):  # a doubled consonant before ch is the sokuon: tti, cti → tchi
        chi = "chi" if kind == "ti" else "ch"
        return "t" + chi if len(match[0]) == 3 else chi
    return _FOLD_TO[kind]


def _fold_romaji(key: str) -> str:
    # Folding can expose a new pair (ouo → oo, nmb → nb); repeat until it is a fixed point.
    # Every rule either shortens the key or removes a pattern without creating one, so it ends.
    while True:
        folded = _FOLD.sub(_fold_match, key)
        if folded == key:
            return key
        key = folded


# A reply names the same entries again and again (a list's lines, its buttons' keys, the 25
# choices of each autocomplete), and each normalisation costs about 15 µs.
@lru_cache(maxsize=16_384)
def normalize(text: str) -> str:
    """The matching key of `text`: the same for every way a member may spell the same term."""
    return _fold_romaji(spelling(text))


@lru_cache(maxsize=16_384)
def spelling(text: str) -> str:
    """`text` as a key before its romaji is folded: kiiro stays kiiro (its key is kiro), and
    きいろ reads kiiro. It tells apart two terms that folding made equally near a query."""
    text = _repeat_iterations(unicodedata.normalize("NFKC", text).lower().translate(_CHARS))
    if not text.isascii() and _HIRAGANA.search(text):
        text = _KANA_RUN.sub(lambda syllable: _SYLLABLES[syllable[0]], text)
    return _NOT_KEY_CHAR.sub("", text)


_MACRON = {"a": "ā", "i": "ī", "u": "ū", "e": "ē", "o": "ō"}
_DISPLAY_PIECE = re.compile(f"{_KANA_RUN.pattern}|.", re.DOTALL)


def to_romaji(kana: str) -> str:
    """Hepburn romaji with macrons for display (けいじどうしゃ → keijidōsha).

    Long vowels: おう/おお → ō, うう → ū, ああ → ā, ええ → ē and ー lengthens the vowel before
    it; いい and えい stay ii and ei. ん before a vowel or y is written n'. Word boundaries are not
    recoverable from kana, so おう across a word boundary (思う) also becomes ō. Characters that are
    not kana pass through.
    """
    hiragana = _repeat_iterations(unicodedata.normalize("NFKC", kana).translate(_CHARS))
    parts: list[str] = []
    for match in _DISPLAY_PIECE.finditer(hiragana):
        _append_romaji(parts, match[0])
    return "".join(parts)


def _append_romaji(parts: list[str], piece: str) -> None:
    previous = parts[-1] if parts else ""
    last = previous[-1:]
    romaji = _SYLLABLES.get(piece, piece)
    lengthens = (romaji == "u" and last in ("o", "u")) or (
        romaji == last and last in ("a", "e", "o")
    )
    if last in _MACRON and (piece == "ー" or (lengthens and piece in _SYLLABLES)):
        parts[-1] = previous[:-1] + _MACRON[last]
    elif piece == "ー":
        parts.append("")  # a ー after a non-vowel has nothing to lengthen
    else:
        if previous == "n" and piece in _SYLLABLES and romaji[:1] in tuple("aiueoy"):
            parts[-1] = "n'"
        parts.append(romaji)


# Text a member wrote only in kana: hiragana, katakana, the long-vowel mark, the iteration marks,
# the middle dot between words and spaces (after NFKC, so half-width kana are full width).
_KANA_ONLY = re.compile("[\u3041-\u3096\u309d\u309e\u30a1-\u30fe\\s]+")
_KANA_LETTER = re.compile("[\u3041-\u3096\u30a1-\u30fa]")


def holds_kana(text: str) -> bool:
    """Whether `text` has a kana letter (of either script or width), not only the marks that
    sit beside kana (ー, ・)."""
    return bool(_KANA_LETTER.search(unicodedata.normalize("NFKC", text)))


def kana_romaji(text: str) -> str:
    """The romaji of `text` if it is written only in kana, else "": Hepburn with the macrons the
    glossary's romaji has (サンバー → sanbā), words parted where a space or ・ parts them."""
    text = unicodedata.normalize("NFKC", text)
    if not _KANA_ONLY.fullmatch(text) or not _KANA_LETTER.search(text):
        return ""
    return " ".join(to_romaji(text.replace("・", " ")).split())


_KANJI_DIGITS = {char: value for value, char in enumerate("〇一二三四五六七八九")} | {"零": 0}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_KANJI_NUMBER = re.compile(f"[{''.join(_KANJI_DIGITS)}{''.join(_KANJI_UNITS)}]+")


def with_digits(text: str) -> str:
    """`text` with each number written in kanji numerals written in digits, as formal documents
    write dates: 平成十年五月 is 平成10年5月. A number with 十, 百 or 千 counts them (三十一 is
    31); one without is read digit by digit, as years are written (一九九八, 二〇〇一)."""
    return _KANJI_NUMBER.sub(lambda number: str(_kanji_value(number[0])), text)


def _kanji_value(kanji: str) -> int | str:
    if not any(char in _KANJI_UNITS for char in kanji):
        return "".join(str(_KANJI_DIGITS[char]) for char in kanji)
    total, digit = 0, None
    for char in kanji:
        if char in _KANJI_UNITS:
            total += (1 if digit is None else digit) * _KANJI_UNITS[char]
            digit = None
        else:
            digit = _KANJI_DIGITS[char]
    return total + (digit or 0)
