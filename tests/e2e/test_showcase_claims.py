"""A feature claimed but never posted is given back: when the moderator's click or command
could not be answered in time (Discord expires an interaction unanswered after 3 seconds, as
when the bot is held up), nothing is featured, so the nominations wait still and the build can
be featured by the next try, rather than being told 'already decided' of a feature nobody can
see."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sandbox import Loopback

from .conftest import ErrorLog, RunningBot, eventually
from .test_showcase import start_builds
from .test_showcase_nominations import dales_nomination_posted, posted_to, queue_ready

UNKNOWN_INTERACTION = 10062  # Discord's answer to an interaction answered too late


@asynccontextmanager
async def expiring_at_once(loopback: Loopback, error_log: ErrorLog) -> AsyncIterator[None]:
    """Every interaction is past Discord's 3 seconds by the time the bot answers it; the bot
    logs the answer Discord refused."""
    options = loopback.core.options
    loopback.core.options = dataclasses.replace(options, ack_deadline=0.0)
    try:
        yield
    finally:
        loopback.core.options = options

    def expired(record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return getattr(error, "code", None) == UNKNOWN_INTERACTION

    await eventually(lambda: any(map(expired, error_log.records)), "the refused answer logged")
    error_log.records.clear()


async def test_an_approval_whose_click_expired_features_nothing_and_can_be_clicked_again(
    keitora: RunningBot, loopback: Loopback, error_log: ErrorLog
) -> None:
    queued = await dales_nomination_posted(loopback)
    marcus = loopback.member("Marcus")
    async with expiring_at_once(loopback, error_log):
        await loopback.click(queued, "Approve", actor=marcus)
    assert posted_to(loopback, "showcase") == []

    listed = await loopback.slash("modqueue", actor=marcus)
    assert "`nomination #1` Build #1" in listed.text  # still waiting
    again = await loopback.click(queued, "Approve", actor=marcus)
    assert again.edits[-1]["content"].startswith(f"Approved by <@{marcus.id}>."), again.text
    [feature] = posted_to(loopback, "showcase")
    assert feature.request["embeds"][0]["title"] == "★ #1 · Build 1"


async def test_a_feature_command_that_expired_features_nothing_and_can_be_run_again(
    keitora: RunningBot, loopback: Loopback, error_log: ErrorLog
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Mika")
    marcus = loopback.member("Marcus")
    async with expiring_at_once(loopback, error_log):
        await loopback.slash("showcase-mod feature", build="1", actor=marcus)
    assert posted_to(loopback, "showcase") == []

    again = await loopback.slash("showcase-mod feature", build="1", actor=marcus)
    assert "Build #1 is featured in" in again.text, again.text
    assert len(posted_to(loopback, "showcase")) == 1
