"""A feature's claim is given back as soon as the command or click that made it fails, not held
until it goes stale: a claim that waits (on Discord, as a stale claim's post is looked for in
the channel, or on the database) is deferred, and should Discord refuse the deferral, the
interaction ends there while the claim is still being made. Held, it would keep every other
moderator from featuring the build for 15 minutes, told another moderator is featuring it right
now, with nothing on its way. `/showcase-mod feature` and the queue's Approve claim alike."""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.clock import ManualClock, unix
from sandbox import Loopback

from .conftest import ErrorLog, RunningBot, eventually
from .test_showcase import POST, setup_channels, showcase_posts, start_builds
from .test_showcase_claims import UNKNOWN_INTERACTION
from .test_showcase_crash import HISTORY, PAST_THE_NONCE_AND_THE_CLAIM
from .test_showcase_crash import loopback as loopback  # Discord's time is the bot's
from .test_showcase_nominations import dales_nomination_posted, posted_to
from .test_showcase_pins import feature

CALLBACK = ("POST", "/interactions/{interaction_id}/{interaction_token}/callback")


@asynccontextmanager
async def deferral_refused(loopback: Loopback) -> AsyncIterator[None]:
    """Discord takes every answer as too late until it refused a deferral: that of the
    interaction started inside, whose claim something holds meanwhile. (Interactions are days
    old by this loopback's clock, so the bot defers them as soon as their claim waits.)"""
    options = loopback.core.options
    loopback.core.options = dataclasses.replace(options, ack_deadline=0.0)
    yield

    def refused() -> bool:
        answers = (r for r in loopback.requests if (r.method, r.template) == CALLBACK)
        return any(answer.status == 404 for answer in answers)

    await eventually(refused, "the deferral refused")
    loopback.core.options = options


async def refusal_logged(error_log: ErrorLog) -> None:
    def logged() -> bool:
        refused = (record.exc_info[1] for record in error_log.records if record.exc_info)
        return any(getattr(error, "code", None) == UNKNOWN_INTERACTION for error in refused)

    await eventually(logged, "the refused deferral logged")
    error_log.records.clear()


async def test_a_claim_whose_deferral_discord_refused_is_given_back_at_once(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock, error_log: ErrorLog
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    loopback.faults.server_error(*POST, status=503)  # a claim kept: its post may be out
    await feature(loopback, 1)
    clock.advance(PAST_THE_NONCE_AND_THE_CLAIM)  # stale: the next claim looks for its post first

    looked_for = loopback.faults.hold(*HISTORY)
    async with deferral_refused(loopback):
        akiko = asyncio.create_task(
            loopback.slash("showcase-mod feature", build="1", actor=loopback.member("Akiko"))
        )
        await asyncio.wait_for(looked_for.arrived.wait(), 10)
    looked_for.release()  # the stale claim's post is not there: the new claim is made
    await akiko
    await refusal_logged(error_log)
    assert showcase_posts(loopback) == []

    # Another moderator features it at once, not told someone is featuring it "right now".
    again = await feature(loopback, 1)
    assert again.startswith("Build #1 is featured in "), again
    assert len(showcase_posts(loopback)) == 1


async def test_an_approval_whose_deferral_discord_refused_gives_its_claim_back_at_once(
    keitora: RunningBot, loopback: Loopback, error_log: ErrorLog
) -> None:
    queued = await dales_nomination_posted(loopback)
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")

    async def idle() -> bool:  # the queue post recorded: nothing else of the bot's writes
        return not await keitora.store.fetchval(
            "SELECT count(*) FROM jobs WHERE state IN ('pending', 'claimed') AND due_at <= ?",
            (unix(keitora.clock.now()),),
        )

    await eventually(idle, "the bot's due jobs done")
    # Another writer holds the database: the approval's claim waits on it, as the bot's reads
    # before it do not, for as long as the test needs.
    await keitora.store.execute("PRAGMA busy_timeout=30000")
    holder = sqlite3.connect(keitora.database, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        async with deferral_refused(loopback):
            approving = asyncio.create_task(loopback.click(queued, "Approve", actor=marcus))
        holder.execute("ROLLBACK")  # the claim is made, after the click ended
    finally:
        holder.close()
    await approving
    await refusal_logged(error_log)
    assert posted_to(loopback, "showcase") == []

    # Another moderator approves it at once, not told someone is featuring it "right now".
    again = await loopback.click(queued, "Approve", actor=akiko)
    decided = again.edits[-1]["content"] if again.edits else again.text
    assert decided.startswith(f"Approved by <@{akiko.id}>. Build #1 is featured in "), decided
    [featured] = posted_to(loopback, "showcase")
    assert featured.request["embeds"][0]["title"] == "★ #1 · Build 1"
