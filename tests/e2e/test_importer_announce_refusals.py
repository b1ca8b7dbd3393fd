"""What /importer announce refuses, through the loopback: an announcement whose card could not
show it whole is refused at submit and the form offered again, never posted cut short; and what
can be known before the form opens (no announcements channel, the day's limit reached, a
suspension) is said instead of opening it. Asserted on what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_held_forms import sent
from .test_importers import announce, posts_to, server_ready

MODAL = 9  # the interaction callback type that opens a form


async def test_an_announcement_too_long_to_show_whole_is_refused_and_offered_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    yoshi = loopback.member("Yoshi")
    opened = await loopback.slash("importer announce", actor=yoshi)
    typed = {"Title": "Hijet S110P arrived", "Text": "**x** " * 665}

    refused = await loopback.submit_modal(opened, typed, actor=yoshi)

    answer = sent(refused)
    assert answer["flags"] & 64, answer  # ephemeral
    assert answer["content"].startswith(
        "With its formatting characters (_ * ~ ` | >) shown as typed, the text takes 6,649 "
        "characters, and a card shows 4,096."
    ), answer["content"]
    assert refused.message is not None
    assert refused.message.buttons == ["Fix the form"]
    assert posts_to(loopback, "announcements") == []
    assert await keitora.store.fetchval("SELECT count(*) FROM announcements") == 0
    reopened = await loopback.click(refused, "Fix the form", actor=yoshi)
    assert reopened.modal is not None


async def test_a_card_too_long_is_told_with_the_forms_other_problems(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    yoshi = loopback.member("Yoshi")
    opened = await loopback.slash("importer announce", actor=yoshi)
    typed = {
        "Title": "Hijet\u200b S110P arrived",
        "Text": "**x** " * 665,
        "Link (https://…)": "http://127.0.0.1/hijet",
    }

    refused = await loopback.submit_modal(opened, typed, actor=yoshi)

    assert sent(refused)["content"].splitlines() == [
        "The announcement has 3 problems:",
        "• The title may not hold U+200B (zero width space): it shows nothing, yet makes the "
        "title differ from one that looks the same; type it again rather than paste it.",
        "• With its formatting characters (_ * ~ ` | >) shown as typed, the text takes 6,649 "
        "characters, and a card shows 4,096. Shorten it by about 2,553 characters.",
        "• The link must be an https:// link, such as https://kei.example/trucks.",
    ], sent(refused)["content"]
    assert refused.message is not None
    assert refused.message.buttons == ["Fix the form"]
    assert posts_to(loopback, "announcements") == []
    assert await keitora.store.fetchval("SELECT count(*) FROM announcements") == 0


async def test_the_form_does_not_open_without_an_announcements_channel(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await loopback.slash("importer-mod register", name="Kei Imports", member=yoshi, actor=marcus)

    refused = await loopback.slash("importer announce", actor=yoshi)

    assert refused.record.callback_body is not None
    assert refused.record.callback_body["type"] != MODAL
    assert refused.ephemeral
    assert "no announcements channel yet" in sent(refused)["content"], sent(refused)


async def test_the_form_does_not_open_once_the_days_limit_is_reached(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    await loopback.slash("setup importers", daily=1, actor=loopback.member("Akiko"))
    assert "on its way" in await announce(loopback, "Hijet Jumbo arrived")

    refused = await loopback.slash("importer announce", actor=loopback.member("Yoshi"))

    assert refused.record.callback_body is not None
    assert refused.record.callback_body["type"] != MODAL
    assert sent(refused)["content"].startswith(
        "Kei Imports has made 1 announcement in the last 24 hours,"
    ), sent(refused)


async def test_the_form_does_not_open_for_a_suspended_importer(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    marcus = loopback.member("Marcus")
    await loopback.slash("importer-mod suspend", importer="1", reason="Checking", actor=marcus)

    refused = await loopback.slash("importer announce", actor=loopback.member("Yoshi"))

    assert refused.record.callback_body is not None
    assert refused.record.callback_body["type"] != MODAL
    assert "suspended" in sent(refused)["content"], sent(refused)
