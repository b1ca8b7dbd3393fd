"""Members' suggestions on a real SQLite file: what a member types is kept as a moderator's form
will read it, and an approved suggestion stays linked to the entry it became."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.errors import UserError
from bot.glossary import GlossaryEntry, GlossaryService
from bot.glossary.privacy import GlossaryMemberData
from bot.privacy import FORMER_MEMBER
from bot.store import Store
from tests.old_schema import migrations_up_to

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


async def test_one_moderators_two_terms_in_one_second_each_name_their_own_suggestion(
    glossary: GlossaryService,
) -> None:
    suggestion = await glossary.suggest(HOME, MIKA, "tanbo", "A rice paddy.")
    await glossary.add(HOME, MOD, hatake())
    await glossary.approve(HOME, suggestion.id, MOD, hatake(headword="tanbo"))
    _, by_hand = await glossary.history(HOME, "hatake")
    _, approved = await glossary.history(HOME, "tanbo")
    assert [(c.action, c.suggestion_id) for c in by_hand] == [("add", None)]
    assert [(c.action, c.suggestion_id, c.suggested_by) for c in approved] == [
        ("add", suggestion.id, MIKA)
    ]


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
        "The term may not hold mentions (everyone, here, a member, a role), channels, custom "
        "emoji, timestamps, or links to commands or to the server's pages; nothing was suggested."
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


async def test_approvals_recorded_before_the_link_keep_it_where_it_was_certain(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0030", 30)) as old:
        for term, decided_by in (("hatake", MOD), ("tanbo", MOD), ("kuwa", MOD + 1)):
            await old.execute(
                "INSERT INTO glossary_suggestions (guild_id, member_id, term, meaning, status, "
                "created_at, decided_by, decided_at) VALUES (?, ?, ?, 'A word.', 'approved', 0, "
                "?, 60)",
                (HOME, MIKA, term, decided_by),
            )
        # MOD added two terms in one second: which came from which suggestion is not known.
        for key, actor in (("hatake", MOD), ("tanbo", MOD), ("kuwa", MOD + 1)):
            await old.execute(
                "INSERT INTO glossary_history (guild_id, key, action, actor_id, at, after) "
                "VALUES (?, ?, 'add', ?, 60, '{}')",
                (HOME, key, actor),
            )
    async with await Store.open(path) as upgraded:
        linked = await upgraded.fetchall(
            "SELECT key, suggestion_id FROM glossary_history ORDER BY id"
        )
    assert [tuple(row) for row in linked] == [("hatake", None), ("tanbo", None), ("kuwa", 3)]


async def test_a_suggestion_deleted_leaves_the_approvals_history_unlinked(
    glossary: GlossaryService, store: Store
) -> None:
    suggestion = await glossary.suggest(HOME, MIKA, "hatake", "A farm field.")
    await glossary.approve(HOME, suggestion.id, MOD, hatake())
    await store.execute("DELETE FROM glossary_suggestions WHERE id = ?", (suggestion.id,))
    _, changes = await glossary.history(HOME, "hatake")
    assert [(c.action, c.suggestion_id) for c in changes] == [("add", None)]


async def test_approving_a_suggestion_queued_with_a_mention_is_refused_and_it_stays_pending(
    glossary: GlossaryService, store: Store
) -> None:
    # Queued before suggestions were checked: approval checks the entry again.
    suggestion_id = await store.insert(
        "INSERT INTO glossary_suggestions (guild_id, member_id, term, meaning, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (HOME, MIKA, "tanbo michi", "<@&1> hi @here", 0),
    )
    entry = GlossaryEntry("tanbo michi", "<@&1> hi @here", "culture")
    with pytest.raises(UserError) as refused:
        await glossary.approve(HOME, suggestion_id, MOD, entry)
    assert "its meaning may not hold mentions" in refused.value.message
    assert (await glossary.suggestion(HOME, suggestion_id)).status == "pending"
    assert "tanbo michi" not in await glossary.entries(HOME)
