"""One check for what may become a glossary term, whichever way it comes in: a member's
suggestion, a moderator's add, approval or edit, and an import. What one refuses, all refuse."""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace

import pytest

from bot.clock import ManualClock
from bot.errors import UserError
from bot.glossary import GlossaryEntry, GlossaryService
from bot.store import Store

HOME = 1001
MOD, MIKA = 77, 5

LINKS = ["https://evil.example/", "[click me](http://127.0.0.1:8080/)", "see www.evil.example"]


@pytest.fixture
def glossary(store: Store, clock: ManualClock) -> GlossaryService:
    return GlossaryService(store, clock, rng=random.Random(7))


def hatake(**fields: str) -> GlossaryEntry:
    return GlossaryEntry(
        **{"headword": "hatake", "meaning": "A farm field.", "category": "culture"} | fields
    )


def export_file(*entries: dict[str, object]) -> bytes:
    return json.dumps({"schema_version": 1, "entries": list(entries)}).encode()


KANA_ADVICE = (
    "holds more than hiragana or katakana: type the reading in kana (けいとら), and romaji in the "
    "term"
)


async def test_an_imported_kana_that_is_no_reading_is_refused_as_suggest_refuses_it(
    glossary: GlossaryService,
) -> None:
    with pytest.raises(UserError) as refused:
        await glossary.suggest(HOME, MIKA, "hatake", "A farm field.", kana="xyz")
    assert refused.value.message == f"The kana “xyz” {KANA_ADVICE}; nothing was suggested."
    result = await glossary.import_file(
        HOME,
        MOD,
        export_file(
            {"headword": "hatake", "meaning": "A field.", "category": "culture", "kana": "abc"}
        ),
    )
    assert not result.applied
    assert result.errors == (f"entry 1 “hatake”: its kana “abc” {KANA_ADVICE}",)
    assert "hatake" not in await glossary.entries(HOME)


async def test_a_moderator_cannot_add_or_edit_in_a_kana_that_is_no_reading(
    glossary: GlossaryService,
) -> None:
    with pytest.raises(UserError, match=re.escape(f"its kana “abc” {KANA_ADVICE}")):
        await glossary.add(HOME, MOD, hatake(kana="abc"))
    await glossary.add(HOME, MOD, hatake(kana="はたけ"))
    with pytest.raises(UserError, match=re.escape(f"its kana “hatake” {KANA_ADVICE}")):
        await glossary.edit(HOME, MOD, "hatake", hatake(kana="hatake"))


@pytest.mark.parametrize("link", LINKS)
async def test_a_link_is_no_term_when_suggested(glossary: GlossaryService, link: str) -> None:
    with pytest.raises(UserError) as refused:
        await glossary.suggest(HOME, MIKA, link, "A link to somewhere.")
    assert refused.value.message == (
        "The term may not be a link: the glossary finds words; nothing was suggested."
    )
    assert await glossary.pending_suggestions(HOME) == []


@pytest.mark.parametrize("link", LINKS)
async def test_a_link_is_no_term_when_approved_added_or_imported(
    glossary: GlossaryService, link: str
) -> None:
    suggestion = await glossary.suggest(HOME, MIKA, "hatake", "A farm field.")
    with pytest.raises(UserError, match="its headword may not be a link"):
        await glossary.approve(HOME, suggestion.id, MOD, hatake(headword=link))
    assert (await glossary.suggestion(HOME, suggestion.id)).status == "pending"
    with pytest.raises(UserError, match="an alias may not be a link"):
        await glossary.add(HOME, MOD, replace(hatake(), aliases=(link,)))
    result = await glossary.import_file(
        HOME, MOD, export_file({"headword": link, "meaning": "A link.", "category": "culture"})
    )
    assert not result.applied
    assert result.errors[0].endswith(": its headword may not be a link: the glossary finds words")
    assert await glossary.entries(HOME) == await glossary.entries(HOME + 1)


async def test_a_meaning_may_still_name_a_site(glossary: GlossaryService) -> None:
    entry = hatake(meaning="A farm field; see https://example.org/hatake for photos.")
    assert await glossary.add(HOME, MOD, entry) == entry


async def test_a_suggested_right_to_left_override_is_refused_in_the_words_every_field_uses(
    glossary: GlossaryService,
) -> None:
    with pytest.raises(UserError) as refused:
        await glossary.suggest(HOME, MIKA, "abc\u202edef", "A word here.")
    assert refused.value.message == (
        "The term may not hold U+202E (right-to-left override): it turns round the text after "
        "it; nothing was suggested."
    )


TOO_FEW_LETTERS = (
    "The meaning needs a word of at least 3 letters or digits (a kana or kanji counts as one); "
    "nothing was suggested."
)


@pytest.mark.parametrize(
    ("term", "meaning", "kana", "refusal"),
    [
        (
            "x",
            "A farm field.",
            "",
            "The term needs at least 2 letters or digits, or kana or kanji; nothing was suggested.",
        ),
        ("hatake", "y", "", TOO_FEW_LETTERS),
        ("ab", "x y", "", TOO_FEW_LETTERS),
        ("hatake", "x - y 1 2 3", "", TOO_FEW_LETTERS),
        (
            "hatake",
            "Hatake.",
            "",
            "The meaning only repeats the term “hatake”: say what it means; nothing was suggested.",
        ),
        (
            "田んぼ",
            "タンボ",
            "たんぼ",
            "The meaning only repeats the term “田んぼ”: say what it means; nothing was suggested.",
        ),
    ],
)
async def test_a_suggestion_too_short_to_judge_is_refused(
    glossary: GlossaryService, term: str, meaning: str, kana: str, refusal: str
) -> None:
    with pytest.raises(UserError) as refused:
        await glossary.suggest(HOME, MIKA, term, meaning, kana=kana)
    assert refused.value.message == refusal
    assert await glossary.pending_suggestions(HOME) == []


@pytest.mark.parametrize(
    ("term", "meaning", "kana", "kanji"),
    [
        ("耕運機", "tiller", "", ""),
        ("gomi", "trash", "ゴミ", "ごみ"),
        ("耕運機", "耕すための機械", "", ""),
        ("nirinkudou", "2WD", "", ""),
        ("nōdōgata", "4x4", "", ""),
        ("sanbyakurokujuu", "360cc", "", ""),
    ],
)
async def test_a_one_word_or_japanese_meaning_may_be_suggested(
    glossary: GlossaryService, term: str, meaning: str, kana: str, kanji: str
) -> None:
    suggestion = await glossary.suggest(HOME, MIKA, term, meaning, kana=kana, kanji=kanji)
    assert (suggestion.term, suggestion.meaning) == (term, meaning)


@pytest.mark.parametrize(
    ("term", "meaning"),
    [
        ("畑", "A farm field."),
        ("ZX", "A trim level."),
        # One kana is a syllable, as one kanji is a word: its romaji (a, n) is no slip of a
        # letter typed alone, whatever its width.
        ("ア", "The first kana, as a grade or a size mark."),
        ("ｱ", "The first kana, typed half width."),
        ("あ", "The first hiragana."),
        ("ン", "The syllabic n."),
        ("ああ", "Oh, I see."),
    ],
)
async def test_a_short_term_in_kana_or_kanji_or_with_two_letters_may_be_suggested(
    glossary: GlossaryService, term: str, meaning: str
) -> None:
    assert (await glossary.suggest(HOME, MIKA, term, meaning)).term == term


@pytest.mark.parametrize(
    ("term", "refusal"),
    [
        ("a", "The term needs at least 2 letters or digits, or kana or kanji"),
        ("Ａ", "The term needs at least 2 letters or digits, or kana or kanji"),  # full width
        ("7", "The term needs at least 2 letters or digits, or kana or kanji"),
        ("、", "The term needs letters, digits, kana or kanji."),
        ("ー", "The term needs letters, digits, kana or kanji."),
        ("🛻", "The term needs letters, digits, kana or kanji."),
    ],
)
async def test_a_lone_letter_digit_mark_or_emoji_is_still_no_term(
    glossary: GlossaryService, term: str, refusal: str
) -> None:
    with pytest.raises(UserError) as refused:
        await glossary.suggest(HOME, MIKA, term, "Something to look up.")
    assert refused.value.message.startswith(refusal), refused.value.message
    assert await glossary.pending_suggestions(HOME) == []


NO_WORD = "holds no word: say what the term means; nothing was suggested."


@pytest.mark.parametrize(
    "meaning", ["aaa", "AAAA", "zzz zzz", "ままま", "1998", "123 456", "aaa !!! 999"]
)
async def test_a_meaning_of_one_letter_repeated_or_of_no_letter_is_refused(
    glossary: GlossaryService, meaning: str
) -> None:
    with pytest.raises(UserError) as refused:
        await glossary.suggest(HOME, MIKA, "hatake", meaning)
    assert refused.value.message == f"The meaning “{meaning}” {NO_WORD}"
    assert await glossary.pending_suggestions(HOME) == []


@pytest.mark.parametrize(
    ("entry", "error"),
    [
        (
            {"term": "hatake", "meaning": "A farm field.", "category": "culture"},
            "unknown field term (did you mean headword?)",
        ),
        (
            {"headword": "hatake", "meening": "A farm field.", "category": "culture"},
            "unknown field meening (did you mean meaning?)",
        ),
        (
            {"word": "hatake", "definition": "A farm field.", "category": "culture"},
            "unknown fields definition (did you mean meaning?), word (did you mean headword?)",
        ),
        # A field the entry has already is no guess; nor is a name like none of them.
        (
            {"headword": "hatake", "term": "hatake", "meaning": "A field.", "category": "culture"},
            "unknown field term",
        ),
        (
            {"headword": "hatake", "meaning": "A field.", "category": "culture", "colour": "red"},
            "unknown field colour",
        ),
    ],
)
async def test_an_imported_field_the_glossary_does_not_know_is_named_with_the_one_meant(
    glossary: GlossaryService, entry: dict[str, str], error: str
) -> None:
    result = await glossary.import_file(HOME, MOD, export_file(entry))
    assert not result.applied
    assert result.errors == (f"entry 1: {error}",)
