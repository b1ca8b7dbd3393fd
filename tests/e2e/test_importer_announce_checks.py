"""An announcement's form through the loopback: a form with several problems is told them all in
one reply; nothing is posted and the form is offered again. Asserted on what the bot sent."""

from __future__ import annotations

from typing import Any

from sandbox import Loopback

from .conftest import RunningBot
from .test_held_forms import sent
from .test_importers import posts_to, server_ready


async def submit(loopback: Loopback, typed: dict[str, str]) -> dict[str, Any]:
    yoshi = loopback.member("Yoshi")
    opened = await loopback.slash("importer announce", actor=yoshi)
    refused = await loopback.submit_modal(opened, typed, actor=yoshi)
    assert refused.message is not None
    assert refused.message.buttons == ["Fix the form"]
    return sent(refused)


async def test_every_problem_of_a_form_is_told_in_one_reply(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    typed = {
        "Title": "Hijet S110P arrived",
        "Link (https://…)": "kei.example/hijet",
        "Image URL (https://….jpg)": "https://kei.example/hijet.txt",
    }

    answer = await submit(loopback, typed)

    assert answer["content"] == (
        "The announcement has 2 problems:\n"
        "• The link must be an https:// link, such as https://kei.example/trucks.\n"
        "• The image URL must end in .png, .jpg, .jpeg, .gif or .webp."
    ), answer
    assert posts_to(loopback, "announcements") == []
    assert await keitora.store.fetchval("SELECT count(*) FROM announcements") == 0
