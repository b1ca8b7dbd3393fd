"""A member who leaves Going frees a place: at a full meetup (its places, or with their truck
its truck spots, all taken) one someone else may take before they answer Going again; the
answer says so, on a real SQLite file."""

from __future__ import annotations

from bot.meetups import MeetupService
from cogs._meetup_answers import answer_text

from .test_meetups import GUILD, clock, meetups, new_meetup

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups


async def test_leaving_going_at_a_full_meetup_frees_a_full_place(meetups: MeetupService) -> None:
    full = await new_meetup(meetups, capacity=2)
    await meetups.answer(GUILD, full, 11, "going")
    await meetups.answer(GUILD, full, 12, "going")

    assert (await meetups.answer(GUILD, full, 11, "maybe")).freed_full == "places"
    # Places left: whoever answers Going again finds one.
    assert (await meetups.answer(GUILD, full, 12, "maybe")).freed_full is None


async def test_a_truck_spot_given_up_when_every_spot_was_taken_is_a_full_place(
    meetups: MeetupService,
) -> None:
    parking = await new_meetup(meetups, truck_capacity=1)
    await meetups.set_party(GUILD, parking, 11, guests=0, truck="Carry")
    await meetups.answer(GUILD, parking, 12, "going")

    assert (await meetups.answer(GUILD, parking, 12, "maybe")).freed_full is None
    assert (await meetups.answer(GUILD, parking, 11, "maybe")).freed_full == "truck spots"


async def test_only_a_place_held_is_given_up(meetups: MeetupService) -> None:
    full = await new_meetup(meetups, capacity=1)
    await meetups.answer(GUILD, full, 11, "going")
    await meetups.answer(GUILD, full, 12, "maybe")

    assert (await meetups.answer(GUILD, full, 12, "declined")).freed_full is None
    assert (await meetups.answer(GUILD, full, 13, "maybe")).freed_full is None


async def test_a_truck_spot_given_up_is_named_as_one(meetups: MeetupService) -> None:
    parking = await new_meetup(meetups, title="Show", truck_capacity=1)
    await meetups.set_party(GUILD, parking, 11, guests=0, truck="Carry")

    text = answer_text(await meetups.answer(GUILD, parking, 11, "maybe"))

    assert text.endswith(
        " You gave up your truck spot, and every other one was taken: pressing Going again with "
        "your truck may find it taken."
    ), text
