"""Discord's permission splits of 23 February 2026: pinning and unpinning take Pin Messages
(Manage Messages no longer does), and creating a scheduled event takes Create Events (Manage
Events no longer does; it still changes and deletes any event). The loopback holds the bot to
them with `Options.permission_splits`, on unless a test turns it off; without it, the old
permission still serves."""

from __future__ import annotations

from dataclasses import replace

from sandbox import Loopback
from sandbox.state import Guild, Permission

from .conftest import RestCall
from .test_loopback_events import _external, _soon


def _guild(loopback: Loopback) -> Guild:
    assert loopback.guild is not None
    return loopback.guild


async def _before_the_split(loopback: Loopback) -> None:
    """A server as Discord had it before the split, granting the old invite's permissions."""
    loopback.core.options = replace(loopback.core.options, permission_splits=False)
    await _grant(loopback, Permission.OLD_BOT)


def _split(loopback: Loopback) -> None:
    loopback.core.options = replace(loopback.core.options, permission_splits=True)


async def _grant(loopback: Loopback, permissions: int) -> None:
    await loopback.set_permissions(_guild(loopback).role("Keitora"), permissions)


async def test_pinning_takes_pin_messages_once_split(loopback: Loopback, rest: RestCall) -> None:
    await _before_the_split(loopback)
    showcase = loopback.channel("showcase").id
    status, posted = await rest("POST", f"/channels/{showcase}/messages", {"content": "Carry"})
    pin = f"/channels/{showcase}/messages/pins/{posted['id']}"
    assert (await rest("PUT", pin))[0] == 204  # before the split, Manage Messages pins
    _split(loopback)

    status, refused = await rest("DELETE", pin)
    assert (status, refused["code"]) == (403, 50013)
    status, refused = await rest("PUT", f"/channels/{showcase}/pins/{posted['id']}")
    assert (status, refused["code"]) == (403, 50013)
    await _grant(loopback, Permission.BOT)  # the invite since: Pin Messages
    assert (await rest("DELETE", pin))[0] == 204
    assert [m.pinned for m in loopback.messages("showcase")] == [False]


async def test_creating_an_event_takes_create_events_once_split(
    loopback: Loopback, rest: RestCall
) -> None:
    await _before_the_split(loopback)
    events = f"/guilds/{_guild(loopback).id}/scheduled-events"
    status, made = await rest("POST", events, _external(_soon()))
    assert status == 200  # before the split, Manage Events creates
    _split(loopback)

    status, refused = await rest("POST", events, _external(_soon()))
    assert (status, refused["code"]) == (403, 50013)
    status, _ = await rest("PATCH", f"{events}/{made['id']}", {"name": "Kei Truck Day!"})
    assert status == 200  # Manage Events still changes any event
    await _grant(loopback, Permission.BOT)  # the invite since: Create Events
    status, _ = await rest("POST", events, _external(_soon()))
    assert status == 200
    assert [e["name"] for e in loopback.events()] == ["Kei Truck Day!", "Kei Truck Day"]


def test_the_split_is_discords_rule_unless_a_test_says_otherwise(loopback: Loopback) -> None:
    assert loopback.core.options.permission_splits
