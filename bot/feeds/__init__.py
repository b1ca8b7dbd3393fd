"""Importer feeds: the guarded fetcher, the defused parser and the poller that schedules them."""

from bot.feeds.fetcher import FeedError, FeedFetcher, FeedGone, Fetched, Validators
from bot.feeds.guard import BlockedAddress, GuardedBackend, Resolver, system_resolver
from bot.feeds.parsing import FeedItem, ParsedFeed, parse_feed
from bot.feeds.poller import (
    FEED_POLL_JOB,
    FEED_TROUBLE_JOB,
    FeedPoller,
    FeedState,
    FirstRead,
    PollOutcome,
    choose_new,
)

__all__ = [
    "FEED_POLL_JOB",
    "FEED_TROUBLE_JOB",
    "BlockedAddress",
    "FeedError",
    "FeedFetcher",
    "FeedGone",
    "FeedItem",
    "FeedPoller",
    "FeedState",
    "Fetched",
    "FirstRead",
    "GuardedBackend",
    "ParsedFeed",
    "PollOutcome",
    "Resolver",
    "Validators",
    "choose_new",
    "parse_feed",
    "system_resolver",
]
