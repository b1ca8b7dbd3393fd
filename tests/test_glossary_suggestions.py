"""Members' suggestions on a real SQLite file: what a member types is kept as a moderator's form
will read it, and an approved suggestion stays linked to the entry it became."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.errors import UserError
from bot.glossary import GlossaryEntry, GlossaryService
from bot.glossary.privacy import GlossaryMemberData
from bot.privacy import FORMER_MEMBER
from bot.store import Store

HOME = 1001
MOD, MIKA = 77, 5


@pytest.fixture
def glossary(store: Store, clock: ManualClock) -> GlossaryService:
    return GlossaryService(store, clock, rng=random.Random(7))


@pytest.mark.parametrize(
    ("kanji", "kana"),
    [
        ("畑(はたけ)", ""),
        ("畑（はたけ）", ""),
        ("畑(はたけ)", "はたけ"),
        ("畑 （はたけ）", "はたけ"),
    ],
)
async def test_a_reading_typed_into_the_kanji_box_is_kept_as_the_kana(
    glossary: GlossaryService, kanji: str, kana: str
) -> None:
    suggestion = await glossary.suggest(HOME, MIKA, "hatake", "A farm field.", kana, kanji)
    assert (suggestion.kanji, suggestion.kana) == ("畑", "はたけ")


@pytest.mark.parametrize(
    ("kanji", "kana"),
    [("(株)", ""), ("畑(はたけ)", "ばたけ"), ("畑", "はたけ")],
)
async def test_what_is_no_reading_typed_twice_is_kept_as_typed(
    glossary: GlossaryService, kanji: str, kana: str
) -> None:
    suggestion = await glossary.suggest(HOME, MIKA, "kabu", "A word.", kana, kanji)
    assert (suggestion.kanji, suggestion.kana) == (kanji, kana)


def hatake(**fields: str) -> GlossaryEntry:
    return GlossaryEntry(
        **{"headword": "hatake", "meaning": "A farm field.", "category": "culture"} | fields
    )


async def test_an_approved_term_names_its_suggestion_in_its_history(
    glossary: GlossaryService, clock: ManualClock
) -> None:
    suggestion = await glossary.suggest(HOME, MIKA, "hatake", "A farm field.", "はたけ")
    clock.advance(timedelta(minutes=5))
    await glossary.approve(HOME, suggestion.id, MOD, hatake(kana="はたけ"))
    clock.advance(timedelta(minutes=5))
    await glossary.edit(HOME, MOD, "hatake", hatake(kana="はたけ", kanji="畑"))
    _, changes = await glossary.history(HOME, "hatake")
    assert [(c.action, c.suggestion_id, c.suggested_by) for c in changes] == [
        ("edit", None, None),
        ("add", suggestion.id, MIKA),
    ]


async def test_a_term_added_by_hand_names_no_suggestion(
    glossary: GlossaryService, clock: ManualClock
) -> None:
    # Another moderator approves a suggestion in the same second: it is not this term's.
    suggestion = await glossary.suggest(HOME, MIKA, "tanbo", "A rice paddy.")
    await glossary.approve(HOME, suggestion.id, MOD + 1, hatake(headword="tanbo"))
    await glossary.add(HOME, MOD, hatake())
    _, changes = await glossary.history(HOME, "hatake")
    assert [(c.action, c.suggestion_id) for c in changes] == [("add", None)]


async def test_a_forgotten_members_suggestion_stays_linked_in_nobodys_name(
    glossary: GlossaryService, store: Store
) -> None:
    suggestion = await glossary.suggest(HOME, MIKA, "hatake", "A farm field.")
    await glossary.approve(HOME, suggestion.id, MOD, hatake())
    forget = GlossaryMemberData(store).member_data().forget
    async with store.transaction():
        await forget(HOME, MIKA, False)
        await forget(HOME, MOD, False)
    _, changes = await glossary.history(HOME, "hatake")
    assert [(c.actor_id, c.suggestion_id, c.suggested_by) for c in changes] == [
        (FORMER_MEMBER, suggestion.id, None)
    ]


@pytest.mark.parametrize("typed", ["<@123>", "<#456> truck", "<:kei:789>", "<t:1800000000:R>"])
async def test_a_mention_channel_or_emoji_is_no_term(glossary: GlossaryService, typed: str) -> None:
    with pytest.raises(UserError) as refused:
        await glossary.suggest(HOME, MIKA, typed, "A word.")
    assert refused.value.message == (
        "A term cannot hold mentions, channels, roles, custom emoji or timestamps: type the "
        "word itself, in romaji, kana or kanji."
    )
    assert await glossary.pending_suggestions(HOME) == []


@pytest.mark.parametrize("kana", ["kei tora", "けいとら２", "(はたけ)"])
async def test_a_kana_that_is_not_all_kana_is_refused(glossary: GlossaryService, kana: str) -> None:
    # The approval form carries kana back only as kana in parentheses: anything else would
    # land in the kanji.
    with pytest.raises(UserError) as refused:
        await glossary.suggest(HOME, MIKA, "keitora", "A word.", kana)
    assert "holds more than hiragana or katakana" in refused.value.message
    assert await glossary.pending_suggestions(HOME) == []
