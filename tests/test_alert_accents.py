"""Accented and full-width letters are the plain ones, in alerts and items both: `hijét`,
`ＨＩＪＥＴ` and `Hijet` all find "Hijet", and the other way round."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService
from bot.alerts.spellings import fold
from tests.test_alerts import alerts, item, matches  # noqa: F401 (the fixture)


@pytest.mark.parametrize("typed", ["hijét", "ＨＩＪＥＴ", "Hijet", "HÏJÉT"])
@pytest.mark.parametrize("title", ["Hijet 4WD arrived", "Hijét 4WD arrived", "ＨＩＪＥＴ 4WD"])
async def test_accented_and_full_width_letters_are_the_plain_ones_both_ways(
    alerts: AlertService, typed: str, title: str
) -> None:
    assert await matches(alerts, typed, item(title))


def test_accents_on_latin_letters_fold_and_on_kana_are_kept() -> None:
    # The dakuten is a different sound, not an accent: ガ is not カ.
    assert fold("ガ") == "ガ"
    assert fold("Crème BRÛLÉE") == "creme brulee"
