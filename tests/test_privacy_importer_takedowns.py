"""A member's take-downs of announcements, in their export and their forget's reply: one they
took down as a moderator (another importer's) and one their importer took back are named
apart, and a forget counts the first as a take-down, not as a decision."""

from __future__ import annotations

from datetime import timedelta

from bot.client import Services
from bot.clock import ManualClock
from bot.importers import Announcement
from tests.test_importers import ANNOUNCEMENTS, draft

GUILD = 1001
MEMBER, OTHER = 501, 502  # MEMBER is an importer and a moderator; OTHER an importer


async def _announced(services: Services, member: int, title: str) -> Announcement:
    return (await services.announcements.announce(GUILD, member, draft(title))).announcement


async def _both_taken_down(services: Services) -> None:
    await services.setup.set_channel(GUILD, "announcements", ANNOUNCEMENTS)
    await services.importers.register(GUILD, "Kei Imports", MEMBER, trusted=True)
    await services.importers.register(GUILD, "Mini Truck Barn", OTHER, trusted=True)
    own = await _announced(services, MEMBER, "Acty arrived")
    others = await _announced(services, OTHER, "Carry arrived")
    take_down = services.announcements.own.take_down
    await take_down(GUILD, MEMBER, own.id, post_removed=None)
    await take_down(GUILD, MEMBER, others.id, post_removed=None, moderator_in="Kei Owners")


async def test_an_export_names_a_moderators_take_downs_apart_from_their_importers(
    services: Services,
) -> None:
    await _both_taken_down(services)

    exported = (await services.privacy.collect(MEMBER))[GUILD]
    theirs = (await services.privacy.collect(OTHER))[GUILD]

    assert len(exported["announcements_taken_down"]) == 1  # the other importer's
    assert [row["by"] for row in exported["importer_announcements_withdrawn"]] == ["you"]
    assert [row["by"] for row in theirs["importer_announcements_withdrawn"]] == ["a moderator"]
    assert "announcements_taken_down" not in theirs
    assert str(MEMBER) not in str(theirs)  # the moderator is not named to the importer


async def test_a_forget_counts_take_downs_as_such_not_as_decisions(services: Services) -> None:
    await _both_taken_down(services)
    request = await services.privacy.request_forget(GUILD, MEMBER)
    assert request is not None

    report = await services.privacy.forget(MEMBER, MEMBER, request.id, keep_builds=False)

    anonymised = report.forgotten.anonymised
    assert anonymised.get("announcement take-downs") == 1, anonymised
    assert "announcement decisions" not in anonymised, anonymised


async def test_a_take_down_a_week_old_is_still_in_the_export(
    services: Services, clock: ManualClock
) -> None:
    await _both_taken_down(services)
    clock.advance(timedelta(days=7))
    # Another take-down, and the daily chore, since: neither lets go of last week's.
    later = await _announced(services, OTHER, "Hijet arrived")
    await services.announcements.own.take_down(GUILD, OTHER, later.id, post_removed=None)
    await services.announcements.own.let_go_of_old()

    exported = (await services.privacy.collect(MEMBER))[GUILD]
    theirs = (await services.privacy.collect(OTHER))[GUILD]

    assert len(exported["announcements_taken_down"]) == 1
    assert [row["by"] for row in exported["importer_announcements_withdrawn"]] == ["you"]
    assert [row["by"] for row in theirs["importer_announcements_withdrawn"]] == [
        "a moderator",
        "you",
    ]
