"""What members type that the build commands must not take as it is: text of nothing but
invisible characters (a zero-width space, the Hangul filler, the blank Braille cell) would make a
build, a thread, a part or an update nobody can see or pick."""

from __future__ import annotations

import pytest

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import EDIT_CHANNEL, FORUM_POST, POST, builds_channel, forum_build, requests

BLANKS = ["\u200b", "\u3164", "\u2800", "\u200b \u2063\ufe0f"]


@pytest.mark.parametrize("blank", BLANKS)
async def test_a_title_or_truck_that_shows_nothing_is_refused_and_starts_nothing(
    loopback: Loopback, keitora: RunningBot, blank: str
) -> None:
    await builds_channel(loopback)
    title = await loopback.slash("build start", title=blank, truck="1994 Suzuki Carry DA51T")
    assert title.ephemeral
    assert title.text == (
        "A build's title shows nothing: it holds only invisible characters. "
        "Type letters, digits or emoji."
    )
    truck = await loopback.slash("build start", title="Camper Carry", truck=blank)
    assert truck.text.startswith("The truck shows nothing")
    assert requests(loopback, FORUM_POST) == []


async def test_a_rename_part_or_update_that_shows_nothing_is_refused_and_changes_nothing(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    posted = len(requests(loopback, POST))
    rename = await loopback.slash("build rename", title="\u3164", where=thread)
    assert rename.text.startswith("A build's title shows nothing")
    part = await loopback.slash("build part add", name="\u2800\u2800", cost="5", where=thread)
    assert part.text.startswith("A part's name shows nothing")
    update = await loopback.slash("build update", text="\u200b", where=thread)
    assert update.text.startswith("An update shows nothing")
    assert all(r.ephemeral for r in (rename, part, update))
    assert [r for r in requests(loopback, EDIT_CHANNEL) if "name" in (r.request or {})] == []
    assert len(requests(loopback, POST)) == posted
    ledger = await loopback.slash("build part list", where=thread)
    assert "No parts yet" in ledger.embeds[0]["description"]
    shown = await loopback.slash("build show", where=thread)
    assert shown.embeds[0]["title"] == "#1 · Camper Carry"


async def test_a_part_added_twice_is_kept_noted_and_told_apart_in_the_removal_list(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    first = await loopback.slash("build part add", name="Lift kit", cost="100", where=thread)
    assert "already" not in first.text
    again = await loopback.slash("build part add", name="lift  KIT", cost="100", where=thread)
    assert again.text == (
        "Added lift KIT ($100.00, other) to build #1. Parts total: $200.00.\n"
        "It already lists a part of that name (number 1); if it went in twice, "
        "`/build part remove` takes one off."
    )

    choices = await loopback.autocomplete("build part remove", "part", "lift", where=thread)
    assert choices == [
        {"name": "1 · Lift kit — other — $100.00", "value": "1"},
        {"name": "2 · lift KIT — other — $100.00", "value": "2"},
    ]
    long_name = "Extra long " * 9
    await loopback.slash("build part add", name=long_name, cost="1,234.50", where=thread)
    [long_choice] = await loopback.autocomplete("build part remove", "part", "extra", where=thread)
    assert len(long_choice["name"]) <= 100
    assert long_choice["name"].startswith("3 · Extra long")
    assert long_choice["name"].endswith("… — other — $1,234.50")  # the name cut, not the cost


async def test_a_build_typed_as_the_list_shows_it_is_offered(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    [shown] = await loopback.autocomplete("build show", "build", "")
    # Typed or pasted as the list showed it, not picked: the list offers it again to pick.
    again = await loopback.autocomplete("build show", "build", shown["name"])
    assert [choice["value"] for choice in again] == [shown["value"]]
    assert await loopback.autocomplete("build show", "build", "#1 Acty") == [shown]
    assert await loopback.autocomplete("build show", "build", "#2 Camper") == []


async def test_a_part_that_was_free_costs_nothing_and_one_in_yen_asks_for_dollars(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    free = await loopback.slash("build part add", name="Bed mat", cost="Free", where=thread)
    assert free.text == "Added Bed mat ($0.00, other) to build #1. Parts total: $0.00."
    yen = await loopback.slash("build part add", name="Mirror", cost="¥20,000", where=thread)
    assert yen.ephemeral
    assert yen.text == (
        "The ledger counts US dollars, and “¥20,000” is in another currency. Give what it came "
        "to in dollars: `300`, `$1,200`."
    )
    blank = await loopback.slash("build part add", name="Mirror", cost="  ", where=thread)
    assert blank.text == "A cost shows nothing: give it in dollars (`12.50`), or leave it out."
    ledger = await loopback.slash("build part list", where=thread)
    assert ledger.embeds[0]["fields"][0]["value"] == "$0.00 (1 part)"


async def test_a_build_number_typed_full_width_names_the_build(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    [shown] = await loopback.autocomplete("build show", "build", "")
    plain = await loopback.slash("build show", build="1")
    assert plain.record.callback_body is not None
    card_sent = plain.record.callback_body["data"]["embeds"][0]
    # A Japanese keyboard types １ and ＃: the same build, as the bot sends it.
    for typed in ("１", "＃１", "#１"):
        show = await loopback.slash("build show", build=typed)
        assert show.record.callback_body is not None
        assert show.record.callback_body["data"]["embeds"][0] == card_sent, typed
        offered = await loopback.autocomplete("build show", "build", typed)
        assert [choice["value"] for choice in offered] == [shown["value"]], typed
    pasted = await loopback.autocomplete("build show", "build", "＃１ Acty")
    assert [choice["value"] for choice in pasted] == [shown["value"]]


async def test_an_update_or_part_number_typed_full_width_names_it(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build part add", name="Lift kit", cost="100", where=thread)
    await loopback.slash("build update", text="New tyres", where=thread)
    # A Japanese keyboard types １ and ＃: the part and the update numbered 1.
    part = await loopback.slash("build part remove", part="１", where=thread)
    assert part.text.startswith("Removed Lift kit from build #1."), part.text
    update = await loopback.slash("build delete-update", update="＃１", build="1")
    assert update.text.startswith("Deleted the update"), update.text
    assert "New tyres" in update.text
