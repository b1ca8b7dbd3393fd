"""The showcase's pins through the loopback, when Discord's side is not as the bot left it: the
bot may not pin, or the pins it would make room with were deleted or unpinned by hand, or the
showcase moved to another channel. A feature already posted stays featured, pinned or not."""

from __future__ import annotations

import asyncio

import pytest

from sandbox import ChannelRef, Loopback, Message
from sandbox.state import Permission

from .conftest import RunningBot, eventually
from .test_setup import overwrite_bot
from .test_showcase import PIN, UNPIN, requests, setup_channels, showcase_posts, start_builds

DELETE_MESSAGE = ("DELETE", "/channels/{channel_id}/messages/{message_id}")


async def fill_pins(loopback: Loopback, channel: ChannelRef) -> None:
    """Members pin messages of their own until the channel holds Discord's 50 pins."""
    pins = loopback.world.pins[channel.id]
    while len(pins) < 50:
        message = await loopback.post(
            channel, f"pinned by hand {len(pins)}", actor=loopback.member("Marcus")
        )
        pins[message.id] = loopback.world.now_iso()


async def feature(loopback: Loopback, build: int) -> str:
    reply = await loopback.slash(
        "showcase-mod feature", build=str(build), actor=loopback.member("Marcus")
    )
    assert reply.ephemeral
    return reply.text


def post_of(loopback: Loopback, build: int) -> Message:
    return next(
        m for m in showcase_posts(loopback) if m.embeds[0]["title"].startswith(f"★ #{build} ")
    )


async def test_a_feature_the_bot_may_not_pin_is_featured_unpinned_and_the_moderator_told(
    loopback: Loopback, keitora: RunningBot
) -> None:
    showcase = await setup_channels(loopback)
    [thread] = await start_builds(loopback, "Mika")
    await overwrite_bot(keitora, loopback, showcase, deny=Permission.PIN_MESSAGES)

    text = await feature(loopback, 1)
    assert "Build #1 is featured in" in text
    assert f"I may not pin messages in <#{showcase.id}> (Pin Messages)" in text
    post = post_of(loopback, 1)
    assert not post.pinned
    card = loopback.world.messages[thread.id][thread.id]
    assert card["embeds"][0]["title"].startswith("★ ")  # the card shows the feature
    assert "featured already" in await feature(loopback, 1)

    # The feature was kept with its post, so taking it back deletes that post.
    undone = await loopback.slash(
        "showcase-mod unfeature", build="1", actor=loopback.member("Marcus")
    )
    assert "no longer featured" in undone.text
    [deleted] = requests(loopback, DELETE_MESSAGE)
    assert deleted.path == f"/channels/{showcase.id}/messages/{post.id}"
    assert showcase_posts(loopback) == []


async def test_a_server_on_the_old_invite_is_told_manage_messages_no_longer_pins(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    await loopback.set_permissions(loopback.guild.role("Keitora"), Permission.OLD_BOT)
    me = keitora.bot.get_guild(int(loopback.guild.id)).me  # type: ignore[union-attr]
    await eventually(lambda: not me.guild_permissions.pin_messages, "GUILD_ROLE_UPDATE")

    text = await feature(loopback, 1)
    assert "Build #1 is featured in" in text
    assert "(Pin Messages), so it is not pinned" in text
    assert "Manage Messages no longer lets me pin" in text
    assert not post_of(loopback, 1).pinned


async def test_at_fifty_pins_features_deleted_or_unpinned_by_hand_make_no_room_the_next_does(
    loopback: Loopback, keitora: RunningBot
) -> None:
    showcase = await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale", "Rosa", "Hank")
    for build in (1, 2, 3):
        await feature(loopback, build)
    deleted, unpinned, oldest_left = (post_of(loopback, b) for b in (1, 2, 3))
    await loopback.delete_message(deleted)
    loopback.world.pins[showcase.id].pop(unpinned.id)
    await fill_pins(loopback, showcase)

    text = await feature(loopback, 4)
    assert "The oldest pinned feature (build #3) was unpinned to make room." in text
    unpins = [r.path.rsplit("/", 1)[-1] for r in requests(loopback, UNPIN)]
    assert unpins == [deleted.id, unpinned.id, oldest_left.id]
    pins = loopback.world.pins[showcase.id]
    assert post_of(loopback, 4).id in pins
    assert oldest_left.id not in pins
    assert len(pins) == 50

    # Each was marked unpinned as found: the next full channel tries none of them again, only
    # the feature pinned since (deleted by hand too), and then says it could not make room.
    fourth = post_of(loopback, 4)
    await loopback.delete_message(fourth)
    await fill_pins(loopback, showcase)
    await start_builds_named(loopback)
    text = await feature(loopback, 5)
    assert "none is a feature, so this one is not pinned" in text
    assert [r.path.rsplit("/", 1)[-1] for r in requests(loopback, UNPIN)][3:] == [fourth.id]


async def start_builds_named(loopback: Loopback) -> None:
    reply = await loopback.slash(
        "build start", title="Build 5", truck="Hijet", actor=loopback.member("Tammy")
    )
    assert "Build #5 started" in reply.text


async def test_a_moved_showcase_makes_no_room_with_the_old_channels_pins(
    loopback: Loopback, keitora: RunningBot
) -> None:
    old = await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")
    await feature(loopback, 1)
    new = loopback.channel("glossary")
    await loopback.slash(
        "setup channel", kind="showcase", channel=new, actor=loopback.member("Akiko")
    )
    await fill_pins(loopback, new)

    text = await feature(loopback, 2)
    assert f"Build #2 is featured in https://discord.com/channels/{new.guild_id}/{new.id}/" in text
    assert "none is a feature, so this one is not pinned" in text
    assert requests(loopback, UNPIN) == []
    assert post_of(loopback, 1).id in loopback.world.pins[old.id]
    assert [r.path.split("/")[2] for r in requests(loopback, PIN)] == [old.id, new.id]


@pytest.mark.parametrize("refused", [1, 2])
async def test_a_pin_refused_after_the_oldest_feature_made_room_gives_that_room_back(
    loopback: Loopback, keitora: RunningBot, refused: int
) -> None:
    """The oldest feature was unpinned to make room, and when Discord then refused the new
    pin for another reason, the moderator was told only to pin the new one by hand: the old
    one stayed unpinned, unsaid. It is pinned again, or (`refused` that pin too) named."""
    showcase = await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")
    await feature(loopback, 1)
    oldest = post_of(loopback, 1)
    await fill_pins(loopback, showcase)

    unpinning = loopback.faults.hold(*UNPIN)
    featuring = asyncio.create_task(feature(loopback, 2))
    await asyncio.wait_for(unpinning.arrived.wait(), 10)
    # The new post's pin, after the room is made (and the pin giving the room back).
    loopback.faults.server_error(*PIN, status=503, times=refused)
    unpinning.release()
    text = await featuring

    assert "Build #2 is featured in" in text
    pins = loopback.world.pins[showcase.id]
    assert post_of(loopback, 2).id not in pins
    pinned_again = [r for r in requests(loopback, PIN) if r.path.endswith(f"/{oldest.id}")]
    assert len(pinned_again) == 2  # featured, then given its room back
    if refused == 1:
        assert "Discord would not pin it just now; pin it by hand if you like." in text
        assert oldest.id in pins
    else:
        assert text.endswith(
            " Discord would not pin it just now, nor pin again the oldest feature (build #1), "
            "unpinned to make room; pin them by hand if you like."
        ), text
        assert oldest.id not in pins
