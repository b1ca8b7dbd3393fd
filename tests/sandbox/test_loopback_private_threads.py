"""Private threads, by Discord's docs (topics/threads, "Permissions"): "You must be invited to
the thread to be able to view or participate in it, or be a moderator (MANAGE_THREADS
permission)". A member outside one cannot see it, so their post is refused as in a channel they
cannot view, 403 Missing Access (50001); the bot's PUT /thread-members/{user} lets them in."""

from __future__ import annotations

import discord
import pytest

from sandbox import InvocationError, Loopback, MemberRefused
from sandbox.state import ChannelRef

from .conftest import ProbeBot


async def _private_thread(loopback: Loopback, bot: ProbeBot) -> tuple[discord.Thread, ChannelRef]:
    general = bot.get_channel(int(loopback.channel("general").id))
    assert isinstance(general, discord.TextChannel)
    thread = await general.create_thread(
        name="Swap meet planning", type=discord.ChannelType.private_thread
    )
    return thread, loopback.channel("Swap meet planning")


async def test_a_member_outside_a_private_thread_cannot_post_in_it_nor_see_it(
    loopback: Loopback, bot: ProbeBot
) -> None:
    _, where = await _private_thread(loopback, bot)
    rosa = loopback.member("Rosa")
    creates = len(loopback.dispatched)

    with pytest.raises(MemberRefused) as refused:
        await loopback.post(where, "Can I come?", actor=rosa)
    assert (refused.value.status, refused.value.code) == (403, 50001)
    assert "Rosa cannot view #Swap meet planning" in str(refused.value)
    assert loopback.messages(where) == []
    assert len(loopback.dispatched) == creates
    with pytest.raises(InvocationError, match="Rosa cannot view"):
        await loopback.slash("glossary lookup", term="kei", actor=rosa, where=where)

    # A moderator sees every private thread without being in it.
    posted = await loopback.post(where, "Saturday works", actor=loopback.member("Marcus"))
    assert posted.content == "Saturday works"
    with pytest.raises(MemberRefused) as reacted:
        await loopback.react(posted, "👍", actor=rosa)
    assert (reacted.value.status, reacted.value.code) == (403, 50001)
    assert "MESSAGE_REACTION_ADD" not in [name for name, _ in loopback.dispatched]


async def test_a_member_the_bot_adds_to_a_private_thread_may_post_in_it(
    loopback: Loopback, bot: ProbeBot
) -> None:
    thread, where = await _private_thread(loopback, bot)
    rosa, dale = loopback.member("Rosa"), loopback.member("Dale")

    await thread.add_user(discord.Object(int(rosa.id)))

    added = [r for r in loopback.requests if r.template.endswith("/thread-members/{user_id}")]
    assert [(r.method, r.status) for r in added] == [("PUT", 204)]
    assert (await loopback.post(where, "I'll bring the tarp", actor=rosa)).content == (
        "I'll bring the tarp"
    )
    with pytest.raises(MemberRefused):
        await loopback.post(where, "Me too", actor=dale)  # only Rosa was added
    assert loopback.world.channels[where.id]["member_count"] == 2  # the bot and Rosa


async def test_no_one_is_added_to_an_archived_thread(loopback: Loopback, bot: ProbeBot) -> None:
    thread, where = await _private_thread(loopback, bot)
    await loopback.archive(where)

    with pytest.raises(discord.HTTPException) as refused:
        await thread.add_user(discord.Object(int(loopback.member("Rosa").id)))
    assert (refused.value.status, refused.value.code) == (400, 50083)
    with pytest.raises(MemberRefused):
        await loopback.post(where, "Can I come?", actor=loopback.member("Rosa"))
