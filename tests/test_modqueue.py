"""Where the moderation queue's posts are: recorded with the send, kept while their item waits
(past the 60 days the outbox keeps its records), let go of once the item left the queue, found
by a forget that withdraws an item or changes one, and edited when members join an item."""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.builds import Build, BuildService
from bot.clock import ManualClock
from bot.delivery import Channel, Outbox, Outgoing, Sent, delivered_to
from bot.jobs import JobQueue, JobRunner, NotYet, TryAgain
from bot.modqueue import (
    LET_GO_AFTER,
    MODQUEUE_POST_JOB,
    MODQUEUE_REFRESH_JOB,
    MODQUEUE_REJECTED_JOB,
    REFRESH_AFTER,
    ModQueue,
    NotWaiting,
    QueueItem,
    QueueSource,
    decider_named,
    mark_of,
    unnamed_decision,
    waiting_posts,
    withdrawn_posts,
)
from bot.privacy import (
    FORGET_FOLLOW_UP_JOB,
    Forgotten,
    PostedMessage,
    PrivacyService,
    QueuePost,
)
from bot.setup import SetupService
from bot.showcase import NOMINATION_KIND, NominationQueue, ShowcaseService
from bot.store import Store
from tests.old_schema import migrations_up_to
from tests.test_delivery import RecordingSender

GUILD, OWNER, DALE, ROSA, MODERATOR, HANK, MIKA = 1, 10, 11, 12, 13, 14, 15
MODS = 55  # the mod-queue channel


def card(source: QueueSource, item: QueueItem, channel_id: int) -> Outgoing:
    return Outgoing(Channel(channel_id), content=f"{item.title}\n{item.body}")


@dataclass
class Editor:
    """The discord layer's edit of a sent queue post: its card as the item reads now, none
    once the item is decided; Discord answers 503 to the next `busy` edits."""

    modqueue: ModQueue
    edits: list[tuple[QueuePost, str]] = field(default_factory=list)
    busy: int = 0

    async def refresh_queue_post(self, guild_id: int, post: QueuePost) -> None:
        if self.busy:
            self.busy -= 1
            raise TryAgain("Discord answered 503")
        rendered = await self.modqueue.card_of(
            card, guild_id, post.kind, post.ref_id, post.channel_id
        )
        if rendered is not None:
            self.edits.append((post, rendered.content))


@dataclass
class Queue:
    store: Store
    clock: ManualClock
    jobs: JobQueue
    runner: JobRunner
    sender: RecordingSender
    modqueue: ModQueue
    showcase: ShowcaseService
    build: Build
    editor: Editor

    async def post(self) -> PostedMessage:
        """Send the posts due; where the last one went."""
        await self.runner.run_due()
        return PostedMessage(MODS, 9000 + len(self.sender.sent))

    async def withdraw(self, ref_id: int) -> frozenset[PostedMessage]:
        async with self.store.transaction():  # as a forget does
            return await withdrawn_posts(self.store, GUILD, NOMINATION_KIND, [ref_id])

    async def kept(self) -> list[tuple[int, int]]:
        rows = await self.store.fetchall("SELECT ref_id, message_id FROM modqueue_posts")
        return [tuple(row) for row in rows]


@pytest.fixture
async def queue(store: Store, clock: ManualClock) -> Queue:
    setup, jobs, builds = (
        SetupService(store, clock),
        JobQueue(store, clock),
        BuildService(store, clock, JobQueue(store, clock)),
    )
    await setup.set_channel(GUILD, "modqueue", MODS)
    modqueue = ModQueue(store, clock, jobs, setup)
    showcase = ShowcaseService(store, clock, jobs, builds, modqueue)
    modqueue.register(NominationQueue(showcase, builds))
    sender = RecordingSender()
    runner = JobRunner(jobs, clock, outbox=Outbox(store, jobs, clock, sender))
    for kind, handler in modqueue.handlers(card, lambda *_: "").items():
        runner.register(kind, handler)
    runner.when_sent(MODQUEUE_POST_JOB, modqueue.posted)
    editor = Editor(modqueue)
    runner.register(MODQUEUE_REFRESH_JOB, modqueue.refresh_handler(editor))
    build = await builds.start(GUILD, OWNER, "Camper", "Carry", None)
    return Queue(store, clock, jobs, runner, sender, modqueue, showcase, build, editor)


async def test_a_post_is_found_after_the_outbox_forgot_sending_it(queue: Queue) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE, "Great bed")
    posted = await queue.post()

    queue.clock.advance(timedelta(days=61))
    assert await queue.jobs.purge_finished() == 1
    assert await delivered_to(queue.store, MODQUEUE_POST_JOB, f"nomination:{nomination.id}") is None
    assert await queue.modqueue.let_go_of_decided() == 0  # it still waits

    assert await queue.withdraw(nomination.id) == {posted}
    assert await queue.kept() == []  # let go of with the item
    assert await queue.withdraw(nomination.id) == frozenset()


async def test_the_sweep_lets_go_of_an_item_decided_a_week_ago(queue: Queue) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE)
    await queue.post()
    await queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, MODERATOR, "Not yet")

    assert await queue.modqueue.let_go_of_decided() == 0  # first found decided
    queue.clock.advance(LET_GO_AFTER - timedelta(seconds=1))
    assert await queue.modqueue.let_go_of_decided() == 0  # a restart sweeps too: not yet
    assert await queue.kept() == [(nomination.id, 9001)]
    queue.clock.advance(timedelta(seconds=1))
    assert await queue.modqueue.let_go_of_decided() == 1
    assert await queue.kept() == []


async def test_an_approval_undone_between_two_sweeps_keeps_the_post(queue: Queue) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE)
    await queue.post()
    await queue.modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, MODERATOR)
    assert await queue.modqueue.let_go_of_decided() == 0  # the feature's post is on its way…
    await queue.showcase.abandon_feature(queue.build)  # …and Discord refused it

    queue.clock.advance(LET_GO_AFTER)
    assert await queue.modqueue.let_go_of_decided() == 0
    assert await queue.withdraw(nomination.id) == {PostedMessage(MODS, 9001)}


async def test_a_forgotten_co_nominator_leaves_a_changed_post_and_the_item(
    queue: Queue, store: Store
) -> None:
    lead = await queue.showcase.nominate(queue.build, DALE, "Great bed")
    await queue.showcase.nominate(queue.build, ROSA, "Rosa's own words")
    posted = await queue.post()  # its turn came once both had nominated
    assert "Rosa's own words" in queue.sender.sent[-1][0].content

    async with store.transaction():
        forgotten = await queue.showcase.member_data().forget(GUILD, ROSA, False)

    assert forgotten.queue_posts == frozenset()
    assert forgotten.changed_queue_posts == {QueuePost(NOMINATION_KIND, lead.id, *posted)}
    changed = await queue.modqueue.card_of(card, GUILD, NOMINATION_KIND, lead.id, MODS)
    assert changed is not None
    assert "Great bed" in changed.content
    assert "Rosa's own words" not in changed.content


async def test_a_forgotten_lead_nominator_hands_the_item_to_a_new_post(
    queue: Queue, store: Store
) -> None:
    lead = await queue.showcase.nominate(queue.build, DALE, "Great bed")
    first = await queue.post()
    second = await queue.showcase.nominate(queue.build, ROSA, "Rosa's own words")

    async with store.transaction():
        forgotten = await queue.showcase.member_data().forget(GUILD, DALE, False)

    assert forgotten.queue_posts == {first}
    assert forgotten.changed_queue_posts == frozenset()
    handed = await queue.post()
    assert "Great bed" not in queue.sender.sent[-1][0].content
    assert await queue.kept() == [(second.id, handed.message_id)]
    assert await waiting_posts(store, GUILD, NOMINATION_KIND, [lead.id, second.id]) == {
        QueuePost(NOMINATION_KIND, second.id, *handed)
    }


async def refreshes_waiting(queue: Queue) -> list[str]:
    return await queue.jobs.pending_keys(MODQUEUE_REFRESH_JOB, "")


async def test_joins_after_the_post_gather_into_one_edit_showing_every_reason(
    queue: Queue,
) -> None:
    lead = await queue.showcase.nominate(queue.build, DALE, "Great bed")
    posted = await queue.post()
    rosa = await queue.showcase.nominate(queue.build, ROSA, "Rosa's words")
    await queue.showcase.nominate(queue.build, HANK, "Hank's words")
    # committed with Rosa's nomination; Hank's shares it
    assert await refreshes_waiting(queue) == [f"{NOMINATION_KIND}:{lead.id}:{rosa.id}"]
    await queue.runner.run_due()
    assert queue.editor.edits == []  # a burst gathers first

    queue.clock.advance(REFRESH_AFTER)
    await queue.runner.run_due()
    [(post, shown)] = queue.editor.edits
    assert post == QueuePost(NOMINATION_KIND, lead.id, *posted)
    assert all(reason in shown for reason in ("Great bed", "Rosa's words", "Hank's words"))

    # The finished edit's key stays for 60 days; a later join still gets an edit of its own.
    mika = await queue.showcase.nominate(queue.build, MIKA, "Mika's words")
    assert await refreshes_waiting(queue) == [f"{NOMINATION_KIND}:{lead.id}:{mika.id}"]
    queue.clock.advance(REFRESH_AFTER)
    await queue.runner.run_due()
    assert len(queue.editor.edits) == 2
    assert "Mika's words" in queue.editor.edits[-1][1]
    assert len(queue.sender.sent) == 1  # edited, never posted again


async def test_a_join_before_the_post_is_sent_is_in_the_post_and_needs_no_edit(
    queue: Queue,
) -> None:
    await queue.showcase.nominate(queue.build, DALE, "Great bed")
    await queue.showcase.nominate(queue.build, ROSA, "Rosa's words")
    assert await refreshes_waiting(queue) == []
    await queue.post()
    assert "Rosa's words" in queue.sender.sent[-1][0].content


async def test_an_item_decided_before_its_edit_keeps_its_post(queue: Queue) -> None:
    lead = await queue.showcase.nominate(queue.build, DALE, "Great bed")
    await queue.post()
    await queue.showcase.nominate(queue.build, ROSA, "Rosa's words")
    await queue.modqueue.reject(GUILD, NOMINATION_KIND, lead.id, MODERATOR, "Not yet")

    queue.clock.advance(REFRESH_AFTER)
    await queue.runner.run_due()
    assert queue.editor.edits == []  # its post says how it was decided
    assert await refreshes_waiting(queue) == []


async def test_an_edit_discord_was_too_busy_for_is_tried_again(queue: Queue) -> None:
    await queue.showcase.nominate(queue.build, DALE, "Great bed")
    await queue.post()
    await queue.showcase.nominate(queue.build, ROSA, "Rosa's words")
    queue.editor.busy = 1

    queue.clock.advance(REFRESH_AFTER)
    await queue.runner.run_due()
    assert queue.editor.edits == []
    assert len(await refreshes_waiting(queue)) == 1
    queue.clock.advance(queue.jobs.backoff(1))
    await queue.runner.run_due()
    [(_, shown)] = queue.editor.edits
    assert "Rosa's words" in shown


async def finished_jobs(store: Store, *jobs: tuple[int, str, str, str, int | None]) -> None:
    """Jobs an earlier release ran: id, kind, key, state, and the message it sent (if any)."""
    for job_id, kind, key, state, message_id in jobs:
        await store.execute(
            "INSERT INTO jobs (id, guild_id, kind, key, due_at, state, attempts, created_at, "
            "finished_at) VALUES (?, ?, ?, ?, 0, ?, 1, 0, 0)",
            (job_id, GUILD, kind, key, state),
        )
        if message_id is not None:
            await store.execute(
                "INSERT INTO deliveries (job_id, channel_id, message_id, at) VALUES (?, ?, ?, 0)",
                (job_id, MODS, message_id),
            )


async def test_the_migration_keeps_the_posts_the_outbox_recorded(tmp_path: Path) -> None:
    before = migrations_up_to(tmp_path / "migrations", 16)
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, before) as old:
        await finished_jobs(
            old,
            (1, "modqueue.post", "nomination:7", "done", 501),
            (2, "modqueue.post", "announcement:12", "done", 502),
            (3, "modqueue.post", "glossary:3", "done", None),  # decided before its turn
            (4, "daily.word", "nomination:8", "done", 503),
        )
    async with await Store.open(path) as upgraded:
        rows = await upgraded.fetchall(
            "SELECT guild_id, kind, ref_id, channel_id, message_id, left_queue_at "
            "FROM modqueue_posts ORDER BY message_id"
        )
        assert [tuple(row) for row in rows] == [
            (GUILD, "nomination", 7, MODS, 501, None),
            (GUILD, "announcement", 12, MODS, 502, None),
        ]


async def test_the_migration_has_posts_lost_for_want_of_a_channel_wait_for_one(
    tmp_path: Path,
) -> None:
    before = migrations_up_to(tmp_path / "migrations", 24)
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, before) as old:
        await finished_jobs(
            old,
            (1, "modqueue.post", "glossary:3", "done", None),  # found no mod-queue channel
            (2, "modqueue.post", "glossary:4", "done", 501),
            (3, "modqueue.post", "glossary:5", "failed", None),
            (4, "modqueue.post", "glossary:6", "done", None),  # its post recorded all the same
            (5, "daily.word", "glossary:7", "done", None),
        )
        await old.execute(
            "INSERT INTO modqueue_posts (guild_id, kind, ref_id, channel_id, message_id) "
            "VALUES (?, 'glossary', 6, ?, 502)",
            (GUILD, MODS),
        )
    async with await Store.open(path) as upgraded:
        rows = await upgraded.fetchall(
            "SELECT id, state, attempts, finished_at IS NULL FROM jobs ORDER BY id"
        )
        assert [tuple(row) for row in rows] == [
            (1, "pending", 0, 1),
            (2, "done", 1, 0),
            (3, "failed", 1, 0),
            (4, "done", 1, 0),
            (5, "done", 1, 0),
        ]


async def test_an_item_is_not_taken_for_another_whose_number_starts_the_same(
    queue: Queue,
) -> None:
    await queue.jobs.schedule(MODQUEUE_POST_JOB, f"{NOMINATION_KIND}:12", queue.clock.now())

    await queue.modqueue.changed(GUILD, NOMINATION_KIND, 1, 100)  # posted long ago
    await queue.modqueue.changed(GUILD, NOMINATION_KIND, 12, 101)  # its post is still to come

    assert await refreshes_waiting(queue) == [f"{NOMINATION_KIND}:1:100"]


async def test_a_post_on_its_way_when_its_item_is_withdrawn_is_deleted_once_sent(
    queue: Queue, store: Store
) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE, "Great bed")
    send = queue.sender.send

    async def forgotten_meanwhile(message: Outgoing, *, nonce: str) -> Sent:
        # Dale is forgotten while Discord takes the post: nothing is recorded to withdraw yet.
        async with store.transaction():
            await store.execute("DELETE FROM showcase_nominations WHERE id = ?", (nomination.id,))
            assert await withdrawn_posts(store, GUILD, NOMINATION_KIND, [nomination.id]) == set()
        return await send(message, nonce=nonce)

    queue.sender.send = forgotten_meanwhile  # type: ignore[method-assign]
    posted = await queue.post()

    assert await queue.kept() == []
    follow_up = await store.fetchone(
        "SELECT payload FROM jobs WHERE kind = ? AND state = 'pending'", (FORGET_FOLLOW_UP_JOB,)
    )
    assert follow_up is not None
    assert json.loads(follow_up["payload"])["queue_posts"] == [list(posted)]
    # The forget's follow-up deletes it.
    deleted: list[PostedMessage] = []

    class Posts:
        async def delete_message(self, guild_id: int, message: PostedMessage) -> None:
            deleted.append(message)

    [job] = await queue.jobs.claim_due(1, worker="w", kinds=[FORGET_FOLLOW_UP_JOB])
    handler = PrivacyService(store, queue.clock, queue.jobs).follow_up_handler(Posts())  # type: ignore[arg-type]
    await handler(job)
    assert deleted == [posted]


async def test_a_post_sent_for_an_item_decided_meanwhile_is_kept_and_gets_the_decision(
    queue: Queue,
) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE)
    send = queue.sender.send

    async def decided_meanwhile(message: Outgoing, *, nonce: str) -> Sent:
        # Decided from a list while Discord takes the post: no post is recorded to say so yet.
        queue.sender.send = send  # type: ignore[method-assign]
        await queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, MODERATOR, "Not yet")
        await queue.modqueue.decided(GUILD, NOMINATION_KIND, nomination.id, REJECTED, shown=False)
        [edit] = await queue.jobs.claim_due(5, worker="early", kinds=[MODQUEUE_REFRESH_JOB])
        with pytest.raises(NotYet):  # the edit waits for the post
            await queue.modqueue.refresh_handler(queue.editor)(edit)
        await queue.jobs.release(edit)
        return await send(message, nonce=nonce)

    queue.sender.send = decided_meanwhile  # type: ignore[method-assign]
    await queue.post()  # the post, then, due at once, the edit and the DM telling Dale

    assert await queue.kept() == [(nomination.id, 9001)]  # the first message sent
    assert await queue.modqueue.decision_of(GUILD, NOMINATION_KIND, nomination.id) == REJECTED
    assert await refreshes_waiting(queue) == []


async def test_a_member_forgotten_while_their_item_is_rejected_gets_no_dm(
    queue: Queue, store: Store
) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE, "Great bed")
    dismissed, forgotten = asyncio.Event(), asyncio.Event()
    dismiss = queue.showcase.dismiss

    async def dismiss_then_linger(guild_id: int, nomination_id: int, moderator_id: int) -> None:
        await dismiss(guild_id, nomination_id, moderator_id)
        dismissed.set()
        # Room for the forget to run between this decision and the DMs it leads to, as an
        # await on a busy bot gives; it cannot when the rejection holds the write lock.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(forgotten.wait(), 0.5)

    async def forget() -> None:
        async with store.transaction():
            for part in (queue.showcase.member_data(), queue.jobs.member_data()):
                await part.forget(GUILD, DALE, False)
        forgotten.set()

    queue.showcase.dismiss = dismiss_then_linger  # type: ignore[method-assign]
    rejecting = asyncio.create_task(
        queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, MODERATOR, "Not yet")
    )
    await dismissed.wait()
    await asyncio.gather(rejecting, forget())

    assert await queue.jobs.pending_keys(MODQUEUE_REJECTED_JOB, "") == []


REJECTED = f"Rejected by <@{MODERATOR}>; a member will be told why."


async def rejected_on_its_post(queue: Queue, outcome: str = REJECTED) -> QueuePost:
    """Dale's nomination posted, then rejected by a click on its post that answered `outcome`."""
    nomination = await queue.showcase.nominate(queue.build, DALE)
    posted = await queue.post()
    await queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, MODERATOR, "Not yet")
    await queue.modqueue.decided(GUILD, NOMINATION_KIND, nomination.id, outcome, shown=True)
    return QueuePost(NOMINATION_KIND, nomination.id, *posted)


async def test_a_forget_renders_again_exactly_the_posts_its_member_decided(
    queue: Queue, store: Store
) -> None:
    post = await rejected_on_its_post(queue)
    part = queue.modqueue.member_data()
    assert part.covers == {"modqueue_posts": ("decided_by",), "modqueue_decisions": ("decided_by",)}
    assert await refreshes_waiting(queue) == []  # the click's answer showed it
    exported = await part.export(MODERATOR)
    assert [row["decision"] for row in exported["queue_posts_decided"][GUILD]] == [REJECTED]
    async with store.transaction():
        assert await part.forget(GUILD, HANK, False) == Forgotten()  # decided nothing

    async with store.transaction():
        forgotten = await part.forget(GUILD, MODERATOR, False)

    assert forgotten.changed_queue_posts == {post}
    assert forgotten.anonymised == {"moderation queue posts": 1}
    assert forgotten.names_in_discord()
    said = await queue.modqueue.decision_of(GUILD, NOMINATION_KIND, post.ref_id)
    assert said == "Rejected by a moderator; a member will be told why."
    assert await part.export(MODERATOR) == {
        "queue_posts_decided": {},
        "queue_decisions_unposted": {},
    }
    async with store.transaction():
        assert await part.forget(GUILD, MODERATOR, False) == Forgotten()


async def test_a_post_naming_its_decider_is_kept_past_the_week_the_others_are(
    queue: Queue,
) -> None:
    named = await rejected_on_its_post(queue)
    await queue.modqueue.let_go_of_decided()  # found decided

    queue.clock.advance(LET_GO_AFTER)
    assert await queue.modqueue.let_go_of_decided() == 0
    assert await queue.kept() == [(named.ref_id, named.message_id)]
    async with queue.store.transaction():
        await queue.modqueue.member_data().forget(GUILD, MODERATOR, False)
    # It names nobody now: let go of a week on, once the forget's follow-up had time to edit it.
    assert await queue.modqueue.let_go_of_decided() == 0
    queue.clock.advance(LET_GO_AFTER)
    assert await queue.modqueue.let_go_of_decided() == 1


async def test_a_decision_taken_away_from_its_post_edits_it_at_once(queue: Queue) -> None:
    lead = await queue.showcase.nominate(queue.build, DALE, "Great bed")
    await queue.post()
    rosa = await queue.showcase.nominate(queue.build, ROSA, "Rosa's words")
    waiting = await refreshes_waiting(queue)
    assert waiting == [f"{NOMINATION_KIND}:{lead.id}:{rosa.id}"]  # due in REFRESH_AFTER
    await queue.modqueue.reject(GUILD, NOMINATION_KIND, lead.id, MODERATOR, "Not yet")

    await queue.modqueue.decided(GUILD, NOMINATION_KIND, lead.id, REJECTED, shown=False)

    # The edit waiting renders the decision, now; no second one.
    assert await refreshes_waiting(queue) == waiting
    [job] = await queue.jobs.claim_due(5, worker="w", kinds=[MODQUEUE_REFRESH_JOB])
    assert job.key == waiting[0]
    await queue.jobs.done(job)
    await queue.modqueue.decided(GUILD, NOMINATION_KIND, lead.id, REJECTED, shown=False)
    [again] = await queue.jobs.claim_due(5, worker="w", kinds=[MODQUEUE_REFRESH_JOB])
    assert again.key.startswith(f"{NOMINATION_KIND}:{lead.id}:decided:")


def test_a_decided_posts_words_name_their_decider() -> None:
    assert decider_named(REJECTED) == MODERATOR
    assert decider_named(f"Approved by <@{MODERATOR}>. Featured <@{HANK}>'s build") == MODERATOR
    # Member text is made inert where it is quoted: its mentions cannot pass for the decider.
    inert = f"Removed with “Kei by <@\u200b{HANK}>” by <@{MODERATOR}>; it will not be posted."
    assert decider_named(inert) == MODERATOR
    assert decider_named("Approved by a moderator; it is on its way.") is None


def test_a_decided_posts_words_lose_only_the_deciders_mention() -> None:
    assert (
        unnamed_decision(f"Rejected by <@{MODERATOR}>; a member will be told why.", MODERATOR)
        == "Rejected by a moderator; a member will be told why."
    )
    assert (
        unnamed_decision(f"Approved by <@{MODERATOR}>. Featured <@{MODERATOR}>'s", MODERATOR)
        == f"Approved by a moderator. Featured <@{MODERATOR}>'s"
    )
    assert unnamed_decision(f"Rejected by <@{MODERATOR}>; told.", HANK) is None
    assert unnamed_decision("", MODERATOR) is None


@dataclass
class Listed:
    """A source whose items 1, 2… were sent at the minutes `minutes` gives; those `decided`
    no longer wait."""

    kind: str
    minutes: list[int]
    decided: set[int] = field(default_factory=set)
    label: str = "Listed"

    async def pending(self, guild_id: int, limit: int) -> list[QueueItem]:
        start = datetime(2026, 11, 25, tzinfo=UTC)
        return [
            QueueItem(self.kind, ref, "t", "", DALE, "a member", start + timedelta(minutes=m))
            for ref, m in enumerate(self.minutes, start=1)
            if ref not in self.decided
        ][:limit]


async def test_pages_of_several_sources_come_oldest_first_each_item_once(
    store: Store, clock: ManualClock
) -> None:
    jobs = JobQueue(store, clock)
    modqueue = ModQueue(store, clock, jobs, SetupService(store, clock))
    # Items sent in the same minute by two sources keep one order from page to page.
    glossary = Listed("glossary", [1, 2, 2, 5])
    modqueue.register(glossary)  # type: ignore[arg-type]
    modqueue.register(Listed("announcement", [2, 3, 4]))  # type: ignore[arg-type]

    first = await modqueue.page(GUILD, 3)
    second = await modqueue.page(GUILD, 3, after=mark_of(first.items[-1]))
    third = await modqueue.page(GUILD, 3, after=mark_of(second.items[-1]))

    assert [[(i.kind, i.ref_id) for i in page.items] for page in (first, second, third)] == [
        [("glossary", 1), ("announcement", 1), ("glossary", 2)],
        [("glossary", 3), ("announcement", 2), ("announcement", 3)],
        [("glossary", 4)],
    ]
    assert [(page.before, page.has_previous, page.has_next) for page in (first, second, third)] == [
        (0, False, True),
        (3, True, True),
        (6, True, False),
    ]
    assert {(page.waiting, page.counted_all) for page in (first, second, third)} == {(7, True)}
    back = await modqueue.page(GUILD, 3, before=mark_of(third.items[0]))
    assert back.items == second.items

    # The first page's items decided meanwhile: the next page still starts after what was shown.
    glossary.decided.update({1, 2})
    after_first = await modqueue.page(GUILD, 3, after=mark_of(first.items[-1]))
    assert [(i.kind, i.ref_id) for i in after_first.items] == [
        ("glossary", 3),
        ("announcement", 2),
        ("announcement", 3),
    ]
    # Fewer than a page before the mark: the first items.
    from_start = await modqueue.page(GUILD, 3, before=mark_of(second.items[0]))
    assert (from_start.before, len(from_start.items)) == (0, 3)


async def test_a_page_shown_again_starts_where_it_did_without_what_was_decided(
    store: Store, clock: ManualClock
) -> None:
    modqueue = ModQueue(store, clock, JobQueue(store, clock), SetupService(store, clock))
    glossary = Listed("glossary", [1, 2, 3, 4, 5, 6, 7])
    modqueue.register(glossary)  # type: ignore[arg-type]
    second = await modqueue.page(GUILD, 3, after=mark_of((await modqueue.page(GUILD, 3)).items[-1]))

    glossary.decided.add(4)  # its first item, decided on it
    again = await modqueue.page(GUILD, 3, at=mark_of(second.items[0]))
    assert ([i.ref_id for i in again.items], again.before, again.waiting) == ([5, 6, 7], 3, 6)
    # Everything from there decided: the last ones, as a page turned past the end.
    glossary.decided.update({5, 6, 7})
    last = await modqueue.page(GUILD, 3, at=mark_of(second.items[0]))
    assert [i.ref_id for i in last.items] == [1, 2, 3]


async def test_an_empty_queue_is_one_empty_page(store: Store, clock: ManualClock) -> None:
    modqueue = ModQueue(store, clock, JobQueue(store, clock), SetupService(store, clock))
    page = await modqueue.page(GUILD, 8)
    assert (page.items, page.before, page.waiting, page.has_next) == ((), 0, 0, False)


async def test_a_moderator_second_to_an_item_never_posted_is_told_who_decided_it(
    queue: Queue, store: Store
) -> None:
    """Decided before its post went out (no mod-queue channel, or the post on its way), the
    item has no post to keep the words: the second moderator is named them all the same, and
    a forget of the first leaves them unnamed there too."""
    nomination = await queue.showcase.nominate(queue.build, DALE)
    await queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, MODERATOR, "Not yet")

    with pytest.raises(NotWaiting) as late:
        await queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, HANK, "Nope")
    said = f"Rejected by <@{MODERATOR}>; a member will be told why."
    assert late.value.message == f"That showcase nomination was already decided: {said}"
    assert late.value.decision == said

    async with store.transaction():
        await queue.modqueue.member_data().forget(GUILD, MODERATOR, False)
    with pytest.raises(NotWaiting) as late:
        await queue.modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, HANK)
    assert late.value.decision == "Rejected by a moderator; a member will be told why."


async def test_two_decisions_of_one_item_at_once_make_one_and_name_it_to_the_other(
    queue: Queue,
) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE)

    results = await asyncio.gather(
        queue.modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, MODERATOR),
        queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, HANK, "Not yet"),
        return_exceptions=True,
    )

    [decision] = [result for result in results if not isinstance(result, BaseException)]
    [late] = [result for result in results if isinstance(result, NotWaiting)]
    if decision.reason:
        assert late.decision == f"Rejected by <@{HANK}>; a member will be told why."
    else:
        featured = f"Build #{queue.build.id} is featured."
        assert late.decision == f"Approved by <@{MODERATOR}>; {featured}"


async def test_an_approval_undone_then_withdrawn_is_told_as_withdrawn(
    queue: Queue, store: Store
) -> None:
    """An approval whose post Discord refused is undone (its nominations wait again): what it
    said is no decision, and once the item is withdrawn a late click is told that."""
    nomination = await queue.showcase.nominate(queue.build, DALE)
    await queue.modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, MODERATOR)
    await queue.showcase.abandon_feature(queue.build)
    async with store.transaction():
        await queue.showcase.member_data().forget(GUILD, DALE, False)

    with pytest.raises(NotWaiting) as late:
        await queue.modqueue.waiting(GUILD, NOMINATION_KIND, nomination.id)
    assert late.value.message == "That showcase nomination is no longer waiting: it was withdrawn."


async def test_an_approval_undone_after_its_post_said_so_has_the_post_offer_buttons_again(
    queue: Queue,
) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE)
    posted = await queue.post()
    await queue.modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, MODERATOR)
    approved = f"Approved by <@{MODERATOR}>. Build #{queue.build.id} is featured."
    await queue.modqueue.decided(GUILD, NOMINATION_KIND, nomination.id, approved, shown=True)
    await queue.showcase.abandon_feature(queue.build)

    assert await queue.modqueue.decision_of(GUILD, NOMINATION_KIND, nomination.id) is None
    queue.clock.advance(timedelta(minutes=1))
    await queue.runner.run_due()
    [(post, content)] = queue.editor.edits  # rendered as waiting: with its buttons
    assert post == QueuePost(NOMINATION_KIND, nomination.id, *posted)
    assert "Build #" in content
