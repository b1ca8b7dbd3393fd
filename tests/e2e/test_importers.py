"""Importers through the loopback Discord: announcements posted, published within Discord's
hourly budget, queued for moderators, approved or rejected, exactly once. The loopback keeps
the test's clock, so an hour passes without waiting; its fixture and the helpers here serve the
other importer tests too (roles, feeds, arrivals and alerts, moderation)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock, unix
from sandbox import Loopback, Message
from sandbox.core import RequestRecord
from sandbox.state import Json, Permission
from tests.feed_server import FeedServer

from .conftest import BotProcess, RunningBot, eventually

POST = ("POST", "/channels/{channel_id}/messages")
CROSSPOST = ("POST", "/channels/{channel_id}/messages/{message_id}/crosspost")
ADD_ROLE = ("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}")


@pytest.fixture
async def loopback(discord_spec: Path | None, clock: ManualClock) -> AsyncIterator[Loopback]:
    async with Loopback(spec=discord_spec, clock=clock.now) as discord_:
        yield discord_
    assert discord_.violations == [], "the bot's traffic broke Discord's spec"
    assert discord_.unknown_routes == [], "the bot called routes Discord does not have"


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    """A real HTTP server on 127.0.0.1 serving the test's feeds."""
    running = await FeedServer().start()
    yield running
    await running.stop()


def requests(loopback: Loopback, route: tuple[str, str]) -> list[RequestRecord]:
    return [r for r in loopback.requests if (r.method, r.template) == route]


def posts_to(loopback: Loopback, channel: str) -> list[Json]:
    channel_id = loopback.channel(channel).id
    return [r.request for r in requests(loopback, POST) if f"/channels/{channel_id}/" in r.path]


async def server_ready(loopback: Loopback, *, trusted: bool, member: str = "Yoshi") -> str:
    """Akiko picks the channels and the importer role; Marcus registers Yoshi's business."""
    admin, marcus = loopback.member("Akiko"), loopback.member("Marcus")
    for kind, channel in (("announcements", "announcements"), ("modqueue", "mod-queue")):
        await loopback.slash(
            "setup channel", kind=kind, channel=loopback.channel(channel), actor=admin
        )
    await loopback.slash(
        "setup role", kind="importer", role=loopback.guild.role("Importer"), actor=admin
    )
    registered = await loopback.slash(
        "importer-mod register",
        name="Kei Imports",
        member=loopback.member(member),
        state="TX",
        trusted=trusted,
        actor=marcus,
    )
    assert registered.content.startswith("Registered “Kei Imports”"), registered.text
    return registered.text


async def announce(loopback: Loopback, title: str, **fields: str) -> str:
    yoshi = loopback.member("Yoshi")
    opened = await loopback.slash("importer announce", actor=yoshi)
    assert opened.modal is not None, opened.text
    submitted = await loopback.submit_modal(
        opened,
        {
            "Title": title,
            "Text": fields.get("body", "4WD, dump bed, 38k km."),
            "Link (https://…)": fields.get("link", "https://kei.example/hijet"),
        },
        actor=yoshi,
    )
    return submitted.text


HIJET_S110P = {"make": "Daihatsu", "model": "Hijet", "model_code": "S110P", "drive": "4wd"}


async def arrive(loopback: Loopback, year: int, **fields: str) -> str:
    """Yoshi announces a 4WD S110P Hijet of `year` that arrived, with the `fields` given (which
    win over the Hijet's); the reply's text, which is ephemeral."""
    options = {**HIJET_S110P, "year": year, **fields}
    reply = await loopback.slash("importer arrival", **options, actor=loopback.member("Yoshi"))
    assert reply.ephemeral
    return reply.text


async def publishes_waiting(keitora: RunningBot, count: int) -> None:
    """Wait until `count` publishes wait in the queue for the channel's budget."""
    for _ in range(500):
        waiting = await keitora.bot.services.jobs.pending_keys("importer.publish", "")
        if len(waiting) == count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{count} publishes never waited")


async def failures_recorded(keitora: RunningBot, count: int, within: float = 10.0) -> None:
    feeds = keitora.bot.services.feeds
    for _ in range(int(within / 0.01)):
        state = await feeds.state(1)
        if state is not None and state.failures >= count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"timed out waiting for failed poll {count}")


async def next_poll_planned(keitora: RunningBot, clock: ManualClock) -> None:
    """Wait until the poll under way recorded when the next is due: the clock moves on only
    after that, or the next poll would be timed from the moved clock."""

    async def planned() -> bool:
        feed = await keitora.bot.services.feeds.state(1)
        return feed is not None and (feed.next_poll_at or 0) > unix(clock.now())

    await eventually(planned, "the next poll planned")


async def settle(loopback: Loopback, channel: str, count: int, what: str) -> list[Message]:
    await loopback.wait_until(
        lambda: len(loopback.messages(channel)) >= count, within=10, what=what
    )
    return loopback.messages(channel)


async def test_a_trusted_importer_is_posted_once_and_published(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    reply = await announce(loopback, "1995 Hijet 4WD dump arrived", body="@everyone 4WD, dump")
    assert "on its way to the announcements channel" in reply

    [card] = await settle(loopback, "announcements", 1, "the announcement")
    await loopback.wait_until(
        lambda: len(requests(loopback, CROSSPOST)) == 1, within=10, what="the publish"
    )
    [body] = posts_to(loopback, "announcements")
    embed = body["embeds"][0]
    assert embed["author"]["name"] == "Kei Imports · verified importer"
    assert embed["title"] == "1995 Hijet 4WD dump arrived"
    assert embed["description"] == "@\u200beveryone 4WD, dump"  # shown inert
    assert embed["url"] == "https://kei.example/hijet"
    assert body["allowed_mentions"]["parse"] == []
    assert requests(loopback, CROSSPOST)[0].path.endswith(f"/messages/{card.id}/crosspost")
    assert loopback.messages("announcements")[0].flags & 1

    await keitora.restart()
    await loopback.wait_until(lambda: True, within=0.5)
    assert len(posts_to(loopback, "announcements")) == 1
    assert len(requests(loopback, CROSSPOST)) == 1


async def test_an_untrusted_announcement_waits_is_approved_then_posted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    reply = await announce(loopback, "Carry DA63T arrived")
    assert "waits for a moderator" in reply
    [queued] = await settle(loopback, "mod-queue", 1, "the queue post")
    assert loopback.messages("announcements") == []
    assert queued.embeds[0]["title"] == "Carry DA63T arrived"

    # A server may let someone who is no moderator see the queue; their click decides nothing.
    mika = loopback.member("Mika")
    await loopback.set_overwrite(loopback.channel("mod-queue"), mika, allow=Permission.VIEW_CHANNEL)
    refused = await loopback.click(queued, "Approve", actor=mika)
    assert "Only moderators" in refused.text
    # A second moderator has the queue open in /modqueue when the first approves in the channel.
    stale = await loopback.slash("modqueue", actor=loopback.member("Akiko"))
    marcus = loopback.member("Marcus")
    approved = await loopback.click(queued, "Approve", actor=marcus)
    assert (
        approved.content
        == f"Approved by <@{marcus.id}>; it is on its way to the announcements channel."
    )
    again = await loopback.click(stale, "Approve announcement #1", actor=loopback.member("Akiko"))
    assert again.type == 7  # the out-of-date page itself, shown again
    assert again.content == f"That importer announcement was already decided: {approved.content}"
    assert "Nothing is waiting" in again.text

    [card] = await settle(loopback, "announcements", 1, "the approved announcement")
    assert card.embeds[0]["title"] == "Carry DA63T arrived"
    listed = await loopback.slash("modqueue", actor=loopback.member("Marcus"))
    assert "Nothing is waiting" in listed.text


async def test_an_announcement_is_not_approved_without_a_channel_to_post_it_in(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Carry DA63T arrived")
    [queued] = await settle(loopback, "mod-queue", 1, "the queue post")
    admin, marcus = loopback.member("Akiko"), loopback.member("Marcus")
    await loopback.slash("setup unset", setting="channel:announcements", actor=admin)

    refused = await loopback.click(queued, "Approve", actor=marcus)
    assert refused.ephemeral
    assert refused.text.startswith("This server has no announcements channel yet"), refused.text
    assert loopback.messages("mod-queue")[0].components != []  # still waiting, still decidable
    await loopback.slash(
        "setup channel",
        kind="announcements",
        channel=loopback.channel("announcements"),
        actor=admin,
    )
    approved = await loopback.click(queued, "Approve", actor=marcus)
    assert approved.content.startswith(f"Approved by <@{marcus.id}>"), approved.text
    [card] = await settle(loopback, "announcements", 1, "the approved announcement")
    assert card.embeds[0]["title"] == "Carry DA63T arrived"


async def test_a_post_whose_channel_was_unset_waits_for_the_next_channel_set(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    await server_ready(loopback, trusted=True)
    admin, jobs = loopback.member("Akiko"), keitora.bot.services.jobs
    jobs.pause_servers([loopback.guild.id])  # the outbox is behind when the channel is unset
    assert "on its way" in await announce(loopback, "Hijet Jumbo arrived")
    await loopback.slash("setup unset", setting="channel:announcements", actor=admin)
    jobs.resume_server(loopback.guild.id)

    async def held() -> bool:
        due = await keitora.store.fetchall(
            "SELECT due_at FROM jobs WHERE kind = 'importer.post' AND state = 'pending'"
        )
        return len(due) == 1 and due[0]["due_at"] > unix(clock.now())

    await eventually(held, "the post held")
    assert loopback.messages("announcements") == []
    await loopback.slash(
        "setup channel",
        kind="announcements",
        channel=loopback.channel("announcements"),
        actor=admin,
    )
    [card] = await settle(loopback, "announcements", 1, "the post held back")
    assert card.embeds[0]["title"] == "Hijet Jumbo arrived"


async def test_a_suspended_importers_queued_announcement_cannot_be_approved(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Carry DA63T arrived")
    [queued] = await settle(loopback, "mod-queue", 1, "the queue post")
    marcus = loopback.member("Marcus")

    suspended = await loopback.slash(
        "importer-mod suspend", importer="1", reason="Prices missing", actor=marcus
    )
    assert "1 announcement waits in the moderation queue" in suspended.text, suspended.text
    refused = await loopback.click(queued, "Approve", actor=marcus)
    assert refused.ephemeral
    assert "“Kei Imports” is suspended; lift the suspension first" in refused.text
    assert "or reject this announcement" in refused.text
    assert loopback.messages("announcements") == []
    assert loopback.messages("mod-queue")[0].components != []  # still waiting, still decidable

    await loopback.slash("importer-mod unsuspend", importer="1", actor=marcus)
    approved = await loopback.click(queued, "Approve", actor=marcus)
    assert approved.content.startswith(f"Approved by <@{marcus.id}>"), approved.text
    [card] = await settle(loopback, "announcements", 1, "the approved announcement")
    assert card.embeds[0]["title"] == "Carry DA63T arrived"


async def test_a_rejected_announcement_tells_the_importer_why(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Acty for sale")
    listed = await loopback.slash("modqueue", actor=loopback.member("Marcus"))
    assert "Acty for sale" in listed.text
    opened = await loopback.click(listed, "Reject announcement #1", actor=loopback.member("Marcus"))
    assert opened.modal is not None, opened.text
    rejected = await loopback.submit_modal(
        opened,
        {"Reason (the submitter reads it)": "Sales posts go in #general"},
        actor=loopback.member("Marcus"),
    )
    assert "Rejected by" in rejected.text
    yoshi = loopback.member("Yoshi")
    await loopback.wait_until(lambda: len(loopback.dms(yoshi)) == 1, within=10, what="the DM")
    assert "Sales posts go in #general" in loopback.dms(yoshi)[0].content
    assert loopback.messages("announcements") == []


async def test_the_eleventh_publish_of_the_hour_waits_for_the_budget(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    await server_ready(loopback, trusted=True)
    once = await loopback.slash("setup importers", daily=1, actor=loopback.member("Akiko"))
    assert once.text == "Each importer may now announce 1 time in 24 hours."
    limit = await loopback.slash("setup importers", daily=20, actor=loopback.member("Akiko"))
    assert limit.text == "Each importer may now announce 20 times in 24 hours."
    for n in range(11):
        assert "on its way" in await announce(loopback, f"Truck number {n}")
    await settle(loopback, "announcements", 11, "eleven announcements")
    await loopback.wait_until(
        lambda: len(requests(loopback, CROSSPOST)) == 10, within=10, what="ten publishes"
    )
    await publishes_waiting(keitora, 1)
    info = await loopback.slash("importer info", importer="1", actor=loopback.member("Mika"))
    waiting = next(f for f in info.embeds[0]["fields"] if f["name"] == "Waiting to be published")
    assert waiting["value"] == "1"
    assert all(r.status == 200 for r in requests(loopback, CROSSPOST))  # no 429 was provoked

    clock.advance(timedelta(hours=1))
    keitora.bot.services.jobs.wake()
    await loopback.wait_until(
        lambda: len(requests(loopback, CROSSPOST)) == 11, within=10, what="the eleventh publish"
    )
    assert all(m.flags & 1 for m in loopback.messages("announcements"))


async def test_a_rate_limited_announcement_is_posted_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    loopback.faults.rate_limit("POST", POST[1], times=2, retry_after=0.05)
    await announce(loopback, "Hijet Jumbo arrived")
    await settle(loopback, "announcements", 1, "the announcement after a 429")
    await loopback.wait_until(lambda: len(requests(loopback, CROSSPOST)) == 1, within=10)
    assert len(loopback.messages("announcements")) == 1
    statuses = [r.status for r in requests(loopback, POST) if "/channels/" in r.path]
    assert 429 in statuses


async def test_a_bot_killed_mid_announcement_posts_it_once_after_a_restart(
    bot_process: BotProcess, loopback: Loopback
) -> None:
    bot_process.start()
    await loopback.wait_ready(within=30)
    await server_ready(loopback, trusted=True)
    channel_id = loopback.channel("announcements").id
    loopback.faults.slow("POST", POST[1], 5.0)
    await announce(loopback, "Hijet Deck Van arrived")
    await loopback.wait_until(
        lambda: any(f"/channels/{channel_id}/" in r.path for r in requests(loopback, POST)),
        within=10,
        what="the post to start",
    )

    bot_process.kill()  # SIGKILL while Discord has the post in hand
    loopback.faults.slow("POST", POST[1], 0)
    # The new process takes the dead one's claim back at once, not after its 2-minute lease:
    # the retry must reach Discord within the few minutes it remembers a nonce.
    bot_process.start()

    await loopback.wait_until(
        lambda: len(requests(loopback, CROSSPOST)) == 1, within=30, what="the publish"
    )
    assert len(loopback.messages("announcements")) == 1
    sent = [r for r in requests(loopback, POST) if f"/channels/{channel_id}/" in r.path]
    assert len(sent) == 2  # sent again by the new process, with the same nonce
    assert sent[0].request["nonce"] == sent[1].request["nonce"]
    assert bot_process.terminate() == 0
