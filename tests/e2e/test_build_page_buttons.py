"""The Previous / Next buttons of a build's parts ledger and of its photos turn the page they
were sent with, also after a restart (their meaning is all in their custom_id)."""

from __future__ import annotations

from typing import Any

from sandbox import ChannelRef, File, Loopback

from .conftest import RunningBot
from .test_builds import PNG, forum_build


def sent_page(turned: Any) -> dict[str, Any]:
    """What the bot sent for a page turn: the message it replaced the page with (type 7)."""
    assert turned.record.callback_type == 7
    data: dict[str, Any] = turned.record.callback_body["data"]
    return data


def buttons_of(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(b["label"], b["custom_id"]) for row in data["components"] for b in row["components"]]


async def two_pages_of_parts(loopback: Loopback) -> ChannelRef:
    """Mika's build, whose ledger of 21 parts takes two pages; its thread."""
    thread = await forum_build(loopback)
    for n in range(21):
        await loopback.slash("build part add", name=f"Part {n}", cost="1", where=thread)
    return thread


async def test_the_ledgers_pages_turn_both_ways_and_after_a_restart(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await two_pages_of_parts(loopback)
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


async def test_a_page_of_a_deleted_build_tells_a_moderator_who_deleted_it_and_when(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await two_pages_of_parts(loopback)
    marcus, dale, mika = (loopback.member(name) for name in ("Marcus", "Dale", "Mika"))
    moderators = await loopback.slash("build part list", build="1", actor=marcus)
    members = await loopback.slash("build part list", build="1", actor=dale)
    asked = await loopback.slash("build delete", build="1")
    await loopback.click(asked, "Delete it")
    at = int(keitora.clock.now().timestamp())

    told = await loopback.click(moderators, "Next", actor=marcus)
    assert told.text == f"Build #1 was deleted by its owner, <@{mika.id}>, on <t:{at}:f>."
    told = await loopback.click(members, "Next", actor=dale)
    assert told.text == "Build #1 was deleted."
