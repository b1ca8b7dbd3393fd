"""KeitoraBot: wires the Store and services to discord.py, loads the cogs, runs the jobs; and
`create_bot`, the one way to build it."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import importlib
import json
import logging
import pkgutil
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

import cogs
from bot.client.adapters import (
    DiscordAuthoredPosts,
    DiscordEventsTab,
    DiscordPublisher,
    DiscordSender,
)
from bot.client.composition import Renderers, Services
from bot.client.held import answer_if_forgotten
from bot.client.interactions import KeepItButton, KeitoraTree, guarded
from bot.clock import Clock
from bot.config import Settings
from bot.delivery import Outbox
from bot.feeds import FeedFetcher
from bot.jobs import JobQueue, JobRunner
from bot.store import Store
from web.public_calendar import CalendarSite

log = logging.getLogger(__name__)


class ServerNotJoined(Exception):
    """DISCORD_GUILD_IDS names a server Keitora is not in."""

    def __init__(self, guild_id: int) -> None:
        super().__init__(f"Keitora is not in the server {guild_id}")
        self.guild_id = guild_id


# Only what the features read from the gateway; both are non-privileged.
#  guilds: the server, its channels, threads and roles (cache for rendering and permission checks).
#  guild_scheduled_events: keep mirrored meetup events in step when someone edits them in Discord.
# Slash commands, buttons and modals arrive as interactions, which need no intent, so the
# privileged members and message_content intents stay off.
INTENTS = discord.Intents(guilds=True, guild_scheduled_events=True)

# discord.py runs each command, component callback and modal submission, and each event
# listener (a server removed, a thread deleted, ready), in a task named with one of these
# prefixes (app_commands/tree.py, ui/view.py, ui/modal.py, client.py in 2.7).
WORK_IN_HAND_TASKS = (
    "CommandTree-invoker",
    "discord-ui-view-dispatch",
    "discord-ui-modal-dispatch",
    "discord-ui-dynamic-item",
    "discord.py: on_",
)
# Messages the outbox sends at once: a send waits on Discord's answer, so one at a time would
# hold a reminder storm to a few a second, and a channel past its send limit would hold up every
# other channel's posts and DMs; the outbox's pace, not this, keeps to Discord's global limit.
SENDS_AT_ONCE = 8
FEED_POLLS_AT_ONCE = 16  # the fetcher bounds its connections to the same number
# Feed polls claimed at once: a batch is gathered whole, so a batch much larger than the polls
# run at once keeps one slow feed from holding the next batch back.
FEED_POLL_BATCH = 100
WORK_GRACE = 10.0  # seconds a shutdown waits for interactions and events in hand


class KeitoraBot(commands.Bot):
    def __init__(
        self,
        settings: Settings,
        store: Store,
        clock: Clock,
        services: Services,
        feed_fetcher: FeedFetcher,
        *,
        guild_ready_timeout: float,
    ) -> None:
        # Keitora never joins voice, so discord.py's warnings about missing voice libraries
        # would only alarm the admin reading the log.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=INTENTS,
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=KeitoraTree,
            guild_ready_timeout=guild_ready_timeout,
        )
        self.settings = settings
        self.store = store
        self.clock = clock
        self.services = services
        self.job_runner = JobRunner(
            services.jobs,
            clock,
            outbox=Outbox(store, services.jobs, clock, DiscordSender(self)),
            sends_at_once=SENDS_AT_ONCE,
        )
        authored = DiscordAuthoredPosts(self)
        services.register_jobs(
            self.job_runner,
            DiscordEventsTab(self),
            DiscordPublisher(self),
            authored,
        )
        services.showcase.recover_posts_with(authored.recover_feature)
        services.showcase.name_servers_with(self._server_name)
        self.feed_runner = feed_runner_for(services.jobs, clock)
        services.register_feed_jobs(self.feed_runner)
        self.feed_fetcher = feed_fetcher
        self._restore_discord: Callable[[], None] = lambda: None
        self.calendar_site = (
            None
            if settings.web_port is None
            else CalendarSite(services.public_calendar, clock, self._server_name)
        )

    async def start(self, token: str, *, reconnect: bool = True) -> None:
        if self.settings.api_base:
            self._restore_discord = await point_client_at(self.settings.api_base, token)
        await super().start(token, reconnect=reconnect)

    async def setup_hook(self) -> None:
        self.add_dynamic_items(KeepItButton)  # the confirmations' shared "Keep it"
        await load_cogs(self)
        await self.services.prepare()
        # Most of what is alive now (the code, the services, the glossary indexes built at
        # start-up) lives until the bot closes, and each full collection would walk it: with
        # 100,000 glossary entries that stopped the bot for 150 ms, 2 ms once frozen
        # (bench.glossary_latency). An index rebuilt after an edit is not frozen. Frozen
        # without a collection first, which would cost as much again; the little start-up
        # garbage it keeps is let go at close. Freezing is process-wide: a process running
        # several bots (the tests) unfreezes them all when one closes, which costs only time.
        gc.freeze()
        self.job_runner.start()
        if self.calendar_site is not None and self.settings.web_port is not None:
            await self.calendar_site.start(self.settings.web_port)
        self.feed_runner.start()
        await self.sync_commands_if_changed()

    def _server_name(self, guild_id: int) -> str | None:
        guild = self.get_guild(guild_id)
        return None if guild is None else guild.name

    async def sync_commands_if_changed(self) -> None:
        """Sync each scope's commands only when they differ from the last sync's hash.

        Discord limits command creation per day; syncing on every start would reach it. With
        DISCORD_GUILD_IDS the commands live in those servers only, and the global list is synced
        empty, so a bot that once synced globally does not show every command twice.
        """
        servers = [discord.Object(id=gid) for gid in self.settings.guild_ids]
        if servers:
            # Every server is checked before any is synced: a server synced before a bad id
            # would show each command twice (its own and the old global one) while the bot
            # stays stopped.
            joined = {guild.id async for guild in self.fetch_guilds(limit=None, with_counts=False)}
            for server in servers:
                if server.id not in joined:
                    raise ServerNotJoined(server.id)
                self.tree.copy_global_to(guild=server)
            self.tree.clear_commands(guild=None)
        # The servers first: one that removed Keitora meanwhile stops the start before the
        # global list, which may still hold the commands of an earlier global sync, is emptied.
        for scope in [*servers, None]:
            await self._sync_scope(scope)

    async def _sync_scope(self, guild: discord.Object | None) -> None:
        payload = [command.to_dict(self.tree) for command in self.tree.get_commands(guild=guild)]
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
        key = f"command_hash:{self.application_id}:{guild.id if guild else 'global'}"
        if await self.store.get_state(key) == digest:
            log.info("commands unchanged for %s; not syncing", key)
            return
        await self.tree.sync(guild=guild)
        await self.store.set_state(key, digest)
        log.info("synced %d commands for %s", len(payload), key)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, answer_if_forgotten(interaction))

    async def on_ready(self) -> None:
        # The start-up pass, before Discord was connected, kept the stale feature claims whose
        # posts may be out; their channels can be looked through now.
        await self.services.showcase.give_back_stale_claims()

    async def on_app_command_completion(
        self, interaction: discord.Interaction, command: app_commands.Command[Any, ..., Any]
    ) -> None:
        latency = (discord.utils.utcnow() - interaction.created_at).total_seconds() * 1000
        log.debug(
            "/%s by %s in %s took %.0f ms",
            command.qualified_name,
            interaction.user.id,
            interaction.guild_id,
            latency,
        )

    async def close(self) -> None:
        await self.feed_runner.stop(grace=1.0)
        if self.calendar_site is not None:
            await self.calendar_site.stop()
        # A send in hand has until its own time limit (60 s), so one Discord is slow to answer
        # is recorded rather than sent again by the next start. The gateway is still up
        # meanwhile and members' commands keep coming: those in hand once it is done are let
        # finish after, which keeps the whole stop inside systemd's 90 s.
        await self.job_runner.stop()
        await self._finish_work_in_hand(WORK_GRACE)
        self._stop_waiting_for_servers()
        await super().close()
        await self.feed_fetcher.aclose()
        self._restore_discord()
        gc.unfreeze()

    def _stop_waiting_for_servers(self) -> None:
        """discord.py waits `guild_ready_timeout` for more servers before `ready`, and its close
        leaves that wait running: a bot stopped within seconds of its start then dispatched
        `ready` on the closed client, which failed with a traceback in the log."""
        waiting: asyncio.Task[None] | None = self._connection._ready_task
        if waiting is not None:
            waiting.cancel()

    async def _finish_work_in_hand(self, grace: float) -> None:
        """Let commands, clicks, form submissions and event listeners in hand finish before the
        HTTP session and then the database close under them; after `grace` seconds they are
        left behind."""
        running = [
            task
            for task in asyncio.all_tasks()
            if task.get_name().startswith(WORK_IN_HAND_TASKS)
            and not task.done()
            and task is not asyncio.current_task()  # a listener that closes the bot
        ]
        if running:
            log.info("waiting for %d interactions and events to finish", len(running))
            _, unfinished = await asyncio.wait(running, timeout=grace)
            if unfinished:
                log.warning("closing with %d interactions and events unfinished", len(unfinished))


@contextlib.asynccontextmanager
async def running(bot: KeitoraBot, token: str) -> AsyncIterator[KeitoraBot]:
    """`bot` started in this process for the block (the sandbox, the benchmarks), then closed,
    with whatever its start raised."""
    task = asyncio.create_task(bot.start(token))
    try:
        yield bot
    finally:
        await bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def feed_runner_for(jobs: JobQueue, clock: Clock) -> JobRunner:
    """The runner feed polls run on: many at once, each bounded by the fetcher's timeouts."""
    return JobRunner(jobs, clock, batch=FEED_POLL_BATCH, parallel=FEED_POLLS_AT_ONCE)


async def load_cogs(bot: KeitoraBot) -> None:
    """Every cog, added by its module's `setup`. The modules are imported as any other, not
    loaded as discord.py extensions, which run a module's code anew on every load: a process
    that starts bot after bot (the tests, the benchmarks) would run all of cogs/ each time."""
    for module in pkgutil.iter_modules(cogs.__path__):
        if is_cog_module(module.name):
            await importlib.import_module(f"cogs.{module.name}").setup(bot)


def is_cog_module(name: str) -> bool:
    """Cogs are the modules of cogs/ except shared helpers (`_x`), a cog's views (`x_views`)
    and the checks every cog imports."""
    return not name.startswith("_") and not name.endswith("_views") and name != "checks"


def create_bot(
    settings: Settings,
    store: Store,
    clock: Clock,
    *,
    guild_ready_timeout: float = 2.0,
    feed_fetcher: FeedFetcher | None = None,
) -> KeitoraBot:
    """The one way to build the bot, used by `bot.py`, the sandbox and the tests.

    `guild_ready_timeout` is how long discord.py waits for more servers before `on_ready`;
    the loopback sends them all at once, so tests shorten it. `feed_fetcher` is the feed
    poller's HTTP client (tests give one with their own resolver); by default one guarded as
    FEED_ALLOW_PRIVATE says.
    """
    # The discord layer words what is sent later; imported here because cogs import this module.
    from cogs._importer_notices import (
        feed_news_notice,
        profile_news_notice,
        removal_notice,
        suspension_notice,
    )
    from cogs._meetup_moderated import moderated_meetup_notice
    from cogs._showcase_posts import featured_notice
    from cogs._showcase_results import ballot_notice, result_card
    from cogs.builds_views import lock_notice, moderated_notice
    from cogs.glossary_views import word_of_the_day_card
    from cogs.importers_views import (
        alert_notice,
        announcement_card,
        feed_trouble_notice,
        taken_down_notice,
    )
    from cogs.meetup_events import event_note
    from cogs.meetups_views import (
        change_notice,
        promotion_notice,
        reminder_notice,
        too_large_notice,
    )
    from cogs.modqueue_card_views import queue_card, rejection_notice
    from cogs.showcase import called_off_notice

    renderers = Renderers(
        daily_card=word_of_the_day_card,
        promotion_notice=promotion_notice,
        too_large_notice=too_large_notice,
        change_notice=change_notice,
        reminder_notice=reminder_notice,
        event_note=event_note,
        announcement_card=announcement_card,
        queue_card=queue_card,
        rejection_notice=rejection_notice,
        feed_trouble_notice=feed_trouble_notice,
        alert_notice=alert_notice,
        featured_notice=featured_notice,
        called_off_notice=called_off_notice,
        result_card=result_card,
        lock_notice=lock_notice,
        moderated_notice=moderated_notice,
        meetup_moderated_notice=moderated_meetup_notice,
        suspension_notice=suspension_notice,
        feed_news_notice=feed_news_notice,
        taken_down_notice=taken_down_notice,
        profile_news_notice=profile_news_notice,
        removal_notice=removal_notice,
        ballot_notice=ballot_notice,
    )
    fetcher = feed_fetcher or FeedFetcher(allow_private=settings.feed_allow_private)
    services = Services.build(store, clock, renderers, settings, fetcher)
    return KeitoraBot(
        settings, store, clock, services, fetcher, guild_ready_timeout=guild_ready_timeout
    )


async def point_client_at(api_base: str, token: str) -> Callable[[], None]:
    """Send discord.py's REST calls to `api_base` and connect to the gateway that API names.

    Call before `login()`. discord.py 2.7 keeps its REST base in the class attribute
    `Route.BASE` and its gateway in `DiscordWebSocket.DEFAULT_GATEWAY` (also where it goes after
    an INVALID_SESSION), so the change is process-wide. Returns a function that undoes it.
    """
    base = api_base.rstrip("/")
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{base}/gateway/bot", headers={"Authorization": f"Bot {token}"}) as answer,
    ):
        if answer.status == 401:
            raise discord.LoginFailure("Improper token has been passed.")
        answer.raise_for_status()
        gateway = yarl.URL((await answer.json())["url"])
    previous = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = base
    DiscordWebSocket.DEFAULT_GATEWAY = gateway
    log.info("using the API at %s and the gateway it names, %s", base, gateway)

    def undo() -> None:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = previous

    return undo
