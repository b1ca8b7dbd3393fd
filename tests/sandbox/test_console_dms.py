"""`dms` shows a member's DMs only to that member, as Discord does."""

from __future__ import annotations

from sandbox.console import Console

from .conftest import says


async def test_someone_elses_dms_are_refused_with_how_to_read_them(console: Console) -> None:
    assert not await console.run("dms Dale")
    assert console.last_output == ("✗ Mika can read only their own DMs, as on Discord: as Dale dms")
    assert not await console.run("as Marcus dms Mika")
    assert console.last_output == (
        "✗ Marcus can read only their own DMs, as on Discord: as Mika dms"
    )


async def test_ones_own_dms_are_shown_as_whoever_one_acts_as(console: Console) -> None:
    assert "(no DMs)" in await says(console, "dms Mika")
    assert "(no DMs)" in await says(console, "as Dale dms Dale")
    await says(console, "as Dale")
    assert "(no DMs)" in await says(console, 'dms "Dale"')


async def test_a_member_is_named_in_any_case(console: Console) -> None:
    assert "You are Dale now" in await says(console, "as DALE")
    assert "(no DMs)" in await says(console, "dms dALE")
