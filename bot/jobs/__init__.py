"""The database-backed schedule and outbox.

Work to be done later is a row with a unique (kind, key) and a due time. A worker claims due rows
in one transaction (so two workers never take the same row), does the work, and marks the row
done. A worker that dies leaves its rows claimed; once their lease runs out, they are claimed
again, or at once when the bot starts again on the same machine and finds the worker's process
gone. Failures back off exponentially and give up after `max_attempts`.

Running is therefore at-least-once at this layer. A handler that sends something returns it as an
`Outgoing`, and the runner hands it to the outbox (`bot.delivery`), which makes the send exactly
once: the sent message's id is recorded as soon as Discord answers, a retry finds it and sends
nothing, and a send cut short before its record carries the same nonce again. Each job runs
under a timeout shorter than its lease, so a hung call is retried by this worker instead of
being run a second time by another.

A runner runs its jobs one at a time in due order, with two exceptions that only wait on the
network: feed polls, on a runner of their own, many at once; and sends, a few at once while the
jobs after them run (a member's own DMs, and a channel's own posts, still one after another), so
a channel Discord holds to its 5 messages in 5 seconds holds up only its own posts. A job told to
wait for a post (`WaitsForPost`) while posts of its batch are on their way is asked again once
they are sent, since what it waits for may be one of them (a publish, for its announcement's
post).
"""

from bot.jobs.queue import (
    GiveUp,
    Handler,
    Job,
    JobQueue,
    NotYet,
    TryAgain,
    WaitsForPost,
    default_worker_name,
    worker_name,
)
from bot.jobs.runner import JobRunner

__all__ = [
    "GiveUp",
    "Handler",
    "Job",
    "JobQueue",
    "JobRunner",
    "NotYet",
    "TryAgain",
    "WaitsForPost",
    "default_worker_name",
    "worker_name",
]
