"""`/meetup edit repeat:none` on a series: an empty repeat in an edit keeps the series, so the
refusal says how to end one, not to leave repeat empty; `/meetup create` keeps its wording."""

from __future__ import annotations

import pytest

from sandbox import Loopback

from .conftest import MEETUP_WEEK, RunningBot
from .test_meetup_tester_edits import created, edit

pytestmark = pytest.mark.clock(MEETUP_WEEK)

TO_END = (
    "To end it, give its repeat with an end, like repeat:weekly until 2027-01-31, or cancel the "
    "dates you don't want."
)
ENDING = f"An edit with repeat left empty keeps “Cruise” a series. {TO_END}"


@pytest.mark.parametrize(
    ("repeat", "said"),
    [
        (
            "weekly, 1 time",
            "“every Saturday at 10:00 AM, once” gives only one meetup, on Saturday, December 5, "
            "2026. ",
        ),
    ],
)
async def test_a_repeat_of_no_series_in_an_edit_says_how_to_end_one(
    keitora: RunningBot, loopback: Loopback, repeat: str, said: str
) -> None:
    await created(keitora, loopback, title="Cruise", when="sat 10am", repeat="weekly")

    reply = await edit(loopback, repeat=repeat)

    assert reply == f"{said}{ENDING}", reply
    assert "Leave repeat empty" not in reply


@pytest.mark.parametrize("typed", ["none", " Once "])
async def test_a_word_for_no_series_in_an_edit_is_named_as_typed(
    keitora: RunningBot, loopback: Loopback, typed: str
) -> None:
    await created(keitora, loopback, title="Cruise", when="sat 10am", repeat="weekly")

    reply = await edit(loopback, repeat=typed)

    assert reply == (
        f"repeat:{typed.strip()} in an edit keeps “Cruise” a series, as repeat left empty does. "
        f"{TO_END}"
    ), reply


async def test_a_repeat_of_no_series_in_a_create_is_told_to_leave_it_empty(
    keitora: RunningBot, loopback: Loopback
) -> None:
    from .test_meetups import create, meetups_channel

    await meetups_channel(loopback)
    reply = await create(loopback, repeat="none")
    assert reply.content == "Leave repeat empty for a single meetup.", reply.content
