"""The console shows #mod-queue once the bot is done with it: an edit of a queue card that the
bot gathers for a moment after the card's last write is work in hand, not a later change."""

from __future__ import annotations

from sandbox.console import Console

from .conftest import says

ARRIVAL = (
    "as Yoshi /importer arrival make:Daihatsu model:Hijet year:1998 price:4200 state:TX "
    "link:https://osakakei.example/stock/1"
)


async def test_messages_right_after_a_suspension_shows_the_card_on_hold(console: Console) -> None:
    await says(
        console,
        "as Marcus /importer-mod register name:Osaka Kei Imports member:Yoshi "
        "website:https://osakakei.example state:TX",
    )
    await says(console, ARRIVAL)
    waiting = await says(console, "as Marcus messages #mod-queue")
    assert "[Approve]" in waiting
    assert "On hold" not in waiting

    await says(console, "as Marcus /importer-mod suspend importer:Osaka Kei Imports reason:Papers")
    held = await says(console, "as Marcus messages #mod-queue")

    assert "On hold" in held
    assert "[Approve]" not in held


async def _nominated_and_seen(console: Console) -> None:
    await says(console, "as Mika /build start title:Acty camper truck:1993 Honda Acty HA4 4WD")
    await says(console, "as Dale /showcase nominate build:1 reason:Nice paint")
    await says(console, "as Marcus messages #mod-queue")


async def test_messages_right_after_a_second_nomination_shows_both_nominators(
    console: Console,
) -> None:
    await _nominated_and_seen(console)
    await says(console, "as Hank /showcase nominate build:1 reason:Great bed")

    card = await says(console, "as Marcus messages #mod-queue")

    assert "Showcase nomination from 2 members" in card
    assert "“Great bed”" in card


async def test_a_click_right_after_a_change_presses_the_card_as_changed(console: Console) -> None:
    await _nominated_and_seen(console)
    await says(console, "as Mika /build rename title:Renamed Acty")

    approved = await says(console, "as Marcus click Approve in 3")

    assert "Approved by @Marcus" in approved
    assert "has changed since you saw it" not in approved
