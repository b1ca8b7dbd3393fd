"""What a feed's first poll did is told from the poller's own reasons, named once in the
poller: an item repeated in the feed or read before is never counted as backlog."""

from __future__ import annotations

from bot.feeds import FeedItem, ParsedFeed, PollOutcome, choose_new
from bot.feeds.poller import READ_BEFORE, REPEATED_IN_FEED
from bot.importers.profile_feeds import TAKEN_DOWN_HELD, feed_saved
from bot.importers.profiles import Importer

IMPORTER = Importer(1, 2, "Kei Imports", 3, None, None, True, False, None)


def item(key: str) -> FeedItem:
    return FeedItem(key, f"Truck {key}", None, "", None)


def test_the_reasons_a_first_poll_holds_back_are_the_pollers_own() -> None:
    feed = ParsedFeed("Kei", (item("a"), item("b"), item("b"), item("c")))
    handed_on, held_back = choose_new(feed, {"c"}, primed=False)

    assert [why for _, why in held_back] == [
        REPEATED_IN_FEED,
        READ_BEFORE,
        "backlog from before the feed was added",
    ]
    saved = feed_saved(IMPORTER, PollOutcome(tuple(handed_on), tuple(held_back), first=True), True)
    assert (saved.newest_title, saved.older, saved.read_before) == ("Truck a", 1, 1)


def test_a_newest_item_held_as_taken_down_this_week_is_named_not_counted_as_backlog() -> None:
    feed = ParsedFeed("Kei", (item("a"), item("b")))
    handed_on, held_back = choose_new(feed, set(), primed=False)
    outcome = PollOutcome((), ((handed_on[0], TAKEN_DOWN_HELD), *held_back), first=True)

    saved = feed_saved(IMPORTER, outcome, True)

    assert (saved.newest_title, saved.repeated_title, saved.older) == (None, "Truck a", 1)
