"""/privacy forget for a glossary moderator, through the loopback: what it says it anonymised
names each kind of record truly, counted once."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_glossary_curation import form
from .test_privacy import DELETE_BUILDS, forget


async def test_a_moderators_rejection_is_counted_as_a_decision_and_an_edit_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await loopback.slash("glossary suggest", term="tanbo", meaning="A flooded rice paddy.")
    queue = await loopback.slash("glossary-mod suggestions", actor=marcus)
    asked = await loopback.click(queue, "Reject glossary #1", actor=marcus)
    await loopback.submit_modal(asked, {"Reason (the submitter reads it)": "No."}, actor=marcus)

    done = await forget(loopback, marcus, DELETE_BUILDS)
    assert "glossary suggestion decisions (1)" in done.content
    assert "glossary edits" not in done.content

    editing = await loopback.slash("glossary-mod edit", term="keitora", actor=marcus)
    await loopback.submit_modal(editing, form(editing, meaning="Ours."), actor=marcus)
    done = await forget(loopback, marcus, DELETE_BUILDS)
    assert "glossary edits (1)" in done.content  # one edit, though two records name its author
    assert "glossary suggestion decisions" not in done.content
