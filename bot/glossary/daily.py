"""The word of the day: which term a server's day shows, when its post is due, and the post.

`WordOfTheDay.compose` is the job handler: it gets the day's term from
`GlossaryService.word_of_the_day(guild_id, day)` (which picks with `pick_daily_key` among the
cached entries), keeps the next post planned with `DailyWordSchedule`, and returns the post for
the outbox to send once.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.delivery import Button, Channel, Outgoing
from bot.jobs import GiveUp, Job, JobQueue
from bot.setup import SettingChange, SetupService
from bot.store import Store

if TYPE_CHECKING:
    from bot.glossary.service import GlossaryService
    from bot.glossary.values import Lookup

DAILY_WORD_JOB = "glossary.daily_word"
ONE_DAY = timedelta(days=1)
# The settings that move the next post to another time or place.
SCHEDULE_SETTINGS = frozenset({"channel:glossary", "timezone", "daily_word_hour"})

# The discord layer's rendering of a day's term: an embed (Discord's JSON form) and the buttons
# under it. Injected at composition, so this module never formats a message itself.
DailyCard = Callable[["Lookup", date], tuple[Mapping[str, Any], tuple[Button, ...]]]


async def pick_daily_key(
    store: Store, rng: random.Random, guild_id: int, day: date, keys: Collection[str]
) -> str:
    """The key among `keys` (a server's entries, not empty) shown on `day` (server-local): the
    same on every call for that day, and none repeats until every term has been shown."""
    shown_on = day.isoformat()
    async with store.transaction():
        chosen = await store.fetchval(
            "SELECT key FROM glossary_daily_shown WHERE guild_id = ? AND shown_on = ?",
            (guild_id, shown_on),
        )
        if chosen in keys:
            return chosen
        # A day whose term was removed since gets a new one.
        await store.execute(
            "DELETE FROM glossary_daily_shown WHERE guild_id = ? AND shown_on = ?",
            (guild_id, shown_on),
        )
        rows = await store.fetchall(
            "SELECT key FROM glossary_daily_shown WHERE guild_id = ?", (guild_id,)
        )
        left = sorted(set(keys) - {row["key"] for row in rows})
        if not left:  # every term was shown: a new cycle begins
            await store.execute("DELETE FROM glossary_daily_shown WHERE guild_id = ?", (guild_id,))
            left = sorted(keys)
        key = rng.choice(left)
        await store.execute(
            "INSERT INTO glossary_daily_shown (guild_id, key, shown_on) VALUES (?, ?, ?)",
            (guild_id, key, shown_on),
        )
        return key


def daily_due(day: date, hour: int, zone: ZoneInfo) -> datetime:
    """When `day`'s word is due: `hour`:00 on that local date, in UTC.

    An hour skipped by a DST jump is read with the offset before the jump, so it lands just
    after the jump (02:00 on a spring-forward night posts at 03:00 local); a repeated hour
    posts at its first occurrence.
    """
    return datetime.combine(day, time(hour), tzinfo=zone).astimezone(UTC)


def daily_job_key(guild_id: int, day: date) -> str:
    return f"{guild_id}:{day.isoformat()}"


class DailyWordSchedule:
    """Keeps one pending word-of-the-day job per server that has a glossary channel."""

    def __init__(self, setup: SetupService, jobs: JobQueue, clock: Clock) -> None:
        self._setup = setup
        self._jobs = jobs
        self._clock = clock

    async def plan(self, guild_id: int, *, moved: bool = False) -> datetime | None:
        """Make sure the next post's job exists; returns when it is due (None: no channel).

        `moved`: the channel, hour or zone changed, so a pending job for another day goes.
        """
        config = await self._setup.get(guild_id)
        zone = ZoneInfo(config.timezone or "UTC")
        now = self._clock.now()
        today = now.astimezone(zone).date()
        if "glossary" not in config.channels:
            await self._cancel(guild_id, today, keep=None)
            return None
        day = today if daily_due(today, config.daily_word_hour, zone) > now else today + ONE_DAY
        if moved:
            # A job already due (its run is late, or just under way) still posts its day.
            await self._cancel(guild_id, today, keep=day, unless_due_by=now)
        # The first candidate day's job may be done already (the hour moved later after today's
        # post); then the day after is next.
        for candidate in (day, day + ONE_DAY):
            due = daily_due(candidate, config.daily_word_hour, zone)
            key = daily_job_key(guild_id, candidate)
            if await self._jobs.reschedule(DAILY_WORD_JOB, key, due) or await self._jobs.schedule(
                DAILY_WORD_JOB, key, due, payload={"date": candidate.isoformat()}, guild_id=guild_id
            ):
                return due
        return None

    async def plan_all(self) -> int:
        """Plan every server with a glossary channel (at startup); returns how many."""
        guild_ids = await self._setup.guilds_with_channel("glossary")
        for guild_id in guild_ids:
            await self.plan(guild_id)
        return len(guild_ids)

    async def is_past(self, guild_id: int, day: date) -> bool:
        """Whether `day` is over in the server's zone: its word of the day would be stale."""
        config = await self._setup.get(guild_id)
        zone = ZoneInfo(config.timezone or "UTC")
        return day < self._clock.now().astimezone(zone).date()

    async def _cancel(
        self,
        guild_id: int,
        today: date,
        *,
        keep: date | None,
        unless_due_by: datetime | None = None,
    ) -> None:
        # A pending job can only be for a day near today, in the old zone or the new one.
        for offset in range(-1, 3):
            day = today + timedelta(days=offset)
            if day != keep:
                await self._jobs.cancel(
                    DAILY_WORD_JOB, daily_job_key(guild_id, day), unless_due_by=unless_due_by
                )


class WordOfTheDay:
    """Posts each server's term of the day in its glossary channel, through the outbox."""

    def __init__(
        self,
        glossary: GlossaryService,
        schedule: DailyWordSchedule,
        setup: SetupService,
        card: DailyCard,
    ) -> None:
        self._glossary = glossary
        self._schedule = schedule
        self._setup = setup
        self._card = card

    async def compose(self, job: Job) -> Outgoing:
        """The job handler: the day's post, or GiveUp when it can no longer be right."""
        if job.guild_id is None:
            raise GiveUp("a word-of-the-day job without a server")
        config = await self._setup.get(job.guild_id)
        channel_id = config.channels.get("glossary")
        if channel_id is None:
            raise GiveUp("the server has no glossary channel any more")
        await self._schedule.plan(job.guild_id)  # tomorrow's, whatever happens to today's
        day = date.fromisoformat(job.payload["date"])
        if await self._schedule.is_past(job.guild_id, day):
            raise GiveUp(f"{day} is over in the server's zone; its word would be stale")
        found = await self._glossary.word_of_the_day(job.guild_id, day)
        embed, buttons = self._card(found, day)
        return Outgoing(Channel(channel_id), embeds=(embed,), buttons=buttons)

    async def on_setting_changed(self, change: SettingChange) -> None:
        if change.setting in SCHEDULE_SETTINGS:
            await self._schedule.plan(change.guild_id, moved=True)
