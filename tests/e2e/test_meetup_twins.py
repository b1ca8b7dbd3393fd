"""A meetup posted twice by mistake (two quick `/meetup create`s, or a template used twice): the
second, with the same title (any case or spacing) at the same start in the same server, is
refused, pointing to the first; a different title posts a second one deliberately. An edit
onto another meetup's title or start is refused in the same words."""

from __future__ import annotations

import asyncio

import pytest

from sandbox import Loopback, Message

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetups import cards, create

USE = "meetup template use"
SERIES_DATE = "Sat Dec 12, 10:00 AM MST, a date of this series, as a one-off"


def twin_refusal(loopback: Loopback, card: Message, title: str, where: str = "that start") -> str:
    link = f"https://discord.com/channels/{loopback.guild.id}/{card.channel_id}/{card.id}"
    return (
        f"“{title}” is posted already for {where}: meetup #1 ({link}). To post a second "
        "one deliberately, give it a different title."
    )


async def test_the_same_title_and_start_again_is_refused_pointing_to_the_first(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Kei Truck Day", when="Dec 12 10am")

    again = await create(loopback, title="  kei   truck DAY ", when="12/12 10am")
    assert again.ephemeral
    assert again.content == twin_refusal(loopback, card, "Kei Truck Day")
    assert len(cards(loopback)) == 1

    saved = await loopback.slash("meetup template save", meetup="1", name="KTD")
    assert saved.content.startswith("Saved the template"), saved.content
    used = await loopback.slash(USE, name="KTD", when="Dec 12 10am", actor=loopback.member("Tammy"))
    assert used.content == twin_refusal(loopback, card, "Kei Truck Day")
    assert len(cards(loopback)) == 1

    later = await loopback.slash(
        USE, name="KTD", when="Dec 12 11am", actor=loopback.member("Tammy")
    )
    assert later.content.startswith("Posted"), later.content
    other = await create(loopback, title="Kei Truck Day, second lot", when="Dec 12 10am")
    assert other.content.startswith("Posted"), other.content
    assert len(cards(loopback)) == 3


async def test_two_creates_at_once_post_one_card(keitora: RunningBot, loopback: Loopback) -> None:
    await posted(keitora, loopback, title="Swap Meet", when="Dec 19 9am")
    replies = await asyncio.gather(
        create(loopback, title="Kei Truck Day", when="Dec 12 10am"),
        create(loopback, title="Kei Truck Day", when="Dec 12 10am"),
    )
    refused = [reply for reply in replies if "is posted already" in reply.content]
    assert len(refused) == 1
    assert len(cards(loopback)) == 2


# (the first meetup, the second, the refusal's words for where they meet, an hour later)
SERIES_TWINS = [
    (
        {"title": "Weekly", "when": "sun 10am", "repeat": "weekly"},
        {"title": "weekly", "when": "dec 20 10am", "location": "Other lot"},
        "that start, a date of its series",
        "dec 20 11am",
    ),
    # Its later dates too, not only its first.
    (
        {"title": "Kei Truck Day", "when": "Dec 19 10am"},
        {"title": "kei truck day", "when": "Dec 5 10am", "repeat": "weekly"},
        "Sat Dec 19, 10:00 AM MST, a date of this series, as a one-off",
        "Dec 5 11am",
    ),
]


@pytest.mark.parametrize(("first", "second", "where", "later"), SERIES_TWINS)
async def test_a_series_and_a_meetup_at_one_of_its_dates_with_its_title_are_twins(
    keitora: RunningBot,
    loopback: Loopback,
    first: dict[str, str],
    second: dict[str, str],
    where: str,
    later: str,
) -> None:
    card = await posted(keitora, loopback, **first)

    again = await create(loopback, **second)

    assert again.ephemeral
    assert again.content == twin_refusal(loopback, card, first["title"], where)
    assert len(cards(loopback)) == 1
    beside = await create(loopback, **(second | {"title": first["title"], "when": later}))
    assert beside.content.startswith("Posted"), beside.content


async def test_an_edit_onto_a_twins_title_or_start_is_refused_as_a_create_is(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Kei Truck Day", when="Dec 12 10am")
    await create(loopback, title="Swap Meet", when="Dec 12 10am")
    await create(loopback, title="Kei Truck Day", when="Dec 12 2pm")
    await create(loopback, title="Kei Truck Day", when="Dec 5 11am", repeat="weekly")
    tammy = loopback.member("Tammy")

    for meetup, change, where in (
        ("2", {"title": "KEI truck day"}, "that start"),
        ("3", {"when": "Dec 12 10am"}, "that start"),
        ("4", {"when": "sat 10am", "dates": "every"}, SERIES_DATE),
    ):
        refused = await loopback.slash("meetup edit", meetup=meetup, actor=tammy, **change)
        assert refused.ephemeral
        assert refused.content == twin_refusal(loopback, card, "Kei Truck Day", where)
    moved = await loopback.slash("meetup edit", meetup="3", when="Dec 12 1pm", actor=tammy)
    assert "is posted already" not in moved.content, moved.content


@pytest.mark.parametrize("again", ["Twin 🛻", "twin!", "T-win 🚚"])
async def test_a_title_with_emoji_or_punctuation_added_is_a_twin_as_a_builds_is(
    keitora: RunningBot, loopback: Loopback, again: str
) -> None:
    card = await posted(keitora, loopback, title="Twin", when="Dec 12 10am")

    refused = await create(loopback, title=again, when="Dec 12 10am")

    assert refused.ephemeral
    assert refused.content == twin_refusal(loopback, card, "Twin")
    assert len(cards(loopback)) == 1


async def test_titles_of_emoji_alone_stay_two_titles(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="🚚", when="Dec 12 10am")

    other = await create(loopback, title="🛻", when="Dec 12 10am")

    assert other.content.startswith("Posted"), other.content
