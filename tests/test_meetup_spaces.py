"""Titles, places and template names read as one line, with runs of spaces (a double space, a
tab, a line break, a full-width space) as one space, as names are read elsewhere: on a real
SQLite file."""

from __future__ import annotations

import pytest

from bot.clock import ManualClock
from bot.errors import UserError
from bot.meetup_templates import MeetupTemplates
from bot.meetups import TITLE_MAX, MeetupService
from bot.store import Store

from .test_meetups import GUILD, ORGANIZER, clock, meetups, new_meetup

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups


async def test_a_title_and_place_typed_with_extra_spaces_are_stored_with_one(
    meetups: MeetupService,
) -> None:
    meetup_id = await new_meetup(
        meetups, title="  Kei   Truck\u3000 Day ", location="Moab,\t UT\n", description="a\n\nb"
    )
    meetup = await meetups.get(GUILD, meetup_id)
    assert (meetup.title, meetup.location) == ("Kei Truck Day", "Moab, UT")
    assert meetup.description == "a\n\nb"  # lines of a description are the organizer's
    assert (await meetups.titled(GUILD, "kei  truck   day")).id == meetup_id


async def test_a_title_counts_its_length_once_its_spaces_are_one(meetups: MeetupService) -> None:
    spaced = " ".join("x" * (TITLE_MAX // 2))  # one character short of the limit
    meetup_id = await new_meetup(meetups, title=spaced.replace(" ", "   "))
    assert (await meetups.get(GUILD, meetup_id)).title == spaced
    with pytest.raises(UserError, match="The title is 101 characters"):
        await new_meetup(meetups, title=spaced + "   y")


@pytest.mark.parametrize("repeat", [None, "weekly"])
async def test_an_edit_reads_the_new_title_and_place_the_same_way(
    meetups: MeetupService, repeat: str | None
) -> None:
    meetup_id = await new_meetup(meetups, repeat=repeat)
    await meetups.edit(GUILD, meetup_id, title="Kei   Truck Night", location="Green  River")
    meetup = await meetups.get(GUILD, meetup_id)
    assert (meetup.title, meetup.location) == ("Kei Truck Night", "Green River")
    # The same place with other spaces is no new place: nobody is told of a move.
    with pytest.raises(UserError, match="already has that place: nothing changed"):
        await meetups.edit(GUILD, meetup_id, location=" Green   River ")
    if repeat:
        await meetups.edit(GUILD, meetup_id, repeat="every 2 weeks", location="Price ,  UT")
        assert (await meetups.get(GUILD, meetup_id)).location == "Price , UT"


async def test_a_template_name_is_kept_with_one_space(
    meetups: MeetupService, store: Store, clock: ManualClock
) -> None:
    templates = MeetupTemplates(store, clock)
    meetup = await meetups.get(GUILD, await new_meetup(meetups))
    saved = await templates.save(meetup, " Kei   Truck\tDay ", ORGANIZER, may_replace_others=False)
    assert saved.template.name == "Kei Truck Day"


async def test_a_truck_typed_with_extra_spaces_is_kept_with_one(meetups: MeetupService) -> None:
    meetup_id = await new_meetup(meetups)
    answer = await meetups.set_party(GUILD, meetup_id, 11, guests=0, truck=" 93  Acty\t4WD ")
    assert answer.party.truck == "93 Acty 4WD"
    blank = await meetups.set_party(GUILD, meetup_id, 11, guests=0, truck="   ")
    assert blank.party.truck is None


async def test_a_title_stored_with_extra_spaces_before_they_were_made_one_is_still_found(
    meetups: MeetupService, store: Store
) -> None:
    meetup_id = await new_meetup(meetups, title="Kei Truck Day")
    # As a meetup created before titles kept one space was stored.
    await store.execute("UPDATE meetups SET title = 'Kei  Truck Day' WHERE id = ?", (meetup_id,))
    assert (await meetups.titled(GUILD, "Kei  Truck Day")).id == meetup_id


@pytest.mark.parametrize("blank", ["\u200b", "\u3164", "\u2800 \u200d", "\u115f\u1160"])
async def test_a_title_place_or_region_of_only_invisible_characters_is_refused(
    meetups: MeetupService, store: Store, blank: str
) -> None:
    for field, label in (("title", "The title"), ("location", "The location")):
        with pytest.raises(UserError, match=f"{label} shows nothing"):
            await new_meetup(meetups, **{field: blank})
    with pytest.raises(UserError, match="The region shows nothing"):
        await new_meetup(meetups, region=blank)
    assert await store.fetchval("SELECT count(*) FROM meetups") == 0


@pytest.mark.parametrize("repeat", [None, "weekly"])
async def test_a_place_stored_with_extra_spaces_typed_again_is_no_news(
    meetups: MeetupService, store: Store, repeat: str | None
) -> None:
    meetup_id = await new_meetup(meetups, repeat=repeat)
    # As places were kept before runs of spaces were made one.
    await store.execute("UPDATE meetups SET location = 'Green  River' WHERE id = ?", (meetup_id,))
    with pytest.raises(UserError, match="already has that place: nothing changed"):
        await meetups.edit(GUILD, meetup_id, location="Green River")
    if repeat:
        await meetups.edit(GUILD, meetup_id, repeat="every 2 weeks", location="Green River")
        assert (await meetups.get(GUILD, meetup_id)).location == "Green  River"
