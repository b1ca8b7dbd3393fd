"""A meaning that says nothing (`aaa`, `1998`, the term again) is refused however a moderator
saves it, as a member's suggestion of it is; an import keeps its own rules, so a file a server
exported keeps importing whole. Asserted on what the bot sent."""

from __future__ import annotations

import pytest

from sandbox import Loopback

from .conftest import RunningBot
from .test_glossary_curation import form
from .test_glossary_moderation import added, imported, looked_up


@pytest.mark.parametrize(
    ("meaning", "why"),
    [
        ("aaa", "its meaning “aaa” holds no word: say what the term means"),
        ("1998", "its meaning “1998” holds no word: say what the term means"),
        (
            "x y",
            "its meaning needs a word of at least 3 letters or digits (a kana or kanji "
            "counts as one)",
        ),
        ("Hatake!", "its meaning only repeats the term “hatake”: say what it means"),
    ],
)
async def test_an_added_term_whose_meaning_says_nothing_is_refused_as_a_suggestion_is(
    keitora: RunningBot, loopback: Loopback, meaning: str, why: str
) -> None:
    refused = await added(loopback, headword="hatake", meaning=meaning, category="culture")
    assert refused.ephemeral
    assert refused.content == f"“hatake” cannot be saved: {why}."
    suggested = await loopback.slash(
        "glossary suggest", term="hatake", meaning=meaning, actor=loopback.member("Mika")
    )
    assert suggested.content.startswith(f"The meaning {why.removeprefix('its meaning ')};")
    missing = await loopback.slash("glossary lookup", term="hatake")
    assert "No entry" in missing.text, missing.text


async def test_an_edit_to_a_meaning_that_says_nothing_is_refused_and_changes_nothing(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    before = await looked_up(loopback, "keitora")
    editing = await loopback.slash("glossary-mod edit", term="keitora", actor=marcus)
    refused = await loopback.submit_modal(editing, form(editing, meaning="aaa"), actor=marcus)
    assert refused.ephemeral
    assert refused.content.startswith(
        "“keitora” cannot be saved: its meaning “aaa” holds no word"
    ), refused.content
    assert await looked_up(loopback, "keitora") == before


async def test_an_import_keeps_its_own_rules_for_meanings(
    keitora: RunningBot, loopback: Loopback
) -> None:
    terse = {"headword": "hatake", "meaning": "aaa", "category": "culture"}
    answer = await imported(loopback, terse)
    assert answer.startswith("Imported: 1 added,"), answer
    assert (await looked_up(loopback, "hatake"))["description"].startswith("aaa")
