"""Lines a newcomer types by mistake, or to see what breaks: each gets an answer in words, never
an internal error, and nothing is sent that Discord's client would not have sent."""

from __future__ import annotations

import pytest

from sandbox.console import Console

from .conftest import says


@pytest.mark.parametrize("blank", ['""', '" "', "''"])
async def test_a_blank_label_presses_nothing(console: Console, blank: str) -> None:
    await says(console, "/build start title:Precious truck:1995 Honda Acty")
    await says(console, "/privacy forget")

    assert not await console.run(f"click {blank}")

    assert console.last_output.startswith("✗ Say what to click")
    assert "#Precious" in await says(console, "messages #builds")
