"""How a closed Build of the Month ballot reads in Discord."""

from __future__ import annotations

from bot.showcase import Ballot, Tally
from cogs._showcase_results import closed_message, result_card, result_headline


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


def test_a_ballot_from_before_votes_gone_were_counted_says_where_they_may_have_gone() -> None:
    # Opened before migration 0062: how many votes left it is not known.
    ballot = Ballot(1, 1, (1, 2), 1, 1, True, (3,), votes_withdrawn=None, votes_forgotten=None)
    headline = result_headline(Tally(ballot, ((1, 0), (2, 0)), ()), {1: "A", 2: "B"})
    assert headline == (
        "No votes are left to count: any for the withdrawn build went with it, and any of "
        "voters who since asked to be forgotten went with them."
    )
