"""A new meetup's card whose send Discord did not answer (a 5xx, a timeout) may be out: the
meetup is kept, and the card is sent again with the same nonce, which Discord answers with the
card it took, if it took one, so there is never a second. Only a refusal cancels the meetup."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import discord
import pytest

from sandbox import Loopback, Message

from .conftest import MEETUP_WEEK, RunningBot
from .test_meetups import POST, card_edits, cards, create, meetups_channel, requests

pytestmark = pytest.mark.clock(MEETUP_WEEK)


def unanswered(taken: bool, times: int, error: str) -> Any:
    """A card send that fails unanswered `times` times, Discord taking the card or not."""
    send = discord.TextChannel.send
    failures = [times]

    async def failing(channel: discord.TextChannel, *args: Any, **kwargs: Any) -> Any:
        if failures[0] == 0:
            return await send(channel, *args, **kwargs)
        failures[0] -= 1
        if taken:
            await send(channel, *args, **kwargs)
        if error == "timeout":
            raise TimeoutError
        raise discord.DiscordServerError(SimpleNamespace(status=503, reason="x"), "timed out")

    return failing


def card_sends(loopback: Loopback) -> list[Any]:
    return [r.request for r in requests(loopback, POST) if r.request.get("embeds")]


@pytest.mark.parametrize("error", ["503", "timeout"])
@pytest.mark.parametrize("taken", [True, False])
async def test_a_card_send_left_unanswered_is_sent_again_with_its_nonce(
    keitora: RunningBot,
    loopback: Loopback,
    monkeypatch: pytest.MonkeyPatch,
    taken: bool,
    error: str,
) -> None:
    await meetups_channel(loopback)
    monkeypatch.setattr(discord.TextChannel, "send", unanswered(taken, 1, error))

    reply = await create(loopback)

    assert reply.text.startswith("Posted “Kei Truck Day” (meetup #1)"), reply.text
    sent = card_sends(loopback)
    assert len(sent) == (2 if taken else 1)  # one only when the first never reached Discord
    assert {(body["nonce"], body["enforce_nonce"]) for body in sent} == {("meetup-card-1", True)}
    [card] = cards(loopback)  # Discord answered the second send with the card it took
    meetups = keitora.bot.services.meetups
    meetup = await meetups.get(int(loopback.guild.id), 1)
    assert meetup.cancelled_at is None
    assert meetup.message_id == int(card.id)


async def test_a_card_send_never_answered_keeps_the_meetup_and_says_so(
    keitora: RunningBot, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    channel = await meetups_channel(loopback)
    monkeypatch.setattr(discord.TextChannel, "send", unanswered(True, 2, "503"))

    reply = await create(loopback)

    assert reply.ephemeral
    assert reply.text.startswith(
        f"Discord did not confirm the card of “Kei Truck Day” (meetup #1) in <#{channel.id}>."
    ), reply.text
    [card] = cards(loopback)  # out, with its buttons: the meetup it answers for stays
    meetups = keitora.bot.services.meetups
    assert (await meetups.get(int(loopback.guild.id), 1)).cancelled_at is None
    clicked = await loopback.click(card, "Going", actor=loopback.member("Mika"))
    assert "going" in clicked.text.casefold(), clicked.text


async def unconfirmed_card(
    keitora: RunningBot, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> Message:
    """A new meetup's card Discord took, though its send went unanswered twice: not recorded."""
    await meetups_channel(loopback)
    monkeypatch.setattr(discord.TextChannel, "send", unanswered(True, 2, "503"))
    await create(loopback)
    [card] = cards(loopback)
    assert (await keitora.bot.services.meetups.get(int(loopback.guild.id), 1)).message_id is None
    return card


async def test_a_click_on_a_card_never_confirmed_records_it_so_edits_reach_it(
    keitora: RunningBot, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = await unconfirmed_card(keitora, loopback, monkeypatch)
    meetups = keitora.bot.services.meetups

    await loopback.click(card, "Going", actor=loopback.member("Mika"))

    def threads() -> list[Any]:
        return [r for r in loopback.requests if r.path.endswith(f"/messages/{card.id}/threads")]

    # The thread starts after the member's answer, which must not wait for it.
    await loopback.wait_until(lambda: bool(threads()), within=10, what="the card's thread")
    meetup = await meetups.get(int(loopback.guild.id), 1)
    assert (meetup.channel_id, meetup.message_id) == (int(card.channel_id), int(card.id))
    await loopback.slash(
        "meetup edit", meetup="1", title="Kei Truck Day II", actor=loopback.member("Tammy")
    )

    def retitled() -> bool:
        bodies = [r.request for r in card_edits(loopback, card)]
        return any(body["embeds"][0]["title"] == "Kei Truck Day II" for body in bodies)

    await loopback.wait_until(retitled, within=10, what="the card's edit to the new title")
    # Started on the card as a confirmed post does, once: later clicks take nothing.
    await loopback.click(card, "Maybe", actor=loopback.member("Mika"))
    assert len(threads()) == 1
    assert (await meetups.get(int(loopback.guild.id), 1)).thread_id is not None


async def test_a_guests_and_truck_click_on_a_card_never_confirmed_records_it(
    keitora: RunningBot, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = await unconfirmed_card(keitora, loopback, monkeypatch)
    meetups = keitora.bot.services.meetups
    mika = loopback.member("Mika")

    form = await loopback.click(card, "Guests & truck", actor=mika)

    assert form.modal is not None, form.text  # the form opens first, not after the thread
    await loopback.wait_until(
        lambda: any(r.path.endswith(f"/messages/{card.id}/threads") for r in loopback.requests),
        within=10,
        what="the card's thread",
    )
    meetup = await meetups.get(int(loopback.guild.id), 1)
    assert (meetup.channel_id, meetup.message_id) == (int(card.channel_id), int(card.id))
    party = await loopback.submit_modal(form, {"guests": "1", "truck": ""}, actor=mika)
    assert party.content.endswith(" with 1 guest."), party.content
