"""The reply to /timezone set and /setup timezone: one sentence for both, with the hint for a
name another place keeps all year."""

from __future__ import annotations

import pytest

from cogs.setup import zone_now


@pytest.mark.parametrize(
    ("whose", "typed", "zone", "reply"),
    [
        (
            "Your",
            "MST",
            "America/Denver",
            "Your time zone is now **America/Denver** (from MST). Arizona keeps MST all year: "
            "for it, set Arizona or America/Phoenix.",
        ),
        (
            "The server's",
            "AST",
            "America/Halifax",
            "The server's time zone is now **America/Halifax** (from AST). Puerto Rico keeps "
            "AST all year: for it, set Puerto Rico or America/Puerto_Rico.",
        ),
        (
            "Your",
            "America/Phoenix",
            "America/Phoenix",
            "Your time zone is now **America/Phoenix**.",
        ),
        # GMT is UTC, which never changes; a UK member means the clock that does.
        (
            "Your",
            "GMT",
            "UTC",
            "Your time zone is now **UTC** (from GMT). The UK keeps GMT only in winter (BST in "
            "summer): for UK time, set UK or Europe/London.",
        ),
    ],
)
def test_a_zone_set_is_said_with_where_its_name_is_kept_all_year(
    whose: str, typed: str, zone: str, reply: str
) -> None:
    assert zone_now(whose, typed, zone) == reply
