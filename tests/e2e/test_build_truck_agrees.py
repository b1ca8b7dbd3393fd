"""A truck line and its spec name one truck, through the loopback: a line whose chassis code is
another make's or model's than its words name is refused at start and rename, and a new line
clears a kept code (or model) it contradicts, saying so; what the bot sent shows one truck."""

from __future__ import annotations

from sandbox import Loopback
from sandbox.api import Json

from .conftest import RunningBot
from .test_builds import EDIT_MESSAGE, FORUM_POST, builds_channel, forum_build, requests, start

CODE_OF_ANOTHER = (
    "The model code DA51T is a Suzuki Carry's, not a Toyota's: give the truck with its own "
    "model code, or leave the code out."
)


def fields_sent(embed: Json) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed["fields"]}


async def test_a_truck_whose_code_is_another_makes_is_refused_at_start_and_rename(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    refused = await start(loopback, title="Corolla", truck="1994 Toyota Corolla DA51T")
    assert refused.ephemeral
    assert refused.text == CODE_OF_ANOTHER
    assert requests(loopback, FORUM_POST) == []  # nothing posted, nothing saved
    missing = await loopback.slash("build show", build="1")
    assert missing.text == "There is no build #1 in this server."

    thread = await forum_build(loopback)  # 1994 Suzuki Carry DA51T
    edits = len(requests(loopback, EDIT_MESSAGE))
    renamed = await loopback.slash("build rename", build="1", truck="1994 Toyota Corolla DA51T")
    assert renamed.ephemeral
    assert renamed.text == CODE_OF_ANOTHER
    hijet = await loopback.slash("build rename", build="1", truck="Daihatsu Hijet DA51T")
    assert hijet.text == (
        "The model code DA51T is a Suzuki Carry's, not a Daihatsu Hijet's: give the truck with "
        "its own model code, or leave the code out."
    )
    assert len(requests(loopback, EDIT_MESSAGE)) == edits  # the card was not touched
    shown = (await loopback.slash("build show", build="1")).embeds[0]
    assert shown["description"].startswith("**1994 Suzuki Carry DA51T**")
    assert thread.id
