"""Odd input to /meetup through the loopback: numbers typed oddly or full width, guests as the
attendees list shows them, an end date without a year, a US zone half typed."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
import pytest

from sandbox import Loopback

from .conftest import MEETUP_WEEK, RunningBot
from .test_meetups import (
    answer_form,
    card_edits,
    card_shows,
    cards,
    create,
    field,
    meetups_channel,
)

pytestmark = pytest.mark.clock(MEETUP_WEEK)


async def test_a_meetup_or_date_typed_as_an_odd_number_is_refused_not_a_crash(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, when="Dec 12 10am", repeat="weekly")
    tammy = loopback.member("Tammy")
    for typed in ("9" * 19, "²", "١٢", "-1", "#1.5"):
        reply = await loopback.slash("meetup info", meetup=typed)
        assert reply.ephemeral, typed
        assert reply.content.startswith("Pick a meetup from the list as you type"), typed
    for typed in ("9" * 12, "³", "1e9"):
        reply = await loopback.slash("meetup cancel", meetup="1", occurrence=typed, actor=tammy)
        assert reply.content.startswith("Pick a date from the list as you type"), typed
    assert len(cards(loopback)) == 1
    [card] = cards(loopback)
    for typed in ("²", "٣"):
        form = await answer_form(loopback, card, loopback.member("Mika"), typed)
        assert form.content.startswith("Guests is a number from 0 to 10"), typed
        refused = await create(loopback, cutoff=typed)
        assert refused.content.startswith("Give the signup cutoff as time before the start"), typed
    assert len(cards(loopback)) == 1


async def test_numbers_typed_full_width_on_a_japanese_keyboard_are_read_as_numbers(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    created = await create(loopback, capacity=20, cutoff="２ｈ")
    # A one-off has one start.
    assert "**Signup closes** 2 hours before the start." in created.content.splitlines()
    [card] = cards(loopback)
    mika, dale = loopback.member("Mika"), loopback.member("Dale")

    two = await answer_form(loopback, card, mika, "２")
    assert two.ephemeral
    assert two.content.endswith(" with 2 guests.")
    ten = await answer_form(loopback, card, dale, "１０", "Acty")
    assert ten.content.endswith(" with 10 guests and your truck (Acty).")
    shown = await card_shows(loopback, card, "Going", "14 people of 20 (12 guests) · 1 truck")
    assert field(card_edits(loopback, shown)[-1].request["embeds"][0], "Going") == (
        "14 people of 20 (12 guests) · 1 truck"
    )
    info = await loopback.slash("meetup info", meetup="＃１")
    assert info.embeds[0]["footer"]["text"].startswith("Meetup #1 ·")


async def test_guests_typed_as_the_attendees_list_shows_them_are_read(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """The attendees list shows a party as "+2", and so do members write it."""
    await meetups_channel(loopback)
    await create(loopback, capacity=20)
    [card] = cards(loopback)
    mika, dale = loopback.member("Mika"), loopback.member("Dale")

    opened = await loopback.click(card, "Guests & truck", actor=mika)
    [row] = opened.record.callback_body["data"]["components"][:1]
    assert row["components"][0]["max_length"] >= len("+10")
    two = await loopback.submit_modal(opened, {"guests": "+2", "truck": ""}, actor=mika)
    assert two.ephemeral
    assert two.content.endswith(" with 2 guests.")
    ten = await answer_form(loopback, card, dale, "＋10")
    assert ten.content.endswith(" with 10 guests.")
    await card_shows(loopback, card, "Going", "14 people of 20 (12 guests) · 0 trucks")


async def test_an_end_date_without_a_year_is_the_next_one_after_the_start(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """In December, "until Jan 31" is the coming January, as a `when` without a year is."""
    await meetups_channel(loopback)
    series = await create(loopback, when="Dec 12 10am", repeat="every 2 weeks until Jan 31")

    assert "**Repeats:** every 2 weeks on Saturday at 10:00 AM, until January 31, 2027." in (
        series.text
    )
    calendar = await loopback.slash("meetup ics", meetup="1")
    [event] = icalendar.Calendar.from_ical(bytes(calendar.attachments[0].data)).walk("VEVENT")
    assert event["RRULE"]["UNTIL"][0].astimezone(UTC).date() == datetime(2027, 2, 1).date()
    # Titled apart: the same title and start again would be refused as posted twice.
    same_year = await create(
        loopback, title="Weekly Kei Truck Day", when="Dec 12 10am", repeat="weekly until Dec 26"
    )
    assert "until December 26, 2026." in same_year.text


async def test_a_us_zone_name_half_typed_is_suggested_first(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """A member in California typing "Pacif" is offered Pacific time, not Pacific/Auckland."""
    await meetups_channel(loopback)
    for typed, zone in (
        ("Pacif", "America/Los_Angeles"),
        ("cent", "America/Chicago"),
        ("Mount", "America/Denver"),
        ("east", "America/New_York"),
        ("ariz", "America/Phoenix"),
    ):
        offered = await loopback.autocomplete("timezone set", "tz", typed)
        assert offered[0] == {"name": zone, "value": zone}, typed
    created_with = await loopback.autocomplete(
        "meetup create", "timezone", "pac", title="Kei Truck Day", when="sat 10am", location="Moab"
    )
    assert created_with[0]["value"] == "America/Los_Angeles"


async def test_a_truck_limit_above_the_people_limit_is_refused_as_never_reached(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    refused = await create(loopback, capacity=2, trucks=5)

    assert refused.ephemeral
    assert refused.content == (
        "Every truck brings at least its driver, so 5 trucks can never come to a meetup of 2 "
        "people: give at most 2 trucks, or did you mean 5 people and 2 trucks?"
    )
    assert cards(loopback) == []
    await create(loopback, capacity=3, trucks=3)
    edited = await loopback.slash(
        "meetup edit", meetup="1", trucks=4, actor=loopback.member("Tammy")
    )
    assert edited.content == (
        "Every truck brings at least its driver, so 4 trucks can never come to the meetup's 3 "
        "people: give at most 3 trucks, or raise its capacity with `capacity:` too."
    )
    tammy = loopback.member("Tammy")
    one = await loopback.slash("meetup edit", meetup="1", capacity=1, trucks=2, actor=tammy)
    assert one.content == (
        "Every truck brings at least its driver, so 2 trucks can never come to a meetup of 1 "
        "person: give at most 1 truck, or did you mean 2 people and 1 truck?"
    )
    fewer = await loopback.slash("meetup edit", meetup="1", capacity=2, actor=tammy)
    assert fewer.content == (
        "Every truck brings at least its driver, so the meetup's 3 trucks can never come to a "
        "meetup of 2 people: give a capacity of at least 3, or lower its trucks with `trucks:` "
        "too."
    )
