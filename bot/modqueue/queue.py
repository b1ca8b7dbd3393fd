"""The queue itself: routes decisions to sources and keeps each item's post in step."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

from bot.clock import Clock, unix
from bot.delivery import DirectMessage, Outgoing, Sent
from bot.errors import UserError
from bot.jobs import GiveUp, Handler, Job, JobQueue, NotYet
from bot.limits import checked_reason
from bot.modqueue.copies import CardCopies
from bot.modqueue.decisions import Deciding, require_not_own, require_seen
from bot.modqueue.exported import export_member
from bot.modqueue.items import (
    Decision,
    QueueCard,
    QueueItem,
    QueuePostEditor,
    QueueSource,
    RejectionNotice,
    mentioned,
)
from bot.modqueue.pages import LISTED_UP_TO, QueueMark, QueuePage, mark_of, page_of
from bot.modqueue.posts import (
    TAKEN_DOWN_WORDS,
    TO_BE_TOLD,
    DecidedPost,
    Outcome,
    TakenDownBy,
    approval_words,
    as_followed,
    decided_post,
    queue_post_key,
    record_decision,
    record_followed,
    record_post,
    record_take_down,
    reopen_post,
    sent_decision,
    withdrawn_posts,
)
from bot.modqueue.refresh import (
    MODQUEUE_POST_JOB,
    MODQUEUE_REFRESH_JOB,
    MODQUEUE_REJECTED_JOB,
    REFRESH_AFTER,
    TOLD_EDIT,
    record_told_before_forget,
    refresh_handler,
)
from bot.modqueue.sweep import let_go_of_decided
from bot.modqueue.unposted import (
    drop_unposted,
    follow_unposted,
    forget_member,
    record_unposted,
    take_down_unposted,
)
from bot.privacy import Forgotten, MemberData
from bot.privacy.posts import FORGET_FOLLOW_UP_JOB, PostedMessage, follow_up_payload
from bot.setup import SettingChange, SetupService
from bot.store import Store

REJECTION_REASON = 500  # a rejection's reason, which its sender reads in a DM
# How long a post's place is kept once its item no longer waits: a decision undone (a showcase
# post Discord refused for good) puts the item back within hours.
LET_GO_AFTER = timedelta(days=7)
# How often a post waiting for a mod-queue channel looks for one: setting a channel sends the
# waiting posts at once, and this is in case the news of it was missed.
CHANNEL_RECHECK = timedelta(minutes=15)


class ModQueue:
    def __init__(self, store: Store, clock: Clock, jobs: JobQueue, setup: SetupService) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        self._setup = setup
        self._sources: dict[str, QueueSource] = {}
        self._deciding = Deciding()
        self._card: QueueCard | None = None  # the discord layer's, once `handlers` is given it
        self._copies = CardCopies(store, jobs)
        # When each post sent or changed lately was sent, or its latest edit due (`changed`), by
        # its refresh jobs' key prefix: in memory, since a restart costs at most one edit made
        # sooner.
        self._written: dict[str, datetime] = {}

    def register(self, source: QueueSource) -> None:
        if source.kind in self._sources:
            raise ValueError(f"a queue source for {source.kind!r} is already registered")
        self._sources[source.kind] = source

    def source(self, kind: str) -> QueueSource:
        source = self._sources.get(kind)
        if source is None:
            raise UserError("That kind of queue item is not known to this bot any more.")
        return source

    async def submitted(self, guild_id: int, kind: str, ref_id: int) -> None:
        """Post a new item to the mod-queue channel (safe inside the submitter's transaction)."""
        await self._jobs.schedule(
            MODQUEUE_POST_JOB,
            queue_post_key(kind, ref_id),
            self._clock.now(),
            payload={"kind": kind, "ref_id": ref_id},
            guild_id=guild_id,
        )

    async def changed(self, guild_id: int, kind: str, ref_id: int, change_id: int | str) -> None:
        """Have the item's post show the item as it reads once this change is committed (call
        inside the transaction that made it: a restart then loses no edit, and a post or an
        edit not yet claimed is sure to render the change).

        A post still to be sent needs nothing; changes while an edit waits share it, since it
        renders the item when it runs. The edit is made at once, unless the post was sent, or an
        edit of it due, less than `REFRESH_AFTER` ago: then it waits out the rest, gathering
        what follows.
        `change_id` (what changed it, e.g. a joining nomination's id) makes each later edit a
        job of its own: a finished one keeps its key for 60 days."""
        post_key = queue_post_key(kind, ref_id)
        if post_key in await self._jobs.pending_keys(MODQUEUE_POST_JOB, post_key):
            return
        prefix = f"{post_key}:"
        if await self._jobs.pending_keys(MODQUEUE_REFRESH_JOB, prefix):
            return
        await self._jobs.schedule(
            MODQUEUE_REFRESH_JOB,
            f"{prefix}{change_id}",
            self._next_edit_due(prefix),
            payload={"kind": kind, "ref_id": ref_id},
            guild_id=guild_id,
        )

    def _next_edit_due(self, prefix: str) -> datetime:
        """When the next edit of the post (refresh jobs `prefix`) is due, kept as its latest
        write: now, or `REFRESH_AFTER` after its latest write when that was less long ago."""
        now = self._clock.now()
        latest = self._written.get(prefix)
        due = now if latest is None else max(now, latest + REFRESH_AFTER)
        self._wrote(prefix, due)
        return due

    def _wrote(self, prefix: str, at: datetime) -> None:
        """Keep `at` as when the post (refresh jobs `prefix`) was written last, letting go of
        the writes too long ago to hold an edit back."""
        now = self._clock.now()
        self._written = {
            key: when for key, when in self._written.items() if when + REFRESH_AFTER > now
        }
        self._written[prefix] = at

    async def pending(self, guild_id: int) -> list[QueueItem]:
        """Everything waiting, oldest first, across every source (up to `LISTED_UP_TO` of
        each); items sent at the same moment keep one order, so pages never skip one."""
        items: list[QueueItem] = []
        for source in self._sources.values():
            items += await source.pending(guild_id, LISTED_UP_TO)
        return sorted(items, key=mark_of)

    async def page(
        self,
        guild_id: int,
        size: int,
        *,
        after: QueueMark | None = None,
        before: QueueMark | None = None,
        at: QueueMark | None = None,
    ) -> QueuePage:
        """`size` items waiting, as `page_of` picks them."""
        return page_of(await self.pending(guild_id), size, after=after, before=before, at=at)

    async def waiting(
        self, guild_id: int, kind: str, ref_id: int, *, seen: int | None = None
    ) -> QueueItem:
        """The item while it waits for a decision; refused once decided or withdrawn (its
        sender forgotten), so a button or form for it leads nowhere, and with `Changed` when
        it is no longer the revision `seen` (when given: a button's)."""
        source = self.source(kind)
        item = await self._deciding.pending(self._store, source, guild_id, ref_id)
        if seen is not None:
            require_seen(source, item, seen)
        return item

    @asynccontextmanager
    async def changing(self, guild_id: int, kind: str, ref_id: int) -> AsyncIterator[None]:
        """Hold off decisions on the item while its sender changes it (around the change's
        transaction): an approval checks the revision its moderator saw and approves in one
        turn, so no change lands between the two."""
        async with self._deciding.turn((guild_id, kind, ref_id)):
            yield

    async def decided(
        self,
        guild_id: int,
        kind: str,
        ref_id: int,
        words: str,
        *,
        shown: bool,
        outcome: Outcome,
    ) -> None:
        """Record how the item's post is to say it was decided: `words`, naming the moderator
        who decided as "… by <@id>" (who a forget of them un-names there), and what became of
        it, `outcome` (said by every caller, never read from the words). Unless the post
        `shown` it already (the answer to a click on it), have it edited to say so, and lose
        its buttons, through the outbox. An item whose post was never sent needs nothing: it
        never will be now."""
        async with self._store.transaction():
            await self.decided_within(guild_id, kind, ref_id, words, shown=shown, outcome=outcome)

    async def decided_within(
        self, guild_id: int, kind: str, ref_id: int, words: str, *, shown: bool, outcome: Outcome
    ) -> None:
        """`decided`, inside the caller's transaction (the one that decided the item: a stop
        after its commit leaves no post offering buttons for an item decided)."""
        now = self._clock.now()
        answered = words
        # What followed an approval meanwhile (its announcement posted) is read as it is stored.
        words = await as_followed(self.source(kind), guild_id, ref_id, words, outcome)
        self._deciding.said((guild_id, kind, ref_id), words)
        if outcome == "rejected" and TO_BE_TOLD in words:
            await self._when_told(guild_id, kind, ref_id)
        if not await record_decision(self._store, guild_id, kind, ref_id, words, outcome):
            await record_unposted(self._store, guild_id, kind, ref_id, words, outcome, now)
            await self._when_posted(guild_id, kind, ref_id, words, outcome)
            return
        prefix = f"{queue_post_key(kind, ref_id)}:"
        if shown and words != answered:
            # The click is answered with what followed the approval as it was then: an edit
            # after that answer says what followed since.
            self._wrote(prefix, now)
            await self.changed(guild_id, kind, ref_id, f"followed:{unix(now)}")
            return
        if shown:
            await sent_decision(self._store, guild_id, kind, ref_id, words)
            return
        # An edit already waiting renders the post when it runs: it need only run now.
        if not await self._jobs.run_now(MODQUEUE_REFRESH_JOB, prefix):
            await self._jobs.schedule(
                MODQUEUE_REFRESH_JOB,
                f"{prefix}decided:{unix(now)}",
                now,
                payload={"kind": kind, "ref_id": ref_id},
                guild_id=guild_id,
            )

    async def taken_down(self, guild_id: int, kind: str, ref_id: int, by: TakenDownBy) -> None:
        """An approved item taken down since (an announcement deleted from its channel; call
        inside that transaction): its post, which says it was approved, says so too ("Taken
        down since by a moderator."), and who took it down is kept. The words name nobody: the
        decision's own name is the one a forget looks for."""
        taken = (self._store, guild_id, kind, ref_id, TAKEN_DOWN_WORDS[by], by)
        await take_down_unposted(*taken)
        if await record_take_down(*taken):
            now = unix(self._clock.now())
            await self.changed(guild_id, kind, ref_id, f"taken-down:{now}")

    async def approval_followed(self, guild_id: int, kind: str, ref_id: int, outcome: str) -> None:
        """What followed the item's approval is `outcome` now (an announcement that was on its
        way is posted; call inside the transaction that stored it, where the source's
        `FollowsApproval.followed` reads it): the approval recorded says so, its post in one
        edit, and so is a moderator told who clicks it late, once this commits. An approval
        not recorded yet (its click still being answered, its post on its way) reads it from
        the source as it is; one taken down since says that."""
        item = (guild_id, kind, ref_id, outcome)
        await follow_unposted(self._store, *item)
        if await record_followed(self._store, *item):
            await self.changed(guild_id, kind, ref_id, f"followed:{unix(self._clock.now())}")

    async def undone(self, guild_id: int, kind: str, ref_id: int) -> None:
        """The item's decision was undone and it waits again (a showcase post Discord refused
        puts its nominations back; call inside that transaction): the words recorded of the
        decision, which would tell a late click of one that no longer stands, go, and its
        post, if it was edited to say how it was decided, offers its buttons again."""
        self._deciding.unsay((guild_id, kind, ref_id))
        await drop_unposted(self._store, guild_id, kind, ref_id)
        if await reopen_post(self._store, guild_id, kind, ref_id):
            await self.changed(guild_id, kind, ref_id, f"undone:{unix(self._clock.now())}")

    async def _when_told(self, guild_id: int, kind: str, ref_id: int) -> None:
        """Have the rejection's words, once its senders' DMs went out, say they were told why
        rather than that they will be (`record_told`), and its post edited so: an edit of its
        own, `REFRESH_AFTER` from now, by when the DMs have almost always gone (it waits for
        them otherwise: `bot.modqueue.refresh`), and keyed apart from the post's other edits,
        which it holds back in nothing."""
        await self._jobs.schedule(
            MODQUEUE_REFRESH_JOB,
            f"{TOLD_EDIT}{queue_post_key(kind, ref_id)}",
            self._clock.now() + REFRESH_AFTER,
            payload={"kind": kind, "ref_id": ref_id, "told": True},
            guild_id=guild_id,
        )

    async def _when_posted(
        self, guild_id: int, kind: str, ref_id: int, words: str, outcome: Outcome | None
    ) -> None:
        """Have a post on its way as its item is decided (rendered while the item waited, so
        with buttons) say how once it is sent: an edit carrying the words, which waits for the
        post's place to be kept. A post not yet rendered never will be now."""
        post_key = queue_post_key(kind, ref_id)
        if not await self._jobs.running(MODQUEUE_POST_JOB, post_key):
            return
        await self._jobs.schedule(
            MODQUEUE_REFRESH_JOB,
            f"{post_key}:decided:{unix(self._clock.now())}",
            self._clock.now(),
            payload={"kind": kind, "ref_id": ref_id, "decision": words, "outcome": outcome},
            guild_id=guild_id,
        )

    async def decided_post(self, guild_id: int, kind: str, ref_id: int) -> DecidedPost | None:
        """How the item's post is to read once decided, as recorded with the decision; None
        while it waits, or when not known (decided before decisions were recorded)."""
        return await decided_post(self._store, guild_id, kind, ref_id)

    async def decision_sent(self, guild_id: int, kind: str, ref_id: int, words: str) -> None:
        """The item's post was edited to say it was decided with `words` (`decided_post`)."""
        await sent_decision(self._store, guild_id, kind, ref_id, words)

    async def decision_of(self, guild_id: int, kind: str, ref_id: int) -> str | None:
        """The words of `decided_post`."""
        decided = await self.decided_post(guild_id, kind, ref_id)
        return None if decided is None else decided.words

    async def approve(
        self,
        guild_id: int,
        kind: str,
        ref_id: int,
        moderator_id: int,
        *,
        by: Callable[[], Awaitable[str]] | None = None,
        seen: int = 0,
        own_allowed: bool = False,
    ) -> Decision:
        """Approve the item through its source, or `by` for a kind whose approval the discord
        layer finishes (a glossary entry's form), which returns what followed. A moderator a
        moment too late is told who approved it and how, not the source's "already decided";
        one who saw an earlier revision than the item's (`seen`, carried by their button) is
        refused with `Changed`, since they would approve words they never read. A moderator
        approves no item they sent in unless `own_allowed` (see `require_not_own`)."""
        source = self.source(kind)
        key = (guild_id, kind, ref_id)
        async with self._deciding.turn(key):
            item = await self._deciding.pending(self._store, source, guild_id, ref_id)
            require_not_own(source, item, moderator_id, own_allowed=own_allowed)
            require_seen(source, item, seen)
            try:
                outcome = await (by() if by else source.approve(guild_id, ref_id, moderator_id))
            except UserError:
                # Decided meanwhile another way (a command featuring the build): say how.
                await self._deciding.pending(self._store, source, guild_id, ref_id)
                raise
            await self._copies.keep(self._card, source, guild_id, item, decided=True)
            self._deciding.said(key, approval_words(moderator_id, outcome), final=False)
        return Decision(item, outcome)

    async def require_may_approve(
        self, guild_id: int, kind: str, ref_id: int, moderator_id: int, *, own_allowed: bool
    ) -> None:
        """Refuse before a form is filled in for an approval `approve` would refuse."""
        item = await self.waiting(guild_id, kind, ref_id)
        require_not_own(self.source(kind), item, moderator_id, own_allowed=own_allowed)

    async def reject(
        self,
        guild_id: int,
        kind: str,
        ref_id: int,
        moderator_id: int,
        reason: str,
        words: Callable[[Decision], str] | None = None,
        *,
        seen: int = 0,
        server: str | None = None,
    ) -> Decision:
        """Reject the item, its senders told why by a DM naming the `server` (one serving
        several kei truck servers reads which); `words` are how the decision reads on its
        post (plainly "Rejected by <@id>; …" when not given), kept at once for whoever comes
        second. A moderator who saw an earlier revision than the item's (`seen`, carried by
        their form) is refused with `Changed`, as by `approve`: the sender would read the
        reason against words the moderator never read, and a form may stay open for
        minutes."""
        reason = checked_reason("The reason", reason, REJECTION_REASON, minimum=3)
        source = self.source(kind)
        key = (guild_id, kind, ref_id)
        async with self._deciding.turn(key):
            decision = await self._reject(
                source, guild_id, ref_id, moderator_id, reason, seen, server
            )
            said = (
                words(decision) if words else f"Rejected by <@{moderator_id}>; {decision.outcome}"
            )
            self._deciding.said(key, said)
        return decision

    async def _reject(
        self,
        source: QueueSource,
        guild_id: int,
        ref_id: int,
        moderator_id: int,
        reason: str,
        seen: int,
        server: str | None,
    ) -> Decision:
        kind = source.kind
        # One transaction from reading who sent the item to scheduling their DMs: a forget
        # between the two would find no DM to delete, and the DM would reach the member.
        async with self._store.transaction():
            item = await self._deciding.pending(self._store, source, guild_id, ref_id)
            require_seen(source, item, seen)
            await source.reject(guild_id, ref_id, moderator_id, reason)
            await self._copies.keep(self._card, source, guild_id, item, decided=True)
            for user_id in item.submitter_ids:
                await self._jobs.schedule(
                    MODQUEUE_REJECTED_JOB,
                    f"{kind}:{ref_id}:{user_id}",
                    self._clock.now(),
                    payload={
                        "user_id": user_id,
                        "label": source.label,
                        "title": item.title,
                        "reason": reason,
                        "server": server,
                    },
                    guild_id=guild_id,
                )
        if not item.submitter_ids:
            return Decision(item, "its sender was forgotten, so nobody is told.", reason)
        # Named as the queue's list names them: by mention, unless the source has a name of
        # its own for them (an importer's business). A forget of one un-names them here too.
        told = mentioned(item.submitter_ids) if item.counted_only else item.submitted_by
        return Decision(item, f"{told}{TO_BE_TOLD}", reason)

    def handlers(
        self, card: QueueCard, notice: RejectionNotice
    ) -> dict[str, Callable[[Job], Awaitable[Outgoing | None]]]:
        """The job handlers that post new items and tell submitters of rejections. The `card`
        renders also an item's card as it is decided, or held (`CardCopies`)."""
        self._card = card

        async def post(job: Job) -> Outgoing | None:
            if job.guild_id is None:
                raise GiveUp("a queue item without a server")
            kind, ref_id = job.payload["kind"], job.payload["ref_id"]
            channel = (await self._setup.get(job.guild_id)).channels.get("modqueue")
            if channel is None:
                if await self.source(kind).item(job.guild_id, ref_id) is None:
                    return None  # decided from /modqueue meanwhile: nothing to post
                # Listed by /modqueue meanwhile; posted once a channel is set.
                raise NotYet(
                    self._clock.now() + CHANNEL_RECHECK,
                    "the server has no mod-queue channel; the post waits for one",
                )
            return await self.card_of(card, job.guild_id, kind, ref_id, channel)

        async def tell(job: Job) -> Outgoing:
            payload = job.payload
            # A DM scheduled before it named its server carries none.
            server = payload.get("server")
            text = notice(payload["label"], payload["title"], payload["reason"], server)
            return Outgoing(DirectMessage(payload["user_id"]), text)

        return {MODQUEUE_POST_JOB: post, MODQUEUE_REJECTED_JOB: tell}

    async def on_setting_changed(self, change: SettingChange) -> None:
        """A new mod-queue channel takes at once the posts that waited for one."""
        if change.setting == "channel:modqueue":
            await self._jobs.run_now(MODQUEUE_POST_JOB, "", guild_id=change.guild_id)

    def refresh_handler(self, editor: QueuePostEditor) -> Handler:
        """The MODQUEUE_REFRESH_JOB handler (see `bot.modqueue.refresh`)."""
        return refresh_handler(self._store, self._clock, self._jobs, self.source, editor)

    async def card_of(
        self, card: QueueCard, guild_id: int, kind: str, ref_id: int, channel_id: int
    ) -> Outgoing | None:
        """The item's queue post as it reads now; None once it is decided or withdrawn. A post
        kept keeps the item's card without its hold while it is held (`CardCopies`)."""
        source = self.source(kind)
        # One transaction: a copy kept as the item waits, from a read before a decision that
        # lands meanwhile, would replace the decision's own.
        async with self._store.transaction():
            item = await source.item(guild_id, ref_id)
            if item is None:
                return None
            await self._copies.keep(card, source, guild_id, item, decided=False)
        return card(source, item, channel_id)

    async def posted(self, job: Job, sent: Sent) -> None:
        """Keep where an item's post went (a MODQUEUE_POST_JOB's sent hook, run in the
        transaction recording the send). A post sent again for the same item replaces it.

        An item withdrawn while its post was on its way (its sender forgotten at that moment)
        found no post to delete: the post is deleted now, by the forget's follow-up."""
        kind, ref_id, guild_id = job.payload["kind"], job.payload["ref_id"], job.guild_id
        post = PostedMessage(sent.channel_id, sent.message_id)
        if guild_id is None:  # never rendered: `post` gives such a job up
            return
        source = self.source(kind)
        if await source.gone(guild_id, ref_id):
            await self._delete_posts(guild_id, kind, ref_id, frozenset({post}))
            return
        await record_post(self._store, guild_id, kind, ref_id, post)
        # Changes just after it gather for one edit (members joining a nomination just posted).
        self._wrote(f"{queue_post_key(kind, ref_id)}:", self._clock.now())
        # Rendered a moment ago: as the item reads now, but for a change whose edit follows,
        # or as it was decided meanwhile.
        await self._copies.posted(self._card, source, guild_id, ref_id)
        # A decision taken while the post was on its way left an edit waiting for it.
        await self._jobs.run_now(MODQUEUE_REFRESH_JOB, f"{queue_post_key(kind, ref_id)}:")

    async def withdrawn(self, guild_id: int, kind: str, ref_id: int) -> None:
        """Delete the post of an item its sender took back (inside the transaction that
        removed the item): its buttons would lead nowhere. A post on its way is deleted once
        sent (`posted`), and one not yet rendered never will be."""
        posts = await withdrawn_posts(self._store, guild_id, kind, [ref_id])
        if posts:
            await self._delete_posts(guild_id, kind, ref_id, posts)

    async def _delete_posts(
        self, guild_id: int, kind: str, ref_id: int, posts: frozenset[PostedMessage]
    ) -> None:
        """Have the outbox delete an item's posts, as a forget's follow-up deletes them."""
        await self._jobs.schedule(
            FORGET_FOLLOW_UP_JOB,
            f"withdrawn:{queue_post_key(kind, ref_id)}",
            self._clock.now(),
            payload=follow_up_payload(Forgotten(queue_posts=posts)),
            guild_id=guild_id,
        )

    def member_data(self) -> MemberData:
        """The posts a moderator decided name them ("Rejected by <@id>; …"), as do the words of
        decisions on items never posted: the queue keeps which, and their words, for as long as
        it keeps them. A forget has exactly those say "a moderator" instead, however old, and
        reads no other."""
        return MemberData(
            {"modqueue_posts": ("decided_by",), "modqueue_decisions": ("decided_by",)},
            lambda member_id: export_member(self._store, member_id, self._sources),
            self._forget_member,
        )

    async def _forget_member(self, guild_id: int, member_id: int, keep_builds: bool) -> Forgotten:
        self._deciding.unname(guild_id, member_id)
        self._copies.forget(guild_id)
        await record_told_before_forget(self._store, self._jobs, guild_id, member_id)
        return await forget_member(self._store, guild_id, member_id, self._clock.now())

    async def let_go_of_decided(self) -> int:
        """Forget where the posts of items no longer waiting are, once they have been so for
        `LET_GO_AFTER`; returns how many were let go (see `bot.modqueue.sweep`)."""
        return await let_go_of_decided(self._store, self._sources, self._clock.now(), LET_GO_AFTER)
