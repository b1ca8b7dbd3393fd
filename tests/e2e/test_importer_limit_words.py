"""The importers' daily limit reads the same wherever it is shown: "in 24 hours", as it is
counted (the last 24 hours), never "a day". Asserted on what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_core import field_value
from .test_setup import settings_shown


async def test_setup_show_gives_the_limit_in_24_hours(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await loopback.slash("setup importers", daily=4, actor=loopback.member("Akiko"))

    shown = await settings_shown(loopback)

    assert field_value(shown, "Importer announcements") == "4 in 24 hours each"
