"""Pages of builds and parts show every item however long and Markdown-heavy members' text is:
a page cut to Discord's 4,096 characters must not drop items the next page never shows."""

from __future__ import annotations

import re

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import builds_channel, forum_build, start

# Each character is escaped on the way to Discord, doubling the text.
MARKED_TITLE = "_" * 100
MARKED_TRUCK = "1994 Suzuki Carry DA51T " + "*" * 76


async def test_a_page_of_the_ledger_shows_all_its_parts_however_long_their_names(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    for n in range(21):
        await loopback.slash(
            "build part add",
            name=f"{n:02d}" + "_" * 98,
            cost="1",
            category="electrical",
            where=thread,
        )
    page = await loopback.slash("build part list", where=thread)
    description = page.embeds[0]["description"]
    assert len(description) <= 4096
    assert "more" not in description.splitlines()[-1]
    assert re.findall(r"^`(\d+)`", description, re.MULTILINE) == [str(n) for n in range(1, 21)]
    assert "Page 1 of 2" in page.embeds[0]["footer"]["text"]


async def test_a_page_of_builds_shows_all_ten_however_long_their_titles(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    for member in ("Mika", "Dale"):
        for n in range(5):
            await start(
                loopback,
                member,
                # A member's builds never share a title: each its own, as long.
                title=MARKED_TITLE[:-1] + str(n),
                truck=MARKED_TRUCK,
                tags="mobile-business, ev-conversion, restoration, in-progress, off-road",
            )
    listed = await loopback.slash("build list")
    description = listed.embeds[0]["description"]
    assert len(description) <= 4096
    assert re.findall(r"^\*\*#(\d+)\*\*", description, re.MULTILINE) == [
        str(n) for n in range(10, 0, -1)
    ]
