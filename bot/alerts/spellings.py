"""Other spellings of the words alerts name: the glossary's and the model list's groups of
spellings, and the concepts present in an item's text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

from bot.alerts.codes import JAPANESE, said_as_codes
from bot.glossary.entries import load_glossary
from bot.japanese import to_romaji
from bot.models import default_lines

MAX_PHRASE = 3  # words: the longest run of an item's words looked up as one spelling
WORD = re.compile(r"\w+")
# Where Latin letters or digits meet kana or kanji (`JAPANESE`).
_SCRIPT_CHANGE = re.compile(rf"(?<=[a-z0-9])(?=[{JAPANESE}])|(?<=[{JAPANESE}])(?=[a-z0-9])")
_KATAKANA = range(0x30A1, 0x30F7)
_LONG_MARK = "ー"
# "660 cc" as items and members write it apart: the engine size `660cc` is.
_SPACED_CC = re.compile(r"[0-9]+ cc")
_VOWEL_KANA = dict(zip("aiueo", "あいうえお", strict=True))
# A small vowel after a kana of that vowel lengthens it, as the long mark does (キャリィ is
# キャリイ); after another (ティ, ファ) it makes a syllable of its own and stays.
_SMALL_VOWELS = dict(zip("ぁぃぅぇぉ", "aiueo", strict=True))


# Emoji presentation selectors: "🔥" and "🔥️" are one emoji, typed either way; "4×4" is
# "4x4", as listings write it either way.
_FOLDED = str.maketrans({"\ufe0e": None, "\ufe0f": None, "×": "x"})
# What joins emoji into one (a family, a keycap), and skin tones, inside a run of emoji.
_EMOJI_JOINERS = frozenset("\u200d\u20e3") | {chr(c) for c in range(0x1F3FB, 0x1F400)}


def _accents_off() -> dict[int, str]:
    """Each accented Latin letter → its plain one (é → e, ñ → n, ệ → e), as one translate table:
    matching folds every item's text, so this costs no more than the fold did before. The
    macron's letters (ā) are among them, after `marked_fold` has written long vowels out."""
    table: dict[int, str] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        letters = unicodedata.normalize("NFD", chr(code))
        plain = "".join(char for char in letters if not unicodedata.combining(char))
        if plain != chr(code) and plain.isascii():
            table[code] = plain
    return table


_PLAIN = {**_accents_off(), **_FOLDED}


def fold(text: str) -> str:
    """Text as words are compared: full-width letters as ASCII, case folded, and accents off
    Latin letters (`hijét` is hijet), in alerts and items both; a kana's dakuten is another
    sound (ガ is not カ) and stays."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_PLAIN)


def marked_fold(text: str) -> str:
    """`fold` with accents kept: the model data's long vowels (kyarī) are written out from it."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_FOLDED)


# Symbols from the arrows on are pictographs, dingbats and emoji; those before (°, ©, ™, №)
# are typed as part of a word ("30°") and read as its punctuation.
_PICTOGRAPHS_FROM = 0x2190


def is_emoji(char: str) -> bool:
    """A pictograph (🛻, 🔥, ☀, 🇯🇵's letters), matched as written."""
    return ord(char) >= _PICTOGRAPHS_FROM and unicodedata.category(char) == "So"


def is_spaced(form: str) -> bool:
    """Latin-like text, matched on word boundaries; other scripts and emoji are matched
    anywhere."""
    return all((ch.isascii() or not ch.isalpha()) and not is_emoji(ch) for ch in form)


def emoji_apart(token: str) -> list[str]:
    """`hijet🛻` as `hijet` and `🛻`: an emoji is a word of its own, as members type it
    against a word or apart."""
    parts: list[str] = []
    for char in token:
        emoji = is_emoji(char) or (char in _EMOJI_JOINERS and bool(parts) and _emoji_run(parts))
        if parts and emoji == _emoji_run(parts):
            parts[-1] += char
        else:
            parts.append(char)
    return parts


def _emoji_run(parts: list[str]) -> bool:
    return is_emoji(parts[-1][0])


# The drive as listings and papers write it (see bot/trucks.py): a kei truck's AWD is its
# full-time four-wheel drive.
_DRIVE_SPELLINGS = (
    ("4wd", "4x4", "awd", "4駆", "四駆", "4 wheel drive", "four wheel drive"),
    ("2wd", "4x2", "2駆", "二駆", "2 wheel drive", "two wheel drive"),
)
# Romaji as members type it without the model data's long-vowel marks: kyarī as kyarii and
# kyari, sanbā as sanbaa and sanba, kōki as kooki, kouki and koki.
_LONG_VOWELS = {"ā": ("aa", "a"), "ī": ("ii", "i"), "ū": ("uu", "u"), "ē": ("ee", "e")}
_LONG_VOWELS["ō"] = ("ou", "oo", "o")


def _unmarked(form: str) -> set[str]:
    """`form` and its spellings without long-vowel marks."""
    spellings = {form}
    for marked, plain in _LONG_VOWELS.items():
        spellings = {s.replace(marked, p) for s in spellings for p in plain} | spellings
    return spellings


@cache
def known_spellings() -> dict[str, frozenset[str]]:
    """Each known spelling → the concepts (groups of spellings) it belongs to."""
    groups: list[Iterable[str]] = [
        (entry.headword, *entry.other_forms()) for entry in load_glossary()
    ]
    groups += [(line.model, line.kana, line.romaji, *line.aliases) for line in default_lines()]
    groups += _DRIVE_SPELLINGS
    by_form: dict[str, set[str]] = {}
    for group in groups:
        forms = {fold(plain) for form in group if form for plain in _unmarked(marked_fold(form))}
        concept = min(forms)
        for form in forms:
            by_form.setdefault(form, set()).add(concept)
    return {form: frozenset(found) for form, found in by_form.items()}


@lru_cache(maxsize=65_536)
def concepts(word: str) -> frozenset[str]:
    """What a word an alert names stands for: its spelling groups, or itself; a Latin plural
    stands for its singular (`hijets` for "Hijet", `trucks` for "truck"), the same on the
    item's side, so either finds the other."""
    folded = fold(word)
    if _SPACED_CC.fullmatch(folded):
        return frozenset({folded.replace(" ", "")})
    known = known_spellings()
    if folded in known:
        return known[folded]
    if not is_spaced(folded):
        return kana_keys().get(kana_fold(folded), frozenset({folded}))
    one = singular(folded)
    return known.get(one, frozenset({one}))


def is_known(word: str) -> bool:
    """Whether `word` is a spelling the glossary or the model list knows, a Latin plural as its
    singular (`hijets`)."""
    folded = fold(word)
    known = known_spellings()
    return folded in known or singular(folded) in known or kana_fold(folded) in kana_keys()


# A concept as a phrase of it holds it: present where an item writes one of its spellings that
# is a phrase, or in another script ("dump bed", "ダンプ"), not a Latin word alone ("dump").
_AS_PHRASE = "\x00phrase "


def word_concepts(word: str) -> frozenset[str]:
    """`concepts`, but a phrase one of whose own words is another spelling of it (`dump bed`,
    as "dump" is) stands for it only as a phrase holds it: a member who typed the phrase
    waits for the phrase, not for the word alone."""
    found = concepts(word)
    parts = fold(word).split()
    if len(parts) < 2 or not is_spaced(word):
        return found
    if all(concepts(part).isdisjoint(found) for part in parts):
        return found
    return frozenset(_AS_PHRASE + concept for concept in found)


def singular(phrase: str) -> str:
    """The phrase with its last Latin word made singular, as English plurals are most often
    written (`tires`, `batteries`, `boxes`); words of three letters or fewer and those ending
    in -ss, -is or -us (`gas`, `glass`, `chassis`, `bus`) are left as they are. Only ever
    compared with words folded the same way, so an odd stem (`series` → "sery") is harmless."""
    head, _, last = phrase.rpartition(" ")
    if len(last) <= 3 or not is_spaced(last) or not last.endswith("s"):
        return phrase
    if last.endswith(("ss", "is", "us")):
        return phrase
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith(("xes", "ches", "shes", "sses", "zes")):
        last = last[:-2]
    else:
        last = last[:-1]
    return f"{head} {last}" if head else last


@cache
def kana_keys() -> dict[str, frozenset[str]]:
    """Each non-Latin spelling as `kana_fold` writes it → its concepts."""
    by_key: dict[str, set[str]] = {}
    for form, found in known_spellings().items():
        if not is_spaced(form):
            by_key.setdefault(kana_fold(form), set()).update(found)
    return {key: frozenset(found) for key, found in by_key.items()}


def kana_fold(text: str) -> str:
    """Kana as one script, its long vowels written out: キャリー, キャリイ, キャリィ and
    きゃりい are all きゃりい. Kana stays kana, so a spelling is still found only on whole
    syllables (さび, rust, is not in サービス)."""
    folded: list[str] = []
    for char in text:
        if ord(char) in _KATAKANA:
            char = chr(ord(char) - 0x60)
        if char == _LONG_MARK and folded:
            char = _VOWEL_KANA.get(to_romaji(folded[-1])[-1:], char)
        elif char in _SMALL_VOWELS and folded and to_romaji(folded[-1])[-1:] == _SMALL_VOWELS[char]:
            char = _VOWEL_KANA[_SMALL_VOWELS[char]]
        folded.append(char)
    return "".join(folded)


def needs_of(words: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """Per word of an alert, the concepts any of which satisfies it: its own, and those of a
    known phrase it makes with its neighbours, so `kei truck` finds "軽トラ" as well as "kei"
    and "truck" apart."""
    needs = [set(word_concepts(word)) for word in words]
    for size in range(2, MAX_PHRASE + 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if phrase in known_spellings():
                for need in needs[start : start + size]:
                    need |= known_spellings()[phrase]
    return tuple(frozenset(need) for need in needs)


def text_words(text: str) -> list[str]:
    """The words of `text` as an item's are read: folded, a model code apart from the
    Japanese it is written against and whole where written with a hyphen (`DA-63T型` is da63t
    and 型), as an alert reads it."""
    return WORD.findall(said_as_codes(_SCRIPT_CHANGE.sub(" ", fold(text))))


def concepts_of_text(text: str, extra_unspaced: Iterable[str] = ()) -> set[str]:
    """Every concept present in `text`: its words, its phrases and any non-Latin spelling."""
    folded = fold(text)
    tokens = text_words(folded)
    present: set[str] = set()
    for size in range(1, MAX_PHRASE + 1):
        for start in range(len(tokens) - size + 1):
            phrase = " ".join(tokens[start : start + size])
            found = concepts(phrase)
            present |= found
            if size > 1 and (phrase in known_spellings() or singular(phrase) in known_spellings()):
                present.update(_AS_PHRASE + concept for concept in found)
    kana = kana_fold(folded)
    for key, found in kana_keys().items():
        if key in kana:
            present |= found
            present.update(_AS_PHRASE + concept for concept in found)
    present.update(form for form in extra_unspaced if kana_fold(form) in kana)
    return present
