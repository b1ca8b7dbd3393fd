"""`/meetup edit` clears a description with `none` (not "none" on the card), and changes or
clears a meetup's region and signup cutoff (`cutoff:0` is none), each said in the reply and
sent on the card; the command stays within Discord's 25 options."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetups import EDIT, POST, create, meetup_option, requests

DISCORD_OPTIONS_MAX = 25


def cards_sent(loopback: Loopback) -> list[dict[str, object]]:
    """Every card embed the bot posted or edited, in order."""
    return [
        embed
        for record in requests(loopback, POST) + requests(loopback, EDIT)
        for embed in (record.request or {}).get("embeds") or []
        if "Meetup #" in embed.get("footer", {}).get("text", "")
    ]


def field_names(embed: dict[str, object]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed["fields"]}  # type: ignore[attr-defined,index]


async def edited(loopback: Loopback, **options: str) -> str:
    reply = await loopback.slash(
        "meetup edit", meetup="1", actor=loopback.member("Tammy"), **options
    )
    assert reply.ephemeral
    return reply.content


async def card_sent(loopback: Loopback, check: object, what: str) -> dict[str, object]:
    await loopback.wait_until(lambda: check(cards_sent(loopback)[-1]), what=what)  # type: ignore[operator]
    return cards_sent(loopback)[-1]


async def test_none_clears_the_description_and_region_and_cutoff_zero_the_cutoff(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(
        keitora,
        loopback,
        title="Day Two",
        when="dec 19 10am",
        description="Bring chairs",
        region="Four Corers",
    )
    assert cards_sent(loopback)[0]["description"] == "Bring chairs"

    assert await edited(loopback, description="none") == "Removed the description of “Day Two”."
    await card_sent(loopback, lambda e: not e.get("description"), "the card without description")

    said = await edited(loopback, region="Four Corners", cutoff="2d")
    assert said == "Changed the region and the signup cutoff of “Day Two”."
    card = await card_sent(
        loopback, lambda e: "Signup closes" in field_names(e), "the card's cutoff"
    )
    assert field_names(card)["Region"] == "Four Corners"

    said = await edited(loopback, region="none", cutoff="0")
    assert said == "“Day Two” has no region and no signup cutoff now."
    card = await card_sent(
        loopback, lambda e: "Signup closes" not in field_names(e), "the card without cutoff"
    )
    assert "Region" not in field_names(card)

    for zero in ("0", "0h", "0 hours"):
        again = await edited(loopback, cutoff=zero)
        assert again == "“Day Two” already has no signup cutoff: nothing changed.", zero


async def test_the_edit_command_offers_region_and_cutoff_within_discords_limit(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback)
    assert "0" in meetup_option(loopback, "edit", "cutoff")["description"]
    assert meetup_option(loopback, "edit", "region")["autocomplete"]
    [meetup] = [c for c in loopback.commands(loopback.guild) if c["name"] == "meetup"] or [
        c for c in loopback.commands() if c["name"] == "meetup"
    ]
    [edit] = [o for o in meetup["options"] if o["name"] == "edit"]
    assert len(edit["options"]) <= DISCORD_OPTIONS_MAX


async def test_a_cutoff_or_a_time_that_would_close_signup_already_is_refused_as_on_create(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """Created at 1:27 AM, the meetup is at 6 AM: a cutoff of a day closes signup at once, as
    a move to 3 AM does with a cutoff of two hours; neither is saved, and the card stays."""
    await posted(keitora, loopback, title="Cut", when="dec 3 6am", cutoff="2h")
    sent = len(cards_sent(loopback))

    assert await edited(loopback, cutoff="1d") == (
        "Signup would close 1 day before the start, which is already past: choose a shorter "
        "cutoff or a later time."
    )
    assert await edited(loopback, when="dec 3 3am") == (
        "Signup would close 2 hours before the start, which is already past: choose a shorter "
        "cutoff or a later time."
    )
    assert await edited(loopback, cutoff="3h") == "Changed the signup cutoff of “Cut”."
    three_am = f"<t:{unix(datetime(2026, 12, 3, 10, 0, tzinfo=UTC))}:F>"  # 3 AM in Denver
    await card_sent(
        loopback, lambda e: three_am in field_names(e)["Signup closes"], "the card's new cutoff"
    )
    assert len(cards_sent(loopback)) == sent + 1


async def test_none_or_a_dash_on_create_leaves_the_description_and_region_empty_as_on_edit(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Reg", region="None", description="none")
    await create(loopback, title="Dash", region="-", description=" - ")

    for card in cards_sent(loopback):
        assert not card.get("description"), card
        assert "Region" not in field_names(card), card
    regions = await loopback.autocomplete(
        "meetup list", "region", "", actor=loopback.member("Tammy")
    )
    assert regions == []
