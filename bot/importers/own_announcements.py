"""What an importer may do with what they announced: change one still waiting for moderators,
or take it back (it leaves the queue), even while suspended, since it was never shown; take a
posted one down (it comes down from the channel before its record goes; one still in the
outbox is never sent, and may be taken down while suspended: the suspension holds it back, so
it was never shown either). A moderator takes down any importer's posted announcement the same way,
and its importer is told by DM; a former importer's too, and nobody is told. What was taken
back or down still counts toward the day's limit: taking back and announcing again must not
post without end; what a moderator rejected does not, nor does a feed item (but the one a new
feed address posts). Who took each back
or down, and which it was, is kept (`bot.importers.withdrawals`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock, from_unix, unix
from bot.errors import NotFound, UserError
from bot.importers.profiles import Importer, ImporterService
from bot.importers.sending import (
    IMPORTER_POST_JOB,
    IMPORTER_PUBLISH_JOB,
    NOT_POSTED,
    card_of,
    post_key,
    post_stage,
)
from bot.importers.takedowns import tell_importer
from bot.importers.values import (
    REPEAT_WINDOW,
    Announcement,
    AnnouncementDraft,
    ShownLength,
    change_key,
    check_draft,
    repeat_key,
    repeat_keys,
)
from bot.importers.withdrawals import WITHDRAWALS_KEPT, Overtaken, Withdrawals
from bot.jobs import JobQueue
from bot.limits import plain_quote
from bot.modqueue import ModQueue, NotWaiting
from bot.privacy.posts import PostedMessage
from bot.store import Store

DAILY_WINDOW = timedelta(days=1)  # what the daily limit counts
_ASK_WHY = "Ask the moderators if you want to know why."  # of a retype a take-down refuses
# (guild id, announcement id) -> the announcement as stored; `NotFound` once it is gone.
AnnouncementReader = Callable[[int, int], Awaitable[Announcement]]
# Told of a posted announcement taken down, and whether by a moderator (not its importer),
# inside that transaction (the alert DMs about it).
TakenDown = Callable[[Announcement, bool], Awaitable[None]]


class TryAgain(UserError):
    """Its post is being sent, or was sent since `post_of` looked: asked again in a moment,
    the answer takes it into account."""


@dataclass(frozen=True)
class DailyCount:
    made: int  # announcements that count toward the daily limit now
    withdrawn: int  # of those, taken back since
    frees_at: datetime | None  # when the first of them stops counting


@dataclass(frozen=True)
class ToTakeDown:
    announcement: Announcement
    post: PostedMessage | None  # None while it is not posted (yet)
    unposted: str | None = None  # then how its post stands (`post_stage`)


class OwnAnnouncements:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        jobs: JobQueue,
        importers: ImporterService,
        modqueue: ModQueue,
        read: AnnouncementReader,
        *,
        kind: str,
    ) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        self._importers = importers
        self._modqueue = modqueue
        self._read = read
        self._kind = kind  # the announcements' kind in the moderation queue
        self._withdrawals = Withdrawals(store, clock)
        self._taken_down: list[TakenDown] = []

    def when_taken_down(self, subscriber: TakenDown) -> None:
        """Told of each posted announcement (or one on its way) taken down, inside the
        transaction deleting it."""
        self._taken_down.append(subscriber)

    async def taken_down_by_moderator(self, guild_id: int, announcement_id: int) -> bool | None:
        """Whether a moderator (True) or its importer (False) took the announcement down, as
        the record of its withdrawal says; None when that is not known (no record, or kept no
        longer): for alert DMs whose own record does not say."""
        return await self._withdrawals.by_moderator(guild_id, announcement_id)

    async def counted_today(self, importer_id: int) -> DailyCount:
        """What counts toward the importer's daily limit now: what they typed or sent as
        arrivals in the last 24 hours, and the item a new feed address posted (by the command
        setting it), taken back or not, but not what a moderator rejected: that never went
        out, and the importer should be able to send a corrected one."""
        since = unix(self._clock.now() - DAILY_WINDOW)
        kept = await self._store.fetchone(
            "SELECT count(*) AS made, min(created_at) AS first FROM announcements "
            "WHERE importer_id = ? AND counts_toward_limit AND status != 'rejected' "
            "AND created_at > ?",
            (importer_id, since),
        )
        taken_back, first_taken = await self._withdrawals.counted_since(importer_id, since)
        firsts = [first for first in (kept["first"], first_taken) if first is not None]
        frees_at = from_unix(min(firsts)) + DAILY_WINDOW if firsts else None
        return DailyCount(kept["made"] + taken_back, taken_back, frees_at)

    async def let_go_of_old(self) -> None:
        """Forget who took back or down what was taken more than `WITHDRAWALS_KEPT` ago, and
        what a repeat of one taken down is known by once `REPEAT_WINDOW` is over (a daily
        chore)."""
        now = self._clock.now()
        await self._withdrawals.forget_taken_before(now - WITHDRAWALS_KEPT)
        await self._withdrawals.forget_repeats_before(now - REPEAT_WINDOW)

    async def refuse_repeat(
        self,
        importer: Importer,
        key: str,
        title: str,
        link: str | None,
        *,
        arrival: bool = False,
        other_than: int | None = None,
    ) -> None:
        """Refuse an announcement whose `key` (a `repeat_key`) the importer announced in the
        last 7 days, one rejected aside (and `other_than`, the announcement being changed),
        saying whether that one still waits for a moderator: then the importer can change it
        or take it back, rather than wait for a repeat to be let through. One a moderator
        took down in the last 7 days is refused too, saying so: a retype would undo their
        judgement (what the importer took down itself may be typed again, corrected); so is
        one linking to the listing of such a take-down, whatever else it changes (a price, a
        word of the title), as a feed item repeating it is held back."""
        keys = repeat_keys(key, arrival=arrival)
        earlier = await self._store.fetchone(
            "SELECT status, title FROM announcements WHERE guild_id = ? AND importer_id = ? AND "
            f"title_key IN ({', '.join('?' * len(keys))}) AND status != 'rejected' AND "
            "created_at > ? AND id IS NOT ? ORDER BY status = 'queued' DESC LIMIT 1",
            (
                importer.guild_id,
                importer.id,
                *keys,
                unix(self._clock.now() - REPEAT_WINDOW),
                other_than,
            ),
        )
        if earlier is None:
            since = self._clock.now() - REPEAT_WINDOW
            source = "arrival" if arrival else "member"
            if await self._withdrawals.taken_down_by_moderator(importer, source, keys, since):
                same = f"{plain_quote(title)}{_what_repeats(link) if arrival else ''}"
                raise UserError(
                    f"{same} repeats an announcement a moderator took down in the last 7 days; "
                    f"it is not announced again. {_ASK_WHY}"
                )
            if link is not None and await self._withdrawals.listing_taken_down_by_moderator(
                importer, link, since
            ):
                raise UserError(
                    f"{plain_quote(title)} links to the listing of an announcement a moderator "
                    f"took down in the last 7 days ({link}); it is not announced again. {_ASK_WHY}"
                )
            return
        # The one announced is quoted: the retype may differ from it in case or punctuation.
        same = plain_quote(earlier["title"])
        if earlier["title"] != title:
            same = f"{plain_quote(title)} repeats {same}, which"
        elif arrival:
            same += _what_repeats(link)
        if earlier["status"] != "queued":
            raise UserError(
                f"{same} was announced in the last 7 days; a repeat is not posted again."
            )
        # An arrival's card is made from fields a form cannot hold: it is not changed, but sent
        # again.
        how = (
            "Take it back with /importer withdraw to announce it otherwise."
            if arrival
            else "Change it with /importer edit, or take it back with /importer withdraw."
        )
        raise UserError(
            f"{same} is still waiting for a moderator; a repeat is not sent again. {how}"
        )

    async def changeable(self, guild_id: int, member_id: int, announcement_id: int) -> Announcement:
        """The member's announcement, when `edit` may change it (to fill the form with)."""
        importer = await self._importers.profile_of_member(guild_id, member_id)
        return _typed(await self._waiting(importer, announcement_id, "changed"))

    async def edit(
        self,
        guild_id: int,
        member_id: int,
        announcement_id: int,
        draft: AnnouncementDraft,
        *,
        shown: ShownLength = len,
    ) -> Announcement:
        """The member's importer, suspended or not, changes an announcement still waiting for
        moderators, each field checked as when announced; its queue post shows the change."""
        # A moderator's approval of the revision they saw cannot interleave with the change.
        async with (
            self._modqueue.changing(guild_id, self._kind, announcement_id),
            self._store.transaction(),
        ):
            importer = await self._importers.profile_of_member(guild_id, member_id)
            try:
                waiting = await self._waiting(importer, announcement_id, "changed")
            except NotFound:
                raise await self._gone_from_queue(guild_id, announcement_id, draft.title) from None
            announcement = _typed(waiting)
            checked = check_draft(draft, kept_link=announcement.link, shown=shown)
            key = repeat_key(checked, None)
            await self.refuse_repeat(
                importer, key, checked.title, checked.link, other_than=announcement.id
            )
            await self._store.execute(
                "UPDATE announcements SET title = ?, title_key = ?, body = ?, link = ?, "
                "image_url = ?, revision = revision + 1 "
                "WHERE guild_id = ? AND id = ? AND status = 'queued'",
                (
                    checked.title,
                    key,
                    checked.body,
                    checked.link,
                    checked.image_url,
                    guild_id,
                    announcement_id,
                ),
            )
            await self._modqueue.changed(
                guild_id, self._kind, announcement_id, change_key("edited")
            )
        return await self._read(guild_id, announcement_id)

    async def withdraw(self, guild_id: int, member_id: int, announcement_id: int) -> Announcement:
        """The member's importer, suspended or not, takes back an announcement still waiting
        for moderators: it is deleted, and its moderation queue post with it."""
        async with self._store.transaction():
            importer = await self._importers.profile_of_member(guild_id, member_id)
            announcement = await self._waiting(importer, announcement_id, "withdrawn")
            await self._delete(announcement, member_id, "withdrawn")
            await self._modqueue.withdrawn(guild_id, self._kind, announcement_id)
        return announcement

    async def post_of(
        self,
        guild_id: int,
        member_id: int,
        announcement_id: int,
        *,
        moderator_in: str | None = None,
    ) -> ToTakeDown:
        """The member's announcement to take down (any importer's, for a moderator of the
        server named `moderator_in`, as `take_down` takes it), and where it was posted: that
        message must come down before its record goes (`take_down`)."""
        announcement = await self._to_take_down(
            guild_id, member_id, announcement_id, moderator_in is not None
        )
        key = _key(announcement)
        sent = await self._sent(announcement, key)
        post_state = None if key is None else await self._jobs.state(IMPORTER_POST_JOB, key)
        # Refused before a moderator is asked to confirm a take-down that could not be made.
        _refuse_unfindable(announcement, key, sent, post_state, moderator_in)
        return ToTakeDown(announcement, sent, await self._unposted(announcement))

    async def take_down(
        self,
        guild_id: int,
        member_id: int,
        announcement_id: int,
        *,
        post_removed: PostedMessage | None,
        moderator_in: str | None = None,
    ) -> Announcement:
        """Delete the member's posted announcement (any importer's, for a moderator of the
        server named `moderator_in`, whose importer is told by DM unless removed since), whose
        channel message
        (`post_removed`, from `post_of`) the caller deleted, or one still on its way: its post
        and publishing are called off, and the record names who took it down. `UserError`,
        and nothing deleted, while its post is being sent, or when its post is one the caller
        did not delete."""
        async with self._store.transaction():
            announcement = await self._to_take_down(
                guild_id, member_id, announcement_id, moderator_in is not None
            )
            key = _key(announcement)
            title = plain_quote(announcement.title)
            sent = await self._sent(announcement, key)
            post_state = None if key is None else await self._jobs.state(IMPORTER_POST_JOB, key)
            if sent is not None and sent != post_removed:
                raise TryAgain(f"{title} was posted just now; delete it again to take it down.")
            if post_state == "claimed":
                raise TryAgain(f"{title} is being posted right now; try again in a minute.")
            _refuse_unfindable(announcement, key, sent, post_state, moderator_in)
            for kind in (IMPORTER_POST_JOB, IMPORTER_PUBLISH_JOB):
                await self._jobs.cancel(kind, key)
            await self._delete(announcement, member_id, "taken_down")
            by_moderator = announcement.importer_member_id != member_id
            # A former importer's member is not told: the moderators removed the business, so
            # the post was the server's record, not theirs, and no member is kept for it.
            if moderator_in is not None and by_moderator and announcement.importer_id is not None:
                await tell_importer(
                    self._jobs,
                    self._clock,
                    announcement,
                    posted=sent is not None,
                    server=moderator_in,
                )
            await self._modqueue.taken_down(
                guild_id, self._kind, announcement.id, "moderator" if by_moderator else "importer"
            )
            for subscriber in self._taken_down:
                await subscriber(announcement, by_moderator)
        return announcement

    async def _own(self, importer: Importer, announcement_id: int) -> Announcement:
        """The importer's announcement; `NotFound` once it is gone, saying what became of it
        while its record is kept."""
        try:
            announcement = await self._read(importer.guild_id, announcement_id)
        except NotFound as gone:
            told = await self._withdrawals.told_importer(
                importer.guild_id, announcement_id, importer.id, importer.member_id
            )
            pick = "Pick one of your announcements from the list as you type."
            raise NotFound(told or pick) from gone
        if announcement.importer_id != importer.id:
            raise UserError("Pick one of your announcements from the list as you type.")
        return announcement

    async def _gone_from_queue(self, guild_id: int, announcement_id: int, title: str) -> Overtaken:
        """Why an announcement a form was opened for, waiting for moderators then, is gone:
        withdrawn by its importer, or approved and taken down since, as its record says (kept
        for `WITHDRAWALS_KEPT`), else as the queue decided (it keeps that for a week)."""
        how = await self._withdrawals.how(guild_id, announcement_id)
        approved = how == "taken_down"
        if how is None:  # no record, or one that does not say which: as the queue decided
            try:
                await self._modqueue.waiting(guild_id, self._kind, announcement_id)
            except NotWaiting as settled:
                approved = settled.decision is not None
        if approved:
            return Overtaken(
                f"{plain_quote(title)} was approved, and has been taken down since, so it "
                "cannot be changed."
            )
        return Overtaken(f"{plain_quote(title)} was withdrawn; announce it again.")

    async def _waiting(self, importer: Importer, announcement_id: int, so: str) -> Announcement:
        """The importer's announcement, when it still waits for moderators (to be `so`)."""
        announcement = await self._own(importer, announcement_id)
        if announcement.status == "posting":
            where = NOT_POSTED.get(await self._unposted(announcement) or "", "posted already")
            raise Overtaken(
                f"{plain_quote(announcement.title)} was {where}, so it cannot be {so}; "
                "take it down with /importer delete."
            )
        if announcement.status == "rejected":
            raise Overtaken(
                f"{plain_quote(announcement.title)} was rejected already, so it cannot be {so}; "
                "it was never shown to members."
            )
        return announcement

    async def _to_take_down(
        self, guild_id: int, member_id: int, announcement_id: int, moderator: bool
    ) -> Announcement:
        """The posted announcement the member may take down: their importer's (unsuspended),
        or any importer's for a moderator, a former importer's too."""
        if not moderator:
            importer = await self._importers.profile_of_member(guild_id, member_id)
            announcement = _posted(await self._own(importer, announcement_id))
            # What is posted stays up for the moderators to look at; what the suspension holds
            # back (or Discord refused) was never shown, so its importer may take it back, as
            # what waits in the queue.
            if importer.suspended and await self._unposted(announcement) is None:
                raise UserError(
                    f"{importer.name} is suspended, so its posted announcements stay up while "
                    "the moderators look at them; a moderator can take one down, or lift the "
                    "suspension."
                )
            return announcement
        try:
            announcement = await self._read(guild_id, announcement_id)
        except NotFound:
            raise await self._withdrawals.gone(guild_id, announcement_id, member_id) from None
        return _posted(announcement)

    async def _unposted(self, announcement: Announcement) -> str | None:
        """How the approved `announcement` stands while it is not posted (`post_stage`); None
        once posted."""
        return await post_stage(
            self._store,
            self._jobs,
            _key(announcement),
            suspended=announcement.importer_suspended,
        )

    async def _sent(self, announcement: Announcement, key: str | None) -> PostedMessage | None:
        """Where the announcement's post (jobs `key`) went, once sent."""
        sent = await card_of(self._store, announcement.guild_id, announcement.id, key)
        return None if sent is None else PostedMessage(*sent)

    async def _delete(self, announcement: Announcement, by: int, how: str) -> None:
        """Delete the row (its arrival with it), recording who (`by`) took it back or down,
        `how`, and what a repeat of it is known by (`Withdrawals.record`)."""
        # As compared for repeats: a typed one's title, an arrival's every field.
        key: str = await self._store.fetchval(
            "SELECT title_key FROM announcements WHERE guild_id = ? AND id = ?",
            (announcement.guild_id, announcement.id),
        )
        await self._store.execute(
            "DELETE FROM announcements WHERE guild_id = ? AND id = ?",
            (announcement.guild_id, announcement.id),
        )
        await self._withdrawals.record(announcement, by, how, key)


def _posted(announcement: Announcement) -> Announcement:
    """`announcement`, when it is posted or on its way (so can be taken down)."""
    if announcement.status == "queued":
        raise UserError(
            f"{plain_quote(announcement.title)} is not posted; it waits for a moderator, "
            "so take it back with /importer withdraw."
        )
    if announcement.status == "rejected":
        raise UserError(
            f"{plain_quote(announcement.title)} was rejected, so it was never posted; "
            "there is nothing to take down."
        )
    return announcement


def _typed(announcement: Announcement) -> Announcement:
    """`announcement`, unless it is an arrival: its card is made from fields a form cannot
    hold."""
    if announcement.arrival is not None:
        raise UserError(
            "An arrival's card is made from its fields, which a form cannot hold; withdraw it "
            "and announce the truck again with /importer arrival."
        )
    return announcement


def _key(announcement: Announcement) -> str | None:
    """The key of its post and publish jobs; None for a former importer's when that was not
    kept (removed long ago)."""
    if announcement.importer_id is None:
        return announcement.former_post_key
    return post_key(announcement.importer_id, announcement.id)


def _refuse_unfindable(
    announcement: Announcement,
    key: str | None,
    sent: PostedMessage | None,
    post_state: str | None,
    moderator_in: str | None,
) -> None:
    """Refuse to take down a post whose message can no longer be found: posted so long ago
    that the record of where is gone, deleting the row would leave the post up with nothing
    to say it was taken back. A moderator deletes it themselves; an importer cannot."""
    if key is not None and (sent is not None or post_state not in (None, "done")):
        return
    how = (
        "ask a moderator to delete it in the announcements channel."
        if moderator_in is None
        else "delete it in the announcements channel by hand."
    )
    raise UserError(
        f"{plain_quote(announcement.title)} was posted too long ago for me to find its "
        f"message; {how}"
    )


def _what_repeats(link: str | None) -> str:
    """What an arrival repeats, as its refusal names it: the listing its link names, whatever
    its notes say (reworded, they are still that truck); without a link, all its details."""
    return f", the same listing ({link})," if link else ", with the same details,"
