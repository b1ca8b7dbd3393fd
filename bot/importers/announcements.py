"""Importer announcements: typed, from a feed, or a structured arrival; trusted importers post
straight away, the rest wait in the moderation queue; what goes out is sent by
`bot.importers.sending`."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.clock import Clock, unix
from bot.delivery import Outgoing
from bot.errors import NotFound, UserError
from bot.feeds import FeedItem, PollOutcome
from bot.importers.arrivals import (
    Arrival,
    ArrivalDraft,
    check_arrival,
)
from bot.importers.cards import PostedCards
from bot.importers.choices import AnnouncementChoices
from bot.importers.feed_repeats import FeedRepeats, feed_draft
from bot.importers.own_announcements import OwnAnnouncements
from bot.importers.profile_feeds import day_full
from bot.importers.profiles import Importer, ImporterService
from bot.importers.removal import ImporterRemoval, RemovedBy
from bot.importers.sending import AnnouncementOutbox
from bot.importers.values import (
    SELECT_ANNOUNCEMENTS,
    Announced,
    Announcement,
    AnnouncementCard,
    AnnouncementDraft,
    AnnouncementSubscriber,
    Publisher,
    RemovedImporter,
    ShownLength,
    announcement_from_row,
    change_key,
    check_draft,
    repeat_key,
)
from bot.importers.withdrawals import Withdrawals
from bot.jobs import Job, JobQueue
from bot.limits import plain_quote
from bot.links import message_link
from bot.modqueue import ModQueue, QueueItem, RejectedBefore
from bot.numbers import counted
from bot.setup import GuildConfig, SettingChange, SetupService
from bot.store import Store

ANNOUNCEMENT_KIND = "announcement"  # in the moderation queue's jobs and button ids


class AnnouncementService:
    """Announcements, and the moderation queue's source for those of untrusted importers."""

    kind = ANNOUNCEMENT_KIND
    label = "Importer announcement"

    def __init__(
        self,
        store: Store,
        clock: Clock,
        setup: SetupService,
        jobs: JobQueue,
        importers: ImporterService,
        modqueue: ModQueue,
    ) -> None:
        self._store = store
        self._clock = clock
        self._setup = setup
        self._jobs = jobs
        self._importers = importers
        self._modqueue = modqueue
        self._subscribers: list[AnnouncementSubscriber] = []
        self._outbox = AnnouncementOutbox(store, clock, setup, jobs, self.get, self._card_kept)
        # What importers do with their own announcements (change, withdraw, take down).
        self.own = OwnAnnouncements(
            store, clock, jobs, importers, modqueue, self.get, kind=ANNOUNCEMENT_KIND
        )
        # Cards shown again as they read now: a removed or renamed importer's.
        self.cards = PostedCards(store, clock, jobs, self.get)
        self.removal = ImporterRemoval(
            store, clock, jobs, importers, self.cards, modqueue, kind=ANNOUNCEMENT_KIND
        )
        self._choices = AnnouncementChoices(store, clock)
        # Feed items held back as repeats (and the feed test showing which).
        self.repeats = FeedRepeats(store, clock, Withdrawals(store, clock))

    def subscribe(self, subscriber: AnnouncementSubscriber) -> None:
        """Told of the announcements that go out together (one, or a feed poll's new items),
        inside that transaction (alerts)."""
        self._subscribers.append(subscriber)

    # -- creating --------------------------------------------------------------------------------

    async def announce(
        self, guild_id: int, member_id: int, draft: AnnouncementDraft, *, shown: ShownLength = len
    ) -> Announced:
        """The member's importer announces `draft`, checked as `check_draft` checks it."""
        importer = await self._importers.of_member(guild_id, member_id)
        checked = check_draft(draft, shown=shown)
        return await self._create(importer, "member", checked)

    async def announce_arrival(
        self, guild_id: int, member_id: int, draft: ArrivalDraft
    ) -> Announced:
        importer = await self._importers.of_member(guild_id, member_id)
        checked = check_arrival(draft, self._clock.now().year)
        announcement = AnnouncementDraft(
            checked.arrival.title(), checked.notes, checked.link, checked.photo
        )
        return await self._create(importer, "arrival", announcement, checked.arrival)

    async def accept_feed_items(
        self, guild_id: int, importer_id: int, items: Sequence[FeedItem], *, first: bool = False
    ) -> list[tuple[FeedItem, str]]:
        """The feed poller's sink, run inside its transaction: each new item is announced,
        unless the importer announced it this week (see `FeedRepeats.why_held`; of a feed's `first`
        poll, through the feed too); returns those held back, and why. A `first` poll's item is
        posted by the command that set the address, so it is held to the daily limit and counts
        toward it: else changing the address again and again, or a hand post after it, would
        post past it."""
        importer = await self._importers.get(guild_id, importer_id)
        if importer.suspended:
            return []
        if first and (full := await self._day_full(importer)):
            return [(item, full) for item in items]
        post = await self._importers.posts_feed_items(importer)
        posted: list[int] = []
        held: list[tuple[FeedItem, str]] = []
        for item in items:
            if repeated := await self.repeats.why_held(importer, item, first=first):
                held.append((item, repeated))
            else:
                # A new address's newest item is posted by the command setting it: it counts.
                draft = feed_draft(item)
                posted.append(
                    await self._insert(importer, "feed", draft, None, post=post, counts=first)
                )
        if post:
            await self._went_out(guild_id, posted)
        return held

    async def _create(
        self,
        importer: Importer,
        source: str,
        draft: AnnouncementDraft,
        arrival: Arrival | None = None,
    ) -> Announced:
        config = await self._setup.get(importer.guild_id)
        _require_channel(config)
        async with self._store.transaction():
            await self._require_below_limit(importer, config.importer_daily_limit)
            await self.own.refuse_repeat(
                importer,
                repeat_key(draft, arrival),
                draft.title,
                draft.link,
                arrival=arrival is not None,
            )
            announcement_id = await self._insert(
                importer, source, draft, arrival, post=importer.trusted, counts=True
            )
            if importer.trusted:
                await self._went_out(importer.guild_id, [announcement_id])
        return Announced(await self.get(importer.guild_id, announcement_id), not importer.trusted)

    async def require_room(self, guild_id: int, member_id: int) -> None:
        """Refuse, before the member types an announcement, what `announce` would refuse
        whatever they type: no importer (or a suspended one), no announcements channel, the
        day's limit reached. (`announce` asks again: a form may stay open for minutes.)"""
        importer = await self._importers.of_member(guild_id, member_id)
        config = await self._setup.get(guild_id)
        _require_channel(config)
        await self._require_below_limit(importer, config.importer_daily_limit)

    async def _require_below_limit(self, importer: Importer, limit: int) -> None:
        today = await self.own.counted_today(importer.id)
        if today.made >= limit:
            count = " (withdrawn ones count too)" if today.withdrawn else ""
            raise UserError(
                f"{importer.name} has made {counted(today.made, 'announcement')} in the last "
                f"24 hours"
                f"{count}, the most this server allows; the next may go out in "
                f"{_wait_words(today.frees_at, self._clock.now())}."
            )

    async def as_polled(self, importer: Importer, outcome: PollOutcome) -> PollOutcome:
        """A feed test's `outcome` as a poll would leave it (see `accept_feed_items`): a new
        address's newest item held back past the daily limit, and repeats held back."""
        if outcome.first and outcome.handed_on and (full := await self._day_full(importer)):
            held = (*outcome.held_back, *((item, full) for item in outcome.handed_on))
            return replace(outcome, handed_on=(), held_back=held)
        return await self.repeats.without_repeats(importer, outcome)

    async def _day_full(self, importer: Importer) -> str | None:
        """Why a new feed address's newest item is not announced: the importer's announcements
        of the last 24 hours that count reached the server's daily limit."""
        limit = (await self._setup.get(importer.guild_id)).importer_daily_limit
        today = await self.own.counted_today(importer.id)
        return day_full(importer.name, today.made) if today.made >= limit else None

    async def _insert(
        self,
        importer: Importer,
        source: str,
        draft: AnnouncementDraft,
        arrival: Arrival | None,
        *,
        post: bool,
        counts: bool,
    ) -> int:
        """Insert and send on its way (`post`, or queue), counting toward the importer's daily
        limit or not (`counts`); the caller holds the transaction."""
        now = unix(self._clock.now())
        announcement_id = await self._store.insert(
            "INSERT INTO announcements (guild_id, importer_id, source, title, title_key, body, "
            "link, image_url, status, created_at, counts_toward_limit) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                importer.guild_id,
                importer.id,
                source,
                draft.title,
                repeat_key(draft, arrival),
                draft.body,
                draft.link,
                draft.image_url,
                "posting" if post else "queued",
                now,
                counts,
            ),
        )
        if arrival is not None:
            await self._store.execute(
                "INSERT INTO arrivals (announcement_id, guild_id, make, model, model_code, year, "
                "drive, grade, mileage_km, price_usd, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?)",
                (
                    announcement_id,
                    importer.guild_id,
                    arrival.make,
                    arrival.model,
                    arrival.model_code,
                    arrival.year,
                    arrival.drive,
                    arrival.grade,
                    arrival.mileage_km,
                    arrival.price_usd,
                    arrival.state,
                ),
            )
        if post:
            await self._outbox.send_out(importer.guild_id, importer.id, announcement_id)
        else:
            await self._modqueue.submitted(importer.guild_id, self.kind, announcement_id)
        return announcement_id

    async def _went_out(self, guild_id: int, announcement_ids: Sequence[int]) -> None:
        """Tell the subscribers of the announcements sent out together."""
        if not announcement_ids:
            return
        announcements = [await self.get(guild_id, ref) for ref in announcement_ids]
        for subscriber in self._subscribers:
            await subscriber(announcements)

    async def of_member(
        self, guild_id: int, member_id: int, typed: str, limit: int, *, posted: bool
    ) -> list[Announcement]:
        """The member's importer's announcements whose title contains `typed`, or whose choice
        name (`choice_name`) it is, newest first (for autocomplete): those waiting for
        moderators, or (`posted`) those posted or on their way; none for a member who is no
        importer."""
        status = "posting" if posted else "queued"
        return await self._choices.listed(guild_id, member_id, status, typed, limit)

    async def posted_in(self, guild_id: int, typed: str, limit: int) -> list[Announcement]:
        """Every importer's announcements posted or on their way, former importers' too, whose
        title or importer's name contains `typed`, or whose choice name (`choice_name`, with
        whose it is) it is, newest first (for a moderator's autocomplete)."""
        return await self._choices.listed(guild_id, None, "posting", typed, limit)

    async def remove_importer(
        self, guild_id: int, importer_id: int, by: RemovedBy, *, server: str = "this server"
    ) -> RemovedImporter:
        """Remove an importer (see `bot.importers.removal`): what it posted stays on record as
        a former importer's, the rest goes, its queue posts say so as the decision of the
        moderator it is removed `by`, and its member is told by DM."""
        return await self.removal.remove(guild_id, importer_id, by, server=server)

    # -- reading ---------------------------------------------------------------------------------

    async def get(self, guild_id: int, announcement_id: int) -> Announcement:
        row = await self._store.fetchone(
            f"{SELECT_ANNOUNCEMENTS} WHERE announcements.guild_id = ? AND announcements.id = ?",
            (guild_id, announcement_id),
        )
        if row is None:
            raise NotFound(f"There is no announcement #{announcement_id} in this server.")
        return announcement_from_row(row, self._clock.now())

    async def named(self, guild_id: int, ref_id: int) -> str | None:
        """The announcement as its importer's member knows it, for their /privacy export's
        queue items; None once it is gone."""
        try:
            return f"announcement “{(await self.get(guild_id, ref_id)).title}”"
        except NotFound:
            return None

    async def waiting_to_publish(self, importer_id: int) -> int:
        return await self._outbox.waiting_to_publish(importer_id)

    async def waiting_to_post(self, importer_id: int) -> int:
        return await self._outbox.waiting_to_post(importer_id)

    async def held_counts(self, importer_id: int) -> tuple[int, int]:
        """How many of the importer's announcements wait for a moderator, and how many are on
        their way out (told when a suspension that held them back is lifted)."""
        return await self.queued_count(importer_id), await self.waiting_to_post(importer_id)

    async def _queued(self, guild_id: int, importer_id: int) -> tuple[int, ...]:
        """The ids of the importer's announcements waiting for a moderator."""
        rows = await self._store.fetchall(
            "SELECT id FROM announcements WHERE guild_id = ? AND importer_id = ? "
            "AND status = 'queued' ORDER BY id",
            (guild_id, importer_id),
        )
        return tuple(row["id"] for row in rows)

    async def queued_count(self, importer_id: int) -> int:
        return await self._store.fetchval(
            "SELECT count(*) FROM announcements WHERE importer_id = ? AND status = 'queued'",
            (importer_id,),
        )

    # -- the moderation queue's source -----------------------------------------------------------

    async def pending(self, guild_id: int, limit: int) -> list[QueueItem]:
        rows = await self._store.fetchall(
            f"{SELECT_ANNOUNCEMENTS} WHERE announcements.guild_id = ? "
            "AND announcements.status = 'queued' "
            "ORDER BY announcements.created_at, announcements.id LIMIT ?",
            (guild_id, limit),
        )
        return await self._with_repeats(rows)

    async def item(self, guild_id: int, ref_id: int) -> QueueItem | None:
        row = await self._store.fetchone(
            f"{SELECT_ANNOUNCEMENTS} WHERE announcements.guild_id = ? AND announcements.id = ? "
            "AND announcements.status = 'queued'",
            (guild_id, ref_id),
        )
        return None if row is None else (await self._with_repeats([row]))[0]

    async def _with_repeats(self, rows: Sequence[Any]) -> list[QueueItem]:
        """The items of `rows`, each with the latest of its importer's rejected announcements
        it repeats word for word (title, text or card fields, and link), for the moderator to
        read that it was rejected, when, by whom and why, before deciding again. One query
        however many wait: /modqueue reads up to LISTED_UP_TO of them on every page."""
        rejected = await self._store.fetchall(
            f"{SELECT_ANNOUNCEMENTS} WHERE announcements.status = 'rejected' "
            "AND announcements.importer_id IN (SELECT value FROM json_each(?)) "
            "AND announcements.title IN (SELECT value FROM json_each(?)) "
            "ORDER BY announcements.decided_at DESC, announcements.id DESC",
            (
                json.dumps(sorted({row["importer_id"] for row in rows})),
                json.dumps(sorted({row["title"] for row in rows})),
            ),
        )
        earlier: dict[tuple[int, str], list[Any]] = {}
        for old in rejected:
            earlier.setdefault((old["importer_id"], old["title"]), []).append(old)
        items = []
        for row in rows:
            item = self._queue_item(row)
            for old in earlier.get((row["importer_id"], row["title"]), []):
                repeated = self._queue_item(old)
                if old["id"] < row["id"] and (repeated.body, repeated.link) == (
                    item.body,
                    item.link,
                ):
                    item = replace(item, repeats=_rejected_before(old))
                    break
            items.append(item)
        return items

    async def approve(self, guild_id: int, ref_id: int, moderator_id: int) -> str:
        """Post a queued announcement, unless its importer is suspended (a suspension holds
        back what waits as much as what is new; the item stays, to reject or approve later)."""
        async with self._store.transaction():
            queued = await self.get(guild_id, ref_id)
            importer = await self._importers.get(guild_id, queued.importer_id)
            if importer.suspended:
                raise UserError(
                    f"{plain_quote(importer.name)} is suspended; lift the suspension first "
                    "(/importer-mod unsuspend), or reject this announcement."
                )
            # Approved with nowhere to go, it would be marked posted and never appear.
            _require_channel(await self._setup.get(guild_id))
            announcement = await self._decide(guild_id, ref_id, moderator_id, "posting", None)
            await self._outbox.send_out(guild_id, announcement.importer_id, ref_id)
            await self._went_out(guild_id, [ref_id])
        return "it is on its way to the announcements channel."

    async def _card_kept(self, guild_id: int, announcement_id: int) -> None:
        """An approved announcement's queue post, which said it was on its way, says it was
        posted, and where, as just kept (a trusted importer's has no queue post)."""
        posted = await self.followed(guild_id, announcement_id)
        if posted is not None:
            await self._modqueue.approval_followed(guild_id, self.kind, announcement_id, posted)

    async def followed(self, guild_id: int, ref_id: int) -> str | None:
        """That an approved announcement was posted, and where, once its card's place is kept
        (`FollowsApproval`); None while it is on its way, or not approved."""
        row = await self._store.fetchone(
            "SELECT channel_id, message_id FROM announcements WHERE guild_id = ? AND id = ? "
            "AND decided_by IS NOT NULL AND message_id IS NOT NULL",
            (guild_id, ref_id),
        )
        if row is None:
            return None
        card = message_link(guild_id, row["channel_id"], row["message_id"])
        return f"it was posted in the announcements channel: {card}"

    async def reject(self, guild_id: int, ref_id: int, moderator_id: int, reason: str) -> None:
        await self._decide(guild_id, ref_id, moderator_id, "rejected", reason)

    async def gone(self, guild_id: int, ref_id: int) -> bool:
        found = await self._store.fetchval(
            "SELECT 1 FROM announcements WHERE guild_id = ? AND id = ?", (guild_id, ref_id)
        )
        return found is None

    async def _decide(
        self, guild_id: int, ref_id: int, moderator_id: int, status: str, reason: str | None
    ) -> Announcement:
        decided = await self._store.execute(
            "UPDATE announcements SET status = ?, decided_by = ?, decided_at = ?, reason = ? "
            "WHERE guild_id = ? AND id = ? AND status = 'queued'",
            (status, moderator_id, unix(self._clock.now()), reason, guild_id, ref_id),
        )
        if not decided:
            raise UserError(f"Announcement #{ref_id} was already decided.")
        return await self.get(guild_id, ref_id)

    def _queue_item(self, row: Any) -> QueueItem:
        announcement = announcement_from_row(row, self._clock.now())
        body = announcement.body
        if announcement.arrival is not None:  # its card's fields: what the moderator approves
            # A truck too young for the 25-year exemption is worth a moderator's look.
            details = announcement.arrival.card_fields(announcement.eligibility)
            if announcement.body:  # what the fields cannot say
                details.append(("Notes", announcement.body))
            body = "\n".join(f"{label}: {value}" for label, value in details)
        return QueueItem(
            kind=self.kind,
            ref_id=announcement.id,
            title=announcement.title,
            body=body,
            submitter_id=row["member_id"],
            submitted_by=announcement.importer_name,
            created_at=announcement.created_at,
            link=announcement.link,
            image_url=announcement.image_url,
            on_hold=(
                f"{announcement.importer_name} is suspended"
                if announcement.importer_suspended
                else None
            ),
            revision=row["revision"],
        )

    # -- sending (`AnnouncementOutbox`) ----------------------------------------------------------

    def handlers(
        self, card: AnnouncementCard, publisher: Publisher
    ) -> dict[str, Callable[[Job], Awaitable[Outgoing | None]]]:
        return self._outbox.handlers(card, publisher)

    def hold_back(self, announcement: Announcement) -> None:
        self._outbox.hold_back(announcement)

    async def release_held(self, guild_id: int, importer_id: int) -> None:
        await self._outbox.release_held(guild_id, importer_id)

    # -- what shows an importer ------------------------------------------------------------------

    async def ids_of_importer(self, guild_id: int, importer_id: int) -> list[int]:
        """The ids of the importer's announcements still kept (what alert DMs may list)."""
        rows = await self._store.fetchall(
            "SELECT id FROM announcements WHERE guild_id = ? AND importer_id = ? ORDER BY id",
            (guild_id, importer_id),
        )
        return [row["id"] for row in rows]

    async def on_importer_renamed(self, guild_id: int, importer_id: int) -> None:
        """The queue posts of the importer's announcements still waiting show its new name
        (inside the transaction renaming it), and so do the cards of those posted: an alert
        DM sent from now on names it so, and the card it links to must agree."""
        await self._queue_posts_changed(guild_id, importer_id, "renamed")
        await self.cards.show_importers_again(guild_id, importer_id, "renamed")

    async def on_importer_suspension_changed(self, guild_id: int, importer_id: int) -> None:
        """The queue posts of the importer's announcements still waiting say whether it is
        suspended (inside the transaction suspending it or lifting that): moderators deciding
        one must see it on the post, not only when Approve is refused. The cards of those
        posted no longer call it verified while the suspension lasts, and do again after."""
        await self._queue_posts_changed(guild_id, importer_id, "suspension")
        await self.cards.show_importers_again(guild_id, importer_id, "suspension")

    async def _queue_posts_changed(self, guild_id: int, importer_id: int, what: str) -> None:
        change = change_key(what)
        for announcement_id in await self._queued(guild_id, importer_id):
            await self._modqueue.changed(guild_id, self.kind, announcement_id, change)

    async def on_setting_changed(self, change: SettingChange) -> None:
        """A new announcements channel sends at once the posts held while there was none."""
        if change.setting == "channel:announcements":
            for importer in await self._importers.all(change.guild_id):
                await self.release_held(change.guild_id, importer.id)


def _wait_words(frees_at: datetime | None, now: datetime) -> str:
    """`16 h 30 min`, `1 min`: how long until `frees_at`, rounded up to the minute."""
    minutes = max(1, -(-int(((frees_at or now) - now).total_seconds()) // 60))
    hours, minutes = divmod(minutes, 60)
    return " ".join(
        part for part in (f"{hours} h" * bool(hours), f"{minutes} min" * bool(minutes)) if part
    )


def _require_channel(config: GuildConfig) -> None:
    if "announcements" not in config.channels:
        raise UserError(
            "This server has no announcements channel yet; an admin sets one with "
            "/setup channel kind:announcements."
        )


def _rejected_before(row: Any) -> RejectedBefore:
    """A rejected announcement as a queue item repeating it names it."""
    return RejectedBefore.stored(row["id"], row["decided_at"], row["decided_by"], row["reason"])
