"""What a Build of the Month ballot can tell of itself, without the database."""

from __future__ import annotations

from bot.showcase import Ballot


def test_a_ballot_is_called_off_by_a_withdrawal_only_when_two_builds_or_fewer_remain() -> None:
    def ballot(*builds: int) -> Ballot:
        return Ballot(1, 1, builds, 1, 1, closed=False)

    assert ballot(1, 2).called_off_by_a_withdrawal()
    assert ballot(1).called_off_by_a_withdrawal()
    assert not ballot(1, 2, 3).called_off_by_a_withdrawal()
