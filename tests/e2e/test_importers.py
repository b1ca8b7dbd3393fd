"""Importers through the loopback Discord: announcements posted, published within Discord's
hourly budget, queued for moderators, approved or rejected, exactly once; roles as Discord
allows them. The loopback keeps the test's clock, so an hour passes without waiting."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock, unix
from sandbox import Loopback, Message
from sandbox.core import RequestRecord
from sandbox.state import Json, Permission, UserRef
from tests.feed_server import FeedServer, Item

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
    reply = await announce(loopback, "@everyone 1995 Hijet 4WD dump arrived")
    assert "on its way to the announcements channel" in reply

    [card] = await settle(loopback, "announcements", 1, "the announcement")
    await loopback.wait_until(
        lambda: len(requests(loopback, CROSSPOST)) == 1, within=10, what="the publish"
    )
    [body] = posts_to(loopback, "announcements")
    embed = body["embeds"][0]
    assert embed["author"]["name"] == "Kei Imports · verified importer"
    assert embed["title"] == "@\u200beveryone 1995 Hijet 4WD dump arrived"
    assert embed["url"] == "https://kei.example/hijet"
    assert body["allowed_mentions"]["parse"] == []
    assert requests(loopback, CROSSPOST)[0].path.endswith(f"/messages/{card.id}/crosspost")
    assert loopback.messages("announcements")[0].flags & 1

    await keitora.restart()
    await loopback.wait_until(lambda: True, within=0.5)
    assert len(posts_to(loopback, "announcements")) == 1
    assert len(requests(loopback, CROSSPOST)) == 1


async def test_registering_says_when_the_bot_may_not_give_the_role(
    keitora: RunningBot, loopback: Loopback
) -> None:
    said = await server_ready(loopback, trusted=False, member="Rosa")
    [answer] = requests(loopback, ADD_ROLE)
    assert (answer.status, answer.response["code"]) == (403, 50013)
    assert "I could not give the" in said
    assert "Manage Roles" in said
    info = await loopback.slash("importer list", actor=loopback.member("Mika"))
    assert "Kei Imports" in info.text


async def test_registering_a_member_who_has_the_role_leaves_it_be(
    keitora: RunningBot, loopback: Loopback
) -> None:
    importer_role = loopback.guild.role("Importer").id
    assert (
        importer_role
        in loopback.world.guilds[loopback.guild.id].members[loopback.member("Yoshi").id]["roles"]
    )

    said = await server_ready(loopback, trusted=False)  # the bot may not manage roles

    assert requests(loopback, ADD_ROLE) == []
    assert f"<@{loopback.member('Yoshi').id}> has the <@&{importer_role}> role already." in said
    assert "could not" not in said


async def bot_gives_roles(
    loopback: Loopback, *, above: bool = True
) -> tuple[Callable[[UserRef], list[str]], str]:
    """Keitora given Manage Roles, its role dragged above the others unless not `above` (the
    bot told, as by Discord); a member's roles as Discord has them, and the importer role."""
    guild = loopback.world.guilds[loopback.guild.id]
    bot_role = guild.roles[guild.members[loopback.bot.id]["roles"][0]]
    bot_role["permissions"] = str(int(bot_role["permissions"]) | Permission.MANAGE_ROLES)
    if above:
        bot_role["position"] = len(guild.roles)
    await loopback.core.dispatch("GUILD_ROLE_UPDATE", {"guild_id": guild.id, "role": bot_role})
    return lambda member: guild.members[member.id]["roles"], loopback.guild.role("Importer").id


async def test_with_its_role_below_the_importer_role_the_moderator_is_told_why(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Discord's role hierarchy: Manage Roles gives only the roles below the bot's own.
    roles_of, importer_role = await bot_gives_roles(loopback, above=False)

    said = await server_ready(loopback, trusted=True, member="Rosa")

    [answer] = requests(loopback, ADD_ROLE)
    assert (answer.status, answer.response["code"]) == (403, 50013)
    assert f"I could not give the <@&{importer_role}> role" in said
    assert "my role must be above it" in said
    assert "Manage Roles" not in said  # which it has: only what it lacks is named
    assert importer_role not in roles_of(loopback.member("Rosa"))


async def test_the_role_follows_registration_and_suspension_when_the_bot_may(
    keitora: RunningBot, loopback: Loopback
) -> None:
    roles_of, importer_role = await bot_gives_roles(loopback)
    rosa = loopback.member("Rosa")

    said = await server_ready(loopback, trusted=True, member="Rosa")
    assert f"Gave the <@&{importer_role}> role." in said
    assert importer_role in roles_of(rosa)

    marcus = loopback.member("Marcus")
    suspended = await loopback.slash(
        "importer-mod suspend", importer="1", reason="Prices missing", actor=marcus
    )
    assert "Suspended" in suspended.text
    assert importer_role not in roles_of(rosa)
    refused = await loopback.slash("importer announce", actor=rosa)
    assert refused.modal is None
    assert "suspended" in refused.text
    lifted = await loopback.slash("importer-mod unsuspend", importer="1", actor=marcus)
    assert "Suspension lifted" in lifted.text
    assert importer_role in roles_of(rosa)


async def test_a_forgotten_importer_loses_the_importer_role(
    keitora: RunningBot, loopback: Loopback
) -> None:
    roles_of, importer_role = await bot_gives_roles(loopback)
    rosa = loopback.member("Rosa")
    await server_ready(loopback, trusted=True, member="Rosa")
    assert importer_role in roles_of(rosa)

    confirmation = await loopback.slash("privacy forget", actor=rosa)
    await loopback.click(confirmation, "Forget me, keep my builds anonymised", actor=rosa)

    taken = f"/guilds/{loopback.guild.id}/members/{rosa.id}/roles/{importer_role}"
    await loopback.wait_until(
        lambda: any((r.method, r.path) == ("DELETE", taken) for r in loopback.requests),
        what="the importer role taken back",
    )
    assert importer_role not in roles_of(rosa)
    # The follow-up that named Rosa keeps nothing of her once done.
    await eventually(
        lambda: keitora.store.fetchval(
            "SELECT count(*) = 0 FROM jobs WHERE instr(payload, ?)", (rosa.id,)
        ),
        "the follow-up's payload forgotten",
    )


async def test_an_untrusted_announcement_waits_is_approved_then_posted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    reply = await announce(loopback, "Carry DA63T arrived")
    assert "waits for a moderator" in reply
    [queued] = await settle(loopback, "mod-queue", 1, "the queue post")
    assert loopback.messages("announcements") == []
    assert queued.embeds[0]["title"] == "Carry DA63T arrived"

    refused = await loopback.click(queued, "Approve", actor=loopback.member("Mika"))
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


async def test_a_feed_is_read_on_schedule_and_each_new_item_posted_once(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed("/feed", [Item("Old truck", "https://kei.example/old")])
    await server_ready(loopback, trusted=True)
    yoshi = loopback.member("Yoshi")
    saved = await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    # What the reply promises is what happens: the newest item only.
    assert "Its newest item, “Old truck”, is on its way to the announcements" in saved.text
    await settle(loopback, "announcements", 1, "the newest item of the first poll")

    server.serve_feed(
        "/feed",
        [
            Item("Hijet Jumbo arrived", "https://kei.example/jumbo"),
            Item("Old truck", "https://kei.example/old"),
        ],
    )
    preview = await loopback.slash("importer feed test", actor=yoshi)
    assert "Hijet Jumbo arrived" in preview.embeds[0]["description"]
    assert "already seen" in preview.embeds[0]["description"]

    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    cards = await settle(loopback, "announcements", 2, "the new feed item")
    assert [card.embeds[0]["title"] for card in cards] == ["Old truck", "Hijet Jumbo arrived"]
    assert cards[1].embeds[0]["footer"]["text"] == "From their feed"

    await keitora.restart()
    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    await eventually(lambda: len(server.hits("/feed")) >= 3, "the poll after the restart")
    assert len(loopback.messages("announcements")) == 2


async def test_a_feed_test_says_where_items_would_go_and_counts_entries_it_cannot_show(
    keitora: RunningBot, loopback: Loopback, server: FeedServer
) -> None:
    server.serve_feed("/feed", [Item("Acty arrived", "https://kei.example/acty"), Item("")])
    await server_ready(loopback, trusted=False)
    yoshi = loopback.member("Yoshi")
    preview = await loopback.slash("importer feed test", url=server.url("/feed"), actor=yoshi)
    description = preview.embeds[0]["description"]
    assert "**Would send to the moderators**" in description
    assert "Would post" not in description
    assert "Acty arrived" in description
    # An entry with nothing to show is counted and said, not silently left out.
    assert "1 entry with no title, link or id" in description
    assert preview.embeds[0]["footer"]["text"] == "2 entries in the feed"


async def test_a_saved_feed_is_fetched_once_and_that_fetch_is_its_first_poll(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed(
        "/feed",
        [Item("Hijet Jumbo arrived", "https://kei.example/jumbo"), Item("Old truck")],
        etag='"v1"',
    )
    await server_ready(loopback, trusted=True)
    yoshi = loopback.member("Yoshi")
    saved = await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    assert "“Hijet Jumbo arrived”, is on its way" in saved.text, saved.text
    assert "1 older item is recorded, not posted" in saved.text
    await settle(loopback, "announcements", 1, "the newest item")
    [body] = posts_to(loopback, "announcements")
    assert body["embeds"][0]["title"] == "Hijet Jumbo arrived"
    assert len(server.hits("/feed")) == 1  # the check before saving was the first poll
    feed = await keitora.bot.services.feeds.state(1)
    assert feed is not None
    assert feed.next_poll_at == unix(clock.now() + timedelta(minutes=15))

    # The next poll asks with what the first read was answered, and the feed is unchanged.
    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    await eventually(lambda: len(server.hits("/feed")) == 2, "the second poll")
    assert server.hits("/feed")[1].headers.get("If-None-Match") == '"v1"'
    await next_poll_planned(keitora, clock)

    server.serve_feed(
        "/feed",
        [
            Item("Carry DA63T arrived", "https://kei.example/carry"),
            Item("Hijet Jumbo arrived", "https://kei.example/jumbo"),
            Item("Old truck"),
        ],
        etag='"v2"',
    )
    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    await settle(loopback, "announcements", 2, "the next new item")
    titles = [body["embeds"][0]["title"] for body in posts_to(loopback, "announcements")]
    assert titles == ["Hijet Jumbo arrived", "Carry DA63T arrived"]
    assert len(server.hits("/feed")) == 3


async def test_a_feed_given_at_registration_is_fetched_once(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed("/feed", [Item("Acty arrived", "https://kei.example/acty")])
    admin = loopback.member("Akiko")
    await loopback.slash(
        "setup channel",
        kind="announcements",
        channel=loopback.channel("announcements"),
        actor=admin,
    )
    registered = await loopback.slash(
        "importer-mod register",
        name="Kei Imports",
        member=loopback.member("Yoshi"),
        feed=server.url("/feed"),
        trusted=True,
        actor=loopback.member("Marcus"),
    )
    assert "Registered “Kei Imports”" in registered.text, registered.text
    await settle(loopback, "announcements", 1, "the feed's newest item")
    [body] = posts_to(loopback, "announcements")
    assert body["embeds"][0]["title"] == "Acty arrived"
    assert len(server.hits("/feed")) == 1
    feed = await keitora.bot.services.feeds.state(1)
    assert feed is not None
    assert feed.next_poll_at == unix(clock.now() + timedelta(minutes=15))


async def test_a_feed_is_read_before_it_is_saved_and_one_that_fails_is_refused(
    keitora: RunningBot, loopback: Loopback, server: FeedServer
) -> None:
    server.serve("/shop", b"<!doctype html><html><body>Shop</body></html>")
    server.serve_feed(
        "/feed",
        [
            Item("Hijet Jumbo arrived", "https://kei.example/jumbo"),
            Item("Old truck", "https://kei.example/old"),
        ],
    )
    await server_ready(loopback, trusted=False)
    yoshi = loopback.member("Yoshi")
    for path, reason in (("/shop", "web page"), ("/missing", "(404)")):
        refused = await loopback.slash("importer feed url", url=server.url(path), actor=yoshi)
        assert refused.type == 5  # deferred: reading a feed may take longer than 3 seconds
        assert refused.ephemeral
        assert "not saved" in refused.text, refused.text
        assert reason in refused.text, refused.text
    assert len(server.hits("/shop")) == 1
    assert await keitora.store.fetchval("SELECT count(*) FROM importer_feeds") == 0

    saved = await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    assert saved.type == 5
    assert saved.ephemeral
    # An untrusted importer's newest item goes to the moderators, and the reply says so.
    assert "“Hijet Jumbo arrived”" in saved.text, saved.text
    assert "waits for a moderator" in saved.text
    assert "1 older item is recorded, not posted" in saved.text
    [queued] = await settle(loopback, "mod-queue", 1, "the newest item, queued")
    assert queued.embeds[0]["title"] == "Hijet Jumbo arrived"
    assert loopback.messages("announcements") == []


async def test_registering_with_a_feed_that_cannot_be_read_registers_nothing(
    keitora: RunningBot, loopback: Loopback, server: FeedServer
) -> None:
    server.serve("/shop", b"<!doctype html><html><body>Shop</body></html>")
    refused = await loopback.slash(
        "importer-mod register",
        name="Kei Imports",
        member=loopback.member("Yoshi"),
        feed=server.url("/shop"),
        actor=loopback.member("Marcus"),
    )
    assert refused.type == 5
    assert refused.ephemeral
    assert "cannot be read, so nothing was registered" in refused.text, refused.text
    assert "web page" in refused.text
    assert await keitora.store.fetchval("SELECT count(*) FROM importers") == 0


async def test_a_private_feed_address_is_refused_without_feed_allow_private(
    keitora: RunningBot, loopback: Loopback
) -> None:
    keitora.env["FEED_ALLOW_PRIVATE"] = "off"
    await keitora.restart()
    await server_ready(loopback, trusted=True)
    yoshi = loopback.member("Yoshi")
    for url in (
        "http://169.254.169.254/latest",
        "http://[::ffff:127.0.0.1]/",
        "file:///etc/passwd",
    ):
        refused = await loopback.slash("importer feed url", url=url, actor=yoshi)
        assert refused.ephemeral
        assert "cannot be used" in refused.text
    assert await keitora.store.fetchval("SELECT count(*) FROM importer_feeds") == 0


async def test_an_arrival_card_shows_its_fields_and_eligibility(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    codes = await loopback.autocomplete(
        "importer arrival",
        "model_code",
        "s110",
        actor=loopback.member("Yoshi"),
        make="Daihatsu",
        model="Hijet",
        year=1995,
    )
    assert codes[0]["value"] == "S110P"
    reply = await arrive(loopback, 1995, grade="3.5", mileage_km="45,000", price="9000", state="tx")
    assert "on its way" in reply, reply
    [card] = await settle(loopback, "announcements", 1, "the arrival card")
    fields = {f["name"]: f["value"] for f in card.embeds[0]["fields"]}
    assert card.embeds[0]["title"] == "1995 Daihatsu Hijet S110P 4WD"
    assert fields["Mileage"] == "45,000 km (27,962 mi)"
    assert fields["Auction grade"] == "3.5"
    assert fields["US import (25 years)"] == "Eligible now"

    bad = await loopback.slash(
        "importer arrival",
        make="Suzuki",
        model="Carry",
        year=1995,
        grade="11",
        actor=loopback.member("Yoshi"),
    )
    assert "not an auction grade" in bad.text
    for option, typed, said in (
        ("price", "-1", "The price must be a positive whole number"),
        ("price", "0", "The price must be a positive whole number"),
        ("price", "free", "The price must be a positive whole number"),
        ("mileage_km", "-5", "The mileage must be a whole number, 0 or more"),
    ):
        refused = await loopback.slash(
            "importer arrival",
            make="Suzuki",
            model="Carry",
            year=1995,
            actor=loopback.member("Yoshi"),
            **{option: typed},
        )
        assert refused.ephemeral
        assert said in refused.text, refused.text
    assert len(loopback.messages("announcements")) == 1


async def test_an_alert_sends_one_dm_per_matching_announcement(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika, dale = loopback.member("Mika"), loopback.member("Dale")
    saved = await loopback.slash("alerts add", keywords="jumbo 4wd", actor=mika)
    assert saved.text.startswith("Saved.")
    read = await loopback.slash("alerts add", keywords="carry mileage < 30000 mi", actor=mika)
    assert read.ephemeral
    assert "read as: carry · mileage < 48,280 km (30,000 mi)" in read.text
    await loopback.slash("alerts add", keywords="ジャンボ", actor=mika)
    await loopback.slash("alerts add", keywords="carry", actor=dale)
    listed = await loopback.slash("alerts list", actor=mika)
    assert "jumbo 4wd" in listed.text

    await announce(loopback, "ハイゼット ジャンボ 4WD arrived")
    await settle(loopback, "announcements", 1, "the announcement")
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="Mika's DM")
    [dm] = loopback.dms(mika)
    assert dm.content == "Your alerts `jumbo 4wd` and `ジャンボ` matched this from **Kei Imports**:"
    assert dm.embeds[0]["title"] == "ハイゼット ジャンボ 4WD arrived"
    await keitora.restart()
    assert len(loopback.dms(mika)) == 1
    assert loopback.dms(dale) == []

    choices = await loopback.autocomplete("alerts remove", "alert", "jum", actor=mika)
    removed = await loopback.slash("alerts remove", alert=choices[0]["value"], actor=mika)
    assert "Removed the alert" in removed.text


async def test_a_burst_of_alert_dms_keeps_under_discords_global_limit(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    members = [loopback.guild.add_member(f"Watcher {n:02d}") for n in range(40)]
    for member in members:  # interactions: exempt from the limit, and sent before the burst
        await loopback.slash("alerts add", keywords="jumbo", actor=member)
    first_of_burst = len(loopback.requests)

    await announce(loopback, "Hijet Jumbo arrived")
    await loopback.wait_until(
        lambda: all(loopback.dms(member) for member in members), within=30, what="40 DMs"
    )
    # 80 requests (a DM channel and a message each) that the outbox sent without one 429:
    # as fast as Discord answers, they went past 50 in a second.
    burst = loopback.requests[first_of_burst:]
    assert [r.path for r in burst if r.status == 429] == []
    assert all(len(loopback.dms(member)) == 1 for member in members)


async def test_glossary_suggestions_wait_in_the_same_queue(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    await announce(loopback, "Acty arrived")
    for term in ("hatake", "tanbo"):
        await loopback.slash("glossary suggest", term=term, meaning="A word.", actor=mika)
    posted = await settle(loopback, "mod-queue", 3, "three queue posts")
    assert [m.embeds[0]["author"]["name"] for m in posted] == [
        "Importer announcement from Kei Imports",
        "Glossary suggestion from a member",
        "Glossary suggestion from a member",
    ]
    listed = await loopback.slash("modqueue", actor=marcus)
    assert "`glossary #1` hatake" in listed.text
    assert "`announcement #1` Acty arrived" in listed.text

    opened = await loopback.click(posted[1], "Approve", actor=marcus)
    assert opened.modal is not None, opened.text
    fields = {
        c["label"]: c.get("value", "")
        for row in opened.modal["components"]
        for c in row.get("components", [row.get("component", {})])
        if c.get("type") == 4
    }
    fields["Category"] = "culture"
    added = await loopback.submit_modal(opened, fields, actor=marcus)
    assert added.type == 7  # the post itself says so, and its buttons go
    assert (
        added.content == f"Approved by <@{marcus.id}>; “hatake” is in this server's glossary now."
    )
    assert loopback.messages("mod-queue")[1].components == []

    reject = await loopback.click(posted[2], "Reject", actor=marcus)
    done = await loopback.submit_modal(
        reject, {"Reason (the submitter reads it)": "Spelled nōkyō here"}, actor=marcus
    )
    assert "Rejected by" in done.text
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="the DM")
    assert "Spelled nōkyō here" in loopback.dms(mika)[0].content
    left = await loopback.slash("modqueue", actor=marcus)
    assert "glossary" not in left.text
    assert "Acty arrived" in left.text


QUEUE_EDIT = ("PATCH", "/channels/{channel_id}/messages/{message_id}")


async def test_a_decision_taken_in_a_list_shows_on_the_queue_post(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")
    await announce(loopback, "Acty arrived")
    await loopback.slash("glossary suggest", term="hatake", meaning="A field.", actor=mika)
    announced, suggested = await settle(loopback, "mod-queue", 2, "two queue posts")

    listed = await loopback.slash("modqueue", actor=marcus)
    assert listed.message is not None
    assert listed.message.buttons == [  # each kind numbers its items: "#1" alone is two
        "Approve announcement #1",
        "Reject announcement #1",
        "Approve glossary #1",
        "Reject glossary #1",
        "Refresh",
    ]
    approved = await loopback.click(listed, "Approve announcement #1", actor=marcus)
    assert approved.ephemeral
    outcome = f"Approved by <@{marcus.id}>; it is on its way to the announcements channel."
    assert approved.content == outcome
    listed = await loopback.slash("glossary-mod suggestions", actor=marcus)
    asked = await loopback.click(listed, "Reject glossary #1", actor=marcus)
    await loopback.submit_modal(
        asked, {"Reason (the submitter reads it)": "Spelled hatake"}, actor=marcus
    )

    await loopback.wait_until(
        lambda: len(requests(loopback, QUEUE_EDIT)) == 2, within=10, what="the posts' edits"
    )
    edits = {r.path: r.request for r in requests(loopback, QUEUE_EDIT)}
    for post, said in (
        (announced, outcome),
        (
            suggested,
            f"Rejected by <@{marcus.id}>; a member will be told why.\nReason: Spelled hatake",
        ),
    ):
        sent = edits[f"/channels/{post.channel_id}/messages/{post.id}"]
        assert sent["content"] == said
        assert sent["components"] == []
        assert sent["allowed_mentions"]["parse"] == []
    # A moderator who opens the post later finds it decided, not a button that says so.
    assert [m.components for m in loopback.messages("mod-queue")] == [[], []]


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


async def test_moderators_are_told_once_of_a_failing_feed_and_of_a_gone_one(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed("/feed", [Item("Acty arrived", "https://kei.example/acty")])
    await server_ready(loopback, trusted=True)
    yoshi = loopback.member("Yoshi")
    await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    await settle(loopback, "announcements", 1, "the first poll's newest item")
    # The shop moves its site: the feed's address now serves a web page.
    server.serve("/feed", b"<!doctype html><html><body>Shop</body></html>")
    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    for failures in range(1, 8):
        # The bot times its next try from when it recorded the failure: the clock moves on
        # only after that, not as soon as the request reached the feed server.
        await failures_recorded(keitora, failures)
        if failures == 1:
            info = await loopback.slash("importer info", importer="1", actor=yoshi)
            assert "Failed 1 time in a row" in info.embeds[0]["fields"][3]["value"]
        clock.advance(timedelta(hours=24))
        keitora.bot.services.jobs.wake()
    [told] = await settle(loopback, "mod-queue", 1, "the failing-feed notice")
    assert "failed 5 times in a row" in told.content
    assert "web page" in told.content

    server.serve("/feed", b"", status=410)
    await loopback.wait_until(
        lambda: len(loopback.messages("mod-queue")) == 2, within=10, what="the gone notice"
    )
    assert "is gone" in loopback.messages("mod-queue")[1].content
    polls = len(server.hits("/feed"))
    clock.advance(timedelta(days=3))
    keitora.bot.services.jobs.wake()
    info = await loopback.slash("importer info", importer="1", actor=yoshi)
    assert "Gone (410)" in info.embeds[0]["fields"][3]["value"]
    assert len(server.hits("/feed")) == polls


async def test_a_suspension_holds_back_announcements_not_sent_yet_until_it_is_lifted(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    await server_ready(loopback, trusted=True)
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    await loopback.slash("alerts add", keywords="jumbo", actor=mika)
    jobs = keitora.bot.services.jobs
    # The outbox is behind (as while the bot is down for the server): the post, its publish
    # and Mika's alert DM wait when the importer is suspended.
    jobs.pause_servers([loopback.guild.id])
    assert "on its way" in await announce(loopback, "Hijet Jumbo arrived")
    suspended = await loopback.slash(
        "importer-mod suspend", importer="1", reason="Prices missing", actor=marcus
    )
    assert "1 announcement not sent yet is held back, and posted once the suspension is " in (
        suspended.text
    ), suspended.text
    jobs.resume_server(loopback.guild.id)

    async def all_held() -> bool:
        due = await keitora.store.fetchall(
            "SELECT due_at FROM jobs WHERE kind IN ('importer.post', 'importer.publish', "
            "'alert.dm') AND state = 'pending'"
        )
        return len(due) == 3 and all(row["due_at"] > unix(clock.now()) for row in due)

    await eventually(all_held, "the held post, publish and DM")
    clock.advance(timedelta(minutes=15))
    jobs.wake()
    await eventually(all_held, "a second look, still held")
    assert posts_to(loopback, "announcements") == []
    assert requests(loopback, CROSSPOST) == []
    assert loopback.dms(mika) == []

    lifted = await loopback.slash("importer-mod unsuspend", importer="1", actor=marcus)
    assert "Suspension lifted" in lifted.text
    await settle(loopback, "announcements", 1, "the post held back")
    [body] = posts_to(loopback, "announcements")
    assert body["embeds"][0]["title"] == "Hijet Jumbo arrived"
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="the DM")
    await loopback.wait_until(
        lambda: len(requests(loopback, CROSSPOST)) == 1, within=10, what="the publish"
    )


async def test_a_moderator_edits_an_importers_profile_as_registration_checks_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    marcus = loopback.member("Marcus")
    refused = await loopback.slash(
        "importer-mod edit", importer="1", trusted=True, actor=loopback.member("Mika")
    )
    assert refused.ephemeral
    assert "Only moderators can register, edit, suspend or remove importers" in refused.text
    for fields, said in (
        ({"website": "http://kei.example"}, "must be an https:// link"),
        ({"name": "x" * 80, "state": "Texass"}, "not a US state"),
        ({}, "Give something to change"),
    ):
        bad = await loopback.slash("importer-mod edit", importer="1", actor=marcus, **fields)
        assert bad.ephemeral
        assert said in bad.text, bad.text

    edited = await loopback.slash(
        "importer-mod edit",
        importer="1",
        name="@everyone Kei Trucks",
        website="https://kei.example/trucks",
        trusted=True,
        actor=marcus,
    )
    assert edited.ephemeral
    assert edited.content == "Saved “@\u200beveryone Kei Trucks”."
    embed = edited.embeds[0]
    assert embed["title"] == "@\u200beveryone Kei Trucks"
    assert embed["url"] == "https://kei.example/trucks"
    assert {"name": "Status", "value": "trusted", "inline": True} in embed["fields"]
    # Trusted from now on: the next announcement goes straight out, under the new name.
    assert "on its way" in await announce(loopback, "Hijet Jumbo arrived")
    await settle(loopback, "announcements", 1, "the trusted announcement")
    [body] = posts_to(loopback, "announcements")
    assert body["embeds"][0]["author"]["name"] == "@everyone Kei Trucks · verified importer"
    assert body["allowed_mentions"]["parse"] == []


async def test_a_removed_importer_leaves_the_queue_its_feed_stops_and_its_posts_stay(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed("/feed", [Item("Acty arrived", "https://kei.example/acty")])
    await server_ready(loopback, trusted=False)
    marcus, yoshi = loopback.member("Marcus"), loopback.member("Yoshi")
    await announce(loopback, "Carry DA63T arrived")
    [first] = await settle(loopback, "mod-queue", 1, "the first queue post")
    await loopback.click(first, "Approve", actor=marcus)
    [posted] = await settle(loopback, "announcements", 1, "the approved announcement")
    await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    await announce(loopback, "Hijet Jumbo arrived")
    _, from_feed, typed = await settle(loopback, "mod-queue", 3, "two more queue posts")
    akiko = loopback.member("Akiko")
    stale = await loopback.slash("modqueue", actor=akiko)  # open when the importer goes

    # Asked first, since it cannot be undone; kept, nothing changes.
    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    assert asked.ephemeral
    assert asked.content == (
        "Remove “Kei Imports” for good? This cannot be undone: its profile and feed are "
        "deleted, and 2 announcements waiting in the moderation queue will never be posted. "
        "What it posted stays, its card naming a former importer. To stop it for a while "
        "instead, use "
        "`/importer-mod suspend`."
    )
    assert asked.message is not None
    assert asked.message.buttons == ["Remove Kei Imports", "Keep it"]
    kept = await loopback.click(asked, "Keep it", actor=marcus)
    assert kept.type == 7  # the question itself is answered: its buttons are gone
    assert (kept.content, kept.components) == ("Kept; nothing was removed.", [])
    assert requests(loopback, QUEUE_EDIT) == []
    assert "Kei Imports" in (await loopback.slash("importer list", actor=akiko)).text

    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    removed = await loopback.click(asked, "Remove Kei Imports", actor=marcus)
    assert removed.type == 7
    assert removed.components == []
    assert removed.text.startswith(
        "Removed “Kei Imports”: its feed is no longer read, and what it posted stays, its card "
        "naming a former importer. 2 announcements that waited in the moderation queue leave "
        "it unposted."
    ), removed.text
    # Both queue posts are settled as a decision taken elsewhere settles them.
    queue = loopback.channel("mod-queue").id

    def queue_edits() -> list[RequestRecord]:
        # The posted card is edited too, to name a former importer (test_importer_removal_records).
        return [r for r in requests(loopback, QUEUE_EDIT) if f"/channels/{queue}/" in r.path]

    await loopback.wait_until(lambda: len(queue_edits()) == 2, within=10, what="the posts' edits")
    outcome = f"Removed with “Kei Imports” by <@{marcus.id}>; it will not be posted."
    for post in (from_feed, typed):
        [edit] = [
            r.request
            for r in queue_edits()
            if r.path == f"/channels/{post.channel_id}/messages/{post.id}"
        ]
        assert edit["content"] == outcome
        assert edit["components"] == []
        assert edit["allowed_mentions"]["parse"] == []
    assert [m.components for m in loopback.messages("mod-queue")] == [[], [], []]
    late = await loopback.click(stale, "Approve announcement #3", actor=akiko)
    assert late.type == 7  # the out-of-date page itself, shown again
    assert late.content == f"That importer announcement was already decided: {outcome}"
    assert "Nothing is waiting" in late.text
    listed = await loopback.slash("modqueue", actor=marcus)
    assert "Nothing is waiting" in listed.text

    refused = await loopback.slash("importer announce", actor=yoshi)
    assert "Only verified importers" in refused.text
    clock.advance(timedelta(hours=1))
    keitora.bot.services.jobs.wake()
    await loopback.wait_until(lambda: True, within=0.5)
    assert len(server.hits("/feed")) == 1
    assert [m.id for m in loopback.messages("announcements")] == [posted.id]
    assert not [r for r in loopback.requests if r.method == "DELETE" and "/messages/" in r.path]

    again = await loopback.slash(
        "importer-mod register", name="Kei Imports", member=yoshi, actor=marcus
    )
    assert again.content.startswith("Registered “Kei Imports”"), again.text


async def test_an_alert_word_written_with_a_slash_or_hyphen_matches_it_written_so(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika, dale = loopback.member("Mika"), loopback.member("Dale")
    for keywords in ("a/c", "camper-shell"):
        saved = await loopback.slash("alerts add", keywords=keywords, actor=mika)
        assert saved.text.startswith("Saved."), saved.text
    await loopback.slash("alerts add", keywords="acty", actor=dale)

    await announce(loopback, "Acty with cold A/C", body="Comes with a camper-shell.")
    await loopback.wait_until(lambda: loopback.dms(dale), within=10, what="Dale's DM")
    await loopback.wait_until(lambda: loopback.dms(mika), within=10, what="Mika's DM")
    dm_channel = loopback.dm_channel(mika).id
    [body] = [r.request for r in requests(loopback, POST) if f"/channels/{dm_channel}/" in r.path]
    assert body["content"].endswith("matched this from **Kei Imports**:"), body
    assert "`a/c`" in body["content"], body
    assert "`camper-shell`" in body["content"], body
    assert body["embeds"][0]["title"] == "Acty with cold A/C"


async def test_two_trucks_of_one_model_arrive_and_only_the_same_truck_twice_is_a_repeat(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    first = await arrive(loopback, 1996, mileage_km="45000", price="8500")
    assert "on its way" in first, first
    second = await arrive(loopback, 1996, mileage_km="88000", price="6500")
    assert "on its way" in second, second
    again = await arrive(loopback, 1996, mileage_km="88000", price="6500")
    assert "was announced in the last 7 days" in again, again

    await settle(loopback, "announcements", 2, "both arrival cards")
    bodies = posts_to(loopback, "announcements")
    mileages = [
        {f["name"]: f["value"] for f in body["embeds"][0]["fields"]}["Mileage"] for body in bodies
    ]
    assert mileages == ["45,000 km (27,962 mi)", "88,000 km (54,681 mi)"]


@pytest.mark.parametrize(
    ("year", "fields", "title", "lines"),
    [
        (
            1996,
            {"grade": "4.5", "mileage_km": "45000", "price": "8500", "state": "OR"},
            "1996 Daihatsu Hijet S110P 4WD",
            [
                "Auction grade: 4.5",
                "Mileage: 45,000 km (27,962 mi)",
                "Price: $8,500",
                "In: OR",
                "US import (25 years): eligible now",
            ],
        ),
        # Too young for the 25-year exemption: worth a moderator's look.
        (
            2005,
            {"model_code": "S200P", "price": "8500"},
            "2005 Daihatsu Hijet S200P 4WD",
            ["Price: $8,500", "US import (25 years): eligible from 2031-01-01"],
        ),
    ],
    ids=["eligible", "too young"],
)
async def test_a_queued_arrival_shows_the_moderators_the_truck_they_approve(
    keitora: RunningBot,
    loopback: Loopback,
    year: int,
    fields: dict[str, str],
    title: str,
    lines: list[str],
) -> None:
    await server_ready(loopback, trusted=False)
    reply = await arrive(loopback, year, **fields)
    assert "waits for a moderator" in reply, reply
    await settle(loopback, "mod-queue", 1, "the queue post")
    [body] = posts_to(loopback, "mod-queue")
    card = body["embeds"][0]
    assert card["title"] == title
    assert card["description"].splitlines() == lines


async def test_an_alerts_model_code_is_read_as_arrivals_read_it_and_an_unknown_one_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika = loopback.member("Mika")
    unknown = await loopback.slash("alerts add", keywords="carry code:DA63", actor=mika)
    assert unknown.ephemeral
    assert "not a model code I know" in unknown.text, unknown.text
    saved = await loopback.slash("alerts add", keywords="code:EBD-DA63T", actor=mika)
    assert "read as: code = DA63T" in saved.text, saved.text
    listed = await loopback.slash("alerts list", actor=mika)
    assert "carry" not in listed.text

    carry = {"make": "Suzuki", "model": "Carry", "year": 2005, "model_code": "EBD-DA63T"}
    reply = await loopback.slash("importer arrival", **carry, actor=loopback.member("Yoshi"))
    assert "on its way" in reply.text, reply.text
    await loopback.wait_until(lambda: loopback.dms(mika), within=10, what="Mika's DM")
    dm_channel = loopback.dm_channel(mika).id
    [body] = [r.request for r in requests(loopback, POST) if f"/channels/{dm_channel}/" in r.path]
    assert body["content"].startswith("Your alert `code:EBD-DA63T` matched this"), body
    assert body["embeds"][0]["title"] == "2005 Suzuki Carry DA63T"


async def test_an_importer_is_not_alerted_of_their_own_announcement(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika, yoshi = loopback.member("Mika"), loopback.member("Yoshi")
    for member in (yoshi, mika):  # Yoshi watches for the Jumbos other importers bring in
        saved = await loopback.slash("alerts add", keywords="jumbo", actor=member)
        assert saved.text.startswith("Saved."), saved.text

    await announce(loopback, "Hijet Jumbo arrived")
    await loopback.wait_until(lambda: loopback.dms(mika), within=10, what="Mika's DM")
    # The DMs were planned with the announcement, at once: Mika's is the only one.
    planned = await keitora.bot.services.jobs.keys("alert.dm", "")
    assert [key.split(":")[1] for key in planned] == [str(mika.id)]
    assert loopback.dms(yoshi) == []


async def test_new_feed_items_of_one_poll_are_posted_oldest_first(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed("/feed", [Item("Old truck", "https://kei.example/old")])
    await server_ready(loopback, trusted=True)
    await loopback.slash(
        "importer feed url", url=server.url("/feed"), actor=loopback.member("Yoshi")
    )
    await settle(loopback, "announcements", 1, "the newest item of the first poll")

    # Newest first, as feeds list them: the Acty came in after the Carry.
    server.serve_feed(
        "/feed",
        [
            Item("Acty arrived", "https://kei.example/acty"),
            Item("Carry arrived", "https://kei.example/carry"),
            Item("Old truck", "https://kei.example/old"),
        ],
    )
    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    await settle(loopback, "announcements", 3, "the two new feed items")
    titles = [body["embeds"][0]["title"] for body in posts_to(loopback, "announcements")]
    assert titles == ["Old truck", "Carry arrived", "Acty arrived"]


async def test_an_arrival_whose_model_code_is_another_truck_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    for make, model in (("Honda", "Acty"), ("Daihatsu", "Carry")):
        refused = await arrive(loopback, 1996, make=make, model=model)
        assert "S110P is a Daihatsu Hijet" in refused, refused
    reply = await arrive(loopback, 1996, make="daihatsu", model="Hijet Jumbo", drive="2wd")
    assert "on its way" in reply, reply
    await settle(loopback, "announcements", 1, "the arrival card")
    [body] = posts_to(loopback, "announcements")
    assert body["embeds"][0]["title"] == "1996 daihatsu Hijet Jumbo S110P 2WD"


async def test_an_alert_reads_a_state_by_name_a_price_in_words_and_thousands_as_k(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika = loopback.member("Mika")
    saved = await loopback.slash(
        "alerts add", keywords="hijet state:Colorado under $9k", actor=mika
    )
    assert saved.ephemeral
    assert "when an arrival card (only those give a price, year, state…) matches" in saved.text
    assert "read as: hijet · state = CO · price ≤ $9,000" in saved.text, saved.text
    twin = await loopback.slash("alerts add", keywords="Hijet state:co price<=9000", actor=mika)
    assert "You already have the alert “hijet state:CO price<=9k”" in twin.text, twin.text

    # The importer names the state too, and the card keeps its code.
    reply = await arrive(loopback, 1995, price="8,500", state="colorado")
    assert "on its way" in reply, reply
    [card] = await settle(loopback, "announcements", 1, "the arrival card")
    fields = {f["name"]: f["value"] for f in card.embeds[0]["fields"]}
    assert fields["In"] == "CO"
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="Mika's DM")
    [dm] = loopback.dms(mika)
    assert dm.content.startswith("Your alert `hijet state:CO price<=9k` matched this"), dm.content


async def test_a_feed_item_repeating_what_the_importer_announced_is_not_posted_or_dmed_again(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed("/feed", [Item("Old truck", "https://kei.example/old")])
    await server_ready(loopback, trusted=True)
    mika, yoshi = loopback.member("Mika"), loopback.member("Yoshi")
    await loopback.slash("alerts add", keywords="jumbo", actor=mika)
    await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    await settle(loopback, "announcements", 1, "the newest item of the first poll")
    await announce(loopback, "Hijet Jumbo arrived!")
    await settle(loopback, "announcements", 2, "the announcement")
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="Mika's DM")

    # The importer's site lists the same truck a little later, and a new one.
    server.serve_feed(
        "/feed",
        [
            Item("Hijet jumbo arrived", "https://kei.example/jumbo"),
            Item("Acty arrived", "https://kei.example/acty"),
            Item("Old truck", "https://kei.example/old"),
        ],
    )
    preview = await loopback.slash("importer feed test", actor=yoshi)
    description = preview.embeds[0]["description"]
    would_post, would_not = description.split("**Would not post**")
    assert "Acty arrived" in would_post
    assert "Hijet jumbo arrived — you announced it this week" in would_not, description

    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    await settle(loopback, "announcements", 3, "the new feed item")
    await keitora.restart()  # what the poll planned is sent by now, or after the restart

    async def all_sent() -> bool:
        return not await keitora.bot.services.jobs.pending_keys("importer.post", "")

    await eventually(all_sent, "every post sent")
    titles = [card.embeds[0]["title"] for card in loopback.messages("announcements")]
    assert titles == ["Old truck", "Hijet Jumbo arrived!", "Acty arrived"]
    assert len(loopback.dms(mika)) == 1
