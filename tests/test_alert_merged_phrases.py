"""Two words of an alert are one only where matching reads them as one: a phrase holding
another spelling of its concept (`"dump bed"`, as "dump" is) waits for the phrase, and the
word alone for any dump; merging the one into the other would match what the member left out
or did not ask for, and the reply would say the dropped word was said already."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from bot.alerts.query import merges
from tests.test_alerts import GUILD, MIKA, alerts, item, matches  # noqa: F401 (the fixture)

A_DUMP_NO_BED = item("1995 Hijet dump, 4wd")


@pytest.mark.parametrize(
    "typed", ['hijet -"dump bed" -dump', 'hijet -dump -"dump bed"', 'hijet dump "dump bed"']
)
async def test_a_word_beside_its_phrase_is_kept_with_it(alerts: AlertService, typed: str) -> None:
    # `-"dump bed" -dump` kept only the phrase: the dump the member left out was matched, and
    # the reply said -dump was left out as the phrase said it.
    assert merges(typed) == []
    assert not await matches(alerts, typed, A_DUMP_NO_BED)


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ('hijet -"dump bed" -dump', 'hijet · not "dump bed" · not dump'),
        ('hijet dump "dump bed"', 'hijet, dump, "dump bed"'),
    ],
)
async def test_a_word_beside_its_phrase_is_read_with_it(
    alerts: AlertService, typed: str, read_as: str
) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read_as


async def test_a_word_whose_leaving_out_parts_a_known_phrase_is_kept(
    alerts: AlertService,
) -> None:
    # Without the second `kei`, "kei truck" is a phrase the first `kei` makes, and an item
    # with "軽トラ" alone would meet it, which the alert as typed does not.
    assert merges("kei kei truck") == []
    assert not await matches(alerts, "kei kei truck", item("軽トラ 4WD"))
