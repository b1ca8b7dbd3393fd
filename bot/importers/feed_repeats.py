"""Feed items held back as repeats of what their importer announced this week, or had taken
down since: their site often lists what they already told the server, and posting it again
would repeat it in the channel and in members' alert DMs."""

from __future__ import annotations

from dataclasses import replace

from bot.clock import Clock, unix
from bot.feeds import FeedItem, PollOutcome
from bot.importers.link_keys import repeated_in
from bot.importers.profile_feeds import REPEAT_HELD, TAKEN_DOWN_HELD
from bot.importers.profiles import Importer
from bot.importers.values import REPEAT_WINDOW, AnnouncementDraft, repeat_key
from bot.importers.withdrawals import Withdrawals
from bot.limits import EMBED_TITLE, fit
from bot.store import Store


class FeedRepeats:
    def __init__(self, store: Store, clock: Clock, withdrawals: Withdrawals) -> None:
        self._store = store
        self._clock = clock
        self._withdrawals = withdrawals

    async def why_held(self, importer: Importer, item: FeedItem, *, first: bool) -> str | None:
        """Why the feed item is held back as a repeat, if the importer announced it in the last
        7 days (`REPEAT_HELD`): themselves (same title, or same listing, an arrival's too,
        titled by its truck, not as the site titles it), or, for a feed's `first` poll,
        through their feed (same listing): a feed removed and set again starts over without
        its record of the items it showed. Listings are compared by `link_key`. Feed items
        among themselves are otherwise told apart by their id, never by title: two trucks may
        share one. One matching an announcement taken down since, by a moderator or the
        importer (`TAKEN_DOWN_HELD`), is not put back either."""
        draft = feed_draft(item)
        key, since = repeat_key(draft, None), self._clock.now() - REPEAT_WINDOW
        # The importer's week (its index: importer, time), links compared in Python.
        live = await self._store.fetchall(
            "SELECT source, title_key, link FROM announcements WHERE guild_id = ? AND "
            "importer_id = ? AND status != 'rejected' AND created_at > ? AND "
            "(source = 'member' OR link IS NOT NULL)",
            (importer.guild_id, importer.id, unix(since)),
        )
        if repeated_in(live, key, draft.link, first=first):
            return REPEAT_HELD
        taken = await self._withdrawals.taken_down_alike(
            importer.id, key, draft.link, since=since, first=first
        )
        return TAKEN_DOWN_HELD if taken else None

    async def without_repeats(self, importer: Importer, outcome: PollOutcome) -> PollOutcome:
        """A feed test's outcome with the items a poll would skip as repeats held back, and
        why, so the test shows what a poll would do."""
        handed_on: list[FeedItem] = []
        held_back = list(outcome.held_back)
        for item in outcome.handed_on:
            if repeated := await self.why_held(importer, item, first=outcome.first):
                held_back.append((item, repeated))
            else:
                handed_on.append(item)
        return replace(outcome, handed_on=tuple(handed_on), held_back=tuple(held_back))


def feed_draft(item: FeedItem) -> AnnouncementDraft:
    """A feed item as a draft (its text already without hidden characters: see
    `bot.feeds.parsing`)."""
    link = item.link if item.link and item.link.startswith(("https://", "http://")) else None
    return AnnouncementDraft(fit(item.title, EMBED_TITLE), fit(item.summary, 1000), link)
