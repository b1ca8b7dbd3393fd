"""What an organizer and members read when a meetup changes under them: dates typed without a
year, capacity lowered below those going, a party larger than the meetup, one date of a series
moved, a zone given alone, and the attendees of a cancelled meetup."""

from __future__ import annotations

from datetime import UTC, datetime

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetups import answer_form, cards, create, meetups_channel

DEC_3 = datetime(2026, 12, 3, 8, 27, tzinfo=UTC)  # 1:27 AM in Denver


async def test_a_party_larger_than_the_whole_capacity_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(DEC_3)
    await create(loopback, title="Small", capacity=2)
    [card] = cards(loopback)
    hank = loopback.member("Hank")

    refused = await answer_form(loopback, card, hank, "5", "Acty")
    assert refused.ephemeral
    assert refused.content == (
        "Your party of 6 is larger than the capacity of “Small”, 2 in all, so it could never "
        "get a place. Bring fewer guests."
    )
    attendees = await loopback.slash("meetup attendees", meetup="1")
    assert f"<@{hank.id}>" not in attendees.embeds[0]["description"]
    fits = await answer_form(loopback, card, hank, "1")
    assert fits.content.startswith("You're going to **Small**")
