"""Where the moderation queue's posts are: recorded with the send, kept while their item waits
(past the 60 days the outbox keeps its records), let go of once the item left the queue, and found
by a forget that withdraws an item or changes one, or un-names the moderator a post names. The
edits of a post are in test_modqueue_edits.py, the list's pages in test_modqueue_pages.py."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from bot.delivery import Outgoing, Sent, delivered_to
from bot.modqueue import (
    LET_GO_AFTER,
    MODQUEUE_POST_JOB,
    decider_named,
    unnamed_decision,
    waiting_posts,
    withdrawn_posts,
)
from bot.privacy import Forgotten
from bot.privacy.posts import FORGET_FOLLOW_UP_JOB, PostedMessage, QueuePost, follow_up_handler
from bot.showcase import NOMINATION_KIND
from bot.store import Store
from tests.modqueue_harness import (
    DALE,
    GUILD,
    HANK,
    MODERATOR,
    MODS,
    REJECTED,
    ROSA,
    Queue,
    card,
    refreshes_waiting,
)
from tests.old_schema import migrations_up_to


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
    handler = follow_up_handler(Posts())  # type: ignore[arg-type]
    await handler(job)
    assert deleted == [posted]


async def rejected_on_its_post(queue: Queue, outcome: str = REJECTED) -> QueuePost:
    """Dale's nomination posted, then rejected by a click on its post that answered `outcome`."""
    nomination = await queue.showcase.nominate(queue.build, DALE)
    posted = await queue.post()
    await queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, MODERATOR, "Not yet")
    await queue.modqueue.decided(
        GUILD, NOMINATION_KIND, nomination.id, outcome, shown=True, outcome="rejected"
    )
    return QueuePost(NOMINATION_KIND, nomination.id, *posted)


async def test_a_forget_renders_again_exactly_the_posts_its_member_decided(
    queue: Queue, store: Store
) -> None:
    post = await rejected_on_its_post(queue)
    part = queue.modqueue.member_data()
    assert part.covers == {"modqueue_posts": ("decided_by",), "modqueue_decisions": ("decided_by",)}
    assert await refreshes_waiting(queue) == []  # the click's answer showed it
    exported = await part.export(MODERATOR)
    [row] = exported["queue_posts_decided"][GUILD]
    assert row["decision"] == "Rejected by you; a member will be told why."
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


async def rejected_telling(queue: Queue) -> QueuePost:
    """Dale's nomination posted, then rejected on its post, its words naming Dale as told."""
    nomination = await queue.showcase.nominate(queue.build, DALE)
    posted = await queue.post()
    decision = await queue.modqueue.reject(
        GUILD, NOMINATION_KIND, nomination.id, MODERATOR, "Not yet"
    )
    assert decision.outcome == f"<@{DALE}> will be told why."
    words = f"Rejected by <@{MODERATOR}>; {decision.outcome}"
    await queue.modqueue.decided(
        GUILD, NOMINATION_KIND, nomination.id, words, shown=True, outcome="rejected"
    )
    return QueuePost(NOMINATION_KIND, nomination.id, *posted)


async def test_a_forget_of_a_sender_unnames_them_in_the_words_they_were_told_by(
    queue: Queue,
) -> None:
    post = await rejected_telling(queue)

    async with queue.store.transaction():
        forgotten = await queue.modqueue.member_data().forget(GUILD, DALE, False)

    assert forgotten.changed_queue_posts == {post}
    said = await queue.modqueue.decision_of(GUILD, NOMINATION_KIND, post.ref_id)
    # Dale's DM had not gone yet: the forget deleted it, and he is never told.
    said_of_dale = "a member asked to be forgotten before being told why."
    assert said == f"Rejected by <@{MODERATOR}>; {said_of_dale}"
    async with queue.store.transaction():
        assert await queue.modqueue.member_data().forget(GUILD, DALE, False) == Forgotten()


async def test_a_post_naming_a_sender_is_kept_for_their_forget_once_its_decider_is_forgotten(
    queue: Queue,
) -> None:
    post = await rejected_telling(queue)
    await queue.modqueue.let_go_of_decided()  # found decided
    async with queue.store.transaction():
        await queue.modqueue.member_data().forget(GUILD, MODERATOR, False)

    queue.clock.advance(LET_GO_AFTER)
    assert await queue.modqueue.let_go_of_decided() == 0  # still names Dale
    async with queue.store.transaction():
        forgotten = await queue.modqueue.member_data().forget(GUILD, DALE, False)
    assert forgotten.changed_queue_posts == {post}
    said = await queue.modqueue.decision_of(GUILD, NOMINATION_KIND, post.ref_id)
    assert said == "Rejected by a moderator; a member asked to be forgotten before being told why."
    queue.clock.advance(LET_GO_AFTER)
    assert await queue.modqueue.let_go_of_decided() == 1
