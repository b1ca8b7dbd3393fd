"""Links compared for repeats by their listing (`link_key`): the ways feeds write one listing
meet, and another listing (another path, a query that picks another page) stays apart."""

from __future__ import annotations

import sqlite3

import pytest

from bot.feeds.links import link_key
from bot.importers.link_keys import repeated_in

LISTING = "https://kei.example/trucks/jumbo?stock=2&lang=en"


@pytest.mark.parametrize(
    "written",
    [
        "https://kei.example/trucks/jumbo/?stock=2&lang=en",
        "http://kei.example/trucks/jumbo?stock=2&lang=en",
        "https://www.kei.example/trucks/jumbo?stock=2&lang=en",
        "https://KEI.Example:443/trucks/jumbo?stock=2&lang=en",
        "https://kei.example/trucks/jumbo?lang=en&stock=2#photos",
        "https://kei.example/trucks/jumbo?utm_source=rss&stock=2&UTM_Medium=x&lang=en",
        "https://kei.example/trucks/jumbo?stock=2&fbclid=a&gclid=b&ref=home&lang=en",
        " https://kei.example/trucks/jumbo?stock=2&lang=en ",
    ],
)
def test_one_listing_written_another_way_has_its_key(written: str) -> None:
    assert link_key(written) == link_key(LISTING) == "kei.example/trucks/jumbo?lang=en&stock=2"


@pytest.mark.parametrize(
    "other",
    [
        "https://kei.example/trucks/jumbo?stock=3&lang=en",
        "https://kei.example/trucks/jumbo",
        "https://kei.example/trucks/Jumbo?stock=2&lang=en",
        "https://kei.example:8443/trucks/jumbo?stock=2&lang=en",
        "https://shop.kei.example/trucks/jumbo?stock=2&lang=en",
    ],
)
def test_another_listing_keeps_its_own_key(other: str) -> None:
    assert link_key(other) != link_key(LISTING)


def test_a_link_that_is_no_url_is_its_own_key() -> None:
    assert link_key("https://kei.example:port/x") == "https://kei.example:port/x"
    assert link_key("not a link") == "not a link"


@pytest.mark.parametrize("source", ["home", "rss", "producthunt", "twitter", "hackernews"])
def test_a_ref_naming_where_a_visitor_came_from_is_tracking(source: str) -> None:
    assert link_key(f"https://kei.example/listing?ref={source}") == "kei.example/listing"


@pytest.mark.parametrize("reference", ["123", "KT-0042", "A7", "Hijet"])
def test_a_ref_that_names_a_listing_keeps_it_apart(reference: str) -> None:
    """Dealer sites number their stock `?ref=123`: two trucks must not share a key."""
    written = f"https://kei.example/listing?ref={reference}&utm_source=rss"
    assert link_key(written) == f"kei.example/listing?ref={reference}"
    assert link_key(written) != link_key("https://kei.example/listing?ref=456")


@pytest.mark.parametrize(
    "source", ["home", "rss", "RSS", "producthunt", "Twitter", "facebook", "newsletter"]
)
def test_a_ref_naming_a_known_source_is_tracking_in_any_case(source: str) -> None:
    assert link_key(f"https://kei.example/listing?ref={source}") == "kei.example/listing"


@pytest.mark.parametrize("reference", ["hijet-jumbo", "acty_std", "carry", "minicab.4wd"])
def test_a_ref_of_lowercase_letters_naming_no_source_keeps_it_apart(reference: str) -> None:
    """Dealers name their stock in words too (`?ref=hijet-jumbo`)."""
    assert link_key(f"https://kei.example/stock?ref={reference}") == (
        f"kei.example/stock?ref={reference}"
    )


def _announcements(*links: str) -> list[sqlite3.Row]:
    """Arrivals at `links`, as the repeat check reads them."""
    database = sqlite3.connect(":memory:")
    database.row_factory = sqlite3.Row
    return database.execute(
        "SELECT 'arrival' AS source, 'key' AS title_key, column1 AS link FROM (VALUES "
        + ", ".join("(?)" for _ in links)
        + ")",
        links,
    ).fetchall()


def test_a_feed_item_repeats_an_announcement_by_its_listing_and_not_by_a_slug_ref() -> None:
    posted = _announcements("https://kei.example/stock?ref=hijet-jumbo")

    assert repeated_in(
        posted, "x", "https://kei.example/stock?ref=hijet-jumbo&ref_src=x", first=False
    )
    assert not repeated_in(posted, "x", "https://kei.example/stock?ref=acty-std", first=False)
    tracked = _announcements("https://kei.example/stock/7?ref=rss")
    assert repeated_in(tracked, "x", "https://kei.example/stock/7?ref=Newsletter", first=False)
