"""Renaming a channel or thread: Discord allows two renames of one channel in ten minutes and
answers the next PATCH carrying a `name` with a 429 until the oldest rename is ten minutes old,
changing nothing it carried; PATCHes without a name are not held back."""

# ruff: noqa: F811 - the fixture imported below is named again as the tests' parameter

from __future__ import annotations

from datetime import timedelta
from typing import Any

import aiohttp
import pytest

from bot.clock import ManualClock
from sandbox import Loopback
from sandbox.state import Permission

# A session that calls the loopback as the bot; taking `clock` puts the loopback on it.
from .test_loopback_publish import session  # noqa: F401


async def a_thread(session: aiohttp.ClientSession, loopback: Loopback) -> str:
    general = loopback.channel("general").id
    base = f"{loopback.api_base}/channels/{general}"
    async with session.post(f"{base}/messages", json={"content": "Camper Carry"}) as answer:
        message = (await answer.json())["id"]
    async with session.post(
        f"{base}/messages/{message}/threads", json={"name": "Camper Carry"}
    ) as answer:
        assert answer.status == 201
        return str((await answer.json())["id"])


async def patch(
    session: aiohttp.ClientSession, loopback: Loopback, channel_id: str, body: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    async with session.patch(f"{loopback.api_base}/channels/{channel_id}", json=body) as answer:
        return answer.status, await answer.json()


async def test_the_third_rename_in_ten_minutes_waits_until_the_first_is_ten_minutes_old(
    loopback: Loopback, session: aiohttp.ClientSession, clock: ManualClock
) -> None:
    thread = await a_thread(session, loopback)
    for name in ("Camper Carry v2", "Camper Carry v3"):
        status, renamed = await patch(session, loopback, thread, {"name": name})
        assert (status, renamed["name"]) == (200, name)
        clock.advance(timedelta(minutes=3))

    status, body = await patch(
        session, loopback, thread, {"name": "Camper Carry v4", "archived": True}
    )
    assert status == 429
    assert body["retry_after"] == pytest.approx(4 * 60)
    kept = loopback.world.channels[thread]
    assert kept["name"] == "Camper Carry v3"  # nothing the refused PATCH carried was applied
    assert kept["thread_metadata"]["archived"] is False

    # Archiving, reopening and tagging do not rename: they are not held back.
    status, _ = await patch(session, loopback, thread, {"archived": True})
    assert status == 200
    status, _ = await patch(session, loopback, thread, {"archived": False})
    assert status == 200

    clock.advance(timedelta(minutes=4))
    status, renamed = await patch(session, loopback, thread, {"name": "Camper Carry v4"})
    assert (status, renamed["name"]) == (200, "Camper Carry v4")


async def test_each_channel_has_its_own_two_renames(
    loopback: Loopback, session: aiohttp.ClientSession, clock: ManualClock
) -> None:
    # `clock` holds the loopback's time still, so the wait it asks is exactly ten minutes.
    first, second = await a_thread(session, loopback), await a_thread(session, loopback)
    for name in ("one", "two"):
        assert (await patch(session, loopback, first, {"name": name}))[0] == 200
    assert (await patch(session, loopback, first, {"name": "three"}))[0] == 429
    assert (await patch(session, loopback, second, {"name": "one"}))[0] == 200

    assert loopback.guild is not None
    role = next(r for r in loopback.guild.roles.values() if r["managed"])
    role["permissions"] = str(int(role["permissions"]) | Permission.MANAGE_CHANNELS)
    general = loopback.channel("general").id
    for name in ("chat", "talk"):
        assert (await patch(session, loopback, general, {"name": name}))[0] == 200
    status, body = await patch(session, loopback, general, {"name": "natter"})
    assert status == 429
    assert body["retry_after"] == pytest.approx(10 * 60)
