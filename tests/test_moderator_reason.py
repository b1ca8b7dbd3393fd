"""A moderator's reason for a lock or a change to a member's build is checked in one place, the
domain's `moderator_reason`, whichever command or question it comes through."""

from __future__ import annotations

import pytest

from bot.builds.moderated import ModeratorChange
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


def test_a_moderator_change_checks_its_own_reason_so_no_caller_can_forget() -> None:
    assert ModeratorChange(1, "k", "Kei Club", "  stolen photos \n").reason == "stolen photos"
    assert ModeratorChange(1, "k", "Kei Club", "").reason is None
    with pytest.raises(UserError) as refused:
        ModeratorChange(1, "k", "Kei Club", "x" * (MODERATOR_REASON_LIMIT + 1))
    assert refused.value.message == "The reason is 201 characters; the limit is 200."
    with pytest.raises(UserError, match="The reason shows nothing"):
        ModeratorChange(1, "k", "Kei Club", "\u200b\u2800")
