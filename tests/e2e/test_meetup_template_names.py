"""A template's name whatever its case, through the loopback: `KTD` is found as `ktd`, and saving
`ktd` over another member's `KTD` is refused naming the template it clashes with, which stays as
it was. Asserted on the replies the bot sent."""

from __future__ import annotations

import pytest

from sandbox import Loopback

from .conftest import MEETUP_WEEK, RunningBot
from .test_meetups import cards, create, meetups_channel

pytestmark = pytest.mark.clock(MEETUP_WEEK)

SAVE, USE = "meetup template save", "meetup template use"


async def test_a_name_in_another_case_finds_the_template_and_clashes_with_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback)
    tammy, dale = loopback.member("Tammy"), loopback.member("Dale")
    await loopback.slash(SAVE, meetup="1", name="KTD", actor=tammy)

    used = await loopback.slash(USE, name="ktd", when="Dec 19 10am", actor=tammy)
    clash = await loopback.slash(SAVE, meetup="1", name="ktd", actor=dale)

    assert used.text.startswith("Posted “Kei Truck Day” (meetup #2)"), used.text
    assert len(cards(loopback)) == 2
    assert clash.ephemeral
    assert clash.text == (
        "“KTD” is already a template's name (names match whatever their case and spacing). "
        "Only its organizer or a moderator can replace this template. Save yours under "
        "another name."
    ), clash.text
    kept = await keitora.store.fetchall("SELECT name, saved_by FROM meetup_templates")
    assert [(row["name"], row["saved_by"]) for row in kept] == [("KTD", int(tammy.id))]


async def test_a_name_typed_without_its_emoji_finds_the_template(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback)
    tammy = loopback.member("Tammy")
    await loopback.slash(SAVE, meetup="1", name="Kei Truck Day 🚚", actor=tammy)

    used = await loopback.slash(USE, name="kei truck day", when="Dec 19 10am", actor=tammy)

    assert used.text.startswith("Posted “Kei Truck Day” (meetup #2)"), used.text
    assert len(cards(loopback)) == 2
