"""/glossary-mod as moderators of a real server use it: two of them editing one term at once,
terms that would take over another entry's spelling, imports from other servers, history."""

from __future__ import annotations

from dataclasses import replace

from sandbox import Loopback, Reply
from sandbox.bodies import walk_components

from .conftest import RunningBot
from .test_glossary_curation import export_file, form


async def added(loopback: Loopback, **fields: str) -> Reply:
    """What a moderator is answered for the /glossary-mod add form filled with `fields`."""
    marcus = loopback.member("Marcus")
    opened = await loopback.slash("glossary-mod add", actor=marcus)
    return await loopback.submit_modal(opened, form(opened, **fields), actor=marcus)


async def imported(
    loopback: Loopback, *entries: dict[str, object], hidden: tuple[str, ...] = ()
) -> str:
    """What /glossary-mod import answers a moderator for a file of `entries`."""
    file = export_file(*entries, hidden=hidden)
    answer = await loopback.slash("glossary-mod import", file=file, actor=loopback.member("Marcus"))
    return answer.text


async def looked_up(loopback: Loopback, term: str) -> dict[str, object]:
    """The embed /glossary lookup answers a member for `term`."""
    return (await loopback.slash("glossary lookup", term=term)).embeds[0]


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


async def test_a_new_term_cannot_take_over_another_entrys_spelling(
    keitora: RunningBot, loopback: Loopback
) -> None:
    refused = await added(loopback, headword="軽トラ", meaning="A small truck.", category="class")
    assert refused.content == (
        "“軽トラ” cannot be saved: it is already a way to write “keitora”, which members would "
        "no longer find by it; edit “keitora” instead, or take that spelling out of it first."
    )
    assert (await loopback.slash("glossary lookup", term="軽トラ")).embeds[0]["title"] == "keitora"

    mat = {"headword": "bed mat", "meaning": "A mat.", "category": "parts", "aliases": ["liner"]}
    liner = {"headword": "Liner", "meaning": "A spray-on liner.", "category": "parts"}
    mini = {"headword": "mini-truck", "meaning": "A US legal class.", "category": "class"}
    rejected = await imported(loopback, mat, liner, mini)
    assert rejected.startswith("Nothing was imported: 2 entries have problems.")
    assert "entry 2 “Liner”: it is already a way to write “bed mat”" in rejected
    assert "entry 3 “mini-truck”: it is already a way to write “keitora”" in rejected
    lookup = await loopback.slash("glossary lookup", term="mini truck")
    assert lookup.embeds[0]["title"] == "keitora"


async def test_a_file_that_hides_a_built_in_may_take_its_spellings(
    keitora: RunningBot, loopback: Loopback
) -> None:
    replacement = {"headword": "軽トラ", "meaning": "Our own wording.", "category": "class"}
    answer = await imported(loopback, replacement, hidden=("keitora",))
    assert answer == "Imported: 1 added, 0 updated, 0 unchanged, 1 built-in hidden."
    lookup = await loopback.slash("glossary lookup", term="軽トラ")
    assert lookup.embeds[0]["title"] == "軽トラ"


async def test_an_imported_term_always_opens_in_the_edit_form(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    mat = {"headword": "bed mat", "meaning": "A mat.", "category": "parts"}
    too_many = [f"{n:02} " + "a" * 90 for n in range(40)]
    refused = await imported(loopback, mat | {"aliases": too_many})
    assert "entry 1 “bed mat”: aliases and see also must be at most 2,000 characters in all" in (
        refused
    )

    most = [f"{n:02} " + "a" * 97 for n in range(20)]  # 2,000 characters with their commas
    most[-1] = most[-1][:-38]
    assert (await imported(loopback, mat | {"aliases": most})).startswith("Imported: 1 added")
    editing = await loopback.slash("glossary-mod edit", term="bed mat", actor=marcus)
    assert editing.modal is not None
    for box in walk_components(editing.modal["components"]):
        if box["type"] == 4:
            assert len(box.get("value", "")) <= box["max_length"], box["label"]


async def test_imported_text_with_control_characters_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    broken = {"headword": "bed\nmat", "meaning": "A mat.", "category": "parts"}
    reversed_ = {"headword": "rack", "meaning": "A rack \u202eevil", "category": "parts"}
    lines = {"headword": "liner", "meaning": "A liner.\nSprayed on.", "category": "parts"}
    refused = await imported(loopback, broken, reversed_, lines)
    assert refused.startswith("Nothing was imported: 2 entries have problems.")
    assert "invisible character U+000A" in refused
    assert "U+202E (right-to-left override): it turns round the text after it" in refused
    assert "liner" not in refused


async def test_a_term_holding_a_mention_or_custom_emoji_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Its digits are an id: shown in Discord, the term would read as someone's name.
    mention = {"headword": "<@123>", "meaning": "A member.", "category": "parts"}
    emoji = {
        "headword": "bed mat",
        "aliases": ["<:kei:456>"],
        "meaning": "A mat.",
        "category": "parts",
    }
    refused = await imported(loopback, mention, emoji)
    assert refused.startswith("Nothing was imported: 2 entries have problems.")
    held = "may not hold mentions (everyone, here, a member, a role), channels, custom emoji"
    assert refused.count(f"its headword {held}") == 1
    assert refused.count(f"an alias {held}") == 1

    marcus = loopback.member("Marcus")
    editing = await loopback.slash("glossary-mod edit", term="keitora", actor=marcus)
    assert editing.modal is not None
    values = {
        box["label"]: box.get("value", "")
        for box in walk_components(editing.modal["components"])
        if box["type"] == 4
    }
    saved = await loopback.submit_modal(
        editing, values | {"Headword": "keitora <#789>"}, actor=marcus
    )
    assert saved.ephemeral
    assert f"its headword {held}" in saved.text
    for field, typed in (("its kanji", "<@&123>"), ("its headword", "@everyone")):
        box = "Headword" if field == "its headword" else "Kanji (kana)"
        again = await loopback.slash("glossary-mod edit", term="keitora", actor=marcus)
        refused_form = await loopback.submit_modal(again, values | {box: typed}, actor=marcus)
        assert f"{field} {held}" in refused_form.text, refused_form.text
    shown = await loopback.slash("glossary lookup", term="keitora")
    assert shown.embeds[0]["title"] == "keitora"


async def test_history_of_a_term_removed_and_added_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await loopback.slash("glossary-mod remove", term="keitora", actor=marcus)
    choices = await loopback.autocomplete("glossary-mod history", "term", "keitora", actor=marcus)
    assert choices[0]["value"] == "keitora"

    await added(loopback, headword="keitora", meaning="Our own wording.", category="class")
    history = await loopback.slash("glossary-mod history", term="keitora", actor=marcus)
    readded, removed = history.content.splitlines()[1:]
    assert readded.endswith(f"<@{marcus.id}> added it: meaning “Our own wording.”")
    assert removed.endswith(f"<@{marcus.id}> removed it")


async def test_a_member_suggesting_another_way_to_write_a_term_is_sent_to_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    for spelling in ("軽トラ", "Mini Truck"):
        refused = await loopback.slash("glossary suggest", term=spelling, meaning="A kei truck.")
        assert refused.ephemeral
        assert refused.content == (
            f"“{spelling}” is already in the glossary, as “keitora”: see /glossary lookup. "
            "To improve its meaning, ask a moderator."
        )
    assert await keitora.bot.services.glossary.pending_suggestion_count(int(loopback.guild.id)) == 0


async def test_the_history_of_a_removed_term_is_titled_with_its_headword(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await added(loopback, headword="Dump Kit", meaning="A kit that tips the bed.", category="parts")
    await loopback.slash("glossary-mod remove", term="dumpkit", actor=marcus)
    choices = await loopback.autocomplete("glossary-mod history", "term", "dump kit", actor=marcus)
    assert choices[0]["name"] == "Dump Kit"
    history = await loopback.slash("glossary-mod history", term=choices[0]["value"], actor=marcus)
    assert history.content.splitlines()[0] == "History of “Dump Kit”"


async def test_a_file_from_a_release_that_shipped_a_dropped_term_imports_the_rest(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # "old term" stands for a built-in an earlier release shipped and this one dropped.
    mat = {"headword": "bed mat", "meaning": "A mat.", "category": "parts"}
    answer = await imported(loopback, mat | {"see_also": ["old term"]}, hidden=("old term",))
    assert answer == (
        "Imported: 1 added, 0 updated, 0 unchanged, 0 built-ins hidden.\n"
        "Skipped, and the rest imported:\n"
        "• entry 1 “bed mat”: see also “old term” left out: it is no longer built in\n"
        "• hidden “old term”: no longer built in, so there is nothing to hide"
    )
    assert (await looked_up(loopback, "bed mat"))["title"] == "bed mat"


async def test_an_import_keeps_what_an_entry_leaves_out_and_names_what_it_clears(
    keitora: RunningBot, loopback: Loopback
) -> None:
    ours = {"headword": "keitora", "meaning": "Ours.", "category": "class"}
    answer = await imported(loopback, ours)
    assert answer == "Imported: 0 added, 1 updated, 0 unchanged, 0 built-ins hidden."
    shown = await looked_up(loopback, "軽トラ")
    assert (shown["title"], "Ours." in str(shown["description"])) == ("keitora", True)

    cleared = await imported(loopback, ours | {"kanji": "", "aliases": ["kei truck"]})
    assert cleared == (
        "Imported: 0 added, 1 updated, 0 unchanged, 0 built-ins hidden.\n"
        "Taken out, as the file gives them:\n"
        "• “keitora”: kanji “軽トラ”; aliases “mini truck”, “Japanese mini truck”, “K truck” "
        "and “keitruck”"
    )
    assert (await looked_up(loopback, "kei truck"))["title"] == "keitora"
