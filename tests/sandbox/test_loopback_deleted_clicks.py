"""A deleted message is gone from every client, so no one can click its buttons or pick in its
menus: a click on one is a test-authoring mistake the loopback refuses (an ephemeral answer the
bot deleted: tests/sandbox/test_loopback_ephemeral_clicks.py)."""

from __future__ import annotations

import pytest

from sandbox import InvocationError, Loopback

from .conftest import ProbeBot


async def test_a_click_on_a_deleted_message_is_refused(loopback: Loopback, bot: ProbeBot) -> None:
    mika = loopback.member("Mika")
    card = await loopback.slash("pick", actor=mika)
    shown = loopback.messages("general")[-1]
    await loopback.delete_message(shown)
    sent = len(loopback.dispatched)

    with pytest.raises(InvocationError, match=f"message {shown.id} was deleted"):
        await loopback.click(shown, "Confirm", actor=mika)
    with pytest.raises(InvocationError, match="was deleted"):
        await loopback.click(card, "Bed size", actor=mika, values=["long"])
    assert len(loopback.dispatched) == sent  # the bot never heard of either
