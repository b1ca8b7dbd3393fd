""" "Fix the form" under a refused announcement (new, or a change of one waiting) reopens it
filled as it was sent, also once the bot restarted. Asserted on the modal the bot sent."""

from __future__ import annotations

from sandbox import Loopback, Reply

from .conftest import RunningBot
from .test_glossary_curation import form
from .test_importers import announce, server_ready

TYPED = {
    "Title": "Hijet S110P arrived",
    "Text": "Dump bed, 4WD, 41k km. " * 170,  # longer than one embed field holds
    "Link (https://…)": "kei.example/hijet",  # no scheme: refused
    "Image URL (https://….jpg)": "",
}


async def refused_restarted_and_reopened(
    keitora: RunningBot, loopback: Loopback, opened: Reply, typed: dict[str, str] = TYPED
) -> Reply:
    """The form `opened` sent as `typed` and refused, the bot restarted, and "Fix the form"."""
    yoshi = loopback.member("Yoshi")
    refused = await loopback.submit_modal(opened, typed, actor=yoshi)
    assert refused.message is not None
    assert refused.message.buttons == ["Fix the form"], refused.text
    await keitora.restart()
    return await loopback.click(refused, "Fix the form", actor=yoshi)


async def test_a_refused_announcement_reopens_filled_after_a_restart(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    yoshi = loopback.member("Yoshi")
    opened = await loopback.slash("importer announce", actor=yoshi)
    reopened = await refused_restarted_and_reopened(keitora, loopback, opened)

    assert reopened.modal is not None, reopened.text
    assert reopened.modal["title"] == "Announce"
    assert form(reopened) == TYPED
    fixed = await loopback.submit_modal(
        reopened, {"Link (https://…)": "https://kei.example/hijet"}, actor=yoshi
    )
    assert fixed.content.startswith("Thanks! “Hijet S110P arrived” waits for a moderator")


async def test_a_refused_change_reopens_as_that_change_after_a_restart(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    yoshi = loopback.member("Yoshi")
    await announce(loopback, "Hijet S110P arrived")
    opened = await loopback.slash("importer edit", announcement="1", actor=yoshi)
    reopened = await refused_restarted_and_reopened(keitora, loopback, opened)

    assert reopened.modal is not None, reopened.text
    assert reopened.modal["title"] == "Change announcement #1"
    assert form(reopened) == TYPED
