"""An external event runs by the clock, as Discord runs it: active from its start, completed at
its end (the bot hears GUILD_SCHEDULED_EVENT_UPDATE), and then changed by nobody. Its status
moves only as Discord's docs draw it: scheduled to active or canceled, active to completed."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock
from sandbox import Loopback

from .conftest import RestCall
from .test_loopback_events import _external

SCHEDULED, ACTIVE, COMPLETED, CANCELED = 1, 2, 3, 4


def _last_update(loopback: Loopback) -> int:
    """The status the bot last heard an event had."""
    updates = [data for name, data in loopback.dispatched if name.endswith("EVENT_UPDATE")]
    return updates[-1]["status"]


async def test_an_external_event_is_active_from_its_start_and_completed_at_its_end(
    loopback: Loopback, rest: RestCall, clock: ManualClock
) -> None:
    events = f"/guilds/{loopback.guild.id}/scheduled-events"
    _, made = await rest("POST", events, _external(clock.now() + timedelta(hours=1)))
    one = f"{events}/{made['id']}"

    clock.advance(timedelta(hours=2))
    _, under_way = await rest("GET", one)
    assert _last_update(loopback) == ACTIVE
    status, edited = await rest("PATCH", one, {"name": "Kei Truck Day, under way"})
    assert (under_way["status"], status, edited["status"]) == (ACTIVE, 200, ACTIVE)

    clock.advance(timedelta(hours=2))
    _, listed = await rest("GET", events)
    assert _last_update(loopback) == COMPLETED
    status, refused = await rest("PATCH", one, {"name": "Kei Truck Day, over"})
    assert [e["status"] for e in listed] == [COMPLETED]
    assert (status, refused["code"]) == (400, 180000)


async def test_a_status_moves_only_as_discords_docs_draw_it(
    loopback: Loopback, rest: RestCall, clock: ManualClock
) -> None:
    events = f"/guilds/{loopback.guild.id}/scheduled-events"
    _, made = await rest("POST", events, _external(clock.now() + timedelta(hours=1)))
    one = f"{events}/{made['id']}"

    status, refused = await rest("PATCH", one, {"status": COMPLETED})
    assert (status, refused["code"]) == (400, 50035)
    status, canceled = await rest("PATCH", one, {"status": CANCELED})
    assert (status, canceled["status"]) == (200, CANCELED)
    status, refused = await rest("PATCH", one, {"status": SCHEDULED})
    assert (status, refused["code"]) == (400, 180000)


async def test_the_events_tab_a_test_reads_shows_the_status_discord_gives_by_the_clock(
    loopback: Loopback, rest: RestCall, clock: ManualClock
) -> None:
    # Read before anyone touched the events again: an event under way is not left "scheduled".
    events = f"/guilds/{loopback.guild.id}/scheduled-events"
    await rest("POST", events, _external(clock.now() + timedelta(hours=1)))
    assert [e["status"] for e in loopback.events()] == [SCHEDULED]
    clock.advance(timedelta(hours=2))
    assert [e["status"] for e in loopback.events()] == [ACTIVE]
    clock.advance(timedelta(hours=2))
    assert [e["status"] for e in loopback.events()] == [COMPLETED]
