"""A forget removes only what existed when the member confirmed it: a build the member starts
while the forget is under way, in a server it has not reached yet, waits for it and stays."""

from __future__ import annotations

import asyncio

from bot.client import Services
from bot.meetups import MeetupDraft
from bot.privacy import Forgotten, MemberData, Sections

GUILD, OTHER_GUILD = 1001, 1002
MEMBER, ORGANIZER = 501, 502


async def test_a_build_started_while_a_forget_runs_is_not_deleted_unasked(
    services: Services,
) -> None:
    # The member holds an RSVP in each server and no build: the confirmation asks nothing of
    # builds.
    for guild in (GUILD, OTHER_GUILD):
        draft = MeetupDraft("Kei Truck Day", "2026-12-05 10:00 MT", "Moab", capacity=2)
        meetup = (await services.meetups.create(guild, ORGANIZER, draft)).meetup
        await services.meetups.answer(guild, meetup.id, MEMBER, "going")
    request = await services.privacy.request_forget(GUILD, MEMBER)
    assert request is not None
    assert "builds" not in request.sections

    # The member's /build start in the other server arrives while the forget is at work in the
    # first: a part registered last runs at the end of each server's forget.
    started: list[asyncio.Task[object]] = []

    async def start_a_build_meanwhile(guild_id: int, member_id: int, keep: bool) -> Forgotten:
        if not started:
            start = services.builds.start(OTHER_GUILD, MEMBER, "Late", "Hijet", None)
            started.append(asyncio.create_task(start))
        return Forgotten()

    async def nothing_to_export(member_id: int) -> Sections:
        return {}

    services.privacy.register(MemberData({}, nothing_to_export, start_a_build_meanwhile))

    report = await services.privacy.forget(MEMBER, MEMBER, request.id, keep_builds=None)
    await started[0]

    assert report.forgotten.deleted == {"RSVPs": 2}
    assert list((await services.builds.titles(OTHER_GUILD)).values()) == ["Late"]
