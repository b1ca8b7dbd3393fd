"""How a closed Build of the Month ballot reads in Discord."""

from __future__ import annotations

from bot.showcase import Ballot, Tally
from cogs._showcase_results import closed_message, result_card


def test_a_tie_of_25_long_markdown_titles_still_fits_one_post_and_the_closed_ballot() -> None:
    builds = tuple(range(1, 26))
    names = dict.fromkeys(builds, "_" * 100)  # each doubles when escaped
    ballot = Ballot(1, 1, builds, 1, 1, closed=True)
    tally = Tally(ballot, tuple((b, 1) for b in builds), winners=builds)

    content, embed = result_card(tally, names)
    closed = closed_message(tally, names, (1, 2)).description or ""

    assert content.startswith("It's a tie between **#1 \\_")
    assert len(content) <= 2000
    assert len(embed["description"]) <= 4096
    assert closed.startswith("It's a tie between **#1 \\_")
    assert closed.endswith("(https://discord.com/channels/1/1/2).")
    assert len(closed) <= 4096
