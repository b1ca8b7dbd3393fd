"""Archived threads in the loopback are read-only as in Discord: a message reopens an unlocked
one, a locked one opens only for a thread manager, and edits, reactions and pins wait until it
is reopened."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from sandbox import Loopback
from sandbox.state import Permission

from .conftest import ProbeBot


async def a_thread(loopback: Loopback, bot: ProbeBot) -> tuple[discord.Thread, discord.Message]:
    general = bot.get_channel(int(loopback.channel("general").id))
    assert isinstance(general, discord.TextChannel)
    card = await general.send("Kei Truck Day")
    thread = await card.create_thread(name="Kei Truck Day")
    return thread, await thread.send("Who brings the grill?")


def metadata(loopback: Loopback, thread: discord.Thread) -> dict[str, object]:
    return loopback.world.channels[str(thread.id)]["thread_metadata"]


def toggle_manage_threads_for_the_bot(loopback: Loopback) -> None:
    assert loopback.guild is not None
    role = next(r for r in loopback.guild.roles.values() if r["managed"])
    role["permissions"] = str(int(role["permissions"]) ^ Permission.MANAGE_THREADS)


async def test_an_archived_thread_refuses_edits_and_a_message_reopens_it(
    loopback: Loopback, bot: ProbeBot
) -> None:
    thread, first = await a_thread(loopback, bot)
    where = loopback.thread_of(loopback.messages("general")[0])
    await loopback.archive(where)
    assert ("THREAD_UPDATE", str(thread.id)) in [
        (name, payload.get("id")) for name, payload in loopback.dispatched
    ]

    for refused in (first.edit(content="edited"), thread.edit(name="renamed")):
        with pytest.raises(discord.HTTPException) as error:
            await refused
        assert (error.value.status, error.value.code) == (400, 50083)
    assert metadata(loopback, thread)["archived"] is True

    await thread.send("Me!")
    assert metadata(loopback, thread)["archived"] is False
    assert loopback.messages(where)[-1].content == "Me!"


async def test_a_locked_archived_thread_opens_only_for_a_thread_manager(
    loopback: Loopback, bot: ProbeBot
) -> None:
    thread, _ = await a_thread(loopback, bot)
    await loopback.archive(loopback.thread_of(loopback.messages("general")[0]), locked=True)
    toggle_manage_threads_for_the_bot(loopback)

    with pytest.raises(discord.HTTPException) as sent:
        await thread.send("Still on?")
    assert (sent.value.status, sent.value.code) == (403, 50083)
    with pytest.raises(discord.Forbidden) as reopened:
        await thread.edit(archived=False)
    assert reopened.value.code == 50013
    assert metadata(loopback, thread)["archived"] is True

    toggle_manage_threads_for_the_bot(loopback)
    await thread.edit(archived=False)
    assert (metadata(loopback, thread)["archived"], metadata(loopback, thread)["locked"]) == (
        False,
        True,
    )
    await thread.send("Still on.")
    assert loopback.violations == []


async def test_deleting_a_thread_takes_manage_threads_and_its_messages_go_with_it(
    loopback: Loopback, bot: ProbeBot
) -> None:
    thread, _ = await a_thread(loopback, bot)
    toggle_manage_threads_for_the_bot(loopback)
    with pytest.raises(discord.Forbidden) as refused:
        await thread.delete()
    assert refused.value.code == 50013
    assert str(thread.id) in loopback.world.channels

    toggle_manage_threads_for_the_bot(loopback)
    await thread.delete()
    assert str(thread.id) not in loopback.world.channels
    assert str(thread.id) not in loopback.world.messages
    assert ("THREAD_DELETE", str(thread.id)) in [
        (name, payload.get("id")) for name, payload in loopback.dispatched
    ]
    with pytest.raises(discord.NotFound):
        await thread.delete()
    assert loopback.violations == []


async def test_whoever_may_post_reopens_a_members_unlocked_thread_but_changes_nothing_else(
    loopback: Loopback, bot: ProbeBot
) -> None:
    thread, _ = await a_thread(loopback, bot)
    loopback.world.channels[str(thread.id)]["owner_id"] = loopback.member("Mika").id
    await loopback.archive(loopback.thread_of(loopback.messages("general")[0]))
    toggle_manage_threads_for_the_bot(loopback)

    with pytest.raises(discord.Forbidden) as renamed_on_reopening:
        await thread.edit(archived=False, name="Kei Truck Day!")
    await thread.edit(archived=False)  # Send Messages is enough, as Discord's docs say
    with pytest.raises(discord.Forbidden) as renamed:
        await thread.edit(name="Kei Truck Day!")

    assert (renamed_on_reopening.value.code, renamed.value.code) == (50013, 50013)
    assert metadata(loopback, thread)["archived"] is False
    assert loopback.world.channels[str(thread.id)]["name"] == "Kei Truck Day"


@pytest.mark.parametrize(
    "change",
    [
        lambda message: message.add_reaction("👍"),
        lambda message: message.pin(),
        lambda message: message.unpin(),
        lambda message: message.remove_reaction("👍", message.author),
        lambda message: message.delete(),
    ],
    ids=["reaction", "pin", "unpin", "reaction off", "delete"],
)
async def test_an_archived_threads_messages_take_no_reaction_pin_or_delete(
    loopback: Loopback, bot: ProbeBot, change: Any
) -> None:
    thread, first = await a_thread(loopback, bot)
    await first.pin()
    await loopback.archive(loopback.thread_of(loopback.messages("general")[0]))

    with pytest.raises(discord.HTTPException) as error:
        await change(first)

    assert (error.value.status, error.value.code) == (400, 50083)
    stored = loopback.world.messages[str(thread.id)][str(first.id)]
    assert (stored["pinned"], stored.get("reactions")) == (True, None)
