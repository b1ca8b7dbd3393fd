"""/glossary as a reader sees its words: meanings cut between words, names with their capitals,
a model line's chassis codes on one line, and one way of quoting and suggesting."""

from __future__ import annotations

import json
import re

from bot.glossary import builtin_entries
from sandbox import Loopback

from .conftest import RunningBot
from .test_glossary_curation import form

# A list line ends "— meaning…" when its meaning was cut: the last word kept and the word
# of the whole meaning it stands for.
_CUT = re.compile(r"(\S+)…$")


def _cut_words(description: str, meanings: dict[str, str]) -> list[tuple[str, str]]:
    """Each line's last word before a cut, with the full meaning it was cut from."""
    cut = []
    for line in description.splitlines():
        headword = line.split("**")[1]
        if found := _CUT.search(line.split(" — ", 1)[1].removesuffix(" *(found in its meaning)*")):
            cut.append((found[1], meanings[headword]))
    return cut


async def test_browse_and_search_cut_a_meaning_between_words(
    keitora: RunningBot, loopback: Loopback
) -> None:
    meanings = {e.headword: e.meaning for e in builtin_entries()}
    pages = [await loopback.slash("glossary browse")]
    pages.append(await loopback.click(pages[0], "Next"))
    found = [await loopback.slash("glossary search", query=q) for q in ("truck", "軽", "rust")]
    descriptions = [p.message.embeds[0]["description"] for p in pages[1:]]
    descriptions += [
        pages[0].embeds[0]["description"],
        *(f.embeds[0]["description"] for f in found),
    ]
    cuts = [cut for description in descriptions for cut in _cut_words(description, meanings)]
    assert len(cuts) > 10, descriptions
    for last, meaning in cuts:
        # The word kept is whole: the meaning has it followed by a space, or by punctuation.
        word = last.rstrip(".,;:")
        assert re.search(rf"(^|\s){re.escape(word)}[\s.,;:]", meaning), (last, meaning)
    assert not any(line.endswith((" O…", " I…")) for d in descriptions for line in d.splitlines())


async def test_also_written_gives_names_their_capitals_and_lookups_still_fold_case(
    keitora: RunningBot, loopback: Loopback
) -> None:
    def also_written(reply: object) -> str:
        fields = reply.embeds[0]["fields"]  # type: ignore[attr-defined]
        return next(f["value"] for f in fields if f["name"] == "Also written")

    nokyo = await loopback.slash("glossary lookup", term="nokyo")
    assert also_written(nokyo) == ("JA, Japan Agricultural Cooperatives, farm co-op, JA Sambar")
    keitora_card = await loopback.slash("glossary lookup", term="keitora")
    assert "Japanese mini truck" in also_written(keitora_card)
    hijet = await loopback.slash("glossary lookup", term="ハイゼット")
    assert also_written(hijet) == "Hijet, Hijet truck, ハイゼットトラック, Daihatsu Hijet truck"
    scrum = await loopback.slash("glossary lookup", term="scrum")
    assert "Autozam Scrum" in also_written(scrum)
    for typed, headword in (
        ("ja sambar", "nōkyō"),
        ("JA SAMBAR", "nōkyō"),
        ("hijet", "Daihatsu Hijet"),
    ):
        found = await loopback.slash("glossary lookup", term=typed)
        assert found.embeds[0]["title"] == headword, typed


async def test_a_model_lines_chassis_codes_are_named_once_under_its_related_terms(
    keitora: RunningBot, loopback: Loopback
) -> None:
    hijet = await loopback.slash("glossary lookup", term="ハイゼット")
    fields = {f["name"]: f["value"] for f in hijet.embeds[0]["fields"]}
    assert fields["See also"] == (
        "• janbo\n• dekki ban\n• nōyō supesharu\n• sūpā defurokku\n• mudan hensokuki\n"
        "• Toyota Pixis\n• Subaru Sambar"
    )
    # The codes are named once, with their years, in the meaning.
    card = json.dumps(hijet.embeds[0], ensure_ascii=False)
    assert card.count("S80P") == 1
    assert "S80P, S81P 1986–1990" in hijet.embeds[0]["description"]
    # A code's own card still links to its line.
    code = await loopback.slash("glossary lookup", term="S80P")
    assert {f["name"]: f["value"] for f in code.embeds[0]["fields"]}["See also"] == (
        "• Daihatsu Hijet"
    )


async def test_a_term_added_with_kanji_and_no_kana_shows_its_romaji_headword_beside_them(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    opened = await loopback.slash("glossary-mod add", actor=marcus)
    fields = form(
        opened, headword="tanbo", japanese="田んぼ", meaning="A rice paddy.", category="culture"
    )
    added = await loopback.submit_modal(opened, fields, actor=marcus)
    assert added.content == "Added “tanbo” to this server's glossary."
    assert added.embeds[0]["description"].startswith("**田んぼ tanbo**\n")
    found = await loopback.slash("glossary lookup", term="tanbo")
    assert found.embeds[0]["description"].startswith("**田んぼ tanbo**\n")


async def test_history_says_what_each_moderator_did_in_plain_words(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await loopback.slash("glossary-mod remove", term="keitora", actor=marcus)
    await loopback.slash("glossary-mod restore", term="keitora", actor=marcus)
    history = await loopback.slash("glossary-mod history", term="keitora", actor=marcus)
    restored, removed = history.record.callback_body["data"]["content"].splitlines()[1:]
    assert restored.endswith(
        f"<@{marcus.id}> restored it: meaning “Everyday Japanese for a kei truck: a small "
        "pickup built…”"
    )
    assert removed.endswith(f"<@{marcus.id}> removed it")


async def test_a_suggestions_japanese_is_written_as_lookups_write_it_in_the_queue_and_the_dm(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    await loopback.slash(
        "glossary suggest",
        term="tanbo",
        meaning="A rice paddy.",
        kana="たんぼ",
        kanji="田んぼ",
        actor=mika,
    )
    queue = await loopback.slash("glossary-mod suggestions", actor=marcus)
    assert queue.embeds[0]["description"].startswith("**#1 tanbo** 田んぼ (たんぼ)\n")
    asked = await loopback.click(queue, "Reject glossary #1", actor=marcus)
    await loopback.submit_modal(
        asked, {"Reason (the submitter reads it)": "Too vague"}, actor=marcus
    )
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="the DM")
    assert "glossary suggestion “tanbo 田んぼ (たんぼ)”." in loopback.dms(mika)[0].content


async def test_a_lookup_with_no_entry_asks_did_you_mean_one_way(
    keitora: RunningBot, loopback: Loopback
) -> None:
    several = await loopback.slash("glossary lookup", term="tanbo")
    assert several.content == "No entry for “tanbo”: did you mean “tābo” or “janbo”?"
    three = await loopback.slash("glossary lookup", term="nanba")
    assert three.content == (
        "No entry for “nanba”: did you mean “kuro nanbā”, “shiro nanbā” or “kiiro nanbā”?"
    )
    closest = await loopback.slash("glossary lookup", term="keitra")
    assert closest.content == "No entry for “keitra”: did you mean “keitora”? Its card is below."
    assert closest.embeds[0]["title"] == "keitora"
