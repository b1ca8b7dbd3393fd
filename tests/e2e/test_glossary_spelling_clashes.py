"""Through the loopback: a moderator's edit, import or approval that would write a term the way
another term is written is refused, naming that term, and lookup keeps finding the right one;
the card a save answers with is the one lookup shows."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_glossary_curation import form
from .test_glossary_moderation import imported


async def test_an_edit_giving_jibaiseki_keitoras_spellings_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    editing = await loopback.slash("glossary-mod edit", term="jibaiseki", actor=marcus)
    details = "romaji: jibaiseki\naliases: 軽トラ, ｹｲﾄﾗ\nsee also: shaken"
    refused = await loopback.submit_modal(editing, form(editing, details=details), actor=marcus)
    assert refused.ephemeral
    assert refused.content == (
        "“jibaiseki” cannot be saved: its alias “軽トラ” is already a way to write “keitora”, "
        "which members who type it find; leave it out, or take it out of “keitora” first; "
        "other terms have “ｹｲﾄﾗ” too."
    )
    assert refused.message.buttons == ["Fix the form"]
    lookup = await loopback.slash("glossary lookup", term="軽トラ")
    assert lookup.embeds[0]["title"] == "keitora"
    entry = await keitora.bot.services.glossary.entry(int(loopback.guild.id), "jibaiseki")
    assert entry.aliases != ("軽トラ", "ｹｲﾄﾗ")


async def test_an_import_giving_a_term_another_terms_spelling_imports_nothing(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mat = {"headword": "bed mat", "meaning": "A mat.", "category": "parts"}
    taking = {"headword": "tanbo", "meaning": "A paddy.", "category": "culture", "kana": "ケイトラ"}
    twin = {"headword": "liner", "meaning": "A liner.", "category": "parts", "aliases": ["Mat"]}
    answer = await imported(loopback, mat | {"aliases": ["mat"]}, taking, twin)
    assert answer.startswith("Nothing was imported: 2 entries have problems.")
    assert "entry 2 “tanbo”: its kana “ケイトラ” reads the same as the term “keitora”" in answer
    assert "entry 3 “liner”: its alias “Mat” reads the same as “mat”, a way to write “bed mat”" in (
        answer
    )
    lookup = await loopback.slash("glossary lookup", term="けいとら")
    assert lookup.embeds[0]["title"] == "keitora"


async def test_approving_a_suggestion_with_keitoras_kanji_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await loopback.slash("glossary suggest", term="tanbo", meaning="A flooded rice paddy.")
    queue = await loopback.slash("glossary-mod suggestions", actor=marcus)
    opened = await loopback.click(queue, "Approve glossary #1", actor=marcus)
    refused = await loopback.submit_modal(
        opened, form(opened, japanese="軽トラ", category="culture"), actor=marcus
    )
    assert refused.content == (
        "“tanbo” cannot be saved: its kanji “軽トラ” is already a way to write “keitora”, "
        "which members who type it find; leave it out, or take it out of “keitora” first."
    )
    service = keitora.bot.services.glossary
    assert (await service.suggestion(int(loopback.guild.id), 1)).status == "pending"


async def test_the_card_after_a_save_shows_see_also_as_lookup_does(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    editing = await loopback.slash("glossary-mod edit", term="jibaiseki", actor=marcus)
    saved = await loopback.submit_modal(editing, form(editing, meaning="Ours."), actor=marcus)
    lookup = await loopback.slash("glossary lookup", term="jibaiseki")
    assert saved.embeds[0]["fields"] == lookup.embeds[0]["fields"]
    assert any(field["name"] == "See also" for field in saved.embeds[0]["fields"])
    assert saved.message.buttons == lookup.message.buttons
