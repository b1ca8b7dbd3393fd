"""The outbox: a job's message is sent once, recorded with the job's completion, and a refusal
Discord will never accept is recorded and not retried."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.delivery import (
    Channel,
    DirectMessage,
    Outbox,
    Outgoing,
    Refused,
    Sent,
    nonce_for,
)
from bot.jobs import Job, JobQueue, JobRunner
from bot.privacy import FORMER_MEMBER
from bot.store import Store

GUILD = 10
POST = Outgoing(Channel(55), content="hello", embeds=({"title": "Word"},))
DM_CHANNEL = 77  # the channel the stand-in opens for a DM


@dataclass
class RecordingSender:
    """Stands in for Discord's side of the wire; each send gets the next message id."""

    fail_with: list[BaseException] = field(default_factory=list)
    hang: bool = False
    sent: list[tuple[Outgoing, str]] = field(default_factory=list)
    opens: int = DM_CHANNEL  # the DM channel opened for a DM without a known one
    gone: set[int] = field(default_factory=set)  # DM channels Discord no longer knows
    called: asyncio.Event = field(default_factory=asyncio.Event)

    async def send(self, message: Outgoing, *, nonce: str) -> Sent:
        self.called.set()
        if self.hang:
            await asyncio.Event().wait()
        if self.fail_with:
            raise self.fail_with.pop(0)
        self.sent.append((message, nonce))
        to = message.to
        if isinstance(to, Channel):
            channel_id = to.id
        else:  # a DM channel Discord no longer knows is opened again, as DiscordSender does
            known = to.channel_id if to.channel_id not in self.gone else None
            channel_id = known or self.opens
        return Sent(channel_id, 9000 + len(self.sent))


def runner_for(
    store: Store,
    clock: ManualClock,
    sender: RecordingSender,
    *,
    lease: timedelta = timedelta(minutes=2),
) -> tuple[JobQueue, JobRunner, list[Job]]:
    queue = JobQueue(store, clock, lease=lease)
    runner = JobRunner(queue, clock, outbox=Outbox(store, queue, clock, sender))
    composed: list[Job] = []

    async def compose(job: Job) -> Outgoing:
        composed.append(job)
        return POST

    runner.register("post", compose)
    return queue, runner, composed


async def job_state(store: Store) -> tuple[str, int, str | None]:
    row = await store.fetchone("SELECT state, attempts, last_error FROM jobs")
    assert row is not None
    return row["state"], row["attempts"], row["last_error"]


async def test_a_composed_message_is_sent_with_the_jobs_nonce_and_recorded_as_done(
    store: Store, clock: ManualClock
) -> None:
    sender = RecordingSender()
    queue, runner, _ = runner_for(store, clock, sender)
    await queue.schedule("post", "daily:2026-11-25", clock.now(), guild_id=GUILD)

    assert await runner.run_due() == 1

    assert sender.sent == [(POST, nonce_for("post:daily:2026-11-25"))]
    assert len(nonce_for("post:daily:2026-11-25")) <= 25
    row = await store.fetchone("SELECT channel_id, user_id, message_id, refusal FROM deliveries")
    assert tuple(row) == (55, None, 9001, None)
    assert (await job_state(store))[0] == "done"


async def test_a_job_reclaimed_after_its_delivery_was_recorded_sends_nothing(
    store: Store, clock: ManualClock
) -> None:
    sender = RecordingSender()
    queue, runner, composed = runner_for(store, clock, sender)
    await queue.schedule("post", "k", clock.now())
    await runner.run_due()
    # As if the worker's "done" was lost: the row is claimable again.
    await store.execute("UPDATE jobs SET state = 'pending', finished_at = NULL")

    await runner.run_due()

    assert len(sender.sent) == 1
    assert len(composed) == 1
    assert (await job_state(store))[0] == "done"


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (50007, "Cannot send messages to this user"),
        (10003, "Unknown Channel"),
        (50001, "Missing Access"),
    ],
)
async def test_a_refusal_is_recorded_and_never_retried(
    store: Store, clock: ManualClock, code: int, reason: str
) -> None:
    sender = RecordingSender(fail_with=[Refused(code, reason)])
    queue, runner, composed = runner_for(store, clock, sender)
    await queue.schedule("post", "k", clock.now())

    await runner.run_due()
    clock.advance(timedelta(days=1))
    await runner.run_due()

    state, attempts, error = await job_state(store)
    assert (state, attempts) == ("failed", 1)
    assert reason in (error or "")
    assert await store.fetchval("SELECT refusal_code FROM deliveries") == code
    assert len(composed) == 1


async def test_a_passing_failure_is_retried_with_back_off_and_then_sent_once(
    store: Store, clock: ManualClock
) -> None:
    sender = RecordingSender(fail_with=[ConnectionResetError("reset"), OSError("503")])
    queue, runner, _ = runner_for(store, clock, sender)
    await queue.schedule("post", "k", clock.now())

    await runner.run_due()
    assert (await job_state(store))[:2] == ("pending", 1)
    assert await store.fetchval("SELECT count(*) FROM deliveries") == 0
    await runner.run_due()
    assert sender.sent == [], "retried before its back-off"
    clock.advance(queue.backoff(1))
    await runner.run_due()
    clock.advance(queue.backoff(2))
    await runner.run_due()

    assert len(sender.sent) == 1
    assert (await job_state(store))[:2] == ("done", 3)


async def test_a_hung_send_times_out_inside_the_lease_and_is_retried(
    store: Store, clock: ManualClock
) -> None:
    sender = RecordingSender(hang=True)
    queue, runner, _ = runner_for(store, clock, sender, lease=timedelta(seconds=0.2))
    assert runner.job_timeout < queue.lease.total_seconds()
    await queue.schedule("post", "k", clock.now())

    await asyncio.wait_for(runner.run_due(), 5)

    state, _, error = await job_state(store)
    assert state == "pending"
    assert "timed out" in (error or "")


def dm_runner(store: Store, clock: ManualClock, sender: RecordingSender) -> JobRunner:
    """A runner whose "dm" jobs DM the member in their payload's "to"."""
    queue = JobQueue(store, clock)
    runner = JobRunner(queue, clock, outbox=Outbox(store, queue, clock, sender))

    async def compose(job: Job) -> Outgoing:
        return Outgoing(DirectMessage(job.payload["to"]), content="You're in")

    runner.register("dm", compose)
    return runner


async def send_dms(
    store: Store, clock: ManualClock, sender: RecordingSender, *recipients: int
) -> None:
    """A DM job for each of `recipients` in turn, each run before the next is scheduled."""
    queue, runner = JobQueue(store, clock), dm_runner(store, clock, sender)
    for number, recipient in enumerate(recipients):
        await queue.schedule(
            "dm", str(number), clock.now(), payload={"to": recipient}, guild_id=GUILD
        )
        await runner.run_due()


async def test_a_direct_message_is_recorded_by_user(store: Store, clock: ManualClock) -> None:
    sender = RecordingSender(fail_with=[Refused(50007, "Cannot send messages to this user")])
    await send_dms(store, clock, sender, 77)

    row = await store.fetchone("SELECT channel_id, user_id, refusal_code FROM deliveries")
    assert tuple(row) == (None, 77, 50007)


async def test_a_direct_message_goes_to_the_channel_of_the_members_latest_one(
    store: Store, clock: ManualClock
) -> None:
    sender = RecordingSender()
    await send_dms(store, clock, sender, 5, 5, 6)

    assert [message.to for message, _ in sender.sent] == [
        DirectMessage(5),
        DirectMessage(5, DM_CHANNEL),
        DirectMessage(6),  # another member's channel is theirs alone
    ]
    rows = await store.fetchall("SELECT user_id, channel_id, dm_channel_id FROM deliveries")
    assert [tuple(row) for row in rows] == [(5, None, DM_CHANNEL)] * 2 + [(6, None, DM_CHANNEL)]
    # The member's export says which channel their DMs went to (a real one's id as text).
    exported = await JobQueue(store, clock).member_data().export(6)
    [dm] = exported["direct_messages"][GUILD]
    assert (dm["kind"], dm["dm_channel_id"], dm["refused"]) == ("dm", DM_CHANNEL, 0)


async def test_a_direct_message_goes_to_the_channel_of_the_latest_sent_dm_not_the_latest_made(
    store: Store, clock: ManualClock
) -> None:
    sender = RecordingSender()
    queue, runner = JobQueue(store, clock), dm_runner(store, clock, sender)
    day = timedelta(days=1)
    for key, due in (("reminder", clock.now() + day), ("promoted", clock.now())):
        await queue.schedule("dm", key, due, payload={"to": 5})  # the reminder made first
    await runner.run_due()  # the promotion opens channel 77 (DM_CHANNEL)
    clock.advance(day)
    sender.gone, sender.opens = {DM_CHANNEL}, 88
    await runner.run_due()  # the reminder, made first and sent last, opens channel 88
    await queue.schedule("dm", "changed", clock.now(), payload={"to": 5})

    await runner.run_due()

    assert sender.sent[-1][0].to == DirectMessage(5, 88)


async def test_a_direct_message_to_a_forgotten_member_is_given_up_unsent(
    store: Store, clock: ManualClock
) -> None:
    sender = RecordingSender()
    await send_dms(store, clock, sender, FORMER_MEMBER)

    assert sender.sent == []
    assert await job_state(store) == ("failed", 1, "the member it is for was forgotten")


async def test_a_worker_whose_claim_ran_out_while_sending_leaves_one_record(
    store: Store, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    """The slow worker and the one that took over both send; Discord's nonce makes that one
    message, and the slow worker's record must not fail on the first one's. What a sent hook
    keeps is kept once, by the claim that marks the job done, not again by the slow worker's."""
    started, release = asyncio.Event(), asyncio.Event()
    sent: list[str] = []

    class SlowThenDiscord:
        async def send(self, message: Outgoing, *, nonce: str) -> Sent:
            sent.append(nonce)
            if len(sent) == 1:
                started.set()
                await release.wait()
            return Sent(55, 4242)  # the same message for the same nonce, as Discord answers

    await store.execute("CREATE TABLE kept (worker TEXT, message_id INTEGER) STRICT")
    queue = JobQueue(store, clock)
    outbox = Outbox(store, queue, clock, SlowThenDiscord())
    slow, fast = (JobRunner(queue, clock, outbox=outbox, worker=name) for name in ("a", "b"))

    async def compose(job: Job) -> Outgoing:
        return POST

    def keeper(worker: str) -> Callable[[Job, Sent], Awaitable[None]]:
        async def keep(job: Job, sent: Sent) -> None:
            await store.execute("INSERT INTO kept VALUES (?, ?)", (worker, sent.message_id))

        return keep

    for runner in (slow, fast):
        runner.register("post", compose)
        runner.when_sent("post", keeper(runner.worker))
    await queue.schedule("post", "k", clock.now())
    slow_run = asyncio.create_task(slow.run_due())
    await started.wait()
    clock.advance(queue.lease + timedelta(seconds=1))
    await fast.run_due()
    release.set()
    await slow_run

    assert sent == [nonce_for("post:k")] * 2
    assert [tuple(row) for row in await store.fetchall("SELECT * FROM kept")] == [("b", 4242)]
    assert await store.fetchval("SELECT count(*) FROM deliveries") == 1
    assert await store.fetchval("SELECT message_id FROM deliveries") == 4242
    assert (await job_state(store))[0] == "done"
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []


async def test_a_message_discord_accepted_is_recorded_even_when_its_sent_hook_fails(
    store: Store, clock: ManualClock
) -> None:
    # Sent again past Discord's nonce window, a message whose hook failed would reach members
    # twice: the send is recorded alone, and the hook (with the job's completion) retried.
    sender = RecordingSender()
    queue, runner, _ = runner_for(store, clock, sender)
    await store.execute("CREATE TABLE kept (job_id INTEGER, message_id INTEGER) STRICT")
    tries: list[Sent] = []

    async def keep(job: Job, sent: Sent) -> None:
        await store.execute("INSERT INTO kept VALUES (?, ?)", (job.id, sent.message_id))
        tries.append(sent)
        if len(tries) == 1:
            raise RuntimeError("the hook failed")

    runner.when_sent("post", keep)
    await queue.schedule("post", "k", clock.now(), guild_id=GUILD)

    await runner.run_due()  # sent and recorded; the hook's work rolled back, the job retried
    assert await store.fetchval("SELECT message_id FROM deliveries") == 9001
    assert await store.fetchval("SELECT count(*) FROM kept") == 0
    state, attempts, error = await job_state(store)
    assert (state, attempts) == ("pending", 1)
    assert "the hook failed" in str(error)

    clock.advance(timedelta(hours=1))  # far past the nonce window
    await runner.run_due()  # the hook runs on what was sent; nothing is sent again

    assert len(sender.sent) == 1
    assert tries == [Sent(55, 9001), Sent(55, 9001)]
    assert tuple(await store.fetchone("SELECT * FROM kept")) == (1, 9001)
    assert (await job_state(store))[:2] == ("done", 2)


async def test_a_direct_messages_sent_hook_retried_gets_the_dm_channel(
    store: Store, clock: ManualClock
) -> None:
    sender = RecordingSender()
    runner = dm_runner(store, clock, sender)
    tries: list[Sent] = []

    async def keep(job: Job, sent: Sent) -> None:
        tries.append(sent)
        if len(tries) == 1:
            raise RuntimeError("the hook failed")

    runner.when_sent("dm", keep)
    await JobQueue(store, clock).schedule("dm", "1", clock.now(), payload={"to": 7}, guild_id=GUILD)
    await runner.run_due()
    clock.advance(timedelta(hours=1))
    await runner.run_due()

    assert len(sender.sent) == 1
    assert tries == [Sent(DM_CHANNEL, 9001), Sent(DM_CHANNEL, 9001)]


async def test_two_kinds_of_job_keyed_alike_send_their_own_nonces(
    store: Store, clock: ManualClock
) -> None:
    # A ballot's result and its calling off are both keyed by the ballot's number: one nonce
    # would have Discord answer the second post with the first.
    sender = RecordingSender()
    queue, runner, _ = runner_for(store, clock, sender)

    async def compose_other(job: Job) -> Outgoing:
        return POST

    runner.register("other", compose_other)
    await queue.schedule("post", "7", clock.now(), guild_id=GUILD)
    await queue.schedule("other", "7", clock.now(), guild_id=GUILD)

    await runner.run_due()

    nonces = [nonce for _, nonce in sender.sent]
    assert len(nonces) == 2
    assert len(set(nonces)) == 2


async def running_until(
    store: Store, clock: ManualClock, sender: RecordingSender, reached: asyncio.Event
) -> JobRunner:
    """A started runner, once its post's send `reached` a point."""
    queue, runner, _ = runner_for(store, clock, sender)
    await queue.schedule("post", "k", clock.now(), guild_id=GUILD)
    runner.start()
    await reached.wait()
    return runner


async def test_a_send_a_stop_cuts_short_is_handed_back_due_at_once_without_counting(
    store: Store, clock: ManualClock
) -> None:
    # Left claimed, it would wait out its lease when the bot comes back elsewhere (another
    # container), and be sent again after Discord forgot its nonce.
    sender = RecordingSender(hang=True)
    runner = await running_until(store, clock, sender, sender.called)

    await runner.stop(grace=0.05)

    row = await store.fetchone("SELECT state, attempts, claimed_by, due_at FROM jobs")
    assert tuple(row) == ("pending", 0, None, int(clock.now().timestamp()))


@dataclass
class AnsweredSender(RecordingSender):
    """Discord answers, and then the database is slow to take the record (a busy write)."""

    answered: asyncio.Event = field(default_factory=asyncio.Event)
    busy: asyncio.Event = field(default_factory=asyncio.Event)
    store: Store | None = None
    holder: asyncio.Task[None] | None = None

    async def send(self, message: Outgoing, *, nonce: str) -> Sent:
        sent = await super().send(message, nonce=nonce)
        assert self.store is not None
        self.holder = asyncio.create_task(self._hold(self.store))
        await self.busy.wait()
        self.answered.set()
        return sent

    async def _hold(self, store: Store) -> None:
        async with store.transaction():
            self.busy.set()
            await asyncio.sleep(0.3)


async def test_a_send_discord_answered_is_recorded_though_a_stop_cuts_it_short(
    store: Store, clock: ManualClock
) -> None:
    sender = AnsweredSender(store=store)
    runner = await running_until(store, clock, sender, sender.answered)

    await runner.stop(grace=0.05)  # while the record waits for the database

    assert await store.fetchval("SELECT message_id FROM deliveries") == 9001
    clock.advance(timedelta(hours=1))  # far past the nonce window
    _, next_start, _ = runner_for(store, clock, sender)
    await next_start.run_due()
    assert len(sender.sent) == 1
    assert (await job_state(store))[0] == "done"
