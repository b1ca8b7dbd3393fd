"""Empty lists of builds, through the loopback: with nothing filtered, and in a member's own
garage, they say how to start one, not that nothing matches a filter never given; another
member's garage, and a filter nothing meets, say so."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import builds_channel

START = "No builds yet: start one with `/build start`."


async def test_an_empty_build_list_says_how_to_start_one(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    listed = await loopback.slash("build list")
    [embed] = listed.embeds
    assert embed["description"] == START
    assert "footer" not in embed  # no "Page 1 of 1 · 0 builds"

    filtered = await loopback.slash("build list", state="TX")
    [embed] = filtered.embeds
    assert embed["description"] == "No builds match."
    assert "footer" not in embed


async def test_an_empty_garage_of_ones_own_says_how_to_start_a_build(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    mika = loopback.member("Mika")
    own = await loopback.slash("garage", actor=mika)
    assert own.content == "You have no builds yet: start one with `/build start`."
    others = await loopback.slash("garage", member=loopback.member("Rosa"), actor=mika)
    assert others.content == f"<@{loopback.member('Rosa').id}> has no builds yet."
