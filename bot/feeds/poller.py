"""Importer feeds polled on a schedule of jobs: new items handed on once, failures backed off.

A feed's state (validators, how many failures in a row, whether its backlog was recorded) and
every item key it ever showed live in SQLite. One poll is one job; the poll records the keys it
saw, hands on the new items and schedules the next poll in one transaction, so a crash either
redoes the whole poll or none of it, and an item is handed on once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.clock import Clock, unix
from bot.feeds.fetcher import FeedError, FeedFetcher, FeedGone, Validators, check_url
from bot.feeds.guard import BlockedAddress, judge, literal_address
from bot.feeds.parsing import FeedItem, ParsedFeed, parse_feed
from bot.jobs import Job, JobQueue
from bot.store import Store

log = logging.getLogger(__name__)

FEED_POLL_JOB = "feed.poll"
FEED_TROUBLE_JOB = "feed.trouble"  # tells the moderators a feed keeps failing, or is gone
FAILURES_BEFORE_TELLING = 5
MAX_BACKOFF = timedelta(hours=24)
DOUBLINGS_MAX = 16  # more than any allowed poll interval takes to reach MAX_BACKOFF
MAX_POSTS_PER_POLL = 5  # more new items than this at once is a re-published backlog, not news


@dataclass(frozen=True)
class FeedState:
    importer_id: int
    guild_id: int
    url: str
    validators: Validators
    primed: bool
    poll_no: int
    failures: int
    failing_told: bool
    last_error: str | None
    last_polled_at: int | None
    next_poll_at: int | None
    gone: bool


@dataclass(frozen=True)
class PollOutcome:
    """What one poll did: the items it handed on, and those it saw but held back (and why)."""

    handed_on: tuple[FeedItem, ...]
    held_back: tuple[tuple[FeedItem, str], ...]
    not_modified: bool = False
    first: bool = False  # the feed's first poll: its newest item handed on, the rest recorded


# Why `choose_new` holds an item back, for callers that tell a poll's items apart by it.
READ_BEFORE = "already seen"  # a poll of this feed handled it
REPEATED_IN_FEED = "repeated in the feed"  # the feed lists it twice


@dataclass(frozen=True)
class FirstRead:
    """A feed fetched and read before it is saved, to be recorded as its first poll (`start`)."""

    url: str
    feed: ParsedFeed
    validators: Validators
    max_age: int | None


class ItemsSink(Protocol):
    """Called inside the poll's transaction with the new items to announce (of the feed's
    `first` poll, or a later one); must not open its own. Returns those it held back after
    all, each with why (a repeat of what the importer announced)."""

    async def __call__(
        self, guild_id: int, importer_id: int, items: Sequence[FeedItem], *, first: bool
    ) -> Sequence[tuple[FeedItem, str]]: ...


def choose_new(
    feed: ParsedFeed, seen: set[str], *, primed: bool
) -> tuple[list[FeedItem], list[tuple[FeedItem, str]]]:
    """The items to hand on and those held back with the reason, in the feed's order.

    Dates never decide: a feed that re-stamps every item is not new, and an undated item is not
    old. The first poll hands on at most the newest item (the first, or the latest dated).
    """
    fresh: list[FeedItem] = []
    held: list[tuple[FeedItem, str]] = []
    keys: set[str] = set()
    for item in feed.items:
        if item.key in seen:
            held.append((item, READ_BEFORE))
        elif item.key in keys:
            held.append((item, REPEATED_IN_FEED))
        else:
            keys.add(item.key)
            fresh.append(item)
    if not primed and fresh:
        newest = _newest(fresh)
        held.extend(
            (item, "backlog from before the feed was added") for item in fresh if item is not newest
        )
        return [newest], held
    if len(fresh) > MAX_POSTS_PER_POLL:
        held.extend((item, "too many new items at once") for item in fresh[MAX_POSTS_PER_POLL:])
        fresh = fresh[:MAX_POSTS_PER_POLL]
    return fresh, held


def oldest_first(items: Sequence[FeedItem]) -> list[FeedItem]:
    """New items in the order to post them, so the channel's latest post is the newest item:
    by date when every one has one, else the feed's order turned round (feeds list their
    newest first)."""
    turned = list(reversed(items))
    if all(item.published is not None for item in turned):
        return sorted(turned, key=lambda item: item.published)  # type: ignore[arg-type, return-value]
    return turned


def _newest(items: Sequence[FeedItem]) -> FeedItem:
    dated = [item for item in items if item.published is not None]
    if dated:
        return max(dated, key=lambda item: item.published)  # type: ignore[arg-type, return-value]
    return items[0]  # feeds list their newest first


class FeedPoller:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        jobs: JobQueue,
        fetcher: FeedFetcher,
        *,
        poll_seconds: int,
        allow_private: bool,
    ) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        self._fetcher = fetcher
        self.poll_interval = timedelta(seconds=poll_seconds)
        self._allow_private = allow_private
        self._sink: ItemsSink | None = None

    def deliver_to(self, sink: ItemsSink) -> None:
        """Where new items go (the importers service); set once in the composition root."""
        self._sink = sink

    def check_url(self, url: str) -> str:
        """`url` when it may be a feed; `FeedError` for other schemes and literal private IPs.

        A host name is judged where the poller connects, not here: what it resolves to now
        says nothing about what it resolves to at the next poll.
        """
        parsed = check_url(url.strip())
        literal = literal_address(parsed.host)
        if literal is not None and not self._allow_private:
            try:
                judge(parsed.host, [str(literal)])
            except BlockedAddress as blocked:
                raise FeedError(f"Refused: {blocked}.") from None
        return str(parsed)

    async def read(self, url: str) -> FirstRead:
        """Fetch and read `url` now, without conditions; `FeedError` when it is not a feed."""
        checked = self.check_url(url)
        fetched = await self._fetcher.fetch(checked)
        assert fetched.body is not None  # no validators were sent, so no 304
        return FirstRead(checked, parse_feed(fetched.body), fetched.validators, fetched.max_age)

    async def start(self, guild_id: int, importer_id: int, first: FirstRead) -> PollOutcome:
        """Use the feed `first` was read from as the importer's feed from now on, that read
        recorded as its first poll (the newest item handed on, the backlog recorded, the next
        poll one interval on), so a feed saved is not fetched again at once; must run inside a
        transaction."""
        await self._start_over(guild_id, importer_id, first.url)
        feed = await self._require(importer_id)
        return await self._record(feed, first.feed, first.validators, first.max_age)

    async def _start_over(self, guild_id: int, importer_id: int, url: str) -> None:
        await self._store.execute(
            "INSERT INTO importer_feeds (importer_id, guild_id, url, next_poll_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (importer_id) DO UPDATE SET url = excluded.url, "
            "etag = NULL, last_modified = NULL, primed = 0, poll_no = poll_no + 1, "
            "failures = 0, failing_told = 0, last_error = NULL, gone_at = NULL, "
            "next_poll_at = excluded.next_poll_at",
            (importer_id, guild_id, url, unix(self._clock.now())),
        )

    async def stop(self, importer_id: int) -> None:
        """Read the importer's feed no more (it was removed), nor keep the item keys it showed;
        must run inside a transaction. Its polls planned are called off, and one under way
        finds the feed gone and records nothing (`_still_current`), so nothing more comes from
        it."""
        # A pause left its poll behind (it finds itself stale when due): those go too.
        for key in await self._jobs.pending_keys(FEED_POLL_JOB, f"{importer_id}:"):
            await self._jobs.cancel(FEED_POLL_JOB, key)
        await self._store.execute(
            "DELETE FROM importer_feeds WHERE importer_id = ?", (importer_id,)
        )

    async def pause(self, importer_id: int) -> None:
        """Stop polling (the importer was suspended): the pending poll no longer matches."""
        await self._store.execute(
            "UPDATE importer_feeds SET poll_no = poll_no + 1, next_poll_at = NULL "
            "WHERE importer_id = ?",
            (importer_id,),
        )

    async def resume(self, importer_id: int) -> None:
        """Poll again from now (the importer was unsuspended), unless the feed is gone."""
        feed = await self.state(importer_id)
        if feed is None or feed.gone:
            return
        await self._store.execute(
            "UPDATE importer_feeds SET next_poll_at = ? WHERE importer_id = ?",
            (unix(self._clock.now()), importer_id),
        )
        await self._schedule(feed, self._clock.now())

    async def state(self, importer_id: int) -> FeedState | None:
        row = await self._store.fetchone(
            "SELECT * FROM importer_feeds WHERE importer_id = ?", (importer_id,)
        )
        if row is None:
            return None
        return FeedState(
            importer_id=row["importer_id"],
            guild_id=row["guild_id"],
            url=row["url"],
            validators=Validators(row["etag"], row["last_modified"]),
            primed=bool(row["primed"]),
            poll_no=row["poll_no"],
            failures=row["failures"],
            failing_told=bool(row["failing_told"]),
            last_error=row["last_error"],
            last_polled_at=row["last_polled_at"],
            next_poll_at=row["next_poll_at"],
            gone=row["gone_at"] is not None,
        )

    async def preview(self, importer_id: int, url: str) -> tuple[ParsedFeed, PollOutcome]:
        """Fetch `url` now, without conditions or records: what a poll would hand on and why
        the rest would not be. `FeedError` when the feed cannot be read."""
        read = await self.read(url)
        state = await self.state(importer_id)
        same_feed = state is not None and state.url == read.url
        primed = bool(same_feed and state and state.primed)
        seen = await self._seen(importer_id, read.feed) if same_feed else set()
        fresh, held = choose_new(read.feed, seen, primed=primed)
        return read.feed, PollOutcome(tuple(fresh), tuple(held), first=not primed)

    async def poll(self, job: Job) -> None:
        """The FEED_POLL_JOB handler."""
        feed = await self.state(job.payload["importer_id"])
        if feed is None or feed.poll_no != job.payload["poll_no"] or feed.gone:
            return  # paused, moved to another URL, or already polled by an earlier try
        try:
            fetched = await self._fetcher.fetch(feed.url, feed.validators)
            parsed = None if fetched.not_modified else parse_feed(fetched.body or b"")
        except FeedGone as gone:
            await self._stop_gone(feed, str(gone))
            return
        except FeedError as error:
            await self._failed(feed, str(error))
            return
        except Exception as error:  # a bug in parsing one feed must not end its polling
            log.exception("polling feed %s of importer %d raised", feed.url, feed.importer_id)
            await self._failed(feed, f"unexpected error: {type(error).__name__}")
            return
        await self._succeeded(feed, parsed, fetched.validators, fetched.max_age)

    async def _succeeded(
        self,
        feed: FeedState,
        parsed: ParsedFeed | None,
        validators: Validators,
        max_age: int | None,
    ) -> None:
        async with self._store.transaction():
            if not await self._still_current(feed):
                return
            outcome = await self._record(feed, parsed, validators, max_age)
        if outcome.handed_on:
            log.info("feed of importer %d: %d new items", feed.importer_id, len(outcome.handed_on))

    async def _record(
        self,
        feed: FeedState,
        parsed: ParsedFeed | None,
        validators: Validators,
        max_age: int | None,
    ) -> PollOutcome:
        """Record a poll that read the feed (`parsed`, None for 304): every key it showed, the
        new items handed on, the next poll scheduled; inside the caller's transaction."""
        now = self._clock.now()
        wait = self.poll_interval
        if max_age is not None:
            wait = min(max(wait, timedelta(seconds=max_age)), MAX_BACKOFF)
        fresh: list[FeedItem] = []
        held: list[tuple[FeedItem, str]] = []
        if parsed is not None:
            seen = await self._seen(feed.importer_id, parsed)
            await self._keyed_anew(feed.importer_id, parsed)
            fresh, held = choose_new(parsed, seen, primed=feed.primed)
            await self._store.executemany(
                "INSERT INTO feed_items (importer_id, guild_id, item_key, first_seen_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [
                    (feed.importer_id, feed.guild_id, item.key, unix(now))
                    for item in [*fresh, *(item for item, _ in held)]
                ],
            )
            if fresh and self._sink is not None:
                items = oldest_first(fresh)
                refused = await self._sink(
                    feed.guild_id, feed.importer_id, items, first=not feed.primed
                )
                fresh = [item for item in fresh if all(item is not r for r, _ in refused)]
                held.extend(refused)
        await self._store.execute(
            "UPDATE importer_feeds SET etag = ?, last_modified = ?, primed = primed OR ?, "
            "poll_no = poll_no + 1, failures = 0, failing_told = 0, last_error = NULL, "
            "last_polled_at = ?, next_poll_at = ? WHERE importer_id = ?",
            (
                validators.etag,
                validators.last_modified,
                int(parsed is not None),
                unix(now),
                unix(now + wait),
                feed.importer_id,
            ),
        )
        await self._schedule(feed, now + wait, poll_no=feed.poll_no + 1)
        return PollOutcome(
            tuple(fresh), tuple(held), not_modified=parsed is None, first=not feed.primed
        )

    async def _failed(self, feed: FeedState, error: str) -> None:
        now = self._clock.now()
        failures = feed.failures + 1
        # Past the cap, doubling on would overflow timedelta after a month of failures.
        wait = min(self.poll_interval * 2 ** min(failures - 1, DOUBLINGS_MAX), MAX_BACKOFF)
        tell = failures >= FAILURES_BEFORE_TELLING and not feed.failing_told
        log.warning(
            "feed %s of importer %d failed (%d in a row; next try in %s): %s",
            feed.url,
            feed.importer_id,
            failures,
            wait,
            error,
        )
        async with self._store.transaction():
            if not await self._still_current(feed):
                return
            await self._store.execute(
                "UPDATE importer_feeds SET poll_no = poll_no + 1, failures = ?, "
                "failing_told = failing_told OR ?, last_error = ?, last_polled_at = ?, "
                "next_poll_at = ? WHERE importer_id = ?",
                (failures, int(tell), error[:500], unix(now), unix(now + wait), feed.importer_id),
            )
            await self._schedule(feed, now + wait, poll_no=feed.poll_no + 1)
            if tell:
                await self._tell_moderators(feed, "failing", error, failures)

    async def _stop_gone(self, feed: FeedState, error: str) -> None:
        log.warning("feed %s of importer %d is gone; polling stopped", feed.url, feed.importer_id)
        now = unix(self._clock.now())
        async with self._store.transaction():
            if not await self._still_current(feed):
                return
            await self._store.execute(
                "UPDATE importer_feeds SET poll_no = poll_no + 1, gone_at = ?, last_error = ?, "
                "last_polled_at = ?, next_poll_at = NULL WHERE importer_id = ?",
                (now, error, now, feed.importer_id),
            )
            await self._tell_moderators(feed, "gone", error, feed.failures)

    async def _still_current(self, feed: FeedState) -> bool:
        # A suspension or a new URL while the fetch was under way wins over its result.
        current = await self._store.fetchval(
            "SELECT poll_no FROM importer_feeds WHERE importer_id = ?", (feed.importer_id,)
        )
        return current == feed.poll_no

    async def _seen(self, importer_id: int, feed: ParsedFeed) -> set[str]:
        """The keys of the feed's items a poll handled before: by their key, or by a key
        they had before (`old_keys`; `_keyed_anew` brings those up to date)."""
        seen = await self._stored(importer_id, [item.key for item in feed.items])
        return seen | {item.key for item, _ in await self._keyed_before(importer_id, feed)}

    async def _stored(
        self, importer_id: int, keys: Sequence[str], *, earlier_rule: bool = False
    ) -> set[str]:
        """Those of `keys` stored for the importer's feed (only those kept by an earlier
        rule, marked so by 0058, when `earlier_rule`)."""
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            rows = await self._store.fetchall(
                "SELECT item_key FROM feed_items WHERE importer_id = ? AND item_key IN "
                f"({', '.join('?' * len(chunk))})"
                + (" AND keyed_before_0058" if earlier_rule else ""),
                (importer_id, *chunk),
            )
            found.update(row["item_key"] for row in rows)
        return found

    async def _keyed_before(self, importer_id: int, feed: ParsedFeed) -> list[tuple[FeedItem, str]]:
        """The feed's items known by their listing that were seen by an old key, with that
        key: a raw link's (before 0056) or web-address id's, or a listing's as 0056 keyed it.
        Each item sharing such a key is taken for seen: which of them the key was stored for
        is not known, and none may be posted again. And those seen by their id with its
        anchor (`anchored_key`), or without its worded one (`unanchored_key`, unless an item of
        this read is keyed by it now), stored by any rule."""
        old = {key for item in feed.items for key in item.old_keys}
        stored = await self._stored(importer_id, list(old), earlier_rule=True)
        keys_now = {item.key for item in feed.items}
        anchors = [(item, key) for item in feed.items for key in self._anchor_keys(item, keys_now)]
        seen_anchored = await self._stored(importer_id, [key for _, key in anchors])
        return [(item, key) for item in feed.items for key in item.old_keys if key in stored] + [
            (item, key) for item, key in anchors if key in seen_anchored
        ]

    @staticmethod
    def _anchor_keys(item: FeedItem, keys_now: set[str]) -> list[str]:
        unanchored = item.unanchored_key if item.unanchored_key not in keys_now else None
        return [key for key in (item.anchored_key, unanchored) if key is not None]

    async def _keyed_anew(self, importer_id: int, feed: ParsedFeed) -> None:
        """Key anew the items seen by an old key (inside the poll's transaction): the same
        listing written otherwise is known from now on, and a listing told apart from them
        since is not taken for one of them. A marked key that is an item's key now (0056 keyed
        `stock?ref=hijet` as `stock`) is that item's from now on."""
        keyed_before = await self._keyed_before(importer_id, feed)
        for item, key in keyed_before:
            await self._store.execute(
                "INSERT INTO feed_items (importer_id, guild_id, item_key, first_seen_at) "
                "SELECT importer_id, guild_id, ?, first_seen_at FROM feed_items "
                "WHERE importer_id = ? AND item_key = ? ON CONFLICT DO NOTHING",
                (item.key, importer_id, key),
            )
        await self._store.executemany(
            "UPDATE feed_items SET keyed_before_0058 = 0 "
            "WHERE importer_id = ? AND item_key = ? AND keyed_before_0058",
            [(importer_id, item.key) for item in feed.items],
        )
        await self._store.executemany(
            "DELETE FROM feed_items WHERE importer_id = ? AND item_key = ? AND keyed_before_0058",
            [(importer_id, key) for key in {key for _, key in keyed_before}],
        )
        # The key a page's items shared goes once they are keyed anew: kept, it would take the
        # trucks the page lists later for seen.
        shared = {key for item, key in keyed_before if key == item.unanchored_key}
        await self._store.executemany(
            "DELETE FROM feed_items WHERE importer_id = ? AND item_key = ?",
            [(importer_id, key) for key in shared],
        )

    async def _schedule(
        self, feed: FeedState, due: datetime, *, poll_no: int | None = None
    ) -> None:
        number = feed.poll_no if poll_no is None else poll_no
        await self._jobs.schedule(
            FEED_POLL_JOB,
            f"{feed.importer_id}:{number}",
            due,
            payload={"importer_id": feed.importer_id, "poll_no": number},
            guild_id=feed.guild_id,
        )

    async def _tell_moderators(
        self, feed: FeedState, trouble: str, error: str, failures: int
    ) -> None:
        await self._jobs.schedule(
            FEED_TROUBLE_JOB,
            f"{feed.importer_id}:{feed.poll_no}:{trouble}",
            self._clock.now(),
            payload={
                "importer_id": feed.importer_id,
                "url": feed.url,
                "trouble": trouble,
                "error": error,
                "failures": failures,
            },
            guild_id=feed.guild_id,
        )

    async def _require(self, importer_id: int) -> FeedState:
        feed = await self.state(importer_id)
        assert feed is not None
        return feed
