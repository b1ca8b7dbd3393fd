"""GET /guilds/{guild_id}/threads/active: the server's threads that are not archived, of those
the bot may see, as Discord lists them (the way to find a thread without its gateway event)."""

from __future__ import annotations

import discord

from sandbox import Loopback
from sandbox.state import Permission

from .conftest import ProbeBot
from .test_loopback_threads import a_thread

ACTIVE = ("GET", "/guilds/{guild_id}/threads/active")


async def test_the_active_threads_leave_out_archived_ones_and_those_the_bot_cannot_see(
    loopback: Loopback, bot: ProbeBot
) -> None:
    guild = bot.get_guild(int(loopback.guild.id))  # type: ignore[union-attr]
    assert guild is not None
    open_thread, _ = await a_thread(loopback, bot)
    archived, _ = await a_thread(loopback, bot)
    await archived.edit(archived=True)
    meetups = bot.get_channel(int(loopback.channel("meetups").id))
    assert isinstance(meetups, discord.TextChannel)
    hidden = await (await meetups.send("Swap meet")).create_thread(name="Swap meet")
    await loopback.set_overwrite(
        loopback.channel("meetups"), loopback.guild.role("Keitora"), deny=Permission.VIEW_CHANNEL
    )

    listed = await guild.active_threads()

    assert [t.id for t in listed] == [open_thread.id]
    assert hidden.id not in [t.id for t in listed]
    [call] = [r for r in loopback.requests if (r.method, r.template) == ACTIVE]
    assert call.status == 200
    assert call.response["has_more"] is False
    assert call.response["threads"][0]["name"] == "Kei Truck Day"
