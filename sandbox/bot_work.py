"""Whether the bot running in the sandbox's process has work in hand, so that the console shows
a channel once the bot is done with it: not before (a card edit still gathering clicks, a post a
job is about to make) and not a fixed while after."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from bot.client import KeitoraBot
from bot.client.keitora import WORK_IN_HAND_TASKS
from bot.clock import Clock, from_unix, unix
from bot.modqueue import MODQUEUE_REFRESH_JOB, REFRESH_AFTER
from cogs.meetups_views import CARD_EDIT_TASK_PREFIX
from sandbox.driver import Loopback

# discord.py's tasks for commands, clicks, forms and event listeners, and the meetup cog's card
# edits, which gather clicks for a second before editing (CardEdits), by the names their tasks
# are given.
BUSY_TASKS = (*WORK_IN_HAND_TASKS, CARD_EDIT_TASK_PREFIX)
# How often to look again while the bot is busy: its work takes tens of milliseconds at least.
POLL = 0.02


class SandboxClock:
    """The bot's clock in the sandbox: `base`'s time, moved on by the waits the console skips
    rather than sits through (a queue card's edit gathering changes for a few seconds)."""

    def __init__(self, base: Clock) -> None:
        self._base = base
        self._skipped = timedelta()

    def now(self) -> datetime:
        return self._base.now() + self._skipped

    def skip_to(self, instant: datetime) -> None:
        """Move on to `instant`, unless it has come already."""
        self._skipped += max(instant - self.now(), timedelta())


async def until_settled(
    loopback: Loopback,
    bot: KeitoraBot,
    clock: SandboxClock | None = None,
    *,
    within: float = 10.0,
) -> None:
    """Wait until the bot is done: nothing in hand (no command, click, form or listener
    running, no card edit gathering, no job due or running), every event the loopback sent it
    read, and every request it made answered, and still so a moment later with nothing sent
    meanwhile; at most `within` seconds, after which what is there is shown. A queue card's
    edit gathering changes is not sat through when the bot runs on a sandbox `clock`: once
    nothing else is in hand, that clock moves on to when the edit is due, as if the member had
    waited those seconds."""
    wall = asyncio.get_running_loop().time
    deadline = wall() + within
    while wall() < deadline:
        seen = _traffic(loopback)
        if await _quiet(loopback, bot):
            gathered = await gathered_edit_due(bot)
            if gathered is None:
                # An answer wakes the task that waits on it only a moment after it is sent,
                # and a task that is not work in hand (discord.py's own) may still send: look
                # again.
                await asyncio.sleep(POLL)
                if _traffic(loopback) == seen and await _done(loopback, bot):
                    return
                continue
            if clock is not None:
                clock.skip_to(from_unix(gathered))
                bot.services.jobs.wake()
        await asyncio.sleep(POLL)


async def _done(loopback: Loopback, bot: KeitoraBot) -> bool:
    return await _quiet(loopback, bot) and await gathered_edit_due(bot) is None


async def _quiet(loopback: Loopback, bot: KeitoraBot) -> bool:
    """Whether the bot has nothing in hand but perhaps a queue card's gathering edit, has read
    every event, and has every request answered."""
    return not loopback.core.in_flight and _events_read(loopback, bot) and not await _busy(bot)


def _traffic(loopback: Loopback) -> tuple[int, int]:
    """How many requests the bot made and events the loopback sent."""
    return len(loopback.requests), len(loopback.dispatched)


def _events_read(loopback: Loopback, bot: KeitoraBot) -> bool:
    """Whether the bot has read every event its connected session was sent: discord.py keeps
    the last sequence number it read, and starts the listeners' tasks as it reads an event."""
    sent = [s.sequence for s in loopback.gateway.sessions.values() if s.socket is not None]
    return bot.ws is not None and (bot.ws.sequence or 0) >= max(sent, default=0)


async def idle(bot: KeitoraBot) -> bool:
    """Whether the bot has nothing in hand: a click's deferred update will get no edit now."""
    return not await in_hand(bot)


async def in_hand(bot: KeitoraBot) -> bool:
    """Whether the bot is running a command, click, form or listener, gathering a card edit,
    or has a job due by its own clock or running."""
    return await _busy(bot) or await gathered_edit_due(bot) is not None


async def gathered_edit_due(bot: KeitoraBot) -> int | None:
    """When (unix seconds, by the bot's clock) the next edit of a moderation-queue card is
    due, while it gathers the changes that follow the card's last write (`REFRESH_AFTER`):
    members see the change in those few seconds. An edit put off for longer (a retry after
    Discord failed it) is not work in hand."""
    due = await bot.services.jobs.next_due_at([MODQUEUE_REFRESH_JOB])
    if due is None or due > unix(bot.clock.now() + REFRESH_AFTER):
        return None
    return due


async def _busy(bot: KeitoraBot) -> bool:
    """Whether the bot is running a command, click, form or listener, gathering a meetup card
    edit, or has a job due by its own clock or running."""
    current = asyncio.current_task()
    if any(
        task.get_name().startswith(BUSY_TASKS) and not task.done() and task is not current
        for task in asyncio.all_tasks()
    ):
        return True
    jobs = bot.services.jobs
    due = await jobs.next_due_at(bot.job_runner.kinds)
    if due is not None and due <= unix(bot.clock.now()):
        return True
    # A job the runner claimed is due no more, but a DM it sends may wait on Discord for longer
    # than any quiet.
    return await jobs.any_running(bot.job_runner.kinds)
