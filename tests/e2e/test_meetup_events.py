"""The Events tab mirror through the loopback: each meetup as a scheduled event, created, edited
and deleted with it; a series rolled on; the 100-event cap; no Create Events; edits and
deletions made in the Events tab; and no duplicate after a crash or a restart.

The loopback runs on the bot's clock here, so Discord's "no event in the past" rule sees the
same time as the bot."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock, unix
from bot.meetup_event_fields import MARKER, not_an_rsvp
from bot.meetups import MeetupDraft
from cogs.meetup_events import NO_CREATE_EVENTS
from sandbox import Loopback
from sandbox.replies import Message
from sandbox.state import Json, Permission

from .conftest import RunningBot
from .test_meetups import cards, create, meetups_channel, requests, settle

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
EVENTS = "/guilds/{guild_id}/scheduled-events"
EVENT = "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}"
CREATED, EDITED, DELETED = ("POST", EVENTS), ("PATCH", EVENT), ("DELETE", EVENT)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
async def loopback(discord_spec: Path | None, clock: ManualClock) -> AsyncIterator[Loopback]:
    async with Loopback(spec=discord_spec, clock=clock.now) as discord_:
        yield discord_
    assert discord_.violations == [], "the bot's traffic broke Discord's spec"
    assert discord_.unknown_routes == [], "the bot called routes Discord does not have"


def bodies(loopback: Loopback, route: tuple[str, str]) -> list[Json]:
    return [r.request for r in requests(loopback, route)]


def at(instant: datetime) -> str:
    return instant.isoformat()


async def mirrored(loopback: Loopback, count: int, what: str = "the mirror") -> list[Json]:
    await loopback.wait_until(lambda: len(loopback.events()) == count, within=10, what=what)
    return loopback.events()


async def cached(keitora: RunningBot, event: Json, *, held: bool = True) -> None:
    """Wait until discord.py holds the event: it reports updates only of events it cached; or,
    not `held`, until it let the event go, told of its deletion."""
    guild = keitora.bot.get_guild(int(event["guild_id"]))
    assert guild is not None
    for _ in range(500):
        if (guild.get_scheduled_event(int(event["id"])) is not None) == held:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"the bot never {'cached' if held else 'let go of'} the event")


async def echoed_away(keitora: RunningBot, event: Json) -> None:
    """Wait until discord.py heard of the event's deletion, and the jobs it asked for ran: the
    mirror is at rest, and only a change of a meetup moves it now."""
    await cached(keitora, event, held=False)
    await settle(keitora)


@asynccontextmanager
async def cards_out_first(keitora: RunningBot, loopback: Loopback) -> AsyncIterator[None]:
    """Hold the server's jobs while meetups are created, so the mirror's first run comes after
    their cards are out, and its events link to them."""
    keitora.bot.services.jobs.pause_servers([loopback.guild.id])
    try:
        yield
    finally:
        keitora.bot.services.jobs.resume_server(loopback.guild.id)


def card_address(loopback: Loopback, card: Message) -> str:
    return f"https://discord.com/channels/{loopback.guild.id}/{card.channel_id}/{card.id}"


async def test_a_meetup_is_mirrored_then_edited_and_deleted_with_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    tammy = loopback.member("Tammy")
    async with cards_out_first(keitora, loopback):
        await create(loopback, description="Bring chairs", duration=240)
        await create(loopback, title="Swap meet", when="Dec 19 9am", location="Boise, ID")

    first, second = await mirrored(loopback, 2)
    start = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)
    swap = datetime(2026, 12, 19, 16, 0, tzinfo=UTC)
    sent = bodies(loopback, CREATED)
    links = [card_address(loopback, card) for card in cards(loopback)]
    assert sent[0] == {
        "name": "Kei Truck Day",
        "description": f"Bring chairs\n\n{not_an_rsvp(links[0])}\n{MARKER.format(1)}",
        "entity_metadata": {"location": "Moab, UT"},
        "scheduled_start_time": at(start),
        "scheduled_end_time": at(start + timedelta(hours=4)),  # the duration option
        "entity_type": 3,
        "privacy_level": 2,
    }
    assert sent[1]["scheduled_end_time"] == at(swap + timedelta(hours=3))  # the default
    assert sent[1]["description"] == f"{not_an_rsvp(links[1])}\n{MARKER.format(2)}"
    assert "“Interested” in the Events tab is not an RSVP" in cards(loopback)[0].text

    await loopback.slash(
        "meetup edit", meetup="1", when="Dec 13 11am", location="Fort Collins, CO", actor=tammy
    )
    moved = datetime(2026, 12, 13, 18, 0, tzinfo=UTC)
    await settle(keitora)
    await loopback.wait_until(lambda: len(bodies(loopback, EDITED)) == 1, what="the edit")
    # Only what changed is sent, to the event the bot made.
    assert bodies(loopback, EDITED) == [
        {
            "entity_metadata": {"location": "Fort Collins, CO"},
            "scheduled_start_time": at(moved),
            "scheduled_end_time": at(moved + timedelta(hours=4)),
        }
    ]
    assert requests(loopback, EDITED)[0].path.endswith(f"/scheduled-events/{first['id']}")
    await loopback.slash("meetup edit", meetup="2", title="Winter swap meet", actor=tammy)
    await loopback.wait_until(lambda: len(bodies(loopback, EDITED)) == 2, what="the renaming")
    assert bodies(loopback, EDITED)[1] == {"name": "Winter swap meet"}
    lengthened = await loopback.slash("meetup edit", meetup="2", duration=90, actor=tammy)
    assert lengthened.content == "Changed the length of “Winter swap meet”."
    await loopback.wait_until(lambda: len(bodies(loopback, EDITED)) == 3, what="the new length")
    assert bodies(loopback, EDITED)[2] == {"scheduled_end_time": at(swap + timedelta(minutes=90))}

    await loopback.slash("meetup cancel", meetup="1", actor=tammy)
    [left] = await mirrored(loopback, 1, "the cancelled meetup's event to go")
    assert left["id"] == second["id"]
    assert requests(loopback, DELETED)[0].path.endswith(f"/scheduled-events/{first['id']}")
    await settle(keitora)
    assert loopback.dms(tammy) == []  # the bot's own changes echoed back are not "edits"
    assert len(bodies(loopback, CREATED)) == 2


async def test_a_time_typed_as_a_range_ends_the_mirrored_event_where_the_range_ends(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, title="Parts swap", when="Dec 20 10am-1:30pm", location="Moab, UT")
    await mirrored(loopback, 1)
    [sent] = bodies(loopback, CREATED)
    start = datetime(2026, 12, 20, 17, 0, tzinfo=UTC)
    assert (sent["scheduled_start_time"], sent["scheduled_end_time"]) == (
        at(start),
        at(start + timedelta(hours=3, minutes=30)),
    )


async def test_a_series_shows_its_next_date_and_rolls_on_when_that_one_ends(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, when="sat 10am", repeat="weekly")
    saturdays = [datetime(2026, 12, 5 + 7 * n, 17, 0, tzinfo=UTC) for n in range(4)]
    [event] = await mirrored(loopback, 1)
    assert event["scheduled_start_time"] == at(saturdays[0])

    keitora.clock.set(saturdays[0] + timedelta(hours=1))  # under way: it stays shown
    await settle(keitora)
    assert [e["id"] for e in loopback.events()] == [event["id"]]

    keitora.clock.set(saturdays[0] + timedelta(hours=3))  # it ended
    await settle(keitora)
    [rolled] = loopback.events()
    assert rolled["scheduled_start_time"] == at(saturdays[1])
    assert requests(loopback, DELETED)[0].path.endswith(f"/scheduled-events/{event['id']}")

    # Cancelling the date shown rolls it on too.
    await loopback.slash(
        "meetup cancel", meetup="1", occurrence=str(unix(saturdays[1])),
        actor=loopback.member("Tammy"),
    )  # fmt: skip
    await loopback.wait_until(
        lambda: [e["scheduled_start_time"] for e in loopback.events()] == [at(saturdays[2])],
        what="the next Saturday in the Events tab",
    )
    assert len(bodies(loopback, CREATED)) == 3


async def test_the_nearest_meetups_fill_the_100_places_and_later_ones_wait_for_room(
    keitora: RunningBot, loopback: Loopback
) -> None:
    guild = loopback.guild
    guild_id = int(guild.id)
    await keitora.bot.services.setup.set_timezone(guild_id, "America/Denver")
    # Someone's own event, made in the Events tab, takes one of the server's 100 places.
    foreign = {
        "id": loopback.world.ids.next(), "guild_id": guild.id, "channel_id": None,
        "creator_id": guild.owner_id, "name": "Movie night", "description": None,
        "scheduled_start_time": at(NOW + timedelta(days=1)),
        "scheduled_end_time": at(NOW + timedelta(days=1, hours=2)), "privacy_level": 2,
        "status": 1, "entity_type": 3, "entity_id": None,
        "entity_metadata": {"location": "Online"}, "image": None, "recurrence_rule": None,
    }  # fmt: skip
    guild.events[foreign["id"]] = foreign
    meetups = keitora.bot.services.meetups
    organizer = int(loopback.member("Tammy").id)
    days = list(range(2, 102))  # 100 meetups, the farthest first
    for day in reversed(days):
        when = (NOW + timedelta(days=day)).strftime("%Y-%m-%d 10:00")
        await meetups.create(guild_id, organizer, MeetupDraft(f"Day {day}", when, "Moab"))
    await settle(keitora)

    shown = {e["name"] for e in loopback.events() if e["id"] != foreign["id"]}
    assert shown == {f"Day {day}" for day in days[:99]}  # the 99 nearest
    refusals = [(r.response or {}).get("code") for r in requests(loopback, CREATED)]
    assert 30038 in refusals  # Discord's own count of the server's events was respected

    # A nearer meetup pushes the farthest out.
    await meetups.create(guild_id, organizer, MeetupDraft("Day 1", "2026-12-03 10:00", "Moab"))
    await settle(keitora)
    shown = {e["name"] for e in loopback.events() if e["id"] != foreign["id"]}
    assert shown == {"Day 1"} | {f"Day {day}" for day in days[:98]}

    # Room frees when a mirrored meetup is cancelled: the nearest waiting one takes it.
    day_1 = next(m for m, _ in await meetups.upcoming(guild_id) if m.title == "Day 1")
    await meetups.cancel(guild_id, day_1.id)
    await settle(keitora)
    shown = {e["name"] for e in loopback.events() if e["id"] != foreign["id"]}
    assert shown == {f"Day {day}" for day in days[:99]}
    assert len(loopback.events()) == 100


async def test_without_create_events_the_meetup_works_and_the_organizer_is_told_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # The invite from before Discord's split: Manage Events, which no longer creates events.
    await meetups_channel(loopback)
    tammy, mika = loopback.member("Tammy"), loopback.member("Mika")
    bot_role = loopback.guild.role("Keitora")
    await loopback.set_permissions(bot_role, Permission.OLD_BOT)
    me = keitora.bot.get_guild(int(loopback.guild.id)).me  # type: ignore[union-attr]
    for _ in range(500):  # the bot's cache changes without the loopback hearing of it
        if not me.guild_permissions.create_events:
            break
        await asyncio.sleep(0.01)
    else:
        raise AssertionError("the bot never heard that it lost Create Events")

    created = await create(loopback)
    assert NO_CREATE_EVENTS in created.text
    assert "I lack the Create Events permission there" in created.text
    assert created.text.startswith("Posted “Kei Truck Day” (meetup #1)")
    await loopback.wait_until(
        lambda: any(r.status == 403 for r in requests(loopback, CREATED)), what="the refusal"
    )
    going = await loopback.click(cards(loopback)[0], "Going", actor=mika)
    assert going.content.startswith("You're going")
    edited = await loopback.slash("meetup edit", meetup="1", location="Boise, ID", actor=tammy)
    await settle(keitora)

    assert NO_CREATE_EVENTS not in edited.text
    assert loopback.events() == []
    assert loopback.dms(tammy) == []
    # One try for each change: the meetup created, its card recorded, its place edited.
    assert [r.status for r in requests(loopback, CREATED)] == [403, 403, 403]

    # Granted later: the next change mirrors the meetup.
    await loopback.set_permissions(bot_role, Permission.BOT)
    await loopback.slash("meetup edit", meetup="1", title="Kei Truck Day!", actor=tammy)
    [event] = await mirrored(loopback, 1)
    assert (event["name"], event["entity_metadata"]["location"]) == ("Kei Truck Day!", "Boise, ID")


async def test_an_event_edited_in_the_events_tab_is_put_back_and_the_organizer_told(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    akiko, tammy, mika = (loopback.member(n) for n in ("Akiko", "Tammy", "Mika"))
    await create(loopback)
    await loopback.click(cards(loopback)[0], "Going", actor=mika)
    [event] = await mirrored(loopback, 1)
    await cached(keitora, event)
    await settle(keitora)  # the event linked to the card once it is out
    start = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)
    later = start + timedelta(days=1)

    await loopback.edit_event(
        event["id"],
        actor=akiko,
        entity_metadata={"location": "Somewhere else"},
        scheduled_start_time=at(later),
        scheduled_end_time=at(later + timedelta(hours=1)),
    )
    await loopback.wait_until(
        lambda: loopback.events()[0]["entity_metadata"]["location"] == "Moab, UT",
        what="the event put back",
    )
    await settle(keitora)

    [put_back] = loopback.events()
    assert (put_back["id"], put_back["scheduled_start_time"]) == (event["id"], at(start))
    assert put_back["scheduled_end_time"] == at(start + timedelta(hours=3))
    assert bodies(loopback, EDITED)[-1] == {
        "entity_metadata": {"location": "Moab, UT"},
        "scheduled_start_time": at(start),
        "scheduled_end_time": at(start + timedelta(hours=3)),
    }
    [note] = loopback.dms(tammy)
    assert "Someone changed the Events tab event of **Kei Truck Day**" in note.content
    assert f"<t:{unix(later)}:F> at Somewhere else" in note.content
    assert "`/meetup edit`" in note.content
    meetup = await keitora.bot.services.meetups.get(int(loopback.guild.id), 1)
    assert (meetup.starts_at, meetup.location) == (start, "Moab, UT")
    assert loopback.dms(mika) == []  # the meetup did not move, so nobody going is told

    # Deleted in the Events tab: the meetup stays, out of the Events tab for good.
    await loopback.delete_event(event["id"], actor=akiko)
    await loopback.wait_until(lambda: len(loopback.dms(tammy)) == 2, what="the second note")
    assert "Someone deleted the Events tab event of **Kei Truck Day**" in (
        loopback.dms(tammy)[1].content
    )
    await loopback.slash("meetup edit", meetup="1", title="Kei Truck Day!", actor=tammy)
    await settle(keitora)
    assert loopback.events() == []
    assert len(bodies(loopback, CREATED)) == 1
    assert len(loopback.dms(tammy)) == 2
    told = (await loopback.slash("help", topic="meetup")).embeds[0]["description"]
    assert "An event edited in the Events tab is put back and its organizer told" in told
    assert "an event deleted there is not made again" in told


async def test_a_restart_or_a_create_never_recorded_makes_no_second_event(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback)
    [event] = await mirrored(loopback, 1)
    await settle(keitora)

    await keitora.restart()
    await settle(keitora)
    assert [e["id"] for e in loopback.events()] == [event["id"]]
    assert len(bodies(loopback, CREATED)) == 1

    # As if the bot had died after Discord made the event and before it was recorded.
    await keitora.store.execute(
        "UPDATE meetup_events SET event_id = NULL, original_start = NULL, shown = NULL, "
        "sending = shown"
    )
    await keitora.restart()
    await settle(keitora)

    assert [e["id"] for e in loopback.events()] == [event["id"]]
    assert len(bodies(loopback, CREATED)) == 1
    recorded = await keitora.store.fetchval("SELECT event_id FROM meetup_events")
    assert recorded == int(event["id"])

    # Deleted while the bot was away: Discord tells nobody, so the start-up check finds it.
    await keitora.stop()
    loopback.guild.events.clear()
    await keitora.start()
    await settle(keitora)
    [remade] = loopback.events()
    assert remade["id"] != event["id"]
    assert len(bodies(loopback, CREATED)) == 2


async def test_a_rate_limited_create_is_retried_and_made_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    loopback.faults.rate_limit("POST", EVENTS, times=2)
    await create(loopback)
    await mirrored(loopback, 1)
    await settle(keitora)
    assert [r.status for r in requests(loopback, CREATED)] == [429, 429, 200]
    assert len(loopback.events()) == 1


async def test_a_restored_meetup_is_back_in_the_events_tab_at_its_time(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    tammy = loopback.member("Tammy")
    await create(loopback, when="Dec 12 10am", duration=120)
    [event] = await mirrored(loopback, 1)
    await cached(keitora, event)
    await loopback.slash("meetup cancel", meetup="1", actor=tammy)
    await mirrored(loopback, 0, "the cancelled meetup's event to go")
    await echoed_away(keitora, event)

    await loopback.slash("meetup restore", meetup="1", actor=tammy)

    [again] = await mirrored(loopback, 1, "the restored meetup's event")
    start = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)
    made = bodies(loopback, CREATED)
    assert len(made) == 2
    assert again["id"] != event["id"]
    assert (made[1]["name"], made[1]["scheduled_start_time"], made[1]["scheduled_end_time"]) == (
        "Kei Truck Day",
        at(start),
        at(start + timedelta(hours=2)),
    )
    await settle(keitora)
    assert loopback.dms(tammy) == []  # its own deletion and creation are no one's edits


async def test_a_series_date_restored_is_shown_again_in_place_of_the_one_after(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    tammy = loopback.member("Tammy")
    await create(loopback, when="sat 10am", repeat="weekly")
    saturdays = [datetime(2026, 12, 5 + 7 * n, 17, 0, tzinfo=UTC) for n in range(2)]
    [event] = await mirrored(loopback, 1)
    await cached(keitora, event)
    first = str(unix(saturdays[0]))
    await loopback.slash("meetup cancel", meetup="1", occurrence=first, actor=tammy)
    await loopback.wait_until(
        lambda: [e["scheduled_start_time"] for e in loopback.events()] == [at(saturdays[1])],
        what="the next Saturday in the Events tab",
    )
    await echoed_away(keitora, event)

    await loopback.slash("meetup restore", meetup="1", occurrence=first, actor=tammy)

    await loopback.wait_until(
        lambda: [e["scheduled_start_time"] for e in loopback.events()] == [at(saturdays[0])],
        what="the restored Saturday in the Events tab",
    )
    assert bodies(loopback, CREATED)[-1]["scheduled_start_time"] == at(saturdays[0])


async def test_a_series_re_timed_from_its_next_date_on_keeps_its_event_at_the_new_time(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Members who pressed "Interested" keep it: the event is edited, not made anew.
    await meetups_channel(loopback)
    tammy = loopback.member("Tammy")
    await create(loopback, when="sat 1pm", repeat="weekly")
    [event] = await mirrored(loopback, 1)
    await cached(keitora, event)

    retimed = await loopback.slash(
        "meetup edit", meetup="1", when="10am", dates="every", actor=tammy
    )
    assert retimed.ephemeral, retimed.text
    await settle(keitora)
    ten = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
    await loopback.wait_until(
        lambda: [e["scheduled_start_time"] for e in loopback.events()] == [at(ten)],
        what="the Saturday at 10am in the Events tab",
    )
    assert [e["id"] for e in loopback.events()] == [event["id"]]
    assert requests(loopback, DELETED) == []
    assert len(bodies(loopback, CREATED)) == 1
    # The card's link comes in an edit of its own once the card is out, or in the re-timing's
    # edit when the card was slow: only the times are this edit's to check.
    times = ("scheduled_start_time", "scheduled_end_time")
    assert [
        {field: body[field] for field in times}
        for body in bodies(loopback, EDITED)
        if "scheduled_start_time" in body
    ] == [{"scheduled_start_time": at(ten), "scheduled_end_time": at(ten + timedelta(hours=3))}]

    # The date shown rolls on at its new end, to the next Saturday at 10am.
    keitora.clock.set(ten + timedelta(hours=3))
    await settle(keitora)
    [rolled] = loopback.events()
    assert rolled["scheduled_start_time"] == at(ten + timedelta(weeks=1))
    await settle(keitora)
    assert loopback.dms(tammy) == []  # its own edit echoed back is no one's edit


async def test_the_event_links_to_the_meetups_card_it_tells_members_to_answer_on(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    async with cards_out_first(keitora, loopback):
        await create(loopback, description="Bring chairs")
    [event] = await mirrored(loopback, 1)
    [card] = cards(loopback)
    link = card_address(loopback, card)
    [sent] = bodies(loopback, CREATED)
    assert sent["description"] == f"Bring chairs\n\n{not_an_rsvp(link)}\n{MARKER.format(1)}"
    assert event["description"] == sent["description"]


async def test_discord_runs_an_event_under_way_and_the_bot_only_follows_the_meetup(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Discord's docs: an external event goes active at its start and completes at its end by
    # itself; the bot sends no status, and still renames an event under way.
    await meetups_channel(loopback)
    await create(loopback, when="Dec 12 10am", duration=120)
    [event] = await mirrored(loopback, 1)
    await settle(keitora)  # the event linked to the card once it is out
    linked = len(bodies(loopback, EDITED))
    start = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)

    keitora.clock.set(start + timedelta(minutes=30))
    await loopback.slash(
        "meetup edit", meetup="1", title="Kei Truck Day, on now", actor=loopback.member("Tammy")
    )
    await loopback.wait_until(
        lambda: len(bodies(loopback, EDITED)) == linked + 1, what="the renaming"
    )
    assert bodies(loopback, EDITED)[linked:] == [{"name": "Kei Truck Day, on now"}]
    [under_way] = loopback.events()
    assert under_way["status"] == 2  # active
    await settle(keitora)

    keitora.clock.set(start + timedelta(hours=2))
    await settle(keitora)
    assert loopback.events() == []
    assert requests(loopback, DELETED)[0].path.endswith(f"/scheduled-events/{event['id']}")
    assert all(
        "status" not in body for body in bodies(loopback, CREATED) + bodies(loopback, EDITED)
    )
    assert loopback.dms(loopback.member("Tammy")) == []  # Discord's own status moves are no edits
