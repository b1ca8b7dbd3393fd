"""The job runner sends a few messages at once (each waits on Discord's answer) while the jobs
after them run; a member's own DMs, and a channel's own posts, still go one at a time in the
order they fell due, and each send is settled exactly as one sent alone."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from bot.clock import ManualClock, unix
from bot.delivery import Channel, DirectMessage, Outbox, Outgoing, Refused, Sent
from bot.jobs import Job, JobQueue, JobRunner, NotYet, WaitsForPost
from bot.store import Store

AT_ONCE = 3


@dataclass
class GatedSender:
    """Holds every send until the test opens the gate; records what was sending at once."""

    gate: asyncio.Event = field(default_factory=asyncio.Event)
    sending: list[str] = field(default_factory=list)
    most_at_once: int = 0
    started: list[str] = field(default_factory=list)
    finished: list[str] = field(default_factory=list)
    fail: dict[str, BaseException] = field(default_factory=dict)  # by content
    fail_at_once: dict[str, BaseException] = field(default_factory=dict)  # not held by the gate

    async def send(self, message: Outgoing, *, nonce: str) -> Sent:
        name = message.content
        if name in self.fail_at_once:
            raise self.fail_at_once[name]
        self.started.append(name)
        self.sending.append(name)
        self.most_at_once = max(self.most_at_once, len(self.sending))
        try:
            await self.gate.wait()
            if name in self.fail:
                raise self.fail[name]
        finally:
            self.sending.remove(name)
        self.finished.append(name)
        channel = message.to.id if isinstance(message.to, Channel) else 700
        return Sent(channel, 9000 + len(self.finished))


def runner_for(
    store: Store, clock: ManualClock, sender: GatedSender, queue: JobQueue | None = None
) -> JobRunner:
    """ "dm" jobs DM the payload's member; "post" jobs post in the payload's channel; each says
    its key."""
    queue = queue or JobQueue(store, clock)
    runner = JobRunner(
        queue, clock, outbox=Outbox(store, queue, clock, sender), sends_at_once=AT_ONCE
    )

    async def dm(job: Job) -> Outgoing:
        return Outgoing(DirectMessage(job.payload["to"]), content=job.key)

    async def post(job: Job) -> Outgoing:
        return Outgoing(Channel(job.payload["to"]), content=job.key)

    runner.register("dm", dm)
    runner.register("post", post)
    return runner


async def schedule(store: Store, clock: ManualClock, *jobs: tuple[str, str, int]) -> None:
    """(kind, key, member or channel) each, due in the order given."""
    queue = JobQueue(store, clock)
    for ahead, (kind, key, member) in enumerate(reversed(jobs), start=1):
        due = clock.now() - timedelta(seconds=ahead)
        await queue.schedule(kind, key, due, payload={"to": member})


async def until(condition: Callable[[], bool], what: str) -> None:
    """Wait for the runner's sends, which run on their own tasks."""
    for _ in range(500):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


async def states(store: Store) -> dict[str, tuple[str, str | None]]:
    rows = await store.fetchall("SELECT key, state, last_error FROM jobs")
    return {row["key"]: (row["state"], row["last_error"]) for row in rows}


async def test_dms_go_a_few_at_once_and_the_batch_waits_for_them(
    store: Store, clock: ManualClock
) -> None:
    sender = GatedSender()
    runner = runner_for(store, clock, sender)
    await schedule(store, clock, *(("dm", f"dm{n}", 100 + n) for n in range(5)))

    running = asyncio.create_task(runner.run_due())
    await until(lambda: len(sender.sending) == AT_ONCE, "three DMs in flight")
    await asyncio.sleep(0.05)  # room for a fourth to start, were the slots not enforced
    assert sender.started == ["dm0", "dm1", "dm2"]
    assert not running.done()  # the batch is not over while its DMs are on the wire
    sender.gate.set()

    assert await running == 5
    assert sender.most_at_once == AT_ONCE
    assert sorted(sender.finished) == [f"dm{n}" for n in range(5)]
    assert {state for state, _ in (await states(store)).values()} == {"done"}
    assert await store.fetchval("SELECT count(*) FROM deliveries") == 5


async def test_a_channels_posts_go_one_at_a_time_in_due_order_beside_the_rest(
    store: Store, clock: ManualClock
) -> None:
    sender = GatedSender()
    runner = runner_for(store, clock, sender)
    await schedule(
        store,
        clock,
        ("post", "busy0", 55),
        ("post", "busy1", 55),
        ("post", "other", 66),
        ("dm", "dm0", 1),
    )

    running = asyncio.create_task(runner.run_due())
    await until(lambda: len(sender.sending) == AT_ONCE, "a post of each channel and the DM")
    await asyncio.sleep(0.05)
    # The busy channel's second post waits for its first; the jobs after it do not.
    assert sender.started == ["busy0", "other", "dm0"]
    sender.gate.set()
    await running

    assert sender.started[-1] == "busy1"
    assert sender.finished.index("busy0") < sender.started.index("busy1")
    assert {state for state, _ in (await states(store)).values()} == {"done"}


async def after_a_post(
    store: Store, clock: ManualClock, sender: GatedSender, waits: type[NotYet] = WaitsForPost
) -> tuple[JobRunner, list[str]]:
    """A runner with a post due in channel 55, "busy0", and after it a job that waits for that
    post to be done, as a publish waits for its announcement's post: told to wait 30 s
    meanwhile (`waits`: for a post, or for something else). Returns the runner and the keys
    of each time the follower was asked."""
    runner = runner_for(store, clock, sender)
    asked: list[str] = []

    async def follow(job: Job) -> None:
        asked.append(job.key)
        state = await store.fetchval("SELECT state FROM jobs WHERE key = 'busy0'")
        if state != "done":
            raise waits(clock.now() + timedelta(seconds=30), "the post is not sent yet")

    runner.register("follow", follow)
    await schedule(store, clock, ("post", "busy0", 55), ("follow", "after", 0))
    return runner, asked


async def run_while_posting(runner: JobRunner, sender: GatedSender, asked: list[str]) -> None:
    """Run the due jobs, with the post held on its way until the follower was asked."""
    running = asyncio.create_task(runner.run_due())
    await until(lambda: asked == ["after"], "the follower asked while the post is on its way")
    sender.gate.set()
    await running


async def test_a_job_told_to_wait_while_posts_are_on_their_way_is_asked_again_once_sent(
    store: Store, clock: ManualClock
) -> None:
    sender = GatedSender()
    runner, asked = await after_a_post(store, clock, sender)

    await run_while_posting(runner, sender, asked)

    # Asked again in the same run, not 30 s on.
    assert asked == ["after", "after"]
    assert (await states(store))["after"] == ("done", None)


async def test_a_job_asked_again_that_still_waits_is_put_off_as_it_said(
    store: Store, clock: ManualClock
) -> None:
    sender = GatedSender(fail={"busy0": ConnectionResetError("reset by peer")})
    runner, asked = await after_a_post(store, clock, sender)

    await run_while_posting(runner, sender, asked)

    assert asked == ["after", "after"]  # once more, not on and on
    row = await store.fetchone("SELECT state, due_at, attempts FROM jobs WHERE key = 'after'")
    assert tuple(row) == ("pending", unix(clock.now() + timedelta(seconds=30)), 0)


async def test_a_job_told_to_wait_for_anything_but_a_post_is_put_off_at_once(
    store: Store, clock: ManualClock
) -> None:
    """A wait Discord asked for (a publish answered 429) or a held importer's: asking again
    once the batch's posts are sent would only ask Discord again too soon."""
    sender = GatedSender()
    runner, asked = await after_a_post(store, clock, sender, waits=NotYet)

    await run_while_posting(runner, sender, asked)

    assert asked == ["after"]
    row = await store.fetchone("SELECT state, due_at, attempts FROM jobs WHERE key = 'after'")
    assert tuple(row) == ("pending", unix(clock.now() + timedelta(seconds=30)), 0)


async def test_a_stop_whose_grace_runs_out_hands_back_a_job_to_be_asked_again(
    store: Store, clock: ManualClock
) -> None:
    sender = GatedSender()
    runner, asked = await after_a_post(store, clock, sender)
    runner.start()
    await until(lambda: asked == ["after"], "the follower asked while the post is on its way")

    await runner.stop(grace=0.05)

    # Due again at once, as the post cut short is, not after the wait it was told.
    rows = await store.fetchall("SELECT key, state, attempts FROM jobs ORDER BY key")
    assert [tuple(row) for row in rows] == [("after", "pending", 0), ("busy0", "pending", 0)]
    assert await store.fetchval("SELECT due_at FROM jobs WHERE key = 'after'") < unix(clock.now())


async def test_a_members_dms_arrive_in_the_order_they_fell_due(
    store: Store, clock: ManualClock
) -> None:
    sender = GatedSender()
    runner = runner_for(store, clock, sender)
    await schedule(store, clock, ("dm", "first", 7), ("dm", "other", 8), ("dm", "second", 7))

    running = asyncio.create_task(runner.run_due())
    await until(lambda: len(sender.sending) == 2, "two members' DMs in flight")
    await asyncio.sleep(0.05)
    assert sender.sending == ["first", "other"]  # the member's second waits for their first
    sender.gate.set()
    await running

    assert sender.started == ["first", "other", "second"]
    assert sender.finished.index("first") < sender.finished.index("second")


async def test_each_dm_sent_at_once_is_settled_by_its_own_outcome(
    store: Store, clock: ManualClock
) -> None:
    sender = GatedSender(
        fail={
            "closed": Refused(50007, "Cannot send messages to this user"),
            "flaky": ConnectionResetError("reset by peer"),
        }
    )
    sender.gate.set()
    runner = runner_for(store, clock, sender)
    await schedule(store, clock, ("dm", "closed", 1), ("dm", "flaky", 2), ("dm", "fine", 3))

    assert await runner.run_due() == 3

    assert await states(store) == {
        "closed": (
            "failed",
            "Discord refused the message: Cannot send messages to this user (code 50007)",
        ),
        "flaky": ("pending", "ConnectionResetError: reset by peer"),
        "fine": ("done", None),
    }
    refusal = await store.fetchval("SELECT refusal_code FROM deliveries WHERE user_id = 1")
    assert refusal == 50007


async def test_stopping_lets_the_dms_on_the_wire_finish_and_hands_back_the_waiting_ones(
    store: Store, clock: ManualClock
) -> None:
    sender = GatedSender()
    runner = runner_for(store, clock, sender)
    await schedule(store, clock, *(("dm", f"dm{n}", 100 + n) for n in range(5)))
    runner.start()
    await until(lambda: len(sender.sending) == AT_ONCE, "three DMs in flight")

    stopping = asyncio.create_task(runner.stop())
    await asyncio.sleep(0.05)
    assert not stopping.done()  # a half-sent DM is worse than a late one
    sender.gate.set()
    await stopping

    # The last two were composed and waiting for a slot: handed back unsent.
    assert sender.started == ["dm0", "dm1", "dm2"]
    jobs = await states(store)
    assert [jobs[f"dm{n}"] for n in range(5)] == [("done", None)] * 3 + [("pending", None)] * 2


class SettlingFails(JobQueue):
    """A database that refuses to record a retry, as a locked one would."""

    async def retry_later(self, job: Job, error: str) -> None:
        raise sqlite3.OperationalError("database is locked")


async def test_a_dm_whose_job_cannot_be_settled_leaves_the_others_to_finish(
    store: Store, clock: ManualClock
) -> None:
    sender = GatedSender(fail={"flaky": ConnectionResetError("reset by peer")})
    runner = runner_for(store, clock, sender, SettlingFails(store, clock))
    await schedule(store, clock, ("dm", "flaky", 1), ("dm", "slow", 2), ("dm", "later", 3))
    running = asyncio.create_task(runner.run_due())
    await until(lambda: len(sender.sending) == AT_ONCE, "three DMs in flight")
    sender.gate.set()

    assert await running == 3
    jobs = await states(store)
    assert (jobs["slow"][0], jobs["later"][0]) == ("done", "done")
    assert jobs["flaky"][0] == "claimed"  # its lease hands it back


async def test_a_dm_that_waited_for_a_slot_gets_a_whole_deadline_to_send(
    store: Store, clock: ManualClock
) -> None:
    sender = GatedSender()
    sender.gate.set()
    runner = runner_for(store, clock, sender)
    runner.job_timeout = 0.5
    slow_send = sender.send

    async def takes_a_while(message: Outgoing, *, nonce: str) -> Sent:
        await asyncio.sleep(0.2)
        return await slow_send(message, nonce=nonce)

    sender.send = takes_a_while  # type: ignore[method-assign]
    # Nine DMs three at a time: the last three wait 0.4 s for a slot, then take 0.2 s.
    await schedule(store, clock, *(("dm", f"dm{n}", 100 + n) for n in range(9)))

    assert await runner.run_due() == 9
    assert {state for state, _ in (await states(store)).values()} == {"done"}


async def test_a_post_whose_job_cannot_be_settled_leaves_the_dms_on_the_wire_alone(
    store: Store, clock: ManualClock
) -> None:
    sender = GatedSender(fail_at_once={"post": ConnectionResetError("reset by peer")})
    runner = runner_for(store, clock, sender, SettlingFails(store, clock))
    await schedule(store, clock, ("dm", "first", 1), ("dm", "second", 2), ("post", "post", 0))
    running = asyncio.create_task(runner.run_due())
    await until(lambda: len(sender.sending) == 2, "both DMs in flight")
    await asyncio.sleep(0.05)  # the post fails meanwhile, and so does settling it
    sender.gate.set()

    assert await running == 3
    jobs = await states(store)
    assert (jobs["first"][0], jobs["second"][0], jobs["post"][0]) == ("done", "done", "claimed")


async def test_a_dm_taken_over_while_it_waited_for_a_slot_is_not_sent_twice(
    store: Store, clock: ManualClock
) -> None:
    sender = GatedSender()
    runner = runner_for(store, clock, sender)
    await schedule(store, clock, *(("dm", f"dm{n}", 100 + n) for n in range(4)))
    running = asyncio.create_task(runner.run_due())
    await until(lambda: len(sender.sending) == AT_ONCE, "three DMs in flight")
    # The fourth waits for a slot while its lease runs out and another worker claims it.
    await store.execute("UPDATE jobs SET attempts = attempts + 1 WHERE key = 'dm3'")
    sender.gate.set()
    await running

    assert sender.started == ["dm0", "dm1", "dm2"]
    assert (await states(store))["dm3"][0] == "claimed"  # the other worker's now


async def test_a_stop_whose_grace_runs_out_hands_back_the_dms_still_waiting_their_turn(
    store: Store, clock: ManualClock
) -> None:
    sender = GatedSender()
    runner = runner_for(store, clock, sender)
    # dm3 waits for the member's first DM, dm4 for a free slot.
    await schedule(store, clock, *(("dm", f"dm{n}", 100 + n) for n in range(3)), ("dm", "dm3", 100))
    await schedule(store, clock, ("dm", "dm4", 104))
    runner.start()
    await until(lambda: len(sender.sending) == AT_ONCE, "three DMs in flight")

    await runner.stop(grace=0.05)

    # Never sent, so due again at once, their attempts not counted, not after their lease.
    rows = await store.fetchall("SELECT key, state, attempts FROM jobs ORDER BY key")
    assert [tuple(row) for row in rows] == [(f"dm{n}", "pending", 0) for n in range(5)]
    assert sender.started == ["dm0", "dm1", "dm2"]
