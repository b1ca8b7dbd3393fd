"""A title and place typed with extra spaces reach Discord with one: the card, the Events tab and
the template saved from the meetup, read from what the bot sent."""

from __future__ import annotations

import pytest

from sandbox import Loopback

from .conftest import MEETUP_WEEK, RunningBot
from .test_meetups import POST, cards, create, field, meetups_channel, requests

pytestmark = pytest.mark.clock(MEETUP_WEEK)

EVENTS = ("POST", "/guilds/{guild_id}/scheduled-events")


async def test_runs_of_spaces_in_a_title_and_place_are_sent_as_one(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    created = await create(loopback, title="  Kei   Truck  Day ", location="Moab,    UT")

    assert "“Kei Truck Day”" in created.content, created.content
    [post] = requests(loopback, POST)
    [embed] = post.request["embeds"]
    assert embed["title"] == "Kei Truck Day"
    assert field(embed, "Where").startswith("Moab, UT\n")
    await loopback.wait_until(lambda: bool(requests(loopback, EVENTS)), what="the Events tab")
    [event] = requests(loopback, EVENTS)
    assert (event.request["name"], event.request["entity_metadata"]["location"]) == (
        "Kei Truck Day",
        "Moab, UT",
    )
    assert len(cards(loopback)) == 1

    saved = await loopback.slash(
        "meetup template save", meetup="1", name="Kei    Day", actor=loopback.member("Tammy")
    )
    assert saved.content.startswith("Saved the template “Kei Day” from “Kei Truck Day”."), (
        saved.content
    )
