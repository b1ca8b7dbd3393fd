"""An announcement's form through the loopback: a title with a right-to-left override is
refused naming the title, and a form with several problems is told them all in one reply; either
way nothing is posted and the form is offered again. Asserted on what the bot sent."""

from __future__ import annotations

from typing import Any

from sandbox import Loopback

from .conftest import RunningBot
from .test_held_forms import sent
from .test_importers import posts_to, server_ready, settle


async def submit(loopback: Loopback, typed: dict[str, str]) -> dict[str, Any]:
    yoshi = loopback.member("Yoshi")
    opened = await loopback.slash("importer announce", actor=yoshi)
    refused = await loopback.submit_modal(opened, typed, actor=yoshi)
    assert refused.message is not None
    assert refused.message.buttons == ["Fix the form"]
    return sent(refused)


async def test_a_title_turned_round_by_an_override_is_refused_naming_the_title(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)

    answer = await submit(loopback, {"Title": "Hijet manual \u202efdp.exe", "Text": "4WD"})

    assert answer["flags"] & 64, answer  # ephemeral
    assert answer["content"] == (
        "The title may not hold U+202E (right-to-left override): it turns round the text after "
        "it, so the title would not show as typed."
    ), answer
    assert posts_to(loopback, "announcements") == []
    assert await keitora.store.fetchval("SELECT count(*) FROM announcements") == 0


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


async def test_invisible_characters_pasted_into_the_text_are_not_posted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    yoshi = loopback.member("Yoshi")
    opened = await loopback.slash("importer announce", actor=yoshi)
    typed = {"Title": "Hijet S110P arrived", "Text": "Hi\u200bjet 4WD, dump\u00ad bed\u2060."}
    answer = await loopback.submit_modal(opened, typed, actor=yoshi)
    assert "on its way" in answer.text, answer.text

    [card] = await settle(loopback, "announcements", 1, "the card")
    [posted] = posts_to(loopback, "announcements")
    assert "Hijet 4WD, dump bed." in posted["embeds"][0]["description"], posted
    assert not {"\u200b", "\u00ad", "\u2060"} & set(posted["embeds"][0]["description"]), posted
    assert card.embeds[0]["title"] == "Hijet S110P arrived"
