"""The Previous / Next buttons of a build's parts ledger and of its photos turn the page they
were sent with, also after a restart (their meaning is all in their custom_id)."""

from __future__ import annotations

from typing import Any

from sandbox import File, Loopback

from .conftest import RunningBot
from .test_builds import PNG, forum_build


def sent_page(turned: Any) -> dict[str, Any]:
    """What the bot sent for a page turn: the message it replaced the page with (type 7)."""
    assert turned.record.callback_type == 7
    data: dict[str, Any] = turned.record.callback_body["data"]
    return data


def buttons_of(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(b["label"], b["custom_id"]) for row in data["components"] for b in row["components"]]


async def test_the_ledgers_pages_turn_both_ways_and_after_a_restart(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    for n in range(21):
        await loopback.slash("build part add", name=f"Part {n}", cost="1", where=thread)
    first = await loopback.slash("build part list", where=thread)
    assert first.message is not None
    assert first.message.buttons == ["Next"]

    await keitora.restart()
    second = sent_page(await loopback.click(first, "Next"))
    assert "Part 20" in second["embeds"][0]["description"]
    assert second["embeds"][0]["footer"]["text"] == "Page 2 of 2 · 21 parts"
    assert buttons_of(second) == [("Previous", "build:parts:1:0:Previous")]

    back = sent_page(await loopback.click(first, "Previous"))
    assert "Part 0" in back["embeds"][0]["description"]
    assert buttons_of(back) == [("Next", "build:parts:1:1:Next")]


async def test_the_gallerys_photos_turn_both_ways_and_after_a_restart(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    for n in range(2):
        photo = File(f"bed{n}.png", PNG, "image/png")
        await loopback.slash("build update", text=f"Photo {n}", photo=photo, where=thread)
    first = await loopback.slash("build gallery", build="1")
    assert first.embeds[0]["footer"]["text"] == "Photo 1 of 2"

    await keitora.restart()
    second = sent_page(await loopback.click(first, "Next"))
    assert second["embeds"][0]["footer"]["text"] == "Photo 2 of 2"
    assert buttons_of(second) == [("Previous", "build:gallery:1:0:Previous")]

    back = sent_page(await loopback.click(first, "Previous"))
    assert back["embeds"][0]["footer"]["text"] == "Photo 1 of 2"
    assert buttons_of(back) == [("Next", "build:gallery:1:1:Next")]
