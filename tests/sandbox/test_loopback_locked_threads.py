"""Members in threads, by Discord's docs (topics/threads, "Locked Threads"): in a locked thread
only members with Manage Threads may write, while adding reactions is allowed as long as the
thread is open (not archived); an archived thread takes no reactions, and a message reopens it
unless it is locked against the writer. The bot is a member like any other. A message refused
in a locked thread is answered 403 with code 50083 "Thread is archived", as Discord is reported
to answer (discord/discord-api-docs issues 6884 and 7707), not the documented 160005."""

from __future__ import annotations

import discord
import pytest

from sandbox import InvocationError, Loopback, MemberRefused
from sandbox.state import ChannelRef

from .conftest import ProbeBot
from .test_loopback_threads import a_thread, toggle_manage_threads_for_the_bot


async def _thread(loopback: Loopback, bot: ProbeBot) -> ChannelRef:
    await a_thread(loopback, bot)
    return loopback.thread_of(loopback.messages("general")[0])


def _reactors(loopback: Loopback, thread: ChannelRef) -> list[str]:
    return [
        payload["user_id"]
        for name, payload in loopback.dispatched
        if name == "MESSAGE_REACTION_ADD" and payload["channel_id"] == thread.id
    ]


async def test_members_react_in_a_locked_open_thread_but_only_thread_managers_write(
    loopback: Loopback, bot: ProbeBot
) -> None:
    thread = await _thread(loopback, bot)
    await loopback.lock(thread)
    rosa, marcus = loopback.member("Rosa"), loopback.member("Marcus")

    await loopback.react(loopback.messages(thread)[-1], "👍", actor=rosa)
    assert _reactors(loopback, thread) == [rosa.id]

    with pytest.raises(MemberRefused, match="locked") as refused:
        await loopback.post(thread, "I can bring the grill", actor=rosa)
    assert (refused.value.status, refused.value.code) == (403, 50083)
    assert loopback.messages(thread)[-1].content == "Who brings the grill?"

    await loopback.post(thread, "Thread locked, see #meetups", actor=marcus)  # a moderator
    assert loopback.messages(thread)[-1].content == "Thread locked, see #meetups"


@pytest.mark.parametrize("locked", [False, True])
async def test_an_archived_thread_takes_no_reaction_from_a_member(
    loopback: Loopback, bot: ProbeBot, locked: bool
) -> None:
    thread = await _thread(loopback, bot)
    await loopback.archive(thread, locked=locked)

    with pytest.raises(InvocationError, match="archived"):
        await loopback.react(loopback.messages(thread)[-1], "👍", actor=loopback.member("Rosa"))
    assert _reactors(loopback, thread) == []


@pytest.mark.parametrize(("locked", "writer"), [(False, "Rosa"), (True, "Marcus")])
async def test_a_message_from_whoever_may_write_reopens_an_archived_thread(
    loopback: Loopback, bot: ProbeBot, locked: bool, writer: str
) -> None:
    thread = await _thread(loopback, bot)
    await loopback.archive(thread, locked=locked)
    updates = len([name for name, _ in loopback.dispatched if name == "THREAD_UPDATE"])

    await loopback.post(thread, "Bumping this", actor=loopback.member(writer))

    metadata = loopback.world.channels[thread.id]["thread_metadata"]
    assert (metadata["archived"], metadata["locked"]) == (False, locked)
    assert len([name for name, _ in loopback.dispatched if name == "THREAD_UPDATE"]) == updates + 1
    assert loopback.messages(thread)[-1].content == "Bumping this"


async def test_a_locked_archived_thread_stays_shut_to_a_plain_member(
    loopback: Loopback, bot: ProbeBot
) -> None:
    thread = await _thread(loopback, bot)
    await loopback.archive(thread, locked=True)

    with pytest.raises(MemberRefused, match="locked") as refused:
        await loopback.post(thread, "Bumping this", actor=loopback.member("Rosa"))
    assert (refused.value.status, refused.value.code) == (403, 50083)
    assert loopback.world.channels[thread.id]["thread_metadata"]["archived"] is True


async def test_the_bot_reacts_in_a_locked_open_thread_but_writes_only_as_a_thread_manager(
    loopback: Loopback, bot: ProbeBot
) -> None:
    thread, first = await a_thread(loopback, bot)
    await loopback.lock(loopback.thread_of(loopback.messages("general")[0]))
    toggle_manage_threads_for_the_bot(loopback)

    await first.add_reaction("👍")
    with pytest.raises(discord.Forbidden) as sent:
        await thread.send("Still on?")
    assert sent.value.code == 50083
    for refused in (
        first.edit(content="Who brings the grill and chairs?"),
        thread.edit(name="Kei Truck Day (moved)"),
    ):
        with pytest.raises(discord.Forbidden) as error:
            await refused
        assert error.value.code == 50013
    assert loopback.world.channels[str(thread.id)]["name"] == "Kei Truck Day"

    toggle_manage_threads_for_the_bot(loopback)
    await first.edit(content="Who brings the grill and chairs?")
    await thread.edit(name="Kei Truck Day (moved)")
    assert loopback.messages(loopback.thread_of(loopback.messages("general")[0]))[-1].content == (
        "Who brings the grill and chairs?"
    )
