"""A ballot's message whose send Discord did not answer (a 5xx, a timeout) may be out, as a
feature's post may: the ballot is kept, a click on its message records it, and a new ballot
looks for it first once no command could still be sending it. Only a refusal gives it back at
once. Votes on a ballot a stop left unrecorded count, and record it."""

from __future__ import annotations

import asyncio
import dataclasses
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from bot.clock import ManualClock
from bot.showcase.ballots import BallotService
from sandbox import Loopback
from sandbox.state import Permission

from .conftest import ErrorLog, RunningBot, eventually
from .test_showcase import BALLOT_DAY, POST, ballot_message, requests, setup_channels, start_builds
from .test_showcase_close_crash import ballot_edits
from .test_showcase_crash import HISTORY, PAST_THE_NONCE_AND_THE_CLAIM, Died
from .test_showcase_crash import loopback as loopback  # Discord's time is the bot's

# Ballots open in December 2026, the month their results name (in UTC: no zone is set).
pytestmark = pytest.mark.clock(BALLOT_DAY)

FOLLOW_UP = ("POST", "/webhooks/{webhook_id}/{webhook_token}")
CALLBACK = ("POST", "/interactions/{interaction_id}/{interaction_token}/callback")


def ballots_sent(loopback: Loopback) -> list[str]:
    """The ids of the ballot messages Discord took."""
    return [
        str(r.response["id"])
        for r in requests(loopback, POST)
        if r.status == 200 and r.request.get("components")
    ]


async def two_builds(loopback: Loopback) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")


async def start(loopback: Loopback) -> str:
    reply = await loopback.slash(
        "showcase-mod vote start", candidates="1, 2", actor=loopback.member("Marcus")
    )
    return reply.text


async def closed_by_marcus(loopback: Loopback) -> str:
    closed = await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    return closed.text


async def test_a_ballot_discord_took_but_answered_with_a_5xx_is_kept_and_counts_votes(
    keitora: RunningBot, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    await two_builds(loopback)
    send = discord.TextChannel.send

    async def taken_then_503(channel: discord.TextChannel, *args: Any, **kwargs: Any) -> Any:
        await send(channel, *args, **kwargs)  # Discord takes the ballot ...
        answer = SimpleNamespace(status=503, reason="Service Unavailable")
        raise discord.DiscordServerError(answer, "upstream timed out")  # ... and fails the answer

    monkeypatch.setattr(discord.TextChannel, "send", taken_then_503)
    unconfirmed = await start(loopback)
    monkeypatch.undo()
    showcase = loopback.channel("showcase")
    assert unconfirmed.startswith(
        f"Discord did not confirm the ballot's message in <#{showcase.id}>. If it shows there, "
        "the ballot is open and members can vote on it"
    ), unconfirmed
    ballot = await ballot_message(loopback)

    voted = await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Rosa"))
    assert voted.text.startswith("Your vote is for #2 Build 2."), voted.text

    closed = await closed_by_marcus(loopback)
    assert "The Build of the Month for December 2026 is **#2 Build 2**!" in closed
    assert requests(loopback, HISTORY) == []  # the click recorded it: nothing to look for
    shut = ballot_edits(loopback, ballot.id)[-1]
    assert shut["embeds"][0]["title"] == "Build of the Month: voting closed"  # type: ignore[index]
    assert ballots_sent(loopback) == [ballot.id]


async def test_a_click_records_a_ballot_a_stop_left_unrecorded(
    keitora: RunningBot, loopback: Loopback, monkeypatch: pytest.MonkeyPatch, error_log: ErrorLog
) -> None:
    await two_builds(loopback)

    async def died(*_: object) -> None:
        raise Died

    monkeypatch.setattr(BallotService, "ballot_posted", died)
    await start(loopback)
    monkeypatch.undo()
    error_log.records.clear()
    await keitora.restart()
    ballot = await ballot_message(loopback)

    voted = await loopback.click(ballot, "#1 Build 1", actor=loopback.member("Rosa"))
    assert voted.text.startswith("Your vote is for #1 Build 1."), voted.text
    message_id = await keitora.store.fetchval("SELECT message_id FROM showcase_ballots")
    assert message_id == int(ballot.id)

    closed = await closed_by_marcus(loopback)
    assert "The Build of the Month for December 2026 is **#1 Build 1**!" in closed
    assert requests(loopback, HISTORY) == []


async def test_a_ballot_whose_send_discord_failed_waits_then_gives_way_to_a_new_one(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    await two_builds(loopback)
    loopback.faults.server_error(*POST, status=503)  # nothing posted, as far as anyone knows
    showcase = loopback.channel("showcase")
    unconfirmed = await start(loopback)
    assert unconfirmed.startswith(
        f"Discord did not confirm the ballot's message in <#{showcase.id}>."
    ), unconfirmed
    assert ballots_sent(loopback) == []

    soon = await start(loopback)
    assert soon.startswith(
        f"A ballot is open already, but Discord did not confirm its message in <#{showcase.id}>."
    ), soon
    assert requests(loopback, HISTORY) == []  # the first command could still be sending it

    clock.advance(PAST_THE_NONCE_AND_THE_CLAIM)
    later = await start(loopback)
    assert "The ballot is open" in later, later
    assert len(requests(loopback, HISTORY)) == 1  # looked for, and not there
    [sent] = ballots_sent(loopback)
    closed = await closed_by_marcus(loopback)
    assert closed.startswith(f"The ballot is closed; its result is on its way to <#{showcase.id}>")
    assert ballot_edits(loopback, sent)


async def test_a_ballot_discord_refuses_to_post_is_not_opened(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await two_builds(loopback)
    showcase = loopback.channel("showcase")
    guild = loopback.guild
    assert guild is not None
    keitora_role = guild.role("Keitora")
    # Taken in a channel update the bot has not heard of yet: only Discord's answer tells.
    guild.set_overwrite(showcase, keitora_role, deny=Permission.SEND_MESSAGES)

    refused = await start(loopback)
    assert refused == (
        f"I may not post in <#{showcase.id}>: I need to send messages and embed links there. "
        "No ballot was opened; a server admin can fix that, then try again."
    )

    guild.set_overwrite(showcase, keitora_role)
    assert "The ballot is open" in await start(loopback)


async def test_a_ballot_whose_command_failed_before_its_send_gives_way_at_once(
    keitora: RunningBot, loopback: Loopback, monkeypatch: pytest.MonkeyPatch, error_log: ErrorLog
) -> None:
    await two_builds(loopback)

    async def timed_out(*_: object, **__: object) -> None:
        raise TimeoutError  # Discord never answered the command's deferral

    monkeypatch.setattr(discord.InteractionResponse, "defer", timed_out)
    failed = await start(loopback)
    monkeypatch.undo()
    assert failed.startswith("Something went wrong on my side"), failed
    error_log.records.clear()
    assert ballots_sent(loopback) == []

    again = await start(loopback)
    assert again.startswith("The ballot is open: "), again  # not "try again in 15 minutes"
    assert requests(loopback, HISTORY) == []  # never sent: nothing to look for
    assert len(ballots_sent(loopback)) == 1


async def test_a_ballot_sent_unanswered_stays_open_though_the_moderator_cannot_be_told(
    keitora: RunningBot,
    loopback: Loopback,
    monkeypatch: pytest.MonkeyPatch,
    error_log: ErrorLog,
) -> None:
    await two_builds(loopback)
    send = discord.TextChannel.send

    async def taken_then_503(channel: discord.TextChannel, *args: Any, **kwargs: Any) -> Any:
        await send(channel, *args, **kwargs)
        answer = SimpleNamespace(status=503, reason="Service Unavailable")
        raise discord.DiscordServerError(answer, "upstream timed out")

    monkeypatch.setattr(discord.TextChannel, "send", taken_then_503)
    options = loopback.core.options
    # The send outlived the command's token: Discord refuses the follow-up that would say so.
    loopback.core.options = dataclasses.replace(options, token_lifetime=0.0)
    await start(loopback)
    await eventually(lambda: bool(error_log.records), "the refused follow-up logged")
    loopback.core.options = options
    monkeypatch.undo()
    error_log.records.clear()
    refused = [r.request["content"] for r in requests(loopback, FOLLOW_UP) if r.status == 401]
    assert refused[0].startswith("Discord did not confirm the ballot's message"), refused
    ballot = await ballot_message(loopback)

    voted = await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Rosa"))
    assert voted.text.startswith("Your vote is for #2 Build 2."), voted.text
    closed = await closed_by_marcus(loopback)
    assert "The Build of the Month for December 2026 is **#2 Build 2**!" in closed, closed


async def test_a_ballot_a_stop_left_before_its_send_gives_way_at_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await two_builds(loopback)
    guild_id = int(loopback.guild.id)
    marcus = int(loopback.member("Marcus").id)
    # Opened, then the bot stopped before it kept where the message would go.
    await keitora.bot.services.showcase.ballots.start_ballot(guild_id, marcus, "1, 2")
    await keitora.restart()

    opened = await start(loopback)
    assert opened.startswith("The ballot is open: "), opened  # not "try again in 15 minutes"
    assert requests(loopback, HISTORY) == []  # never sent: nothing to look for
    assert len(ballots_sent(loopback)) == 1


@pytest.mark.parametrize(
    "held_route",
    [
        CALLBACK,  # deferring its command: no channel kept yet, yet no stop's leftover
        POST,  # its message on its way
    ],
)
async def test_a_ballot_being_opened_says_another_moderator_is_at_it(
    keitora: RunningBot, loopback: Loopback, held_route: tuple[str, str]
) -> None:
    await two_builds(loopback)
    held = loopback.faults.hold(*held_route)
    first = asyncio.create_task(start(loopback))
    await asyncio.wait_for(held.arrived.wait(), 10)

    meanwhile = await start(loopback)
    assert meanwhile == "Another moderator is opening a ballot right now.", meanwhile
    held.release()
    assert (await first).startswith("The ballot is open: ")
    assert len(ballots_sent(loopback)) == 1
