"""Discord's nonce de-duplication of message creates, which exactly-once sends rely on.

A create with a `nonce` and `enforce_nonce: true`, repeated by the same author in the same channel
within a few minutes, answers with the first message and creates (and dispatches) nothing new.
discord.py sends `enforce_nonce: true` whenever `send` is given a `nonce`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import discord
import pytest

from bot.clock import ManualClock
from sandbox import Loopback

from .conftest import ProbeBot, running_bot

MESSAGES = "/channels/{channel_id}/messages"


def _channel(bot: ProbeBot, loopback: Loopback, name: str) -> discord.TextChannel:
    return bot.get_channel(int(loopback.channel(name).id))  # type: ignore[return-value]


def _created(loopback: Loopback) -> list[str]:
    """Ids of the messages the loopback dispatched as MESSAGE_CREATE, in order."""
    return [data["id"] for event, data in loopback.dispatched if event == "MESSAGE_CREATE"]


async def test_a_repeated_enforced_nonce_answers_with_the_first_message(
    loopback: Loopback, bot: ProbeBot
) -> None:
    general = _channel(bot, loopback, "general")

    first = await general.send("Word of the day: shaken", nonce="job-17")
    again = await general.send("Word of the day: shaken", nonce="job-17")

    assert again.id == first.id
    assert [m.id for m in loopback.messages("general")] == [str(first.id)]
    assert _created(loopback) == [str(first.id)]
    sent = [r for r in loopback.requests if (r.method, r.template) == ("POST", MESSAGES)]
    assert [(r.status, r.request["nonce"], r.request["enforce_nonce"]) for r in sent] == [
        (200, "job-17", True),
        (200, "job-17", True),
    ]
    assert sent[1].response["id"] == str(first.id)
    assert sent[1].response["nonce"] == "job-17"


async def test_the_nonce_reaches_the_sender_but_is_not_kept_on_the_message(
    loopback: Loopback, bot: ProbeBot
) -> None:
    sent = await _channel(bot, loopback, "general").send("Meetup Saturday", nonce="job-18")

    assert sent.nonce == "job-18"
    assert [data.get("nonce") for event, data in loopback.dispatched if event == "MESSAGE_CREATE"]
    assert "nonce" not in loopback.messages("general")[0].raw


async def test_another_channel_or_no_enforce_nonce_makes_a_new_message(
    loopback: Loopback, bot: ProbeBot
) -> None:
    general, glossary = _channel(bot, loopback, "general"), _channel(bot, loopback, "glossary")
    here = await general.send("shaken", nonce="job-19")
    there = await glossary.send("shaken", nonce="job-19")
    unenforced = discord.http.MultipartParameters(
        {"content": "shaken", "nonce": "job-19"}, None, None
    )
    plain = await bot.http.send_message(general.id, params=unenforced)

    assert len({here.id, there.id, int(plain["id"])}) == 3
    assert len(loopback.messages("general")) == 2
    assert len(_created(loopback)) == 3


async def test_a_retry_after_the_message_was_deleted_is_unknown_message(
    loopback: Loopback, bot: ProbeBot
) -> None:
    general = _channel(bot, loopback, "general")
    sent = await general.send("Reminder", nonce="job-20")
    await sent.delete()

    with pytest.raises(discord.NotFound) as retried:
        await general.send("Reminder", nonce="job-20")

    assert retried.value.code == 10008
    assert loopback.messages("general") == []


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
async def timed(discord_spec: Path | None, clock: ManualClock) -> AsyncIterator[Loopback]:
    async with Loopback(spec=discord_spec, clock=clock.now, nonce_window=120.0) as discord_:
        yield discord_


@pytest.mark.parametrize(
    ("later", "same"), [(timedelta(seconds=120), True), (timedelta(seconds=121), False)]
)
async def test_a_nonce_is_remembered_for_the_window_only(
    timed: Loopback, clock: ManualClock, later: timedelta, same: bool
) -> None:
    async with running_bot(timed) as bot:
        general = _channel(bot, timed, "general")
        first = await general.send("Kei Truck Day", nonce="job-21")
        clock.advance(later)
        again = await general.send("Kei Truck Day", nonce="job-21")

    assert (again.id == first.id) is same
    assert len(timed.messages("general")) == (1 if same else 2)
