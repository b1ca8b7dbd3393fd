"""/glossary as a reader sees its words: meanings cut between words, names with their capitals,
a model line's chassis codes on one line, and one way of quoting and suggesting."""

from __future__ import annotations

import re

from bot.glossary import builtin_entries
from sandbox import Loopback

from .conftest import RunningBot

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
