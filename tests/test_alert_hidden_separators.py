"""A zero-width space (or the invisible separator) between two letters of a new alert parts
words, as phone keyboards and copy-paste put it where a space belongs: `hijet\u200bdump` is
hijet and dump, not the word "hijetdump" no item holds. Inside a word alerts know (`hi\u200bjet`)
it is dropped, as what shows nothing is; and what joins (a word joiner, a soft hyphen) joins."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from tests.test_alerts import GUILD, MIKA, alerts, item, matches  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("hijet\u200bdump", "hijet, dump"),
        ("hijet\u200b4wd", "hijet, 4wd"),
        ("hijet\u2063dump", "hijet, dump"),
        ("hijet\u200b\u200bdump", "hijet, dump"),
        ("ハイゼット\u200bダンプ", "ハイゼット, ダンプ"),
        ("hi\u200bjet dump", "hijet, dump"),
        ("hi\u200bjets", "hijets"),
        ("\u200bhijet dump\u200b", "hijet, dump"),
        ("hijet\u200b, dump", "hijet, dump"),
        ("hijet\u2060dump", "hijetdump"),
        ("hijet\u00addump", "hijetdump"),
    ],
)
async def test_a_zero_width_space_between_letters_parts_words(
    alerts: AlertService, typed: str, read_as: str
) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read_as


async def test_words_a_zero_width_space_parts_find_the_item_holding_them(
    alerts: AlertService,
) -> None:
    assert await matches(alerts, "hijet\u200bdump", item("Hijet 4WD dump arrived"))
