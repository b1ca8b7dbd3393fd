"""A zero-width space (or the invisible separator) between two letters or digits of an item's
text parts words, as alerts read it (`test_alert_hidden_separators`): pasted from a listing, or
written so by a feed, `Hijet\u200bDump` is "Hijet Dump", which an alert for "dump" finds, not
the word "HijetDump" no alert holds. What joins (a word joiner, a soft hyphen) still joins, and
where a space or punctuation stands already, or inside a name of the model list
(`Hi\u200bjet`), the separator is dropped."""

from __future__ import annotations

import pytest

from bot.feeds import parse_feed
from bot.importers.arrivals import ArrivalDraft, check_arrival
from bot.importers.values import AnnouncementDraft, check_draft
from tests.feed_server import Item, rss

READINGS = [
    ("Hijet\u200bDump", "Hijet Dump"),
    ("Hijet\u2063Dump", "Hijet Dump"),
    ("Hijet\u200b\u200b4WD", "Hijet 4WD"),
    ("ハイゼット\u200bダンプ", "ハイゼット ダンプ"),
    ("\u200bHijet Dump\u200b", "Hijet Dump"),
    ("Hijet\u200b, Dump", "Hijet, Dump"),
    ("Hi\u200bjet Dump", "Hijet Dump"),  # inside a model's name, as alerts drop it
    ("Hi\u200bJet\u200bDump", "Hi Jet Dump"),  # but the run as a whole names none
    ("Hijet\u2060Dump", "HijetDump"),
    ("Hijet\u00adDump", "HijetDump"),
]


@pytest.mark.parametrize(("written", "read_as"), READINGS)
def test_a_feed_items_title_parts_words_at_a_zero_width_space(written: str, read_as: str) -> None:
    [item] = parse_feed(rss([Item(written, "https://kei.example/1")])).items
    assert item.title == read_as


@pytest.mark.parametrize(("written", "read_as"), READINGS)
def test_a_typed_announcements_text_parts_words_at_a_zero_width_space(
    written: str, read_as: str
) -> None:
    assert check_draft(AnnouncementDraft("Hijet", written)).body == read_as


@pytest.mark.parametrize(("written", "read_as"), READINGS)
def test_an_arrivals_notes_part_words_at_a_zero_width_space(written: str, read_as: str) -> None:
    draft = ArrivalDraft("Daihatsu", "Hijet", 1995, "S110P", "4wd", notes=written)
    assert check_arrival(draft, 2026).notes == read_as
