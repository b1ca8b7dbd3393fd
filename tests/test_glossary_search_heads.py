"""GlossaryIndex.search ranks an entry whose meaning is about the word searched (the head of its
gloss) above one whose meaning only names the word later, or whose name merely begins with it;
a whole name typed still ranks first."""

from __future__ import annotations

import pytest

from bot.glossary import GlossaryIndex
from bot.glossary.words import gloss_head
from tests.glossary_indexes import BUILTIN, entry, headwords


def test_searching_inspection_lists_the_inspection_before_the_auction_sheet() -> None:
    found = headwords(BUILTIN.search("inspection"))
    assert found[0] == "shaken", found  # "Japan's compulsory periodic roadworthiness inspection"
    assert {"shuppinhyō", "shakenshō"} <= set(found[1:]), found


def test_a_name_that_only_begins_with_the_word_ranks_below_a_meaning_about_it() -> None:
    index = GlossaryIndex([
        entry("sheet", "inspection sheet", meaning="The auction sheet: the inspector's notes."),
        entry("check", "vehicle inspection", meaning="The periodic roadworthiness inspection."),
    ])  # fmt: skip
    assert headwords(index.search("inspection")) == ["check", "sheet"]


def test_a_whole_name_typed_still_ranks_first() -> None:
    index = GlossaryIndex([
        entry("check", "vehicle inspection", meaning="The periodic roadworthiness inspection."),
        entry("inspection", meaning="The auction sheet: the inspector's notes."),
    ])  # fmt: skip
    assert headwords(index.search("inspection")) == ["inspection", "check"]


def test_among_meanings_the_one_about_the_word_comes_first() -> None:
    index = GlossaryIndex([
        entry("doa", meaning="The door of the cab, where a dent shows first."),
        entry("hekomi", meaning="A dent: a small hollow pressed into a panel."),
    ])  # fmt: skip
    assert headwords(index.search("dent")) == ["hekomi", "doa"]


@pytest.mark.parametrize(
    ("meaning", "head"),
    [
        ("Japan's compulsory periodic roadworthiness inspection; every two years.", "inspection"),
        ("The auction sheet: the inspector's condition report.", "sheet"),
        ("The vehicle inspection certificate. It works as a registration.", "certificate"),
        ("The cargo bed of a truck, the flat deck behind the cab.", "bed"),
        ("A vehicle that has had only one owner.", "vehicle"),
        ("A certificate proving the owner has somewhere to park.", "certificate"),
        ("A tipping bed that lifts to unload.", "bed"),
        ("Power steering, written PS on auction sheets.", "steering"),
        ("Air conditioning; auction sheets write it AC.", "conditioning"),
        ("A farmer, or a farming household.", "farmer"),
        ("Ramps for rolling a tiller up into the bed.", "ramp"),
        ("'Ordinary car': in everyday speech, any car that is not kei.", "car"),
        ("Everyday Japanese for a kei truck: a small pickup.", "truck"),
        ("The full, unclipped word for a kei truck; in speech it is shortened.", "truck"),
        ("Enthusiast slang for an old vehicle found abandoned in the grass.", "vehicle"),
        ("The name of a four-wheel-drive Daihatsu Hijet grade.", "grade"),
        ("The size and engine limits a vehicle must meet to count as kei.", "limit"),
        ("The yearly tax a kei vehicle's owner pays in Japan.", "tax"),
        ("What Japanese listings call the 'year': the year of first registration.", "year"),
        ("軽トラ", ""),
    ],
)
def test_the_head_of_a_gloss_is_the_last_word_of_its_first_phrase(meaning: str, head: str) -> None:
    assert gloss_head(meaning) == head


def test_searching_truck_lists_the_kei_truck_itself_first_and_japanese_does_not() -> None:
    assert headwords(BUILTIN.search("truck"))[0] == "keitora"
    assert headwords(BUILTIN.search("japanese"))[0] != "keitora"
