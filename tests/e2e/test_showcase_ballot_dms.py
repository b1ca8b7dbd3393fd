"""What a Build of the Month ballot tells members by DM, through the loopback: a voter whose
build left the open ballot is told their vote is free (unless they voted again), the close says
how many votes went with withdrawn builds and forgotten voters, or that nobody voted, and the
winners' owners are told they won."""

from __future__ import annotations

import pytest

from sandbox import Loopback

from .conftest import RunningBot, eventually
from .test_build_delete_ballots import ballot_of
from .test_privacy import DELETE_BUILDS, forget
from .test_showcase import BALLOT_DAY
from .test_showcase_nominations import dms_sent_to

# Ballots open in December 2026, the month their results name (in UTC: no zone is set).
pytestmark = pytest.mark.clock(BALLOT_DAY)

# A ballot counts the votes that leave it (how many, not whose): with a withdrawn build, or with
# a voter who asked to be forgotten.
WITHDRAWN = "No votes are left to count: 1 vote went with the withdrawn build."
FORGOTTEN = "No votes are left to count: 1 vote went with a voter who since asked to be forgotten."
BOTH = (
    "No votes are left to count: 1 vote went with the withdrawn build, and 1 with a voter who "
    "since asked to be forgotten."
)


async def test_voters_whose_build_was_deleted_are_told_their_vote_is_free(
    loopback: Loopback, keitora: RunningBot
) -> None:
    ballot, link = await ballot_of(loopback, "Mika", "Dale", "Rosa")
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Hank"))
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Mika"))
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Tammy"))
    dale = loopback.member("Dale")
    asked = await loopback.slash("build delete", build="2", actor=dale)
    await loopback.click(asked, "Delete it", actor=dale)
    # Tammy votes again before her DM goes: she is not told.
    await loopback.click(ballot, "#3 Build 3", actor=loopback.member("Tammy"))
    await keitora.bot.job_runner.run_due()
    await eventually(lambda: bool(dms_sent_to(loopback, "Hank")), "Hank's DM")
    [told] = dms_sent_to(loopback, "Hank")
    assert told["content"] == (
        "The build you voted for on the Build of the Month ballot of **Kei Truck Owners of "
        "America**, “Build 2” (#2), left the ballot: your vote is free. Vote again for another "
        f"build: {link}"
    )
    assert len(dms_sent_to(loopback, "Mika")) == 1
    assert dms_sent_to(loopback, "Tammy") == []

    closed = await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    assert "The Build of the Month for December 2026 is **#3 Build 3**!" in closed.text
    await eventually(lambda: bool(dms_sent_to(loopback, "Rosa")), "the winner's DM")
    [won] = dms_sent_to(loopback, "Rosa")
    assert str(won["content"]).startswith(
        "Your build “Build 3” (#3) is the Build of the Month for December 2026 of **Kei Truck "
        "Owners of America**! The ballot: "
    )


async def test_a_close_nobody_voted_in_says_so(loopback: Loopback, keitora: RunningBot) -> None:
    await ballot_of(loopback, "Mika", "Dale", "Rosa")
    closed = await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    assert "Nobody voted this time." in closed.text, closed.text


async def test_a_close_with_only_withdrawn_votes_says_how_many_went(
    loopback: Loopback, keitora: RunningBot
) -> None:
    ballot, _ = await ballot_of(loopback, "Mika", "Dale", "Rosa")
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Hank"))
    dale = loopback.member("Dale")
    asked = await loopback.slash("build delete", build="2", actor=dale)
    await loopback.click(asked, "Delete it", actor=dale)
    closed = await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    assert WITHDRAWN in closed.text, closed.text


# Hank's vote for #2 goes with his forget; with Mika's, her #1 leaves the ballot, though nobody
# voted for it: the close counts one vote gone, Hank's, either way.
@pytest.mark.parametrize("forgotten", [("Hank",), ("Hank", "Mika")])
async def test_a_close_after_a_voter_was_forgotten_counts_their_vote_gone(
    loopback: Loopback, keitora: RunningBot, forgotten: tuple[str, ...]
) -> None:
    ballot, _ = await ballot_of(loopback, "Mika", "Dale", "Rosa")
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Hank"))
    for member in forgotten:
        await forget(loopback, loopback.member(member), DELETE_BUILDS)
    closed = await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    assert FORGOTTEN in closed.text, closed.text


async def test_a_close_counts_votes_gone_with_a_build_and_with_a_voter_apart(
    loopback: Loopback, keitora: RunningBot
) -> None:
    ballot, _ = await ballot_of(loopback, "Mika", "Dale", "Rosa")
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Hank"))
    await loopback.click(ballot, "#3 Build 3", actor=loopback.member("Tammy"))
    rosa = loopback.member("Rosa")
    asked = await loopback.slash("build delete", build="3", actor=rosa)
    await loopback.click(asked, "Delete it", actor=rosa)
    await forget(loopback, loopback.member("Hank"), DELETE_BUILDS)
    closed = await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    assert BOTH in closed.text, closed.text


async def test_the_owners_of_tied_winners_are_each_told(
    loopback: Loopback, keitora: RunningBot
) -> None:
    ballot, _ = await ballot_of(loopback, "Mika", "Dale", "Rosa")
    await loopback.click(ballot, "#1 Build 1", actor=loopback.member("Hank"))
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Tammy"))
    await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    await eventually(lambda: bool(dms_sent_to(loopback, "Dale")), "a winner's DM")
    [tied] = dms_sent_to(loopback, "Dale")
    assert str(tied["content"]).startswith(
        "Your build “Build 2” (#2) tied for Build of the Month for December 2026 of **Kei Truck "
        "Owners of America**! The ballot: "
    )
    assert len(dms_sent_to(loopback, "Mika")) == 1
    await keitora.restart()
    assert dms_sent_to(loopback, "Rosa") == []
