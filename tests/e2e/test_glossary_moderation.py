"""/glossary-mod as moderators of a real server use it: two of them editing one term at once,
terms that would take over another entry's spelling, imports from other servers, history."""

from __future__ import annotations

from dataclasses import replace

from sandbox import Loopback

from .conftest import RunningBot
from .test_glossary import form


async def test_a_form_refused_for_a_concurrent_edit_reopens_over_the_new_version(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    editing = await loopback.slash("glossary-mod edit", term="keitora", actor=marcus)
    service, guild_id = keitora.bot.services.glossary, int(loopback.guild.id)
    shown = await service.entry(guild_id, "keitora")
    await service.edit(guild_id, 88, "keitora", replace(shown, meaning="Someone else's wording."))

    mine = form(editing, meaning="Mine.")
    refused = await loopback.submit_modal(editing, mine, actor=marcus)
    assert refused.content == (
        "Someone changed “keitora” while you were editing, so your form was not saved. "
        "“Fix the form” opens what you typed again; saving it replaces their change."
    )
    assert (await service.entry(guild_id, "keitora")).meaning == "Someone else's wording."
    reopened = await loopback.click(refused, "Fix the form", actor=marcus)
    assert form(reopened) == mine
    saved = await loopback.submit_modal(reopened, form(reopened), actor=marcus)
    assert saved.content == "Saved “keitora” in this server's glossary."
    assert (await service.entry(guild_id, "keitora")).meaning == "Mine."
