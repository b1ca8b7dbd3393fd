"""A feature's claim is given back as soon as the command that made it fails, not held until it
goes stale: a claim that waits on Discord (a stale claim's post looked for in the channel) is
deferred, and should Discord refuse the deferral, the command ends there while the claim is
still being made. Held, it would keep every other moderator from featuring the build for 15
minutes, told another moderator is featuring it right now, with nothing on its way."""

from __future__ import annotations

import asyncio
import dataclasses

from bot.clock import ManualClock
from sandbox import Loopback

from .conftest import ErrorLog, RunningBot, eventually
from .test_showcase import POST, setup_channels, showcase_posts, start_builds
from .test_showcase_claims import UNKNOWN_INTERACTION
from .test_showcase_crash import HISTORY, PAST_THE_NONCE_AND_THE_CLAIM
from .test_showcase_crash import loopback as loopback  # Discord's time is the bot's
from .test_showcase_pins import feature

CALLBACK = ("POST", "/interactions/{interaction_id}/{interaction_token}/callback")


async def test_a_claim_whose_deferral_discord_refused_is_given_back_at_once(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock, error_log: ErrorLog
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    loopback.faults.server_error(*POST, status=503)  # a claim kept: its post may be out
    await feature(loopback, 1)
    clock.advance(PAST_THE_NONCE_AND_THE_CLAIM)  # stale: the next claim looks for its post first

    looked_for = loopback.faults.hold(*HISTORY)
    options = loopback.core.options
    loopback.core.options = dataclasses.replace(options, ack_deadline=0.0)  # any answer too late
    akiko = asyncio.create_task(
        loopback.slash("showcase-mod feature", build="1", actor=loopback.member("Akiko"))
    )
    await asyncio.wait_for(looked_for.arrived.wait(), 10)

    def deferral_refused() -> bool:
        answers = (r for r in loopback.requests if (r.method, r.template) == CALLBACK)
        return any(answer.status == 404 for answer in answers)

    # Discord refuses the deferral while the claim is still being made.
    await eventually(deferral_refused, "the deferral refused")
    loopback.core.options = options
    looked_for.release()  # the stale claim's post is not there: the new claim is made
    await akiko

    def refused_logged() -> bool:
        refused = (record.exc_info[1] for record in error_log.records if record.exc_info)
        return any(getattr(error, "code", None) == UNKNOWN_INTERACTION for error in refused)

    await eventually(refused_logged, "the refused deferral logged")
    error_log.records.clear()
    assert showcase_posts(loopback) == []

    # Another moderator features it at once, not told someone is featuring it "right now".
    again = await feature(loopback, 1)
    assert again.startswith("Build #1 is featured in "), again
    assert len(showcase_posts(loopback)) == 1
