"""What a Build of the Month ballot can tell of itself, without the database."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.showcase import Ballot
from bot.showcase.ballot_titles import titled_one
from bot.showcase.ballots import too_few_nominated
from bot.showcase.values import candidates_named, month_named


def test_a_ballot_is_called_off_by_a_withdrawal_only_when_two_builds_or_fewer_remain() -> None:
    def ballot(*builds: int) -> Ballot:
        return Ballot(1, 1, builds, 1, 1, closed=False)

    assert ballot(1, 2).called_off_by_a_withdrawal()
    assert ballot(1).called_off_by_a_withdrawal()
    assert not ballot(1, 2, 3).called_off_by_a_withdrawal()


def test_candidates_are_named_by_number_between_spaces_or_commas_and_by_title_between_commas() -> (
    None
):
    typed = "12 #15、 camper  carry ;１８, Dale's Hijet 2"
    assert candidates_named(typed) == [12, 15, "camper carry", 18, "Dale's Hijet 2"]
    assert candidates_named(",") == []


def test_a_title_names_one_build_whatever_its_case_and_a_shared_one_is_refused() -> None:
    builds = {1: "Camper Carry", 2: "Camper Carry 2", 3: "ＡＣＴＹ", 4: "camper carry"}
    assert titled_one("acty", builds) == 3
    assert titled_one("CAMPER CARRY 2", builds) == 2
    with pytest.raises(UserError, match=r"^Builds #1 and #4 are both titled “Camper  carry”"):
        titled_one("Camper  carry", builds)
    with pytest.raises(UserError, match=r"^No build here is titled “Camper”"):
        titled_one("Camper", builds)


def test_a_title_is_named_without_its_emoji_and_symbols_and_a_near_one_is_offered() -> None:
    builds = {1: "Red Hijet 🔴", 2: "ハイゼット", 3: "Red Hijet 🔵", 4: "🚚🔥", 5: "Carry ❤️ 4x4"}
    assert titled_one("red hijet 🔵", builds) == 3  # as typed, emoji and all, it is one
    assert titled_one("ﾊｲｾﾞｯﾄ", builds) == 2
    assert titled_one("🚚🔥", builds) == 4  # a title of emoji alone is named by them
    assert titled_one("carry 4x4", builds) == 5
    with pytest.raises(UserError, match=r"^Builds #1 and #3 are both titled “Red Hijet”"):
        titled_one("Red Hijet", builds)
    with pytest.raises(
        UserError, match=r"^No build here is titled “Cary 4x4”: did you mean #5 “Carry ❤️ 4x4”\?"
    ):
        titled_one("Cary 4x4", builds)
    with pytest.raises(UserError, match=r"^No build here is titled “🚚”; name each"):
        titled_one("🚚", builds)


def test_a_title_names_the_builds_whose_titles_read_alike_as_a_members_titles_are_compared() -> (
    None
):
    # "Red Hijet 🔴" and "Red Hijet" read alike, as no member may hold both (`title_key`): a
    # ballot naming "Red Hijet" leaves none of the three out of its question.
    builds = {2: "Red Hijet 🔴", 3: "Red Hijet", 4: "Red Hijet", 5: "Camper-Carry"}
    with pytest.raises(
        UserError,
        match=r"^Builds #2, #3 and #4 are all titled “Red Hijet”, emoji and punctuation aside; "
        "name the one you mean by its number",
    ):
        titled_one("Red Hijet", builds)
    assert titled_one("red hijet 🔴", builds) == 2  # as typed, emoji and all, it is one
    assert titled_one("Camper Carry", builds) == 5  # punctuation aside, as a twin is refused
    assert titled_one("camper carry!", builds) == 5


def test_a_title_typed_bare_is_refused_when_one_titled_so_and_another_read_alike() -> None:
    # "Red Hijet" is how a moderator names "Red Hijet 🔴" too, so Dale's "Red Hijet" is not
    # taken for it without a word: both are named to pick from. Typed with what tells it apart
    # (its emoji, its punctuation, a times sign), the one titled so is that build.
    builds = {1: "Red Hijet 🔴", 2: "Red Hijet", 3: "Camper-Carry", 4: "Camper Carry"}
    with pytest.raises(
        UserError,
        match=r"^Builds #1 and #2 are both titled “Red Hijet”, emoji and punctuation aside; "
        "name the one you mean by its number",
    ):
        titled_one("Red Hijet", builds)
    with pytest.raises(UserError, match=r"^Builds #3 and #4 are both titled “camper carry”"):
        titled_one("camper carry", builds)
    assert titled_one("Red Hijet 🔴", builds) == 1
    assert titled_one("camper-carry", builds) == 3
    assert titled_one("4×4", {5: "4×4", 6: "4x4"}) == 5


def test_a_refusal_counts_the_builds_a_ballot_held_past_a_few_and_names_a_few() -> None:
    many = too_few_nominated(0, [], [], [], [], 0, list(range(1, 8)), ())
    few = too_few_nominated(0, [], [], [], [], 0, [4, 9], ())

    assert many == (
        "A ballot needs at least two builds, and the nominations no ballot held yet name none; 7 "
        "builds, still waiting in the moderation queue, were on a ballot already (a member's new "
        "nomination puts them on the next): name the candidates, e.g. `12, 15, 18`."
    )
    assert "; #4 and #9, still waiting" in few


def test_a_refusal_counts_the_locked_builds_past_a_few_and_fits_a_message() -> None:
    refused = too_few_nominated(602, [1], list(range(2, 602)), [], [], 0, [], ())

    assert refused == (
        "A ballot needs at least two builds, and the nominations no ballot held yet name 602, "
        "but 600 builds are locked, leaving only #1: name the candidates, e.g. `12, 15, 18`."
    )


def test_a_refusal_puts_a_held_winners_new_nomination_on_the_ballot_after_next() -> None:
    refused = too_few_nominated(0, [], [], [], [], 0, [4], (4,))

    assert (
        "#4, still waiting in the moderation queue, was on a ballot already (a member's "
        "new nomination puts it on the one after, as the last ballot's winner)" in refused
    )


def test_a_ballots_month_is_named_in_words() -> None:
    assert month_named("2026-12") == "December 2026"
    assert month_named("2027-01") == "January 2027"
