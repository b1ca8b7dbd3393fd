"""A server that removed the bot and added it back: start-up leaves it out while it is away, so
its return checks the Events tab (a member may have deleted an event meanwhile, which Discord
tells a removed bot nothing of) and plans its reminders."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot, eventually
from .test_meetup_events import CREATED, bodies, clock, loopback, mirrored  # noqa: F401
from .test_meetups import create, meetups_channel, settle

__all__ = ["clock", "loopback"]


async def test_an_event_deleted_while_the_bot_was_removed_is_made_again_on_its_return(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback)
    [event] = await mirrored(loopback, 1)
    await settle(keitora)
    guild_id = int(loopback.guild.id)
    retention = keitora.bot.services.retention

    await loopback.remove_bot(loopback.guild)
    await eventually(lambda: retention.departed(guild_id), "the departure")
    # A deploy while the bot is out of the server (its 30 days span many).
    await keitora.restart()
    # A member deletes the bot's event while the bot is out: no GUILD_SCHEDULED_EVENT_DELETE.
    loopback.guild.events.clear()

    await loopback.add_bot(loopback.guild)

    async def back() -> bool:
        return not await keitora.bot.services.retention.departed(guild_id)

    await eventually(back, "the return")
    await settle(keitora)
    [remade] = await mirrored(loopback, 1, "the event remade on the return")
    assert remade["id"] != event["id"]
