"""Scheduled events in the Events tab: Discord's rules, its 100-event cap, permissions, and the
gateway events the bot receives when it or a member changes one."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import discord
import pytest

from sandbox import Loopback
from sandbox.api import ApiError
from sandbox.state import Permission

from .conftest import ProbeBot

EVENT_TYPES = ("GUILD_SCHEDULED_EVENT_CREATE", "GUILD_SCHEDULED_EVENT_UPDATE")


def _external(start: datetime, **changes: Any) -> dict[str, Any]:
    return {
        "name": "Kei Truck Day",
        "description": "Bring your truck",
        "scheduled_start_time": start.isoformat(),
        "scheduled_end_time": (start + timedelta(hours=3)).isoformat(),
        "privacy_level": 2,
        "entity_type": 3,
        "entity_metadata": {"location": "Moab, UT"},
        **changes,
    }


def _soon() -> datetime:
    return datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)


async def _refused(call: Any) -> tuple[int, int]:
    with pytest.raises(discord.HTTPException) as refused:
        await call
    return refused.value.status, refused.value.code


async def test_an_external_event_is_created_listed_edited_and_deleted_with_dispatches(
    loopback: Loopback, bot: ProbeBot
) -> None:
    guild_id = loopback.guild.id
    start = _soon()

    created = await bot.http.create_guild_scheduled_event(guild_id, **_external(start))
    edited = await bot.http.edit_scheduled_event(
        guild_id, created["id"], entity_metadata={"location": "Fort Collins, CO"}
    )
    listed = await bot.http.get_scheduled_events(guild_id, False)
    fetched = await bot.http.get_scheduled_event(guild_id, created["id"], False)
    await bot.http.delete_scheduled_event(guild_id, created["id"])

    assert (created["status"], created["entity_type"], created["privacy_level"]) == (1, 3, 2)
    assert created["creator_id"] == loopback.bot.id
    assert datetime.fromisoformat(created["scheduled_start_time"]) == start
    assert edited["entity_metadata"] == {"location": "Fort Collins, CO"}
    assert [e["id"] for e in listed] == [created["id"]] == [fetched["id"]]
    assert [name for name, _ in loopback.dispatched if "SCHEDULED_EVENT" in name] == [
        *EVENT_TYPES,
        "GUILD_SCHEDULED_EVENT_DELETE",
    ]
    assert loopback.events() == []


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"entity_metadata": {}}, "no location"),
        ({"scheduled_end_time": None}, "no end"),
        ({"name": ""}, "an empty name"),
        ({"privacy_level": 1}, "a public event"),
    ],
)
async def test_an_external_event_without_what_discord_requires_is_refused(
    loopback: Loopback, bot: ProbeBot, changes: dict[str, Any], why: str
) -> None:
    # The spec does not express these rules; the loopback refuses them even when it is told
    # not to check requests against the spec, as Discord itself would.
    loopback.core.options = replace(loopback.core.options, reject_invalid=False)
    call = bot.http.create_guild_scheduled_event(loopback.guild.id, **_external(_soon(), **changes))
    assert await _refused(call) == (400, 50035), why
    assert loopback.events() == []
    loopback.core.violations.clear()


async def test_an_event_may_not_start_in_the_past_nor_run_over_the_limits(
    loopback: Loopback, bot: ProbeBot
) -> None:
    guild_id = loopback.guild.id
    past = datetime.now(UTC) - timedelta(minutes=1)

    assert await _refused(bot.http.create_guild_scheduled_event(guild_id, **_external(past))) == (
        400,
        50035,
    )
    event = await bot.http.create_guild_scheduled_event(guild_id, **_external(_soon()))
    moved_back = bot.http.edit_scheduled_event(
        guild_id,
        event["id"],
        scheduled_start_time=past.isoformat(),
        scheduled_end_time=(past + timedelta(hours=1)).isoformat(),
    )
    assert await _refused(moved_back) == (400, 50035)
    loopback.core.options = replace(loopback.core.options, reject_invalid=False)
    too_long = bot.http.edit_scheduled_event(guild_id, event["id"], description="x" * 1001)
    assert await _refused(too_long) == (400, 50035)
    loopback.core.violations.clear()
    assert loopback.events()[0]["description"] == "Bring your truck"


async def test_a_server_holds_at_most_100_scheduled_events(
    loopback: Loopback, bot: ProbeBot
) -> None:
    guild_id = loopback.guild.id
    start = _soon()
    made = [
        await bot.http.create_guild_scheduled_event(
            guild_id, **_external(start + timedelta(hours=n), name=f"Meetup {n}")
        )
        for n in range(100)
    ]

    full = bot.http.create_guild_scheduled_event(guild_id, **_external(start, name="One more"))
    assert await _refused(full) == (400, 30038)
    await bot.http.delete_scheduled_event(guild_id, made[0]["id"])
    await bot.http.create_guild_scheduled_event(guild_id, **_external(start, name="One more"))

    assert len(loopback.events()) == 100
    assert loopback.events()[-1]["name"] == "One more"


async def test_without_create_or_manage_events_the_bot_is_refused_with_50013(
    loopback: Loopback, bot: ProbeBot
) -> None:
    guild_id = loopback.guild.id
    event = await bot.http.create_guild_scheduled_event(guild_id, **_external(_soon()))
    bot_role = loopback.guild.role("Keitora")
    await loopback.set_permissions(bot_role, Permission.BOT & ~Permission.CREATE_EVENTS)

    create = bot.http.create_guild_scheduled_event(guild_id, **_external(_soon()))
    edit = bot.http.edit_scheduled_event(guild_id, event["id"], name="Moved")
    delete = bot.http.delete_scheduled_event(guild_id, event["id"])

    assert [await _refused(c) for c in (create, edit, delete)] == [(403, 50013)] * 3
    assert [e["name"] for e in loopback.events()] == ["Kei Truck Day"]


async def test_create_events_lets_the_bot_change_only_its_own_events(
    loopback: Loopback, bot: ProbeBot
) -> None:
    guild_id = loopback.guild.id
    akiko = loopback.member("Akiko")  # the owner: every permission
    mine = await bot.http.create_guild_scheduled_event(guild_id, **_external(_soon()))
    theirs = await bot.http.create_guild_scheduled_event(guild_id, **_external(_soon()))
    loopback.guild.events[theirs["id"]]["creator_id"] = akiko.id
    assert not Permission.BOT & Permission.MANAGE_EVENTS  # the invite asks Create Events only

    await bot.http.edit_scheduled_event(guild_id, mine["id"], name="Still mine")
    refused = await _refused(bot.http.edit_scheduled_event(guild_id, theirs["id"], name="No"))

    assert refused == (403, 50013)
    assert [e["name"] for e in loopback.events()] == ["Still mine", "Kei Truck Day"]


async def test_a_member_with_manage_events_edits_an_event_and_the_bot_sees_the_update(
    loopback: Loopback, bot: ProbeBot
) -> None:
    guild_id = loopback.guild.id
    event = await bot.http.create_guild_scheduled_event(guild_id, **_external(_soon()))
    guild = bot.get_guild(int(guild_id))
    assert guild is not None
    for _ in range(500):  # discord.py reports updates only of events it cached on create
        if guild.get_scheduled_event(int(event["id"])) is not None:
            break
        await asyncio.sleep(0.01)
    seen = asyncio.create_task(bot.wait_for("scheduled_event_update", timeout=5))

    await loopback.edit_event(
        event["id"],
        actor=loopback.member("Akiko"),
        entity_metadata={"location": "Fort Collins, CO"},
    )
    before, after = await seen
    with pytest.raises(ApiError) as refused:
        await loopback.edit_event(event["id"], actor=loopback.member("Mika"), name="Mine now")
    with pytest.raises(ApiError) as refused_delete:
        await loopback.delete_event(event["id"], actor=loopback.member("Mika"))
    deleted = asyncio.create_task(bot.wait_for("scheduled_event_delete", timeout=5))
    await loopback.delete_event(event["id"], actor=loopback.member("Akiko"))

    assert (before.location, after.location) == ("Moab, UT", "Fort Collins, CO")
    assert (refused.value.status, refused.value.code) == (403, 50013)
    assert refused_delete.value.code == 50013
    assert (await deleted).id == int(event["id"])
    assert loopback.events() == []
