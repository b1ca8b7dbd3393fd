"""A member writes only where Discord lets them: without View Channel the channel answers
403 Missing Access (50001), without Send Messages (Send Messages in Threads, in a thread)
403 Missing Permissions (50013). Nothing is stored or dispatched for a refused post."""

from __future__ import annotations

import pytest

from sandbox import Loopback, MemberRefused
from sandbox.state import ChannelRef, Permission

from .conftest import ProbeBot
from .test_loopback_threads import a_thread


def _creates(loopback: Loopback) -> int:
    return sum(1 for event, _ in loopback.dispatched if event == "MESSAGE_CREATE")


async def _refused(loopback: Loopback, where: ChannelRef, member: str) -> MemberRefused:
    stored, created = len(loopback.messages(where)), _creates(loopback)
    with pytest.raises(MemberRefused) as refused:
        await loopback.post(where, "hello?", actor=loopback.member(member))
    assert len(loopback.messages(where)) == stored
    assert _creates(loopback) == created
    return refused.value


async def test_a_member_who_cannot_view_a_channel_cannot_post_in_it(loopback: Loopback) -> None:
    refused = await _refused(loopback, loopback.channel("mod-queue"), "Mika")

    assert (refused.status, refused.code) == (403, 50001)
    assert "Mika cannot view #mod-queue" in str(refused)
    posted = await loopback.post(
        loopback.channel("mod-queue"), "on it", actor=loopback.member("Marcus")
    )
    assert posted.content == "on it"


async def test_a_member_denied_send_messages_cannot_post_but_may_still_view(
    loopback: Loopback,
) -> None:
    guild = loopback.guild
    assert guild is not None
    announcements = guild.channel("announcements")
    await loopback.set_overwrite(announcements, guild.everyone, deny=Permission.SEND_MESSAGES)

    refused = await _refused(loopback, announcements, "Dale")

    assert (refused.status, refused.code) == (403, 50013)
    assert "Dale may not send messages in #announcements" in str(refused)


async def test_in_a_thread_send_messages_in_threads_counts_not_send_messages(
    loopback: Loopback, bot: ProbeBot
) -> None:
    guild = loopback.guild
    assert guild is not None
    await a_thread(loopback, bot)
    ref = loopback.thread_of(loopback.messages("general")[0])
    general = guild.channel("general")
    await loopback.set_overwrite(general, guild.everyone, deny=Permission.SEND_MESSAGES)

    posted = await loopback.post(ref, "I'll bring the grill", actor=loopback.member("Rosa"))
    assert posted.content == "I'll bring the grill"

    await loopback.set_overwrite(general, guild.everyone, deny=Permission.SEND_MESSAGES_IN_THREADS)
    refused = await _refused(loopback, ref, "Rosa")
    assert (refused.status, refused.code) == (403, 50013)


async def test_a_forum_takes_no_message_of_its_own_only_posts(loopback: Loopback) -> None:
    # Discord answers a message sent to a forum itself as it answers the bot (400 50008).
    refused = await _refused(loopback, loopback.channel("builds"), "Mika")

    assert (refused.status, refused.code) == (400, 50008)
    assert "#builds is a forum: a message goes in one of its posts (a thread)" in str(refused)
