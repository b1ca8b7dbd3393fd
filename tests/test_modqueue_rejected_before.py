"""How a rejection kept in any source's table reads as the `RejectedBefore` a repeat's queue card
names: the moderator who decided it, or nobody once they were forgotten, and the reason given."""

from __future__ import annotations

from bot.clock import from_unix
from bot.modqueue import RejectedBefore
from bot.privacy import FORMER_MEMBER

DECIDED_AT = 1_780_000_000


def test_a_known_moderator_is_named_with_their_reason() -> None:
    before = RejectedBefore.stored(7, DECIDED_AT, 42, "Already in the glossary.")

    assert before == RejectedBefore(7, from_unix(DECIDED_AT), 42, "Already in the glossary.")


def test_a_forgotten_or_missing_moderator_is_nobody_and_no_reason_is_empty() -> None:
    assert RejectedBefore.stored(7, DECIDED_AT, FORMER_MEMBER, None).rejected_by is None
    assert RejectedBefore.stored(7, DECIDED_AT, None, None) == RejectedBefore(
        7, from_unix(DECIDED_AT), None, ""
    )
