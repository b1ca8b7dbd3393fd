"""/build start through the loopback: forum posts (with their tags) and threads, the spec card as
the truck was read, the day's limit on starts, and builds kept to their server; and the helpers
the other build tests share. Updates are in test_build_updates.py, closed, locked and deleted
builds in test_build_states.py, the ledger and lists in test_build_ledger.py, bad input in
test_build_refusals.py."""

from __future__ import annotations

from datetime import timedelta

from bot.builds.service import STARTS_PER_DAY
from sandbox import ChannelRef, Loopback, Message, Reply
from sandbox.channels import REQUIRE_TAG
from sandbox.core import RequestRecord
from sandbox.state import ChannelType, Json, Permission
from tests.images import png
from tests.test_builds import TRUCKS

from .conftest import RunningBot

FORUM_POST = ("POST", "/channels/{channel_id}/threads")
THREAD_FROM_MESSAGE = ("POST", "/channels/{channel_id}/messages/{message_id}/threads")
POST = ("POST", "/channels/{channel_id}/messages")
EDIT_MESSAGE = ("PATCH", "/channels/{channel_id}/messages/{message_id}")
EDIT_CHANNEL = ("PATCH", "/channels/{channel_id}")
PNG = png(640, 480, padding=2048)


def requests(loopback: Loopback, route: tuple[str, str]) -> list[RequestRecord]:
    return [r for r in loopback.requests if (r.method, r.template) == route]


def field(embed: Json, name: str) -> str:
    return next(f["value"] for f in embed["fields"] if f["name"] == name)


async def builds_channel(loopback: Loopback, name: str = "builds") -> ChannelRef:
    channel = loopback.channel(name)
    await loopback.slash(
        "setup channel", kind="builds", channel=channel, actor=loopback.member("Akiko")
    )
    return channel


async def start(loopback: Loopback, actor: str = "Mika", **options: object) -> Reply:
    fields = {"title": "Camper Carry", "truck": "1994 Suzuki Carry DA51T"}
    return await loopback.slash(
        "build start",
        actor=loopback.member(actor),
        **(fields | options),  # type: ignore[arg-type]
    )


def thread_ref(loopback: Loopback, thread_id: str) -> ChannelRef:
    thread = loopback.world.channels[thread_id]
    return ChannelRef(thread["id"], thread["name"], thread["guild_id"], thread["type"])


def newest_thread(loopback: Loopback) -> ChannelRef:
    threads = [c for c in loopback.world.channels.values() if c["type"] in ChannelType.THREADS]
    return thread_ref(loopback, max(threads, key=lambda c: int(c["id"]))["id"])


def card(loopback: Loopback, thread: ChannelRef) -> Message:
    """The build card: a forum post's starter message (sharing the thread's id)."""
    return next(m for m in loopback.messages(thread) if m.id == thread.id)


async def test_start_in_a_forum_posts_the_card_with_matching_tags(
    loopback: Loopback, keitora: RunningBot
) -> None:
    forum = await builds_channel(loopback)
    reply = await start(loopback, tags="camper, off-road, daily")
    assert reply.ephemeral
    assert "Build #1 started" in reply.text
    assert "year 1994, make Suzuki, model Carry, code DA51T" in reply.text
    assert "no tag for daily" in reply.text  # the bot may not add forum tags, and says so

    [post] = requests(loopback, FORUM_POST)
    assert post.path == f"/channels/{forum.id}/threads"
    sent = post.request
    tags = {t["name"]: t["id"] for t in loopback.world.channels[forum.id]["available_tags"]}
    assert sent["applied_tags"] == [tags["camper"], tags["off-road"]]
    embed = sent["message"]["embeds"][0]
    assert embed["title"] == "#1 · Camper Carry"
    assert field(embed, "Model code") == "DA51T"
    assert field(embed, "Year") == "1994"
    assert sent["message"]["allowed_mentions"]["parse"] == []

    second = await start(loopback, title="Farm truck", truck="Honda Acty HA4", tags="daily")
    assert "no tag" not in second.text  # said once per server


async def test_start_in_a_text_channel_starts_a_thread_on_the_card(
    loopback: Loopback, keitora: RunningBot
) -> None:
    assert loopback.guild is not None
    general = await builds_channel(loopback, "general")
    reply = await start(loopback, tags="work")
    assert "started in <#" in reply.text
    [card_post] = [
        r for r in requests(loopback, POST) if r.path.endswith(f"/{general.id}/messages")
    ]
    assert card_post.request["embeds"][0]["title"] == "#1 · Camper Carry"
    [thread] = requests(loopback, THREAD_FROM_MESSAGE)
    assert thread.request["name"] == "Camper Carry"

    # The card stays in the channel, where the thread was started on it: it is edited there.
    card_id = card_post.response["id"]
    where = newest_thread(loopback)
    updated = await loopback.slash("build update", text="New tyres", odometer=45000, where=where)
    assert "deleted" not in updated.text
    [edit] = [r for r in requests(loopback, EDIT_MESSAGE) if r.path.endswith(f"/{card_id}")]
    assert edit.path == f"/channels/{general.id}/messages/{card_id}"
    assert edit.status == 200
    assert field(edit.request["embeds"][0], "Odometer") == "45,000 mi (72,420 km)"


def a_day_on_after_a_days_starts(keitora: RunningBot, started: int) -> None:
    """Move to the next day once a member has started as many builds as a day allows."""
    if started % STARTS_PER_DAY == 0:
        keitora.clock.advance(timedelta(days=1))


async def forum_build(loopback: Loopback, actor: str = "Mika", **options: object) -> ChannelRef:
    await builds_channel(loopback)
    await start(loopback, actor, **options)
    return newest_thread(loopback)


def option_limits(loopback: Loopback, *path: str) -> dict[str, int | None]:
    """The max_length of each option of a synced command, `path` naming it (`build`, `update`)."""
    options = loopback.commands()
    for name in path:
        options = next(o for o in options if o["name"] == name).get("options", [])
    return {o["name"]: o.get("max_length") for o in options}


async def test_a_build_of_another_server_is_not_found(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    other = loopback.add_guild("Other Kei Club", owner="Ottó")
    lobby = other.add_channel("lobby")
    member = other.add_member("Sam")
    await loopback.gateway.dispatch("GUILD_CREATE", other.gateway_payload())
    reply = await loopback.slash("build show", build="1", actor=member, where=lobby)
    assert "There is no build #1 in this server." in reply.text
    listed = await loopback.slash("build list", actor=member, where=lobby)
    assert "No builds yet: start one with `/build start`." in listed.text
    assert await loopback.autocomplete("build show", "build", "", actor=member, where=lobby) == []


async def test_missing_forum_tags_are_created_when_the_bot_may_manage_the_forum(
    loopback: Loopback, keitora: RunningBot
) -> None:
    assert loopback.guild is not None
    role = next(r for r in loopback.guild.roles.values() if r["managed"])
    role["permissions"] = str(int(role["permissions"]) | Permission.MANAGE_CHANNELS)
    await loopback.gateway.dispatch(
        "GUILD_ROLE_UPDATE", {"guild_id": loopback.guild.id, "role": role}
    )
    forum = await builds_channel(loopback)
    reply = await start(loopback, tags="daily, camper")
    assert "no tag" not in reply.text
    [edit] = [r for r in requests(loopback, EDIT_CHANNEL) if r.path.endswith(forum.id)]
    assert [t["name"] for t in edit.request["available_tags"] if "id" not in t] == ["daily"]
    tags = {t["name"]: t["id"] for t in loopback.world.channels[forum.id]["available_tags"]}
    applied = requests(loopback, FORUM_POST)[0].request["applied_tags"]
    assert sorted(applied) == sorted([tags["daily"], tags["camper"]])


async def test_a_member_starts_at_most_five_builds_a_day_so_the_forum_is_not_flooded(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    for n in range(STARTS_PER_DAY):
        assert f"Build #{n + 1} started" in (await start(loopback, title=f"Truck {n}")).text
        keitora.clock.advance(timedelta(hours=1))
    refused = await start(loopback, title="One more")
    assert refused.ephemeral
    assert refused.text == (
        "You started 5 builds in the last 24 hours, the most a day allows; you can start the "
        "next in about 19 hours."
    )
    assert len(requests(loopback, FORUM_POST)) == STARTS_PER_DAY
    assert "Build #6 started" in (await start(loopback, title="Rosa's", actor="Rosa")).text
    keitora.clock.advance(timedelta(hours=18, minutes=30))
    assert "within the hour" in (await start(loopback, title="One more")).text
    keitora.clock.advance(timedelta(minutes=31))
    assert "Build #7 started" in (await start(loopback, title="One more")).text


async def test_a_forum_that_requires_tags_gets_no_post_it_would_refuse(
    loopback: Loopback, keitora: RunningBot
) -> None:
    forum = await builds_channel(loopback)
    channel = loopback.world.channels[forum.id]
    channel["flags"] = REQUIRE_TAG  # an admin asks every post for a tag
    await loopback.gateway.dispatch("CHANNEL_UPDATE", channel)

    untagged = await start(loopback)
    assert untagged.ephemeral
    assert untagged.text == (
        f"<#{forum.id}> asks every post for a tag: give the build one of its tags: off-road, "
        "camper, show, work, mobile-business, restoration, ev-conversion."
    )
    unknown = await start(loopback, tags="daily")
    assert unknown.text.startswith(f"<#{forum.id}> asks every post for a tag; it has no tag for")
    assert requests(loopback, FORUM_POST) == []

    tagged = await start(loopback, tags="daily, camper")
    assert "Build #1 started" in tagged.text  # nothing was kept of the refused ones
    [post] = requests(loopback, FORUM_POST)
    assert len(post.request["applied_tags"]) == 1
    thread = newest_thread(loopback)
    cleared = await loopback.slash("build spec", tags="daily", where=thread)
    assert "it has no tag for daily" in cleared.text
    assert field(card(loopback, thread).embeds[0], "Tags") == "camper, daily"
    shown = await loopback.slash("build show", build="1")
    assert field(shown.embeds[0], "Tags") == "camper, daily"  # the refusal changed nothing


async def test_without_a_builds_channel_the_member_is_told_which_setup_to_run(
    loopback: Loopback, keitora: RunningBot
) -> None:
    reply = await start(loopback)
    assert reply.ephemeral
    assert "`/setup channel kind:builds`" in reply.text
    assert requests(loopback, FORUM_POST) == []
    assert "no builds" in (await loopback.slash("garage")).text


async def test_every_truck_of_the_table_reaches_the_card_as_read(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    labels = {"year": "Year", "make": "Make", "model": "Model", "code": "Model code"}
    for started, (typed, year, make, model, code) in enumerate(TRUCKS):
        a_day_on_after_a_days_starts(keitora, started)
        # A member's builds never share a title.
        reply = await start(loopback, title=f"Truck {started}", truck=typed)
        assert f"Build #{started + 1} started" in reply.text, (typed, reply.text)
        embed = requests(loopback, FORUM_POST)[-1].request["message"]["embeds"][0]
        shown = {f["name"]: f["value"] for f in embed["fields"]}
        expected = {"year": year, "make": make, "model": model, "code": code}
        for key, value in expected.items():
            assert shown.get(labels[key]) == (None if value is None else str(value)), typed
