""" "Fix the form" under a refused glossary form reopens it filled as it was sent, also once
the bot restarted: what was typed travels with the refusal, not in the bot's memory. Asserted
on the modal the bot sent after the restart."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sandbox import Loopback, Reply

from .conftest import RunningBot
from .test_glossary_curation import FORM, form

SENT = {
    "headword": "tanbo",
    "japanese": "田んぼ (たんぼ)",
    "meaning": "A *rice* paddy:\nflooded in spring.",
    "category": "fields",  # no such category: refused
    "details": "aliases: paddy, rice field\nsee also: keitora",
}


def as_sent(reply: Reply) -> dict[str, str]:
    return {name: form(reply)[label] for name, label in FORM.items()}


async def test_a_refused_add_form_reopens_filled_after_a_restart(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    opened = await loopback.slash("glossary-mod add", actor=marcus)
    refused = await loopback.submit_modal(opened, form(opened, **SENT), actor=marcus)
    assert refused.content.startswith("“tanbo” cannot be saved: category must be one of")

    await keitora.restart()
    reopened = await loopback.click(refused, "Fix the form", actor=marcus)

    assert reopened.record.callback_body["type"] == 9  # a modal
    assert as_sent(reopened) == SENT
    added = await loopback.submit_modal(reopened, form(reopened, category="culture"), actor=marcus)
    assert added.content == "Added “tanbo” to this server's glossary."


async def approval_opened(loopback: Loopback, term: str, meaning: str) -> Reply:
    """Mika's suggestion of `term`, and the approval form Marcus opens on it."""
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    await loopback.slash("glossary suggest", term=term, meaning=meaning, actor=mika)
    queue = await loopback.slash("glossary-mod suggestions", actor=marcus)
    return await loopback.click(queue, "Approve glossary #1", actor=marcus)


async def test_a_refused_approval_form_reopens_filled_after_a_restart(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    opened = await approval_opened(loopback, "tanbo", "A paddy.")
    refused = await loopback.submit_modal(opened, form(opened, **SENT), actor=marcus)
    assert refused.content.startswith("“tanbo” cannot be saved: category must be one of")

    await keitora.restart()
    reopened = await loopback.click(refused, "Fix the form", actor=marcus)

    assert as_sent(reopened) == SENT
    assert reopened.modal is not None
    assert reopened.modal["title"] == "Approve suggestion #1"
    added = await loopback.submit_modal(reopened, form(reopened, category="culture"), actor=marcus)
    assert added.content == (
        f"Approved by <@{marcus.id}>; “tanbo” is in this server's glossary now."
    )


async def test_a_refused_edit_reopens_filled_after_a_restart_and_still_guards_others_edits(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    editing = await loopback.slash("glossary-mod edit", term="keitora", actor=marcus)
    typed = form(editing, meaning="Mine.", category="fields")
    refused = await loopback.submit_modal(editing, typed, actor=marcus)
    assert refused.content.startswith("“keitora” cannot be saved: category must be one of")

    await keitora.restart()
    reopened = await loopback.click(refused, "Fix the form", actor=marcus)

    assert form(reopened) == typed
    saved = await loopback.submit_modal(reopened, form(reopened, category="class"), actor=marcus)
    assert saved.content == "Saved “keitora” in this server's glossary."


async def test_a_fix_after_someone_else_saved_the_entry_is_refused_as_a_save_over_it_would_be(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    editing = await loopback.slash("glossary-mod edit", term="keitora", actor=marcus)
    typed = form(editing, meaning="Mine.", category="fields")
    refused = await loopback.submit_modal(editing, typed, actor=marcus)
    service, guild_id = keitora.bot.services.glossary, int(loopback.guild.id)
    shown = await service.entry(guild_id, "keitora")
    await service.edit(guild_id, 88, "keitora", replace(shown, meaning="Someone else's wording."))
    await keitora.restart()

    again = await loopback.click(refused, "Fix the form", actor=marcus)

    assert again.record.callback_body["data"]["content"].startswith(
        "Someone changed “keitora” while you were editing, so your form was not saved."
    )
    reopened = await loopback.click(again, "Fix the form", actor=marcus)
    assert form(reopened) == typed
    saved = await loopback.submit_modal(reopened, form(reopened, category="class"), actor=marcus)
    assert saved.content == "Saved “keitora” in this server's glossary."
    now = await keitora.bot.services.glossary.entry(guild_id, "keitora")
    assert now.meaning == "Mine."


@pytest.mark.parametrize(
    ("term", "headword", "kana"),
    [("いすゞ", "isuzu", "いすゞ"), ("ｼﾞﾑﾆｰ", "jimunī", "ジムニー")],  # half-width: full in the box
)
async def test_the_approval_form_of_a_term_in_kana_offers_its_romaji_and_kana(
    keitora: RunningBot, loopback: Loopback, term: str, headword: str, kana: str
) -> None:
    marcus = loopback.member("Marcus")

    opened = await approval_opened(loopback, term, "A maker.")

    assert as_sent(opened) | {"meaning": ""} == {
        "headword": headword,
        "japanese": f"({kana})",
        "meaning": "",
        "category": "",
        "details": "",
    }
    added = await loopback.submit_modal(opened, form(opened, category="org"), actor=marcus)
    assert added.content == (
        f"Approved by <@{marcus.id}>; “{headword}” is in this server's glossary now."
    )
    for typed in (term, kana, headword):
        found = await loopback.slash("glossary lookup", term=typed, actor=loopback.member("Mika"))
        assert found.embeds[0]["title"] == headword, typed
