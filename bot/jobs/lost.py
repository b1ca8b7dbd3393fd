"""Workers that died holding claims: telling a dead worker from a live one, and handing its
claims back (the attempt each cut short forgiven a few times)."""

from __future__ import annotations

import json
import os
import socket

from bot.clock import Clock, unix
from bot.store import Store

# The last error of a job whose try ended with its worker's death.
WORKER_LOST = "worker lost"
# Claims a job may lose with their worker (a crash, found by a restart or by the lease) and have
# the attempt each cut short given back: a crash is not the job's failure, and a last try must
# still send. Past them each counts, so a job that keeps killing the bot is given up in the end.
FORGIVEN_LOST_CLAIMS = 3


def default_worker_name() -> str:
    return worker_name(os.getpid())


def worker_name(pid: int) -> str:
    """Host, process-id namespace and process id: two containers may share a host name and
    each run the bot as process 1, but never a namespace."""
    try:
        namespace = os.readlink("/proc/self/ns/pid").strip("pid:[]")
    except OSError:  # not Linux: no worker is then judged from here (`worker_is_gone`)
        namespace = "?"
    return f"{socket.gethostname()}:{namespace}:{pid}"


def worker_is_gone(worker: str, *, starting: str) -> bool:
    """Whether `worker` (a `worker_name`) is sure to be dead, seen by the worker `starting`
    up: a process of this host and namespace that no longer exists, or one that had
    `starting`'s own name, which only a dead predecessor can have had (a process id is
    unique in its namespace, and a starting worker has claimed nothing yet)."""
    if worker == starting:
        return True
    place, _, pid = worker.rpartition(":")
    here = starting.rpartition(":")[0]
    if place != here or here.endswith(":?") or not pid.isdecimal():
        return False  # another machine's or container's, or unreadable: its lease decides
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False  # another user's process has that id now
    return False


async def release_lost_claims(store: Store, clock: Clock, max_attempts: int, starting: str) -> int:
    """Hand back, due now, the jobs claimed by workers that died (`worker_is_gone`), as a
    restarted bot starts; returns how many.

    Their leases would hand them back within minutes, but a send cut short by the crash
    must be retried within Discord's nonce window ("the past few minutes") to be answered
    with the message already created instead of a second one.
    """
    claimers = await store.fetchall("SELECT DISTINCT claimed_by FROM jobs WHERE state = 'claimed'")
    lost = [
        row["claimed_by"]
        for row in claimers
        if worker_is_gone(row["claimed_by"], starting=starting)
    ]
    if not lost:
        return 0
    return await hand_back_lost(
        store,
        clock,
        max_attempts,
        "claimed_by IN (SELECT value FROM json_each(?))",
        (json.dumps(lost),),
    )


async def hand_back_lost(
    store: Store, clock: Clock, max_attempts: int, lost: str, params: tuple[object, ...]
) -> int:
    """Hand back, due again, the claims where `lost` (SQL, with its `params`) holds, their
    workers lost; returns how many. The attempt each cut short is given back while the job
    is forgiven its lost claims (FORGIVEN_LOST_CLAIMS); past them, one on its last attempt
    (of `max_attempts`) is failed.

    Their workers settle nothing more, or are past their lease: counting the lost claim
    leaves no two claims alike (`bot.jobs.queue._THIS_CLAIM`) even when the attempt is given
    back.
    """
    await store.execute(
        "UPDATE jobs SET state = 'failed', lease_until = NULL, finished_at = ?, "
        "last_error = ?, lost_claims = lost_claims + 1 WHERE state = 'claimed' "
        f"AND lost_claims >= {FORGIVEN_LOST_CLAIMS} AND attempts >= ? AND {lost}",
        (unix(clock.now()), WORKER_LOST, max_attempts, *params),
    )
    return await store.execute(
        "UPDATE jobs SET state = 'pending', lease_until = NULL, claimed_by = NULL, "
        f"attempts = attempts - (lost_claims < {FORGIVEN_LOST_CLAIMS}), "
        f"lost_claims = lost_claims + 1, last_error = ? WHERE state = 'claimed' AND {lost}",
        (WORKER_LOST, *params),
    )
