"""Zone suggestions for a few letters typed: an abbreviation finds its zone and the names whose
words start with it, not every name that hides it inside ("PT" in EgyPT); and the Japanese
names of Japan's big cities, which members who read Japanese type, are Japan's zone."""

from __future__ import annotations

import pytest

from bot.zones import parse_zone, search_zones


@pytest.mark.parametrize("typed", ["PT", "pt", "ET", "CT"])
def test_a_short_abbreviation_finds_no_zone_that_merely_hides_it(typed: str) -> None:
    offered = search_zones(typed)
    assert offered
    hidden_inside = [
        zone
        for zone in offered
        if not any(
            word.casefold().startswith(typed.casefold())
            for word in zone.replace("/", " ").replace("_", " ").replace("-", " ").split()
        )
    ]
    # The zone the abbreviation names (America/Los_Angeles for PT) is first, and the only one.
    assert hidden_inside == offered[:1], hidden_inside


def test_a_short_start_of_a_word_inside_a_city_name_is_found() -> None:
    assert "America/Los_Angeles" in search_zones("ang")
    assert "Egypt" not in search_zones("ypt")


def test_a_longer_piece_of_a_name_is_still_found_inside_it() -> None:
    assert "America/Los_Angeles" in search_zones("ngeles")


@pytest.mark.parametrize("typed", ["東京", "大阪", "京都", "名古屋", "横浜", "日本", " 東京 "])
def test_japans_cities_written_in_japanese_are_japans_zone(typed: str) -> None:
    assert parse_zone(typed) == "Asia/Tokyo"


def test_a_japanese_name_half_typed_is_suggested_as_japans_zone() -> None:
    assert search_zones("東")[0] == "Asia/Tokyo"
    assert search_zones("名古")[0] == "Asia/Tokyo"
