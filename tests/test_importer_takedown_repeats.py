"""What a repeat of an announcement taken down is known by (its link, a typed one's title
key) is kept on the take-down's record for the 7 days a repeat is held back, and no longer:
it is in its importer's export meanwhile, the daily chore clears it after, and it goes at once
with the importer's profile (the record then kept is the moderator's). A withdrawal keeps none:
it holds nothing back."""

from __future__ import annotations

from datetime import timedelta

from bot.client import Services
from bot.clock import ManualClock
from bot.store import Store
from tests.test_importers import ANNOUNCEMENTS, draft
from tests.test_privacy_importer_takedowns import GUILD, MEMBER, OTHER

LINK = "https://kei.example/acty"


async def _taken_down_by_a_moderator(services: Services) -> None:
    """OTHER's typed announcement, taken down by MEMBER as a moderator."""
    await services.setup.set_channel(GUILD, "announcements", ANNOUNCEMENTS)
    await services.importers.register(GUILD, "Mini Truck Barn", OTHER, trusted=True)
    announced = await services.announcements.announce(
        GUILD, OTHER, draft("Acty arrived!", link=LINK)
    )
    await services.announcements.own.take_down(
        GUILD, MEMBER, announced.announcement.id, post_removed=None, moderator_in="Kei Owners"
    )


async def _kept(store: Store) -> list[tuple[str | None, str | None]]:
    rows = await store.fetchall("SELECT title_key, link FROM announcement_withdrawals")
    return [(row["title_key"], row["link"]) for row in rows]


async def test_the_importers_export_shows_it_for_the_week_then_the_chore_clears_it(
    services: Services, store: Store, clock: ManualClock
) -> None:
    await _taken_down_by_a_moderator(services)

    [row] = (await services.privacy.collect(OTHER))[GUILD]["importer_announcements_withdrawn"]
    assert (row["by"], row["title_as_compared"], row["link"]) == (
        "a moderator",
        "acty arrived",
        LINK,
    )

    clock.advance(timedelta(days=7, minutes=1))
    await services.announcements.own.let_go_of_old()

    assert await _kept(store) == [(None, None)]  # the record stays, for the exports
    [row] = (await services.privacy.collect(OTHER))[GUILD]["importer_announcements_withdrawn"]
    assert (row["by"], row["title_as_compared"], row["link"]) == ("a moderator", None, None)


async def test_it_goes_with_the_importers_profile_the_moderators_record_staying(
    services: Services, store: Store
) -> None:
    await _taken_down_by_a_moderator(services)
    request = await services.privacy.request_forget(GUILD, OTHER)
    assert request is not None

    await services.privacy.forget(OTHER, OTHER, request.id, keep_builds=False)

    assert await _kept(store) == [(None, None)]
    exported = (await services.privacy.collect(MEMBER))[GUILD]
    assert len(exported["announcements_taken_down"]) == 1


async def test_a_withdrawal_keeps_none(services: Services, store: Store) -> None:
    await services.setup.set_channel(GUILD, "announcements", ANNOUNCEMENTS)
    await services.importers.register(GUILD, "Mini Truck Barn", OTHER, trusted=False)
    waiting = await services.announcements.announce(GUILD, OTHER, draft("Acty arrived!", link=LINK))

    await services.announcements.own.withdraw(GUILD, OTHER, waiting.announcement.id)

    assert await _kept(store) == [(None, None)]
