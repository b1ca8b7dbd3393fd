"""A meetup's place, region and template name through the loopback: a character that turns round
the text after it (U+202E) or shows nothing (U+200B, which went into the map link as %E2%80%8B)
is refused naming the field and the character, as an importer's name is, and nothing is posted,
moved or saved. Asserted on what the bot sent."""

from __future__ import annotations

import pytest

from sandbox import Loopback

from .conftest import MEETUP_WEEK, RunningBot
from .test_meetup_edits import posted
from .test_meetups import POST, answer_form, card_edits, cards, create, meetups_channel, requests

pytestmark = pytest.mark.clock(MEETUP_WEEK)

TURNED = "it turns round the text after it, so the {field} would not show as typed."
UNSEEN = (
    "it shows nothing, yet makes the {field} differ from one that looks the same; type it "
    "again rather than paste it."
)


async def test_a_region_turned_round_is_refused_and_nothing_is_posted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)

    refused = await create(loopback, region="So\u202eCal")

    assert refused.ephemeral
    assert refused.content == (
        "The region may not hold U+202E (right-to-left override): " + TURNED.format(field="region")
    ), refused.content
    assert requests(loopback, POST) == []
    assert await keitora.store.fetchval("SELECT count(*) FROM meetups") == 0


async def test_a_place_hiding_or_turning_a_character_is_refused_and_the_meetup_stays(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, location="Moab, UT")
    [card] = cards(loopback)
    edits = len(card_edits(loopback, card))
    tammy = loopback.member("Tammy")

    hidden = await loopback.slash("meetup edit", meetup="1", location="Moab\u200b, UT", actor=tammy)
    turned = await loopback.slash(
        "meetup edit", meetup="1", location="Arches \u2067gate 2\u2069", actor=tammy
    )

    assert hidden.ephemeral
    assert turned.ephemeral
    assert hidden.content == (
        "The location may not hold U+200B (zero width space): " + UNSEEN.format(field="location")
    ), hidden.content
    assert turned.content == (
        "The location may not hold U+2067 (right-to-left isolate): "
        + TURNED.format(field="location")
    ), turned.content
    assert len(card_edits(loopback, card)) == edits
    assert await keitora.store.fetchval("SELECT location FROM meetups") == "Moab, UT"


async def test_a_template_name_turned_round_is_refused_and_nothing_is_saved(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback)

    refused = await loopback.slash(
        "meetup template save",
        meetup="1",
        name="\u202eyaD kcurT ieK",
        actor=loopback.member("Tammy"),
    )

    assert refused.ephemeral
    assert refused.content == (
        "The template's name may not hold U+202E (right-to-left override): "
        + TURNED.format(field="template's name")
    ), refused.content
    assert await keitora.store.fetchval("SELECT count(*) FROM meetup_templates") == 0


async def test_a_title_or_place_turned_round_at_create_is_refused_and_a_hidden_space_dropped(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)

    title = await create(loopback, title="Kei\u202eyaD")
    place = await create(loopback, location="Moab\u200b, UT")

    assert title.ephemeral
    assert title.content == (
        "The title may not hold U+202E (right-to-left override): " + TURNED.format(field="title")
    ), title.content
    assert place.content == (
        "The location may not hold U+200B (zero width space): " + UNSEEN.format(field="location")
    ), place.content
    assert requests(loopback, POST) == []
    await create(loopback, description="Bring\u200b chairs")
    [card] = cards(loopback)
    assert "Bring chairs" in str(card.embeds[0]), card.embeds


async def test_a_truck_turned_round_in_the_party_form_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Show", trucks=2)

    refused = await answer_form(loopback, card, loopback.member("Dale"), "0", "Acty\u202eDW4")

    assert refused.content == (
        "The truck may not hold U+202E (right-to-left override): " + TURNED.format(field="truck")
    ), refused.content
    assert await keitora.store.fetchval("SELECT count(*) FROM rsvps") == 0
