"""A forget whose confirmation asked nothing of builds, the member having none, deletes none
started since: it is refused with how many there are now, and changes nothing, its confirmation
still open until the member is asked again."""

from __future__ import annotations

import pytest

from bot.client import Services
from bot.meetups import MeetupDraft
from bot.privacy import BuildsSinceAsked, ForgetRequest

GUILD = 1001
MEMBER, OTHER = 501, 502


async def asked_with_an_rsvp(services: Services) -> ForgetRequest:
    """The confirmation of a member who holds one RSVP and no build."""
    draft = MeetupDraft("Kei Truck Day", "2026-12-05 10:00 MT", "Moab", capacity=2)
    meetup = (await services.meetups.create(GUILD, OTHER, draft)).meetup
    await services.meetups.answer(GUILD, meetup.id, MEMBER, "going")
    request = await services.privacy.request_forget(GUILD, MEMBER)
    assert request is not None
    return request


async def test_builds_started_since_an_unasked_confirmation_are_not_forgotten(
    services: Services,
) -> None:
    request = await asked_with_an_rsvp(services)
    assert "builds" not in request.sections
    await services.builds.start(GUILD, MEMBER, "Camper", "1994 Carry", None)
    await services.builds.start(GUILD, MEMBER, "Dump", "Hijet", None)
    before = await services.privacy.collect(MEMBER)

    with pytest.raises(BuildsSinceAsked) as since:
        await services.privacy.forget(MEMBER, MEMBER, request.id, keep_builds=None)

    assert since.value.count == 2
    assert await services.privacy.collect(MEMBER) == before  # the confirmation too
    # Asked with the choice, the member's answer is carried out.
    report = await services.privacy.forget(MEMBER, MEMBER, request.id, keep_builds=False)
    assert report.forgotten.deleted["builds"] == 2


async def test_a_member_still_without_builds_is_forgotten_by_an_unasked_confirmation(
    services: Services,
) -> None:
    request = await asked_with_an_rsvp(services)

    report = await services.privacy.forget(MEMBER, MEMBER, request.id, keep_builds=None)

    assert report.forgotten.deleted["RSVPs"] == 1
    assert await services.privacy.collect(MEMBER) == {}
