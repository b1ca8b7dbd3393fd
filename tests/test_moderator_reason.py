"""A moderator's reason for a lock or a change to a member's build is checked in one place, the
domain's `moderator_reason`, whichever command or question it comes through."""

from __future__ import annotations

import pytest

from bot.builds.values import MODERATOR_REASON_LIMIT, moderator_reason
from bot.errors import UserError


def test_a_reason_is_kept_stripped_and_none_is_none() -> None:
    assert moderator_reason("  stolen photos \n") == "stolen photos"
    assert moderator_reason(None) is None
    assert moderator_reason("") is None


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("x" * (MODERATOR_REASON_LIMIT + 1), "The reason is 201 characters; the limit is 200."),
        ("   ", "The reason cannot be empty."),
        ("\u200b\u2800", "The reason shows nothing"),
    ],
)
def test_a_reason_too_long_or_showing_nothing_is_refused(typed: str, refusal: str) -> None:
    with pytest.raises(UserError) as refused:
        moderator_reason(typed)
    assert refused.value.message.startswith(refusal)
