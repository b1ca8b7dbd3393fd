"""A bot stopped between a feature's post and its record: the post is out in the showcase, the
database holds only the claim. Once the claim is stale, the next bot finds its own post in the
channel's history and records it (pinned and tagged as a feature always is) instead of giving
the claim back; the build is never posted twice. The restart is long after the few minutes in
which Discord would answer a repeated nonce with the earlier message, so the nonce alone could
not tell."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.client import keitora as keitora_module
from bot.clock import ManualClock
from bot.showcase import ShowcaseService
from cogs._showcase_posts import ShowcasePosts
from sandbox import Loopback
from sandbox.channels import forget_channel
from sandbox.state import ChannelRef, Permission

from .conftest import ErrorLog, RunningBot, eventually
from .test_setup import overwrite_bot
from .test_showcase import PIN, UNPIN, requests, setup_channels, showcase_posts, start_builds
from .test_showcase_nominations import dales_nomination_posted, posted_to
from .test_showcase_pins import feature, fill_pins, post_of

PAST_THE_NONCE_AND_THE_CLAIM = timedelta(minutes=16)
HISTORY = ("GET", "/channels/{channel_id}/messages")


@pytest.fixture
async def loopback(discord_spec: Path | None, clock: ManualClock) -> AsyncIterator[Loopback]:
    # Discord's time is the bot's: moving the clock past the claim's 15 minutes moves it past
    # the window in which Discord remembers a nonce too.
    async with Loopback(spec=discord_spec, clock=clock.now) as discord_:
        yield discord_
    assert discord_.violations == [], "the bot's traffic broke Discord's spec"
    assert discord_.unknown_routes == [], "the bot called routes Discord does not have"


class Died(Exception):
    """The bot process ended here; nothing after it ran."""


async def died(*_: object) -> bool:
    raise Died


@contextlib.asynccontextmanager
async def nothing_handled(*_: object) -> AsyncIterator[None]:
    yield  # a dying process gives no claim back


@dataclass
class Crash:
    keitora: RunningBot
    clock: ManualClock
    monkeypatch: pytest.MonkeyPatch
    error_log: ErrorLog

    @contextlib.contextmanager
    def after_posting(self) -> Iterator[None]:
        """The bot stops right after Discord took the showcase post, before recording it."""
        self.monkeypatch.setattr(ShowcaseService, "feature_posted", died)
        self.monkeypatch.setattr(ShowcasePosts, "given_back_unless_posted", nothing_handled)
        try:
            yield
        finally:
            self.monkeypatch.undo()
        self.error_log.records.clear()  # the dying step, logged by the interaction's handler

    async def restart_when_stale(self) -> None:
        """The next bot starts once the claim is past its 15 minutes and the nonce forgotten."""
        self.clock.advance(PAST_THE_NONCE_AND_THE_CLAIM)
        await self.keitora.restart()

    async def recorded(self, build: int) -> int | None:
        message_id: int | None = await self.keitora.store.fetchval(
            "SELECT message_id FROM showcase_posts WHERE build_id = ?", (build,)
        )
        return message_id


@pytest.fixture
def crash(
    keitora: RunningBot, clock: ManualClock, monkeypatch: pytest.MonkeyPatch, error_log: ErrorLog
) -> Crash:
    return Crash(keitora, clock, monkeypatch, error_log)


async def crashed_after_featuring(loopback: Loopback, crash: Crash) -> ChannelRef:
    """Mika's build featured by Marcus, and the bot stopped once Discord took the post; the
    showcase channel."""
    showcase = await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    with crash.after_posting():
        await feature(loopback, 1)
    return showcase


async def test_a_feature_posted_before_a_crash_is_found_and_recorded_at_the_next_start(
    loopback: Loopback, crash: Crash
) -> None:
    queued = await dales_nomination_posted(loopback)
    marcus = loopback.member("Marcus")
    with crash.after_posting():
        await loopback.click(queued, "Approve", actor=marcus)
    [sent] = posted_to(loopback, "showcase")
    assert await crash.recorded(1) is None
    assert requests(loopback, PIN) == []

    await crash.restart_when_stale()
    post = post_of(loopback, 1)

    async def kept() -> bool:
        return await crash.recorded(1) == int(post.id)

    await eventually(kept, "the post found and recorded")
    await eventually(lambda: post.id in loopback.world.pins[post.channel_id], "the post pinned")
    [pin] = requests(loopback, PIN)
    assert pin.path.endswith(f"/pins/{post.id}")
    mika = loopback.member("Mika")
    await loopback.wait_until(lambda: loopback.dms(mika), within=5, what="the owner's DM")
    assert post.id in loopback.dms(mika)[0].content

    assert await feature(loopback, 1) == "Build #1 is featured already."
    assert posted_to(loopback, "showcase") == [sent]
    listed = await loopback.slash("modqueue", actor=marcus)
    assert "nomination #1" not in listed.text  # answered by the feature that is out


async def test_a_moderator_featuring_again_after_a_crash_finds_the_earlier_post(
    keitora: RunningBot, loopback: Loopback, crash: Crash
) -> None:
    await crashed_after_featuring(loopback, crash)
    await keitora.restart()  # within the claim's 15 minutes: it may still be on its way
    crash.clock.advance(PAST_THE_NONCE_AND_THE_CLAIM)

    assert await feature(loopback, 1) == "Build #1 is featured already."
    post = post_of(loopback, 1)
    assert await crash.recorded(1) == int(post.id)
    assert post.id in loopback.world.pins[post.channel_id]
    assert len(posted_to(loopback, "showcase")) == 1


async def test_a_claim_whose_post_never_went_out_is_given_back_and_featured_once(
    loopback: Loopback, crash: Crash
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")
    await feature(loopback, 2)  # build 2's post is out, and no mark of build 1's
    posting = ShowcaseService.posting

    async def died_sending(*args: object) -> object:
        await posting(*args)  # type: ignore[arg-type]
        raise Died

    with crash.after_posting():
        crash.monkeypatch.setattr(ShowcaseService, "posting", died_sending)
        await feature(loopback, 1)
    assert len(posted_to(loopback, "showcase")) == 1
    await crash.restart_when_stale()

    async def given_back() -> bool:
        claim = await crash.keitora.store.fetchval(
            "SELECT 1 FROM showcase_posts WHERE build_id = 1"
        )
        return claim is None

    await eventually(given_back, "the claim given back")
    assert requests(loopback, HISTORY)  # looked for its post before giving it back
    assert "Build #1 is featured in" in await feature(loopback, 1)
    assert [m.embeds[0]["title"][:5] for m in loopback.messages("showcase")] == ["★ #2 ", "★ #1 "]


async def test_a_recovered_post_at_fifty_pins_makes_room_as_a_new_one_would(
    loopback: Loopback, crash: Crash
) -> None:
    showcase = await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")
    await feature(loopback, 2)
    oldest = post_of(loopback, 2)
    with crash.after_posting():
        await feature(loopback, 1)
    await fill_pins(loopback, showcase)
    await crash.restart_when_stale()

    post = post_of(loopback, 1)
    await eventually(lambda: post.id in loopback.world.pins[showcase.id], "the post pinned")
    assert [r.path.rsplit("/", 1)[-1] for r in requests(loopback, UNPIN)] == [oldest.id]
    assert len(loopback.world.pins[showcase.id]) == 50
    assert len(posted_to(loopback, "showcase")) == 2


async def test_a_claim_is_kept_while_the_bot_may_not_read_the_channel_it_was_posted_in(
    keitora: RunningBot, loopback: Loopback, crash: Crash
) -> None:
    # Without Read Message History, Discord answers the channel's history with an empty page,
    # as if nothing had been posted there.
    showcase = await crashed_after_featuring(loopback, crash)
    await overwrite_bot(keitora, loopback, showcase, deny=Permission.READ_MESSAGE_HISTORY)
    await crash.restart_when_stale()

    refused = await feature(loopback, 1)
    assert refused.startswith("Build #1 may be featured already"), refused
    assert len(posted_to(loopback, "showcase")) == 1

    await overwrite_bot(keitora, loopback, showcase)
    assert await feature(loopback, 1) == "Build #1 is featured already."
    assert await crash.recorded(1) == int(post_of(loopback, 1).id)
    assert len(posted_to(loopback, "showcase")) == 1


async def test_each_claim_sends_its_post_with_a_nonce_of_its_own(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Discord answers a repeated nonce with its earlier message, or Unknown Message once that
    # was deleted: a build featured again at once, after its unfeature, must not repeat it.
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    await feature(loopback, 1)
    await loopback.slash("showcase-mod unfeature", build="1", actor=loopback.member("Marcus"))

    assert "Build #1 is featured in" in await feature(loopback, 1)
    first, second = posted_to(loopback, "showcase")
    assert first.request["enforce_nonce"] is second.request["enforce_nonce"] is True
    assert first.request["nonce"] != second.request["nonce"]
    assert len(showcase_posts(loopback)) == 1


async def test_a_post_is_found_however_busy_the_channel_was_while_the_bot_was_down(
    loopback: Loopback, crash: Crash
) -> None:
    # More messages since the claim than a page of history holds: the page asked is the one
    # right after the claim, where the post is, not the newest.
    showcase = await crashed_after_featuring(loopback, crash)
    for n in range(120):
        await loopback.post(showcase, f"nice build {n}", actor=loopback.member("Dale"))
    await crash.restart_when_stale()

    post = post_of(loopback, 1)

    async def kept() -> bool:
        return await crash.recorded(1) == int(post.id)

    await eventually(kept, "the post found and recorded")
    assert len(requests(loopback, HISTORY)) == 1
    assert len(posted_to(loopback, "showcase")) == 1


def unconfirmed(loopback: Loopback, build: int) -> str:
    """How a moderator is told of a feature's post Discord did not confirm."""
    showcase = loopback.channel("showcase")
    return (
        f"Discord did not confirm the showcase post of build #{build} in <#{showcase.id}>. "
        f"If it shows there, build #{build} is featured, pinned and tagged once I find it"
    )


async def test_a_feature_whose_send_lost_its_answer_is_found_not_posted_again(
    loopback: Loopback,
    keitora: RunningBot,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    send = discord.TextChannel.send

    async def answer_lost(channel: discord.TextChannel, *args: Any, **kwargs: Any) -> Any:
        await send(channel, *args, **kwargs)  # Discord takes the post ...
        raise TimeoutError  # ... and its answer never comes back

    monkeypatch.setattr(discord.TextChannel, "send", answer_lost)
    told = await feature(loopback, 1)
    monkeypatch.undo()
    # Told to look for it, not given an error reference.
    assert told.startswith(unconfirmed(loopback, 1)), told
    [sent] = showcase_posts(loopback)
    kept = await keitora.store.fetchval("SELECT sent_to FROM showcase_posts WHERE build_id = 1")
    assert kept == int(sent.channel_id)  # the claim stays, to be looked for

    clock.advance(PAST_THE_NONCE_AND_THE_CLAIM)
    assert await feature(loopback, 1) == "Build #1 is featured already."
    assert [m.id for m in showcase_posts(loopback)] == [sent.id]


async def test_a_slow_look_for_a_stale_claims_post_is_answered_in_time(
    keitora: RunningBot, loopback: Loopback, crash: Crash
) -> None:
    await crashed_after_featuring(loopback, crash)
    await keitora.restart()
    crash.clock.advance(PAST_THE_NONCE_AND_THE_CLAIM)
    loopback.faults.slow(*HISTORY, seconds=3.5)  # past the 3 s Discord waits for an answer

    reply = await loopback.slash(
        "showcase-mod feature", build="1", actor=loopback.member("Marcus"), within=15
    )

    assert reply.latency is not None
    assert reply.latency < 3.0
    assert reply.ephemeral
    await reply.wait_until(lambda r: r.text == "Build #1 is featured already.", within=10)


async def test_a_feature_posted_before_a_crash_is_found_by_a_client_without_the_showcase_cog(
    loopback: Loopback, crash: Crash
) -> None:
    await crashed_after_featuring(loopback, crash)
    loads = keitora_module.is_cog_module
    crash.monkeypatch.setattr(
        keitora_module, "is_cog_module", lambda name: loads(name) and name != "showcase"
    )

    await crash.restart_when_stale()

    assert crash.keitora.bot.get_cog("ShowcaseModCog") is None
    post = post_of(loopback, 1)

    async def kept() -> bool:
        return await crash.recorded(1) == int(post.id)

    await eventually(kept, "the post found and recorded")


async def test_a_claim_sent_to_a_channel_since_deleted_is_given_back(
    keitora: RunningBot, loopback: Loopback, crash: Crash
) -> None:
    await crashed_after_featuring(loopback, crash)
    gone = loopback.channel("showcase")
    await forget_channel(loopback.core, loopback.world.channels[gone.id])
    await crash.restart_when_stale()

    async def given_back() -> bool:
        left = await keitora.store.fetchval("SELECT count(*) FROM showcase_posts")
        return left == 0

    await eventually(given_back, "the claim given back")
    assert any(
        r.path == f"/channels/{gone.id}"
        for r in requests(loopback, ("GET", "/channels/{channel_id}"))
    )


async def test_a_post_whose_claim_went_while_it_was_sent_is_taken_down_again(
    keitora: RunningBot, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    send = discord.TextChannel.send
    service = keitora.bot.services.showcase

    async def unfeatured_meanwhile(channel: discord.TextChannel, *args: Any, **kwargs: Any) -> Any:
        sent = await send(channel, *args, **kwargs)
        await service.abandon_feature(await keitora.bot.services.builds.get(sent.guild.id, 1))
        return sent

    monkeypatch.setattr(discord.TextChannel, "send", unfeatured_meanwhile)
    said = await feature(loopback, 1)
    monkeypatch.undo()

    assert said == (
        "Build #1 was unfeatured while its post was being sent, so the post is taken down "
        "again. Feature it again if you still mean to."
    )
    assert showcase_posts(loopback) == []
    assert requests(loopback, PIN) == []
    assert await service.featured_post(int(loopback.guild.id), 1) is None
