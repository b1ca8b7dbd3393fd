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


async def test_a_place_freed_behind_a_party_it_cannot_fit_is_told_as_the_end_of_the_line(
    meetups: MeetupService,
) -> None:
    full = await new_meetup(meetups, title="Show", capacity=3)
    await meetups.answer(GUILD, full, 11, "going")
    await meetups.set_party(GUILD, full, 12, guests=1, truck=None)  # 12 and a guest: full
    await meetups.set_party(GUILD, full, 13, guests=2, truck=None)  # three: waits, fits no place

    text = answer_text(await meetups.answer(GUILD, full, 11, "maybe"))
    again = await meetups.answer(GUILD, full, 11, "going")

    # Nobody takes the place freed, yet Going again waits behind the party of three at once.
    assert (again.party.status, again.position) == ("waitlist", 2)
    assert text.endswith(
        " You gave up your place: those waiting are ahead of you, so pressing Going again puts "
        "you at the end of the line."
    ), text


async def test_a_place_freed_at_a_meetup_not_full_may_still_leave_a_rejoiner_waiting(
    meetups: MeetupService,
) -> None:
    roomy = await new_meetup(meetups, title="Show", capacity=10)
    await meetups.answer(GUILD, roomy, 11, "going")
    await meetups.set_party(GUILD, roomy, 12, guests=3, truck=None)  # five going: five left
    await meetups.set_party(GUILD, roomy, 13, guests=6, truck=None)  # seven: waits

    text = answer_text(await meetups.answer(GUILD, roomy, 11, "maybe"))
    again = await meetups.answer(GUILD, roomy, 11, "going")

    assert (again.party.status, again.position) == ("waitlist", 2)
    assert text.endswith(
        " You gave up your place: those waiting are ahead of you, so pressing Going again puts "
        "you at the end of the line."
    ), text
