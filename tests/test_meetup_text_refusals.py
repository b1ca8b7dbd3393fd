"""A meetup's title, place and region are refused with a mention or a link to a command in
them, as a build's fields are: Discord draws them as pills on the card, the list and the Events
tab, whatever the text meant; and "-", which clears a description or a region, is no place."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.meetups import MeetupDraft, MeetupService

from .test_meetups import GUILD, ORGANIZER, clock, meetups

__all__ = ["clock", "meetups"]  # fixtures

WHEN = "2026-12-12 10:00"


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"title": "<@&1> party"}, "The title"),
        ({"location": "<@&1> here"}, "The location"),
        ({"location": "Moab <@123456789012345678>"}, "The location"),
        ({"region": "<#123456789012345678>"}, "The region"),
        ({"title": "Try </meetup list:1>"}, "The title"),
    ],
)
async def test_a_mention_in_a_meetups_line_is_refused_as_in_a_builds(
    meetups: MeetupService, fields: dict[str, str], label: str
) -> None:
    draft = {"title": "Kei Day", "when": WHEN, "location": "Moab", **fields}
    with pytest.raises(UserError) as refused:
        await meetups.create(GUILD, ORGANIZER, MeetupDraft(**draft))  # type: ignore[arg-type]

    assert str(refused.value) == (
        f"{label} may not hold mentions (everyone, here, a member, a role), channels, or links "
        "to commands or to the server's pages."
    )
    assert await meetups.upcoming(GUILD) == []


async def test_an_edit_onto_a_mention_is_refused_changing_nothing(meetups: MeetupService) -> None:
    meetup = (await meetups.create(GUILD, ORGANIZER, MeetupDraft("Kei Day", WHEN, "Moab"))).meetup
    with pytest.raises(UserError, match="may not hold mentions"):
        await meetups.edit(GUILD, meetup.id, location="<@&1> here")
    with pytest.raises(UserError, match="may not hold mentions"):
        await meetups.edit(GUILD, meetup.id, title="<@&1>")

    kept = await meetups.get(GUILD, meetup.id)
    assert (kept.title, kept.location) == ("Kei Day", "Moab")


@pytest.mark.parametrize("typed", ["-", " - ", "none"])
async def test_a_dash_is_no_place_on_create_nor_on_edit(meetups: MeetupService, typed: str) -> None:
    refusal = (
        f"The location cannot be “{typed.strip()}”: that clears a description or a region, but a "
        "meetup needs a place. Give where it meets."
    )
    with pytest.raises(UserError) as created:
        await meetups.create(GUILD, ORGANIZER, MeetupDraft("Kei Day", WHEN, typed))
    assert str(created.value) == refusal

    meetup = (await meetups.create(GUILD, ORGANIZER, MeetupDraft("Kei Day", WHEN, "Moab"))).meetup
    with pytest.raises(UserError) as edited:
        await meetups.edit(GUILD, meetup.id, location=typed)
    assert str(edited.value) == refusal
    assert (await meetups.get(GUILD, meetup.id)).location == "Moab"
