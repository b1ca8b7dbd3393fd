"""The note that the builds forum lacks tags the bot may not add: said once, not on every post,
and said again when it is news again: the forum's tags or permissions changed, or the server
chose another builds channel."""

from __future__ import annotations

from sandbox import Loopback
from sandbox.state import ChannelRef, ChannelType

from .conftest import RunningBot
from .test_builds import EDIT_CHANNEL, FORUM_POST, REQUIRE_TAG, builds_channel, requests, start
from .test_showcase import grant_manage_channels

NOTE = "no tag for"


async def test_the_note_comes_again_after_the_forums_tags_are_removed(
    loopback: Loopback, keitora: RunningBot
) -> None:
    forum = await builds_channel(loopback)
    first = await start(loopback, tags="daily")
    assert f"{NOTE} daily" in first.text
    second = await start(loopback, title="Farm truck", tags="daily, camper")
    assert NOTE not in second.text  # not on every post

    # An admin removes the camper tag from the forum.
    channel = loopback.world.channels[forum.id]
    channel["available_tags"] = [t for t in channel["available_tags"] if t["name"] != "camper"]
    await loopback.core.dispatch("CHANNEL_UPDATE", channel)
    third = await start(loopback, title="Dump bed", tags="camper")
    assert f"{NOTE} camper" in third.text
    fourth = await start(loopback, title="Coffee cart", tags="camper")
    assert NOTE not in fourth.text


async def test_an_unrelated_channel_change_does_not_bring_the_note_back(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    assert NOTE in (await start(loopback, tags="daily")).text
    general = loopback.world.channels[loopback.channel("general").id]
    general["topic"] = "Anything kei, and trucks"
    await loopback.core.dispatch("CHANNEL_UPDATE", general)
    assert NOTE not in (await start(loopback, title="Farm truck", tags="daily")).text


async def test_the_note_comes_again_for_a_new_builds_forum(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    assert NOTE in (await start(loopback, tags="daily")).text
    await loopback.create_channel("builds-2", ChannelType.GUILD_FORUM)
    await builds_channel(loopback, "builds-2")
    reply = await start(loopback, title="Farm truck", tags="work")
    assert f"{NOTE} work" in reply.text


async def forum_holding(
    loopback: Loopback, count: int, *, flags: int = 0, build_tags: bool = True
) -> ChannelRef:
    """The builds forum, its tags (its build tags, or none of them) made up to `count` by an
    admin with tags of their own, and its `flags` set."""
    forum = await builds_channel(loopback)
    channel = loopback.world.channels[forum.id]
    channel["flags"] = flags
    kept = channel["available_tags"] if build_tags else []
    theirs = [
        {"id": str(9_000 + n), "name": f"club {n}", "moderated": False, "emoji_id": None}
        | {"emoji_name": None}
        for n in range(count - len(kept))
    ]
    channel["available_tags"] = [*kept, *theirs]
    await loopback.core.dispatch("CHANNEL_UPDATE", channel)
    return forum


def build_tags_of(loopback: Loopback, forum: ChannelRef) -> set[str]:
    return {
        t["name"]
        for t in loopback.world.channels[forum.id]["available_tags"]
        if not t["name"].startswith("club")
    }


async def test_a_forum_holding_discords_20_tags_is_said_to_be_full_not_out_of_reach(
    loopback: Loopback, keitora: RunningBot
) -> None:
    """A bot that may manage the forum was told it may not add tags (Manage Channels): an
    admin granting it again changed nothing."""
    await grant_manage_channels(loopback)
    assert "daily" not in build_tags_of(loopback, await forum_holding(loopback, 20))
    reply = await start(loopback, tags="daily")
    assert reply.text.endswith(
        "\nThe forum has no tag for daily, and it holds the 20 tags Discord allows a forum, "
        "so the post goes without it. I will say this again only once the forum changes."
    ), reply.text
    assert requests(loopback, EDIT_CHANNEL) == []
    assert len(requests(loopback, FORUM_POST)) == 1


async def test_a_forum_with_room_for_one_more_tag_takes_the_first_missing_and_says_the_rest(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await grant_manage_channels(loopback)
    held = build_tags_of(loopback, await forum_holding(loopback, 19))
    assert not {"daily", "complete"} & held
    reply = await start(loopback, tags="daily, complete")
    [edit] = requests(loopback, EDIT_CHANNEL)
    assert [t["name"] for t in edit.request["available_tags"] if "id" not in t] == ["complete"]
    assert f"{NOTE} daily, and it holds the 20 tags Discord allows a forum" in reply.text
    forum = loopback.world.channels[loopback.channel("builds").id]
    complete = next(t["id"] for t in forum["available_tags"] if t["name"] == "complete")
    assert requests(loopback, FORUM_POST)[0].request["applied_tags"] == [complete]


async def test_a_forum_requiring_tags_with_room_for_one_takes_a_post_missing_two(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await grant_manage_channels(loopback)
    await forum_holding(loopback, 19, flags=REQUIRE_TAG)
    reply = await start(loopback, tags="daily, complete")
    assert "Build #1 started" in reply.text, reply.text
    [post] = requests(loopback, FORUM_POST)
    assert len(post.request["applied_tags"]) == 1


async def test_a_full_forum_requiring_tags_is_not_said_to_need_manage_channels(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await grant_manage_channels(loopback)
    forum = await forum_holding(loopback, 20, flags=REQUIRE_TAG, build_tags=False)
    refused = await start(loopback, tags="daily")
    assert refused.ephemeral
    assert refused.text == (
        f"<#{forum.id}> asks every post for a tag; it has no tag for daily: it holds the 20 "
        "tags Discord allows a forum, so a server admin can make room for build tags, which I "
        "add as builds take them."
    )
    assert requests(loopback, FORUM_POST) == []


async def test_an_untagged_build_in_a_forum_requiring_tags_is_offered_tags_the_bot_adds(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await grant_manage_channels(loopback)
    forum = await forum_holding(loopback, 0, flags=REQUIRE_TAG, build_tags=False)
    refused = await start(loopback)
    assert refused.text == (
        f"<#{forum.id}> asks every post for a tag: give the build a tag (off-road, camper, "
        "show, work, mobile-business, restoration, ev-conversion, daily, in-progress, "
        "complete), and I add it to the forum."
    )
    assert "Build #1 started" in (await start(loopback, tags="daily")).text
