"""/modqueue through the loopback: each item names who sent it, without pinging them."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_showcase import setup_channels, start_builds
from .test_showcase_nominations import nominate


async def test_the_queue_list_names_each_sender_and_pings_nobody(
    keitora: RunningBot, loopback: Loopback
) -> None:
    dale, rosa, hank = (loopback.member(name) for name in ("Dale", "Rosa", "Hank"))
    await loopback.slash("glossary suggest", term="tanbo", meaning="A rice paddy.", actor=dale)
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    await nominate(loopback, "Rosa")
    await nominate(loopback, "Hank")

    listed = await loopback.slash("modqueue", actor=loopback.member("Marcus"))

    body = listed.record.callback_body["data"]
    lines = body["embeds"][0]["description"].splitlines()
    assert lines[0].startswith("`glossary #1` tanbo — ")
    assert f"— <@{dale.id}>, <t:" in lines[0]
    assert lines[1].startswith("`nomination #1` Build #1 · Build 1 — ")
    assert f"— <@{rosa.id}>, <@{hank.id}>, <t:" in lines[1]
    assert "a member" not in body["embeds"][0]["description"]
    # Named in Discord, pinged by nobody: the answer allows no mentions at all.
    assert body["allowed_mentions"]["parse"] == []
    assert not body["allowed_mentions"].get("users")
