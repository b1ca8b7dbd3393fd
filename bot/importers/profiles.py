"""Importer profiles: who a verified importer is, whether moderators trust them, and whether
they are suspended; their feed is read and checked by `ProfileFeeds`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.clock import Clock, from_unix, unix
from bot.delivery import Outgoing
from bot.errors import NotFound, UserError
from bot.feeds import FeedPoller
from bot.importers.name_keys import refresh_name_keys
from bot.importers.profile_feeds import (
    FeedRemoved,
    FeedSaved,
    FeedTroubleNotice,
    ProfileFeeds,
    feed_saved,
    refuse_while_suspended,
)
from bot.importers.profile_fields import (
    MAX_REASON,
    MIN_REASON,
    checked_name,
    is_none,
    parse_https,
    parse_https_or_none,
    parse_state,
    parse_state_or_none,
)
from bot.importers.suspensions import ProfileNews, SuspensionNews, tell_member
from bot.importers.withdrawals import Withdrawals
from bot.jobs import Job, JobQueue
from bot.limits import checked_reason, fit, plain_quote
from bot.names import name_key
from bot.privacy import FORMER_MEMBER
from bot.setup import SetupService
from bot.store import Store, containing

# Told of a change to an importer (guild id, importer id) inside that change: a suspension
# lifted, a new name.
ImporterChanged = Callable[[int, int], Awaitable[None]]
# (importer id) -> how many of its announcements wait for a moderator, and how many are on
# their way out (what a suspension held back).
HeldCounter = Callable[[int], Awaitable[tuple[int, int]]]

# How a member becomes an importer: the role alone makes none.
REGISTERING = "a moderator registers importers with /importer-mod register."


@dataclass(frozen=True)
class SuspensionChanged:
    """A suspension made or lifted, and the key of the IMPORTER_SUSPENSION_JOB telling the
    importer's member, whose state says whether the DM went out."""

    importer: Importer
    dm_key: str


@dataclass(frozen=True)
class Importer:
    id: int
    guild_id: int
    name: str
    member_id: int
    website: str | None
    state: str | None
    trusted: bool
    suspended: bool
    feed_url: str | None
    suspension_reason: str | None = None  # a moderator's words, told to the importer
    suspended_by: int | None = None  # the moderator; None for a suspension made before 0032
    suspended_at: datetime | None = None


class ImporterService:
    def __init__(
        self, store: Store, clock: Clock, setup: SetupService, poller: FeedPoller, jobs: JobQueue
    ) -> None:
        self._store = store
        self._clock = clock
        self._setup = setup
        self._poller = poller
        self._jobs = jobs
        self._feeds = ProfileFeeds(clock, setup, poller, jobs)
        self._withdrawals = Withdrawals(store, clock)
        self._reinstated: list[ImporterChanged] = []
        self._renamed: list[ImporterChanged] = []
        self._suspension_changed: list[ImporterChanged] = []
        self._held: HeldCounter = _nothing_held

    def counts_held_with(self, counter: HeldCounter) -> None:
        """How a lifted suspension counts what it held back, for the DM telling of it."""
        self._held = counter

    def when_reinstated(self, subscriber: ImporterChanged) -> None:
        """Told when a suspension is lifted, inside that transaction (what it held back)."""
        self._reinstated.append(subscriber)

    def when_renamed(self, subscriber: ImporterChanged) -> None:
        """Told when an importer's name changes, inside that transaction (what shows it)."""
        self._renamed.append(subscriber)

    def when_suspension_changes(self, subscriber: ImporterChanged) -> None:
        """Told when an importer is suspended or the suspension is lifted, inside that
        transaction (what shows whether it is)."""
        self._suspension_changed.append(subscriber)

    async def register(
        self,
        guild_id: int,
        name: str,
        member_id: int,
        *,
        website: str | None = None,
        feed_url: str | None = None,
        state: str | None = None,
        trusted: bool = False,
        member_is_bot: bool = False,
        by: int | None = None,
        own_allowed: bool = False,
    ) -> Importer:
        """A new verified importer linked to `member_id`, registered by the moderator `by`; the
        feed, if given, polled from now. A bot may not speak for one: it never announces, and
        the DMs to it go nowhere. A moderator registers no trusted one for themselves
        (`refuse_own_pass`)."""
        if member_is_bot:
            raise UserError("A bot cannot speak for an importer; register a member.")
        name = checked_name(name)
        if trusted:
            refuse_own_pass(name, member_id, by, "registers it as trusted", own_allowed=own_allowed)
        website = parse_https("The website", website)
        code = parse_state(state)
        feed = self._feeds.checked(feed_url)
        first = None if feed is None else await self._feeds.read(feed, "nothing was registered")
        async with self._store.transaction():
            await self._refuse_taken(guild_id, name, member_id)
            importer_id = await self._store.insert(
                "INSERT INTO importers (guild_id, name, name_key, member_id, website, state, "
                "trusted, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    guild_id,
                    name,
                    name_key(name),
                    member_id,
                    website,
                    code,
                    int(trusted),
                    unix(self._clock.now()),
                ),
            )
            if first is not None:
                await self._poller.start(guild_id, importer_id, first)
        return await self.get(guild_id, importer_id)

    async def refresh_name_keys(self) -> int:
        """Bring the name keys of names saved before the key changed up to date (at
        start-up); returns how many changed."""
        return await refresh_name_keys(self._store)

    async def get(self, guild_id: int, importer_id: int) -> Importer:
        row = await self._store.fetchone(
            f"{_SELECT} WHERE importers.guild_id = ? AND importers.id = ?", (guild_id, importer_id)
        )
        if row is None:
            raise NotFound("There is no such importer in this server; pick one from the list.")
        return _importer(row)

    async def of_member(self, guild_id: int, member_id: int) -> Importer:
        """The importer `member_id` speaks for; `UserError` when they are none or suspended."""
        importer = await self.profile_of_member(guild_id, member_id)
        if importer.suspended:
            reason = importer.suspension_reason
            why = f" ({plain_quote(reason)})" if reason else ""
            raise UserError(f"{importer.name} is suspended{why}; a moderator can lift that.")
        return importer

    async def profile_of_member(self, guild_id: int, member_id: int) -> Importer:
        """The importer `member_id` speaks for, suspended or not (what a suspended importer
        may still do: take back what they announced); `UserError` when they are none."""
        row = await self._store.fetchone(
            f"{_SELECT} WHERE importers.guild_id = ? AND importers.member_id = ?",
            (guild_id, member_id),
        )
        if row is None:
            raise UserError(f"Only verified importers can do this; {REGISTERING}")
        return _importer(row)

    async def all(self, guild_id: int) -> list[Importer]:
        rows = await self._store.fetchall(
            f"{_SELECT} WHERE importers.guild_id = ? ORDER BY importers.name_key", (guild_id,)
        )
        return [_importer(row) for row in rows]

    async def search(self, guild_id: int, prefix: str, limit: int = 25) -> list[Importer]:
        """Importers whose name contains `prefix`, for autocomplete."""
        rows = await self._store.fetchall(
            f"{_SELECT} WHERE importers.guild_id = ? AND importers.name_key LIKE ? ESCAPE '\\' "
            "ORDER BY importers.name_key LIMIT ?",
            (guild_id, containing(name_key(prefix)), limit),
        )
        return [_importer(row) for row in rows]

    async def edit(
        self,
        guild_id: int,
        importer_id: int,
        *,
        name: str | None = None,
        website: str | None = None,
        state: str | None = None,
        trusted: bool | None = None,
        feed: str | None = None,
        server: str = "this server",
        by: int | None = None,
        own_allowed: bool = False,
    ) -> Importer:
        """The importer with the fields given changed by the moderator `by`, each checked as at
        registration (`none` for a website, state or feed removes it; a new feed is read before
        it is saved, as at registration, and the importer's member is told of either by DM,
        `server` naming where), as it is of a new name or trust; `UserError` saying why not,
        and nothing changed. A moderator trusts no profile of their own (`refuse_own_pass`)."""
        if all(field is None for field in (name, website, state, trusted, feed)):
            raise UserError(
                "Give something to change: a name, a website, a state, a feed or trusted."
            )
        importer = await self.get(guild_id, importer_id)
        new_name = importer.name if name is None else checked_name(name)
        new_website = importer.website if website is None else parse_https_or_none(website)
        new_state = importer.state if state is None else parse_state_or_none(state)
        new_trusted = importer.trusted if trusted is None else trusted
        renamed, trust = new_name != importer.name, new_trusted != importer.trusted
        if trust and new_trusted:
            refuse_own_pass(
                importer.name, importer.member_id, by, "trusts it", own_allowed=own_allowed
            )
        # What changes how its announcements are shown or handled is told to its member.
        news = None
        if renamed or trust:
            news = ProfileNews(
                importer.name,
                new_name if renamed else None,
                new_trusted if trust else None,
                server,
            )
        first = None
        if feed is not None and not is_none(feed):
            refuse_while_suspended(importer)
            first = await self._feeds.read(self._feeds.required(feed), "nothing was changed")
        async with self._store.transaction():
            if feed is not None:
                # Read again: a suspension may have landed while the feed was fetched.
                current = await self.get(guild_id, importer_id)
                await self._feeds.change(current, first, new_name, server, also=news)
            await self._refuse_taken(guild_id, new_name, importer.member_id, other_than=importer.id)
            await self._store.execute(
                "UPDATE importers SET name = ?, name_key = ?, website = ?, state = ?, trusted = ? "
                "WHERE guild_id = ? AND id = ?",
                (
                    new_name,
                    name_key(new_name),
                    new_website,
                    new_state,
                    int(new_trusted),
                    guild_id,
                    importer_id,
                ),
            )
            if renamed:
                for subscriber in self._renamed:
                    await subscriber(guild_id, importer_id)
            if news is not None and feed is None:  # else told in the feed's DM
                await tell_member(
                    self._jobs, self._clock, guild_id, importer_id, importer.member_id, news
                )
        return await self.get(guild_id, importer_id)

    async def delete(self, guild_id: int, importer_id: int) -> None:
        """Delete the profile with its feed, the feed's items and its announcements (inside
        the caller's transaction: `AnnouncementService.remove_importer` settles what waited),
        and what it took back itself: a moderator's take-downs of its announcements stay,
        unlinked, the moderator's record."""
        await self._withdrawals.forget_importers_own(guild_id, importer_id)
        await self._store.execute(
            "DELETE FROM importers WHERE guild_id = ? AND id = ?", (guild_id, importer_id)
        )

    async def set_suspended(
        self,
        guild_id: int,
        importer_id: int,
        suspended: bool,
        *,
        reason: str | None = None,
        server: str = "this server",
        by: int | None = None,
        own_allowed: bool = False,
    ) -> SuspensionChanged:
        """Suspend (stops the feed) for `reason`, by the moderator `by`, or lift a suspension
        (polls the feed again from now; not one's own: `refuse_own_pass`); either way the
        importer's member is told by DM, scheduled in the change's transaction (`server` names
        where, in it)."""
        if reason is not None:
            # Told to the importer by DM and shown to moderators: it must read as typed.
            reason = checked_reason("The reason", reason, MAX_REASON, minimum=MIN_REASON)
        async with self._store.transaction():
            # Read in the transaction: of two moderators suspending at once, the second is
            # told so, rather than replacing the first's reason and DMing the importer again.
            importer = await self.get(guild_id, importer_id)
            if importer.suspended == suspended:
                raise UserError(_already(importer))
            if not suspended:
                refuse_own_pass(
                    importer.name,
                    importer.member_id,
                    by,
                    "lifts its suspension",
                    own_allowed=own_allowed,
                )
            await self._store.execute(
                "UPDATE importers SET suspended_at = ?, suspension_reason = ?, suspended_by = ? "
                "WHERE id = ?",
                (
                    unix(self._clock.now()) if suspended else None,
                    reason,
                    by if suspended else None,
                    importer_id,
                ),
            )
            if suspended:
                await self._poller.pause(importer_id)
            else:
                await self._poller.resume(importer_id)
                for subscriber in self._reinstated:
                    await subscriber(guild_id, importer_id)
            for subscriber in self._suspension_changed:
                await subscriber(guild_id, importer_id)
            waiting, on_the_way = (0, 0) if suspended else await self._held(importer_id)
            news = SuspensionNews(importer.name, suspended, reason, server, waiting, on_the_way)
            told = await tell_member(
                self._jobs, self._clock, guild_id, importer_id, importer.member_id, news
            )
        return SuspensionChanged(await self.get(guild_id, importer_id), told)

    async def set_feed(self, guild_id: int, member_id: int, url: str) -> FeedSaved | FeedRemoved:
        """The member's importer reads `url` from now on, once it was fetched and read as a
        feed (`UserError` saying why not, and nothing saved); that read is its first poll: the
        newest item is handed on, the backlog recorded, not posted. `none` instead removes the
        feed, a suspended importer's too: that takes nothing new in."""
        if is_none(url):
            return await self._remove_own_feed(guild_id, member_id)
        importer = await self.of_member(guild_id, member_id)
        first = await self._feeds.read(self._feeds.required(url), "it was not saved")
        async with self._store.transaction():
            # Read again: a suspension (or a forget) may have landed while the feed was fetched.
            importer = await self.of_member(guild_id, member_id)
            first_poll = await self._poller.start(guild_id, importer.id, first)
        saved = await self.get(guild_id, importer.id)
        return feed_saved(saved, first_poll, await self.posts_feed_items(importer))

    async def _remove_own_feed(self, guild_id: int, member_id: int) -> FeedRemoved:
        async with self._store.transaction():
            importer = await self.profile_of_member(guild_id, member_id)
            if importer.feed_url is None:
                raise UserError("You have no feed to remove; set one with /importer feed url.")
            await self._poller.stop(importer.id)
        return FeedRemoved(await self.get(guild_id, importer.id), importer.feed_url)

    async def posts_feed_items(self, importer: Importer) -> bool:
        """Whether the importer's feed items go straight to the announcements channel, not to
        the moderators (`ProfileFeeds.posts_items`)."""
        return await self._feeds.posts_items(importer)

    def trouble_handler(self, notice: FeedTroubleNotice) -> Callable[[Job], Awaitable[Outgoing]]:
        """The job handler telling moderators, in the mod-queue channel, of a troubled feed."""
        return self._feeds.trouble_handler(notice, self.get)

    async def _refuse_taken(
        self, guild_id: int, name: str, member_id: int, *, other_than: int | None = None
    ) -> None:
        taken = await self._store.fetchone(
            "SELECT name, member_id FROM importers WHERE guild_id = ? AND "
            "(name_key = ? OR member_id = ?) AND id IS NOT ?",
            (guild_id, name_key(name), member_id, other_than),
        )
        if taken is None:
            await self._refuse_lookalike(guild_id, name, other_than)
            return
        if taken["member_id"] == member_id:
            raise UserError(f"That member already speaks for {plain_quote(taken['name'])}.")
        raise _taken_by(taken["name"], name)

    async def _refuse_lookalike(self, guild_id: int, name: str, other_than: int | None) -> None:
        """Refuse a name that reads as another importer's but for its spaces, punctuation and
        symbols (`Kei-Imports.` for `Kei Imports`): members could not tell the two verified
        importers apart on a card or in a list. (A server holds few importers.)"""
        letters = _letters(name)
        rows = await self._store.fetchall(
            "SELECT name FROM importers WHERE guild_id = ? AND id IS NOT ?", (guild_id, other_than)
        )
        for row in rows:
            if _letters(row["name"]) == letters:
                raise _taken_by(row["name"], name)


_SELECT = (
    "SELECT importers.*, importer_feeds.url AS feed_url FROM importers "
    "LEFT JOIN importer_feeds ON importer_feeds.importer_id = importers.id"
)


def refuse_own_pass(
    name: str, member_id: int, by: int | None, does: str, *, own_allowed: bool
) -> None:
    """Refuse the moderator `by` letting the announcements of a profile that speaks for them
    past the queue (registering it as trusted, trusting it, lifting its suspension), by the
    rule of `require_not_own`: a second pair of eyes is what the queue is for, and an admin
    with Manage Server, who may approve their own items, may (`own_allowed`)."""
    if by == member_id and not own_allowed:
        raise UserError(
            f"{plain_quote(name)} speaks for you, so another moderator {does} (or an admin "
            "with Manage Server): its announcements would skip the review a moderator may not "
            "give what they sent in themselves."
        )


def _taken_by(existing: str, typed: str) -> UserError:
    """The refusal of `typed`, naming the importer whose name `existing` it reads as (typed
    another way, the typed name alone would pass for the existing one's)."""
    named = f"There is already an importer named {plain_quote(fit(existing, 60))}"
    if typed == existing:
        return UserError(f"{named}.")
    return UserError(
        f"{named}, which {plain_quote(fit(typed, 60))} would read as; give a name members can "
        "tell apart."
    )


def _letters(name: str) -> str:
    """The name's letters and digits alone, as its key folds them."""
    return "".join(ch for ch in name_key(name) if ch.isalnum())


def _importer(row: Any) -> Importer:
    return Importer(
        id=row["id"],
        guild_id=row["guild_id"],
        name=row["name"],
        member_id=row["member_id"],
        website=row["website"],
        state=row["state"],
        trusted=bool(row["trusted"]),
        suspended=row["suspended_at"] is not None,
        feed_url=row["feed_url"],
        suspension_reason=row["suspension_reason"],
        suspended_by=row["suspended_by"],
        suspended_at=None if row["suspended_at"] is None else from_unix(row["suspended_at"]),
    )


async def _nothing_held(importer_id: int) -> tuple[int, int]:
    return 0, 0


def _already(importer: Importer) -> str:
    """Why a suspension, or its lifting, changes nothing: it is so already (for what)."""
    name = plain_quote(importer.name)
    if not importer.suspended:
        return f"{name} is not suspended."
    return f"{name} is already {suspension_words(importer)}; lift it first to give another reason."


def suspension_words(importer: Importer, shown: Callable[[str], str] = plain_quote) -> str:
    """`suspended by <@1> on <t:…:D>: “reason”`, as much of it as is known, for moderators
    (the importer's member is told the reason alone), the reason as `shown` makes it. The
    day is a Discord timestamp, shown in each reader's own calendar."""
    words = "suspended"
    if importer.suspended_by == FORMER_MEMBER:
        words += " by a former member"
    elif importer.suspended_by is not None:
        words += f" by <@{importer.suspended_by}>"
    if importer.suspended_at is not None:
        words += f" on <t:{unix(importer.suspended_at)}:D>"
    reason = importer.suspension_reason
    if reason:
        words += f": {shown(reason)}"
    return words
