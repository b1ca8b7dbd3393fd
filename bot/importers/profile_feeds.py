"""An importer's feed, as its profile holds it: an address checked and read before it is
saved (its first poll), a moderator's change of it told to the importer's member, and the
moderators told of a feed that keeps failing. The profile service (`ImporterService`) owns the
importers; the poller owns the feeds and what they hold."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.clock import Clock
from bot.delivery import Channel, Outgoing
from bot.errors import NotFound, UserError
from bot.feeds import FeedError, FeedPoller, FirstRead, PollOutcome
from bot.feeds.poller import READ_BEFORE, REPEATED_IN_FEED
from bot.importers.profile_fields import MAX_URL, NONE
from bot.importers.suspensions import FeedNews, ProfileNews, tell_member
from bot.jobs import GiveUp, Job, JobQueue
from bot.limits import plain_quote
from bot.numbers import counted
from bot.setup import SetupService

if TYPE_CHECKING:
    from bot.importers.profiles import Importer

# Why a feed item is not announced: it repeats one the importer announced this week, or one
# taken down since.
REPEAT_HELD = "you announced it this week"
TAKEN_DOWN_HELD = "taken down this week"
_REPEATS = (REPEAT_HELD, TAKEN_DOWN_HELD)
# Why a new address's newest item is not announced (`day_full`).
_DAY_FULL = "in the last 24 hours, the most this server allows"


def day_full(importer_name: str, made: int) -> str:
    """Why a new feed address's newest item is not announced: the importer made `made`
    announcements in the last 24 hours, its feeds' items too, the server's daily limit."""
    return f"{importer_name} has made {counted(made, 'announcement')} {_DAY_FULL}"


@dataclass(frozen=True)
class FeedTrouble:
    """A feed that keeps failing (`failing`) or was removed (`gone`), told to moderators."""

    importer_name: str
    url: str
    trouble: str
    error: str
    failures: int


FeedTroubleNotice = Callable[[FeedTrouble], str]
# (guild id, importer id) -> the importer; `NotFound` once it is removed.
ImporterReader = Callable[[int, int], Awaitable["Importer"]]


@dataclass(frozen=True)
class FeedSaved:
    """A feed read and saved: what its first poll does with the items it holds now."""

    importer: Importer
    newest_title: str | None  # the one item announced, None when none is new
    older: int  # items recorded as seen, never posted
    posted: bool  # the newest item goes to the announcements channel, not to the moderators
    repeated_title: str | None = None  # the newest item, not announced: announced this week
    read_before: int = 0  # items this feed held when it was saved before: handled then
    # The newest item, not announced, and why (`day_full`): the day's limit was reached.
    day_full: tuple[str, str] | None = None


@dataclass(frozen=True)
class FeedRemoved:
    """A feed removed: polling stopped, and nothing more comes from it."""

    importer: Importer
    url: str


class ProfileFeeds:
    def __init__(
        self, clock: Clock, setup: SetupService, poller: FeedPoller, jobs: JobQueue
    ) -> None:
        self._clock = clock
        self._setup = setup
        self._poller = poller
        self._jobs = jobs

    async def read(self, feed: str, so: str) -> FirstRead:
        """`feed` fetched and read now, to be its first poll: a feed is saved only once it was
        read as one, so a wrong address is told at once, not after failed polls."""
        try:
            return await self._poller.read(feed)
        except FeedError as failed:
            raise UserError(f"That feed cannot be read, so {so}. {failed}") from None

    def checked(self, url: str | None) -> str | None:
        """The feed address `url` as it is polled; None when none is given."""
        if url is None or not url.strip():
            return None
        if len(url.strip()) > MAX_URL:
            raise UserError(f"The feed address is over {MAX_URL} characters.")
        try:
            return self._poller.check_url(url)
        except FeedError as refused:
            raise UserError(f"That feed address cannot be used: {refused}") from None

    def required(self, url: str) -> str:
        feed = self.checked(url)
        if feed is None:
            raise UserError("Give the feed's address, such as https://kei.example/feed.xml.")
        return feed

    async def change(
        self,
        importer: Importer,
        first: FirstRead | None,
        name: str,
        server: str,
        also: ProfileNews | None = None,
    ) -> None:
        """A moderator's change of the importer's feed, inside the edit's transaction: the one
        `first` was read from, or none; its member is told by DM, scheduled with the change,
        naming the importer `name` (as the edit calls it) and the server `server`, and telling
        of what else the edit changed (`also`) in the same DM."""
        if first is not None:
            refuse_while_suspended(importer)
            await self._poller.start(importer.guild_id, importer.id, first)
        elif importer.feed_url is None:
            raise UserError(f"{plain_quote(importer.name)} has no feed to remove.")
        else:
            await self._poller.stop(importer.id)
        new_url = None if first is None else first.url
        news = FeedNews(name, importer.feed_url, new_url, server, also)
        await tell_member(
            self._jobs, self._clock, importer.guild_id, importer.id, importer.member_id, news
        )

    async def posts_items(self, importer: Importer) -> bool:
        """Whether the importer's feed items go straight to the announcements channel, not to
        the moderators: a trusted importer, and a channel to post in (without one, even a
        trusted feed's items wait for moderators, who can approve them once there is one)."""
        channels = (await self._setup.get(importer.guild_id)).channels
        return importer.trusted and "announcements" in channels

    def trouble_handler(
        self, notice: FeedTroubleNotice, read: ImporterReader
    ) -> Callable[[Job], Awaitable[Outgoing]]:
        """The job handler telling moderators, in the mod-queue channel, of a troubled feed."""

        async def tell(job: Job) -> Outgoing:
            if job.guild_id is None:
                raise GiveUp("a feed notice without a server")
            channel = (await self._setup.get(job.guild_id)).channels.get("modqueue")
            if channel is None:
                raise GiveUp("no mod-queue channel to tell moderators in")
            try:
                importer = await read(job.guild_id, job.payload["importer_id"])
            except NotFound:
                raise GiveUp("the importer was removed") from None
            trouble = FeedTrouble(
                importer.name,
                job.payload["url"],
                job.payload["trouble"],
                job.payload["error"],
                job.payload["failures"],
            )
            return Outgoing(Channel(channel), notice(trouble))

        return tell


def feed_saved(importer: Importer, first_poll: PollOutcome, posted: bool) -> FeedSaved:
    """What a feed's first poll did: the newest item handed on, or held back as announced this
    week; the backlog recorded as seen (an item repeated in the feed is not counted twice); and,
    of the same feed saved again, what it read before (posted then, or recorded then)."""
    newest = first_poll.handed_on[0].title if first_poll.handed_on else None
    repeated = [item.title for item, why in first_poll.held_back if why in _REPEATS]
    read_before = sum(1 for _, why in first_poll.held_back if why == READ_BEFORE)
    full = [(item.title, why) for item, why in first_poll.held_back if why.endswith(_DAY_FULL)]
    older = sum(
        1
        for _, why in first_poll.held_back
        if why not in (REPEATED_IN_FEED, READ_BEFORE, *_REPEATS) and not why.endswith(_DAY_FULL)
    )
    return FeedSaved(
        importer,
        newest,
        older,
        posted,
        repeated[0] if repeated else None,
        read_before,
        full[0] if full else None,
    )


def refuse_while_suspended(importer: Importer) -> None:
    # A suspension stops the feed until it is lifted: a feed saved meanwhile would be read.
    if importer.suspended:
        raise UserError(
            f"{plain_quote(importer.name)} is suspended, so its feed is not read; lift the "
            f"suspension first, or give {NONE} to remove the feed."
        )
