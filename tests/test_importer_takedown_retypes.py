"""An importer typing again what a moderator took down in the last 7 days is refused, the
refusal naming the take-down (a moderator's judgement is not undone by a retype), an arrival of
the same truck alike; what the importer took down itself may be typed again (correcting a
posted announcement is done so), and so may anything once the 7 days are over."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.client import Services
from bot.clock import ManualClock
from bot.errors import UserError
from bot.importers import ArrivalDraft
from bot.store import Store
from tests.test_importers import ANNOUNCEMENTS, draft
from tests.test_privacy_importer_takedowns import GUILD, MEMBER, OTHER

LINK = "https://kei.example/acty"
ACTY = ArrivalDraft("Honda", "Acty", 1996, "HA4", "4wd", "4", "30,000 km", "$6,000", "tx")


async def _posted(services: Services, typed: str = "Acty arrived!") -> int:
    """OTHER's trusted importer announces `typed`; its id."""
    await services.setup.set_channel(GUILD, "announcements", ANNOUNCEMENTS)
    await services.importers.register(GUILD, "Mini Truck Barn", OTHER, trusted=True)
    announced = await services.announcements.announce(GUILD, OTHER, draft(typed, link=LINK))
    return announced.announcement.id


async def _taken_down(services: Services, announcement_id: int, by: int = MEMBER) -> None:
    await services.announcements.own.take_down(
        GUILD,
        by,
        announcement_id,
        post_removed=None,
        moderator_in="Kei Owners" if by == MEMBER else None,
    )


async def test_a_retype_of_what_a_moderator_took_down_is_refused_naming_it(
    services: Services, store: Store
) -> None:
    await _taken_down(services, await _posted(services))

    with pytest.raises(UserError) as refused:
        await services.announcements.announce(GUILD, OTHER, draft("ACTY arrived", link=LINK))

    assert str(refused.value) == (
        "“ACTY arrived” repeats an announcement a moderator took down in the last 7 days; it "
        "is not announced again. Ask the moderators if you want to know why."
    )
    assert await store.fetchval("SELECT count(*) FROM announcements") == 0


async def test_a_retype_after_the_seven_days_or_of_ones_own_take_down_is_announced(
    services: Services, clock: ManualClock
) -> None:
    await _taken_down(services, await _posted(services), by=OTHER)
    again = await services.announcements.announce(GUILD, OTHER, draft("Acty arrived!"))
    await _taken_down(services, again.announcement.id)

    clock.advance(timedelta(days=7, minutes=1))

    await services.announcements.announce(GUILD, OTHER, draft("Acty arrived!"))


async def test_an_arrival_of_the_same_truck_a_moderator_took_down_is_refused(
    services: Services,
) -> None:
    await services.setup.set_channel(GUILD, "announcements", ANNOUNCEMENTS)
    await services.importers.register(GUILD, "Mini Truck Barn", OTHER, trusted=True)
    arrived = await services.announcements.announce_arrival(GUILD, OTHER, ACTY)
    await _taken_down(services, arrived.announcement.id)

    with pytest.raises(UserError, match="a moderator took down in the last 7 days"):
        await services.announcements.announce_arrival(GUILD, OTHER, ACTY)
    # Another truck of the same model may well have arrived.
    await services.announcements.announce_arrival(
        GUILD, OTHER, ArrivalDraft("Honda", "Acty", 1997, "HA4", "4wd", "4", "30,000 km")
    )


async def test_a_waiting_announcement_changed_to_what_a_moderator_took_down_is_refused(
    services: Services, store: Store
) -> None:
    await _taken_down(services, await _posted(services))
    await store.execute("UPDATE importers SET trusted = 0")
    waiting = await services.announcements.announce(GUILD, OTHER, draft("Carry arrived"))

    with pytest.raises(UserError, match="a moderator took down in the last 7 days"):
        await services.announcements.own.edit(
            GUILD, OTHER, waiting.announcement.id, draft("Acty arrived")
        )
    assert await store.fetchval("SELECT title FROM announcements") == "Carry arrived"


async def test_a_listing_a_moderator_took_down_is_refused_however_the_rest_is_retyped(
    services: Services, store: Store
) -> None:
    await _taken_down(services, await _posted(services))

    # The same listing, its link written otherwise, under a corrected title.
    with pytest.raises(UserError) as refused:
        await services.announcements.announce(
            GUILD, OTHER, draft("Acty arrived (corrected)", link=f"{LINK}/?utm_source=x")
        )

    assert str(refused.value) == (
        "“Acty arrived (corrected)” links to the listing of an announcement a moderator took "
        f"down in the last 7 days ({LINK}/?utm_source=x); it is not announced again. Ask the "
        "moderators if you want to know why."
    )
    with pytest.raises(UserError, match="links to the listing of an announcement a moderator"):
        await services.announcements.announce_arrival(
            GUILD, OTHER, ArrivalDraft("Honda", "Acty", 1996, "HA4", price="$5,900", link=LINK)
        )
    assert await store.fetchval("SELECT count(*) FROM announcements") == 0


async def test_an_arrival_a_moderator_took_down_is_refused_at_another_price_with_its_link(
    services: Services, store: Store
) -> None:
    await services.setup.set_channel(GUILD, "announcements", ANNOUNCEMENTS)
    await services.importers.register(GUILD, "Mini Truck Barn", OTHER, trusted=True)
    arrived = await services.announcements.announce_arrival(
        GUILD, OTHER, ArrivalDraft("Honda", "Acty", 1996, "HA4", price="$4,200", link=LINK)
    )
    await _taken_down(services, arrived.announcement.id)

    with pytest.raises(UserError, match="links to the listing of an announcement a moderator"):
        await services.announcements.announce_arrival(
            GUILD, OTHER, ArrivalDraft("Honda", "Acty", 1996, "HA4", price="$4,100", link=LINK)
        )
    await store.execute("UPDATE importers SET trusted = 0")
    waiting = await services.announcements.announce(GUILD, OTHER, draft("Carry arrived"))
    with pytest.raises(UserError, match="links to the listing of an announcement a moderator"):
        await services.announcements.own.edit(
            GUILD, OTHER, waiting.announcement.id, draft("Carry arrived", link=LINK)
        )


async def test_a_listing_the_importer_took_down_itself_may_be_announced_again(
    services: Services,
) -> None:
    await _taken_down(services, await _posted(services), by=OTHER)

    await services.announcements.announce(
        GUILD, OTHER, draft("Acty arrived (corrected)", link=LINK)
    )
