"""Which rejected suggestion a waiting one repeats: the latest rejected before it in the same
words, folded as lookups fold them, in the same server."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock
from bot.glossary import GlossaryService
from tests.glossary_terms import HOME, MOD, OTHER


async def test_the_latest_rejection_of_the_same_words_before_it_is_named(
    glossary: GlossaryService, clock: ManualClock
) -> None:
    first = await glossary.suggest(HOME, 5, "tenbin", "A balance beam.", kana="てんびん")
    await glossary.reject(HOME, first.id, MOD, "Not a kei word")
    clock.advance(timedelta(minutes=5))
    second = await glossary.suggest(HOME, 6, "Tenbin", "a balance beam", kana="テンビン")
    await glossary.reject(HOME, second.id, MOD + 1, "Still not one")
    clock.advance(timedelta(minutes=5))
    third = await glossary.suggest(HOME, 7, "TENBIN", "A  balance-beam!", kana="てんびん")
    other_words = await glossary.suggest(HOME, 8, "hakari", "A balance beam.")
    elsewhere = await glossary.suggest(OTHER, 5, "tenbin", "A balance beam.", kana="てんびん")

    repeats = await glossary.rejected_before(HOME, [third, other_words])
    assert list(repeats) == [third.id]
    assert (repeats[third.id].ref_id, repeats[third.id].rejected_by) == (second.id, MOD + 1)
    assert repeats[third.id].reason == "Still not one"
    assert await glossary.rejected_before(OTHER, [elsewhere]) == {}
    # The first rejection repeats nothing: the second came after it.
    assert await glossary.rejected_before(HOME, [first, second]) == {
        second.id: (await glossary.rejected_before(HOME, [second]))[second.id]
    }
    assert (await glossary.rejected_before(HOME, [second]))[second.id].ref_id == first.id
