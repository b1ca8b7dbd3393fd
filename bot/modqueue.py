"""One moderation queue for the whole bot, made of sources that plug in.

Each kind of thing that waits for a moderator (an importer's announcement, a glossary
suggestion, a showcase nomination) stays in its own table, owned by its own service, which
implements `QueueSource`: list what is pending, describe one item, approve it, reject it. Each
source decides an item at most once (its own conditional update), so two moderators clicking
at once get one decision and one "already decided". The queue itself only routes, posts each
new item to the mod-queue channel through the outbox (an item sent in while the server has none
waits for one), and keeps where each post is while the item waits (`modqueue_posts`), for a
forget to delete or edit it however long it waited. Once the item is decided, the post's row keeps
the words that say how, and the moderator they name, for as long as they name them: a decision
taken away from the post has the post edited through the outbox from those words, and a forget
edits exactly the posts naming its member.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.clock import Clock, unix
from bot.delivery import Button, DirectMessage, Outgoing, Sent
from bot.errors import UserError
from bot.jobs import GiveUp, Handler, Job, JobQueue, NotYet
from bot.privacy import (
    FORGET_FOLLOW_UP_JOB,
    FORMER_MEMBER,
    Forgotten,
    MemberData,
    PostedMessage,
    QueuePost,
    Sections,
    counted,
    follow_up_payload,
    member_rows,
)
from bot.setup import SettingChange, SetupService
from bot.store import Store

MODQUEUE_POST_JOB = "modqueue.post"
MODQUEUE_REJECTED_JOB = "modqueue.rejected"
MODQUEUE_REFRESH_JOB = "modqueue.refresh"
# How long a post's place is kept once its item no longer waits: a decision undone (a showcase
# post Discord refused for good) puts the item back within hours.
LET_GO_AFTER = timedelta(days=7)
# How long changes to an item gather before its post is edited: ten members nominating one
# build within a second cost one edit, and Discord limits how often a channel's messages change.
REFRESH_AFTER = timedelta(seconds=5)
# How often a post waiting for a mod-queue channel looks for one: setting a channel sends the
# waiting posts at once, and this is in case the news of it was missed.
CHANNEL_RECHECK = timedelta(minutes=15)
MAX_LISTED = 25
# Who decided an item, on its post, once that moderator was forgotten.
FORGOTTEN_MODERATOR = "a moderator"
KIND_PATTERN = r"[a-z][a-z_]{0,19}"  # what a custom id may carry as a kind


def headcount(count: int) -> str:
    """How a source that has no name of its own for its senders counts them ("a member",
    "3 members"), for where mentions do not render (an embed's author)."""
    return "a member" if count == 1 else f"{count} members"


@dataclass(frozen=True)
class QueueItem:
    """One thing waiting for a moderator, as plain values any source can give."""

    kind: str
    ref_id: int
    title: str
    body: str
    submitter_id: int | None
    submitted_by: str  # who it is from, as the source names them ("Kei Imports")
    created_at: datetime
    link: str | None = None
    image_url: str | None = None
    # Others who sent in the same thing (several members nominating one build): one item for
    # all of them, and each is told of a rejection.
    co_submitter_ids: tuple[int, ...] = ()

    @property
    def submitter_ids(self) -> tuple[int, ...]:
        first = () if self.submitter_id is None else (self.submitter_id,)
        return first + self.co_submitter_ids


class QueueSource(Protocol):
    kind: str  # stable: stored in jobs and carried in button ids
    label: str  # "Importer announcement"

    async def pending(self, guild_id: int, limit: int) -> list[QueueItem]:
        """The oldest pending items first."""
        ...

    async def item(self, guild_id: int, ref_id: int) -> QueueItem | None:
        """The item while it is pending; None once decided or gone."""
        ...

    async def approve(self, guild_id: int, ref_id: int, moderator_id: int) -> str:
        """Approve once (`UserError` when already decided); returns what followed, a clause
        read after "Approved by …;"."""
        ...

    async def reject(self, guild_id: int, ref_id: int, moderator_id: int, reason: str) -> None:
        """Reject once (`UserError` when already decided), inside the queue's transaction (so
        without one of its own)."""
        ...

    async def gone(self, guild_id: int, ref_id: int) -> bool:
        """Whether the item is no more (withdrawn when its sender was forgotten), not merely
        decided."""
        ...


# How the discord layer words a queue post, and a rejection told to its submitter.
QueueCard = Callable[[QueueSource, QueueItem, int], Outgoing]  # ..., channel id
RejectionNotice = Callable[[str, str, str], str]  # label, title, reason -> DM text


class QueuePostEditor(Protocol):
    """How the discord layer renders a sent queue post again: from its item while it waits,
    from its recorded decision once decided (nothing when that is not known, or the item was
    withdrawn); a 429 or 5xx raises `TryAgain`."""

    async def refresh_queue_post(self, guild_id: int, post: QueuePost) -> None: ...


@dataclass(frozen=True)
class Decision:
    item: QueueItem
    outcome: str  # what followed, to read after "Approved by …;" ("it is on its way …")


class ModQueue:
    def __init__(self, store: Store, clock: Clock, jobs: JobQueue, setup: SetupService) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        self._setup = setup
        self._sources: dict[str, QueueSource] = {}

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
            _post_key(kind, ref_id),
            self._clock.now(),
            payload={"kind": kind, "ref_id": ref_id},
            guild_id=guild_id,
        )

    async def changed(self, guild_id: int, kind: str, ref_id: int, change_id: int | str) -> None:
        """Have the item's post show the item as it reads once this change is committed (call
        inside the transaction that made it: a restart then loses no edit, and a post or an
        edit not yet claimed is sure to render the change).

        A post still to be sent needs nothing; changes while an edit waits share it, since it
        renders the item when it runs. `change_id` (what changed it, e.g. a joining
        nomination's id) makes each later edit a job of its own: a finished one keeps its key
        for 60 days."""
        post_key = _post_key(kind, ref_id)
        if post_key in await self._jobs.pending_keys(MODQUEUE_POST_JOB, post_key):
            return
        prefix = f"{post_key}:"
        if await self._jobs.pending_keys(MODQUEUE_REFRESH_JOB, prefix):
            return
        await self._jobs.schedule(
            MODQUEUE_REFRESH_JOB,
            f"{prefix}{change_id}",
            self._clock.now() + REFRESH_AFTER,
            payload={"kind": kind, "ref_id": ref_id},
            guild_id=guild_id,
        )

    async def pending(self, guild_id: int) -> list[QueueItem]:
        """Everything waiting, oldest first, across every source."""
        items: list[QueueItem] = []
        for source in self._sources.values():
            items += await source.pending(guild_id, MAX_LISTED)
        return sorted(items, key=lambda item: item.created_at)[:MAX_LISTED]

    async def waiting(self, guild_id: int, kind: str, ref_id: int) -> QueueItem:
        """The item while it waits for a decision; refused once decided or withdrawn (its
        sender forgotten), so a button or form for it leads nowhere."""
        return await self._require_pending(self.source(kind), guild_id, ref_id)

    async def decided(
        self, guild_id: int, kind: str, ref_id: int, outcome: str, *, shown: bool
    ) -> None:
        """Record how the item's post is to say it was decided: `outcome`, naming the moderator
        who decided as "… by <@id>" (who a forget of them un-names there). Unless the post
        `shown` it already (the answer to a click on it), have it edited to say so, and lose its
        buttons, through the outbox. An item whose post was never sent needs nothing: it never
        will be now."""
        now = self._clock.now()
        async with self._store.transaction():
            recorded = await self._store.execute(
                f"UPDATE modqueue_posts SET decided_by = ?, decision = ? {_ITEM}",
                (decider_named(outcome), outcome, guild_id, kind, ref_id),
            )
            if not recorded:
                await self._when_posted(guild_id, kind, ref_id, outcome)
                return
            if shown:
                return
            # An edit already waiting renders the post when it runs: it need only run now.
            prefix = f"{_post_key(kind, ref_id)}:"
            if not await self._jobs.run_now(MODQUEUE_REFRESH_JOB, prefix):
                await self._jobs.schedule(
                    MODQUEUE_REFRESH_JOB,
                    f"{prefix}decided:{unix(now)}",
                    now,
                    payload={"kind": kind, "ref_id": ref_id},
                    guild_id=guild_id,
                )

    async def _when_posted(self, guild_id: int, kind: str, ref_id: int, outcome: str) -> None:
        """Have a post on its way as its item is decided (rendered while the item waited, so
        with buttons) say how once it is sent: an edit carrying the words, which waits for the
        post's place to be kept. A post not yet rendered never will be now."""
        post_key = _post_key(kind, ref_id)
        if not await self._jobs.running(MODQUEUE_POST_JOB, post_key):
            return
        await self._jobs.schedule(
            MODQUEUE_REFRESH_JOB,
            f"{post_key}:decided:{unix(self._clock.now())}",
            self._clock.now(),
            payload={"kind": kind, "ref_id": ref_id, "decision": outcome},
            guild_id=guild_id,
        )

    async def decision_of(self, guild_id: int, kind: str, ref_id: int) -> str | None:
        """How the item's post says it was decided, as recorded with the decision; None while
        it waits, or when not known (decided before decisions were recorded)."""
        return await self._store.fetchval(
            f"SELECT decision FROM modqueue_posts {_ITEM}", (guild_id, kind, ref_id)
        )

    async def approve(self, guild_id: int, kind: str, ref_id: int, moderator_id: int) -> Decision:
        source = self.source(kind)
        item = await self._require_pending(source, guild_id, ref_id)
        return Decision(item, await source.approve(guild_id, ref_id, moderator_id))

    async def reject(
        self, guild_id: int, kind: str, ref_id: int, moderator_id: int, reason: str
    ) -> Decision:
        reason = " ".join(reason.split())
        if not 3 <= len(reason) <= 500:
            raise UserError("Give a reason of 3 to 500 characters; the submitter will read it.")
        source = self.source(kind)
        # One transaction from reading who sent the item to scheduling their DMs: a forget
        # between the two would find no DM to delete, and the DM would reach the member.
        async with self._store.transaction():
            item = await self._require_pending(source, guild_id, ref_id)
            await source.reject(guild_id, ref_id, moderator_id, reason)
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
                    },
                    guild_id=guild_id,
                )
        if not item.submitter_ids:
            return Decision(item, "its sender was forgotten, so nobody is told.")
        return Decision(item, f"{item.submitted_by} will be told why.")

    def handlers(
        self, card: QueueCard, notice: RejectionNotice
    ) -> dict[str, Callable[[Job], Awaitable[Outgoing | None]]]:
        """The job handlers that post new items and tell submitters of rejections."""

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
            text = notice(payload["label"], payload["title"], payload["reason"])
            return Outgoing(DirectMessage(payload["user_id"]), text)

        return {MODQUEUE_POST_JOB: post, MODQUEUE_REJECTED_JOB: tell}

    async def on_setting_changed(self, change: SettingChange) -> None:
        """A new mod-queue channel takes at once the posts that waited for one."""
        if change.setting == "channel:modqueue":
            await self._jobs.run_now(MODQUEUE_POST_JOB, "", guild_id=change.guild_id)

    def refresh_handler(self, editor: QueuePostEditor) -> Handler:
        """The MODQUEUE_REFRESH_JOB handler: the item's post, once sent, rendered again. An
        item whose post is not sent yet needs nothing: its post renders it as it is then; one
        whose post was already rendered, and decided as it was sent, has this edit carry the
        decision and wait for the post."""

        async def refresh(job: Job) -> None:
            if job.guild_id is None:
                raise GiveUp("a queue item without a server")
            kind, ref_id = job.payload["kind"], job.payload["ref_id"]
            decision = job.payload.get("decision")
            if decision is not None:
                # Carried by an edit for a post that was on its way as its item was decided.
                if await self._jobs.running(MODQUEUE_POST_JOB, _post_key(kind, ref_id)):
                    # `posted` brings this edit forward once the post's place is kept.
                    raise NotYet(self._clock.now() + REFRESH_AFTER, "the post is on its way")
                await self._record_late_decision(job.guild_id, kind, ref_id, decision)
            for post in await waiting_posts(self._store, job.guild_id, kind, [ref_id]):
                await editor.refresh_queue_post(job.guild_id, post)

        return refresh

    async def _record_late_decision(
        self, guild_id: int, kind: str, ref_id: int, decision: str
    ) -> None:
        """Record the decision taken while the item's post was on its way, unless the post
        records one already, or the item waits again (put back, and posted anew)."""
        if await self.source(kind).item(guild_id, ref_id) is not None:
            return
        await self._store.execute(
            f"UPDATE modqueue_posts SET decided_by = ?, decision = ? {_ITEM} AND decision IS NULL",
            (decider_named(decision), decision, guild_id, kind, ref_id),
        )

    async def card_of(
        self, card: QueueCard, guild_id: int, kind: str, ref_id: int, channel_id: int
    ) -> Outgoing | None:
        """The item's queue post as it reads now; None once it is decided or withdrawn."""
        source = self.source(kind)
        item = await source.item(guild_id, ref_id)
        return None if item is None else card(source, item, channel_id)

    async def posted(self, job: Job, sent: Sent) -> None:
        """Keep where an item's post went (a MODQUEUE_POST_JOB's sent hook, run in the
        transaction recording the send). A post sent again for the same item replaces it.

        An item withdrawn while its post was on its way (its sender forgotten at that moment)
        found no post to delete: the post is deleted now, by the forget's follow-up."""
        kind, ref_id = job.payload["kind"], job.payload["ref_id"]
        if job.guild_id is not None and await self.source(kind).gone(job.guild_id, ref_id):
            post = PostedMessage(sent.channel_id, sent.message_id)
            await self._jobs.schedule(
                FORGET_FOLLOW_UP_JOB,
                f"withdrawn:{_post_key(kind, ref_id)}",
                self._clock.now(),
                payload=follow_up_payload(Forgotten(queue_posts=frozenset({post}))),
                guild_id=job.guild_id,
            )
            return
        await self._store.execute(
            "INSERT INTO modqueue_posts (guild_id, kind, ref_id, channel_id, message_id) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, kind, ref_id) DO UPDATE SET "
            "channel_id = excluded.channel_id, message_id = excluded.message_id, "
            "left_queue_at = NULL, decided_by = NULL, decision = NULL",
            (job.guild_id, kind, ref_id, sent.channel_id, sent.message_id),
        )
        # A decision taken while the post was on its way left an edit waiting for it.
        await self._jobs.run_now(MODQUEUE_REFRESH_JOB, f"{_post_key(kind, ref_id)}:")

    def member_data(self) -> MemberData:
        """The posts a moderator decided name them ("Rejected by <@id>; …"): the queue keeps
        which, and their words, for as long as the posts are kept. A forget has exactly those
        posts say "a moderator" instead, however old, and reads no other."""
        return MemberData(
            {"modqueue_posts": ("decided_by",)}, self._export_member, self._forget_member
        )

    async def _export_member(self, member_id: int) -> Sections:
        return {
            "queue_posts_decided": await member_rows(
                self._store,
                "SELECT guild_id, kind, ref_id, channel_id, message_id, decision "
                "FROM modqueue_posts WHERE decided_by = ? ORDER BY kind, ref_id",
                (member_id,),
            )
        }

    async def _forget_member(self, guild_id: int, member_id: int, keep_builds: bool) -> Forgotten:
        now = self._clock.now()
        rows = await self._store.fetchall(
            "SELECT kind, ref_id, channel_id, message_id, decision FROM modqueue_posts "
            "WHERE guild_id = ? AND decided_by = ?",
            (guild_id, member_id),
        )
        for row in rows:
            # The words name the member as their decider: that is how `decided_by` was read.
            unnamed = unnamed_decision(row["decision"], member_id) or row["decision"]
            # Naming nobody now, the post is let go of like any other, a week on: the forget's
            # follow-up renders it from these words meanwhile, however long Discord is busy.
            await self._store.execute(
                "UPDATE modqueue_posts SET decided_by = ?, decision = ?, left_queue_at = ? "
                f"{_ITEM}",
                (FORMER_MEMBER, unnamed, unix(now), guild_id, row["kind"], row["ref_id"]),
            )
        posts = frozenset(
            QueuePost(row["kind"], row["ref_id"], row["channel_id"], row["message_id"])
            for row in rows
        )
        return Forgotten(
            anonymised=counted([("moderation queue posts", len(posts))]),
            changed_queue_posts=posts,
        )

    async def let_go_of_decided(self) -> int:
        """Forget where the posts of items no longer waiting are, once they have been so for
        `LET_GO_AFTER` (an approval can be undone: a showcase post Discord keeps refusing puts
        its nominations back in the queue, hours later); returns how many were let go. A post
        naming the moderator who decided it is kept, for a forget of them to reach, and looked
        at no more."""
        now = self._clock.now()
        rows = await self._store.fetchall(
            "SELECT guild_id, kind, ref_id, left_queue_at FROM modqueue_posts "
            "WHERE left_queue_at IS NULL OR left_queue_at > ? OR coalesce(decided_by, 0) <= 0",
            (unix(now - LET_GO_AFTER),),
        )
        let_go = 0
        for row in rows:
            source = self._sources.get(row["kind"])
            item = None if source is None else await source.item(row["guild_id"], row["ref_id"])
            where = (row["guild_id"], row["kind"], row["ref_id"])
            if item is not None:
                await self._store.execute(
                    f"UPDATE modqueue_posts SET left_queue_at = NULL {_ITEM}", where
                )
            elif row["left_queue_at"] is None:
                await self._store.execute(
                    f"UPDATE modqueue_posts SET left_queue_at = ? {_ITEM}", (unix(now), *where)
                )
            elif row["left_queue_at"] <= unix(now - LET_GO_AFTER):
                let_go += await self._store.execute(f"DELETE FROM modqueue_posts {_ITEM}", where)
        return let_go

    @staticmethod
    async def _require_pending(source: QueueSource, guild_id: int, ref_id: int) -> QueueItem:
        item = await source.item(guild_id, ref_id)
        if item is None:
            raise UserError(
                f"That {source.label.lower()} is no longer waiting: it was already decided, "
                "or withdrawn."
            )
        return item


_ITEM = "WHERE guild_id = ? AND kind = ? AND ref_id = ?"


# How a decided post names its moderator: "Rejected by <@id>; …".
_DECIDER = re.compile(r" by <@(\d+)>")


def decider_named(text: str) -> int | None:
    """The member a decided post's words name as the moderator who decided (the first named
    so, "Rejected by <@id>; …"); None when they name nobody so."""
    match = _DECIDER.search(text)
    return None if match is None else int(match[1])


def unnamed_decision(text: str, moderator_id: int) -> str | None:
    """A decided post's words with the moderator who decided it no longer named ("Rejected by
    a moderator; …"); None when they do not name them so. Only the decider's place changes,
    not a mention elsewhere in the outcome."""
    named = f" by <@{moderator_id}>"
    if named not in text:
        return None
    return text.replace(named, f" by {FORGOTTEN_MODERATOR}")


def _post_key(kind: str, ref_id: int) -> str:
    return f"{kind}:{ref_id}"


async def withdrawn_posts(
    store: Store, guild_id: int, kind: str, ref_ids: Iterable[int]
) -> frozenset[PostedMessage]:
    """Where the mod-queue channel's posts of these items are, of those posted already, let
    go of as the items leave the queue (for their source to withdraw them inside the forget's
    transaction; an item not posted yet never will be once it is gone, and one whose post is
    on its way has it deleted by `posted`)."""
    found: set[PostedMessage] = set()
    for ref_id in ref_ids:
        row = await store.fetchone(
            f"DELETE FROM modqueue_posts {_ITEM} RETURNING channel_id, message_id",
            (guild_id, kind, ref_id),
        )
        if row is not None:
            found.add(PostedMessage(row["channel_id"], row["message_id"]))
    return frozenset(found)


async def waiting_posts(
    store: Store, guild_id: int, kind: str, ref_ids: Iterable[int]
) -> frozenset[QueuePost]:
    """The posts of these items that were sent, for a forget that changed the items to have
    them rendered again."""
    found: set[QueuePost] = set()
    for ref_id in ref_ids:
        row = await store.fetchone(
            f"SELECT channel_id, message_id FROM modqueue_posts {_ITEM}", (guild_id, kind, ref_id)
        )
        if row is not None:
            found.add(QueuePost(kind, ref_id, row["channel_id"], row["message_id"]))
    return frozenset(found)


def decision_buttons(kind: str, ref_id: int) -> tuple[Button, Button]:
    """The Approve and Reject buttons of one item; the discord layer answers their ids."""
    return (
        Button("Approve", f"modq:approve:{kind}:{ref_id}"),
        Button("Reject", f"modq:reject:{kind}:{ref_id}"),
    )
