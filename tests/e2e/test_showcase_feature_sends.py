"""A feature's post whose send Discord did not answer (a 5xx, a timeout) may be out: its claim is
kept and looked for in the channel once no command can still be sending it. The moderator who
featured it is told that, and what happens next, as for a ballot, not an error reference; a
queue post decided by an Approve says so to every moderator."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import discord

from bot.clock import ManualClock
from sandbox import Loopback

from .conftest import ErrorLog, RunningBot
from .test_showcase import POST, setup_channels, showcase_posts, start_builds
from .test_showcase_crash import PAST_THE_NONCE_AND_THE_CLAIM, unconfirmed
from .test_showcase_crash import loopback as loopback  # Discord's time is the bot's
from .test_showcase_nominations import dales_nomination_posted
from .test_showcase_pins import feature


async def test_a_feature_whose_send_discord_failed_is_explained_and_featured_after_the_wait(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    loopback.faults.server_error(*POST, status=503)  # nothing posted, as far as anyone knows

    told = await feature(loopback, 1)
    after = discord.utils.format_dt(clock.now() + timedelta(minutes=15), "t")
    assert told == (
        f"{unconfirmed(loopback, 1)}; if not, `/showcase-mod feature build:1` features it after "
        f"{after}, once I can be sure it was not posted."
    ), told
    assert "Something went wrong" not in told
    assert showcase_posts(loopback) == []

    clock.advance(PAST_THE_NONCE_AND_THE_CLAIM)
    again = await feature(loopback, 1)
    assert again.startswith("Build #1 is featured in "), again
    assert len(showcase_posts(loopback)) == 1


async def test_an_approve_whose_post_discord_failed_says_so_on_the_queue_post(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock, error_log: ErrorLog
) -> None:
    queued = await dales_nomination_posted(loopback)
    marcus = loopback.member("Marcus")
    loopback.faults.server_error(*POST, status=503)

    approved = await loopback.click(queued, "Approve", actor=marcus)

    [decided] = approved.edits
    after = discord.utils.format_dt(clock.now() + timedelta(minutes=15), "t")
    assert decided["content"] == (
        f"Approved by <@{marcus.id}>. {unconfirmed(loopback, 1)}; if not, "
        f"`/showcase-mod feature build:1` features it after {after}, or its nominations come "
        "back to the moderation queue within a day, once I can be sure it was not posted."
    ), decided["content"]
    assert decided["components"] == []
    assert error_log.records == []


async def test_featuring_again_before_the_wait_says_the_post_is_unconfirmed_and_when_to_retry(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    showcase = await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    loopback.faults.server_error(*POST, status=503)
    await feature(loopback, 1)
    after = discord.utils.format_dt(clock.now() + timedelta(minutes=15), "t")

    clock.advance(timedelta(minutes=5))
    again = await feature(loopback, 1)
    # Not "featured already": nothing shows featured, and the moderator may try again later.
    assert again == (
        f"Discord has not confirmed the showcase post of build #1 in <#{showcase.id}> yet. If it "
        "shows there, build #1 is featured, pinned and tagged once I find it; if not, try again "
        f"after {after}, once I can be sure it was not posted."
    ), again
    assert showcase_posts(loopback) == []


async def test_featuring_while_the_post_is_on_its_way_says_another_moderator_is_at_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    showcase = await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    into_showcase = f"/channels/{showcase.id}/messages"
    held = loopback.faults.hold(*POST, applies_to=lambda path: path == into_showcase)
    first = asyncio.create_task(feature(loopback, 1))
    await asyncio.wait_for(held.arrived.wait(), 10)

    # Not "try again after …": the post is Discord's to answer, and lands in a moment.
    meanwhile = await loopback.slash(
        "showcase-mod feature", build="1", actor=loopback.member("Akiko")
    )
    assert meanwhile.text == (
        f"Another moderator is featuring build #1 right now; its post is on its way to "
        f"<#{showcase.id}>."
    ), meanwhile.text
    held.release()
    assert (await first).startswith("Build #1 is featured in ")

    after = await loopback.slash("showcase-mod feature", build="1", actor=loopback.member("Akiko"))
    assert after.text == "Build #1 is featured already.", after.text
    assert len(showcase_posts(loopback)) == 1


async def test_featuring_while_the_first_command_defers_says_another_moderator_is_at_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    held = loopback.faults.hold(
        "POST", "/interactions/{interaction_id}/{interaction_token}/callback"
    )
    first = asyncio.create_task(feature(loopback, 1))
    await asyncio.wait_for(held.arrived.wait(), 10)

    # Claimed, its post not yet sent: still not "try again after …".
    meanwhile = await loopback.slash(
        "showcase-mod feature", build="1", actor=loopback.member("Akiko")
    )
    assert meanwhile.text == "Another moderator is featuring build #1 right now.", meanwhile.text
    held.release()
    assert (await first).startswith("Build #1 is featured in ")
    assert len(showcase_posts(loopback)) == 1
