"""A moderator who sends the edit form back unchanged is told nothing changed, not that the
term was saved: nothing is written, and the server keeps the built-in entry."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_glossary_curation import form


async def test_an_edit_form_sent_back_unchanged_says_nothing_changed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    editing = await loopback.slash("glossary-mod edit", term="middoshippu", actor=marcus)

    sent = await loopback.submit_modal(editing, form(editing), actor=marcus)

    data = sent.record.callback_body["data"]  # type: ignore[index]
    assert data["content"] == (
        "Nothing changed: the form was sent as “middoshippu” already reads, so nothing was saved."
    )
    assert "embeds" not in data or not data["embeds"]
    history = await loopback.slash("glossary-mod history", term="middoshippu", actor=marcus)
    assert "No changes in this server" in history.text
