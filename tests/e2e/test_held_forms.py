"""Forms, which the bot holds in memory: one sent after a restart forgot it is answered with
what was typed; and a refused announcement can be fixed."""

from __future__ import annotations

from typing import Any

from bot.client.held import held_custom_id
from sandbox import Loopback, Message, Reply
from sandbox.messages import new_message, publish

from .conftest import RunningBot
from .test_glossary_curation import form
from .test_importers import server_ready

GIVEN_BACK = (
    "Nothing was saved: this form was opened before Keitora last restarted, or more than an "
    "hour ago. Open it again and copy in what you typed"
)


def sent(reply: Reply) -> dict[str, Any]:
    """The message the bot answered `reply`'s interaction with, as it sent it."""
    assert reply.record.callback_body is not None, "the bot did not answer"
    data: dict[str, Any] = reply.record.callback_body["data"]
    return data


async def test_a_form_sent_after_a_restart_gives_back_what_was_typed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    opened = await loopback.slash("glossary-mod add", actor=marcus)
    await keitora.restart()

    typed = form(
        opened, headword="tenbin @everyone", meaning="A *balance* beam.", category="culture"
    )
    answer = await loopback.submit_modal(opened, typed, actor=marcus)

    assert answer.ephemeral
    assert sent(answer)["content"] == (
        f"{GIVEN_BACK}:\n```\ntenbin @everyone\n```\n```\nA *balance* beam.\n```\n```\nculture\n```"
    )
    looked_up = await loopback.slash("glossary lookup", term="tenbin")
    assert looked_up.text.startswith("No entry for “tenbin”")


async def test_a_long_form_comes_back_as_a_file(keitora: RunningBot, loopback: Loopback) -> None:
    marcus = loopback.member("Marcus")
    opened = await loopback.slash("glossary-mod add", actor=marcus)
    await keitora.restart()

    meaning = "Tenbin ```stays``` as typed. " * 30
    typed = form(opened, headword="tenbin", meaning=meaning, category="culture")
    answer = await loopback.submit_modal(opened, typed, actor=marcus)

    assert sent(answer)["content"] == (
        "Nothing was saved: this form was opened before Keitora last restarted, or more than an "
        "hour ago. Open it again and copy in what you typed (attached)."
    )
    [attached] = answer.attachments
    assert attached.filename == "what-you-typed.txt"
    assert attached.data.decode() == f"tenbin\n\n{meaning}\n\nculture"


async def test_a_refused_announcement_can_be_fixed_without_typing_it_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    yoshi = loopback.member("Yoshi")
    opened = await loopback.slash("importer announce", actor=yoshi)
    typed = {
        "Title": "Hijet S110P arrived",
        "Text": "Dump bed, 4WD, 41k km. " * 40,
        "Link (https://…)": "kei.example/hijet",
    }
    refused = await loopback.submit_modal(opened, typed, actor=yoshi)
    assert refused.message is not None
    assert refused.message.buttons == ["Fix the form"], refused.text

    reopened = await loopback.click(refused, "Fix the form", actor=yoshi)
    assert reopened.modal is not None
    assert form(reopened) == typed | {"Image URL (https://….jpg)": ""}
    fixed = await loopback.submit_modal(
        reopened, {"Link (https://…)": "https://kei.example/hijet"}, actor=yoshi
    )
    assert sent(fixed)["content"] == (
        "Thanks! “Hijet S110P arrived” waits for a moderator; you will hear if it is not approved."
    )
    waiting = await loopback.slash("modqueue", actor=loopback.member("Marcus"))
    assert "Hijet S110P arrived" in waiting.text


async def test_a_fix_the_form_held_in_memory_by_an_older_release_says_to_run_the_command_again(
    loopback: Loopback, keitora: RunningBot
) -> None:
    """Before refusals carried what was sent, their "Fix the form" was held in memory: one still
    on screen after the upgrade is answered, not left for Discord to call failed."""
    bot = loopback.world.users[loopback.bot.id]
    button = {"type": 2, "style": 1, "label": "Fix the form", "custom_id": held_custom_id()}
    body = {"content": "The term is empty.", "components": [{"type": 1, "components": [button]}]}
    raw = new_message(loopback.core, loopback.channel("general").id, bot, body, {}, **body)
    refusal = Message.of(loopback.world, await publish(loopback.core, raw))

    answer = await loopback.click(refusal, "Fix the form", actor=loopback.member("Mika"))

    assert answer.ephemeral
    assert answer.text.startswith("This button no longer works"), answer.text
