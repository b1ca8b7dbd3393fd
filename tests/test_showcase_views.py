"""How a closed Build of the Month ballot reads in Discord."""

from __future__ import annotations

from bot.showcase import Ballot, Tally
from cogs.showcase import ballot_result


def test_a_tie_of_25_long_markdown_titles_still_fits_one_embed() -> None:
    builds = tuple(range(1, 26))
    names = dict.fromkeys(builds, "_" * 100)  # each doubles when escaped
    ballot = Ballot(1, 1, builds, 1, 1, closed=True)
    tally = Tally(ballot, tuple((b, 1) for b in builds), winners=builds)

    description = ballot_result(tally, names).description or ""

    assert description.startswith("It's a tie between **#1 \\_")
    assert len(description) <= 4096
