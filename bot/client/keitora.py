"""KeitoraBot: wires the Store and services to discord.py, loads the cogs, runs the jobs."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import json
import logging
import pkgutil
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any, TypeVar

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

import cogs
from bot.client.composition import Renderers, Services
from bot.client.interactions import KeitoraTree, stateless_view
from bot.clock import Clock
from bot.config import Settings
from bot.delivery import Button, Destination, DirectMessage, Outbox, Outgoing, Refused
from bot.feeds import FeedFetcher
from bot.importers import PUBLISH_TIMEOUT, PublishLater
from bot.jobs import JobQueue, JobRunner, TryAgain
from bot.privacy import ShowcasePost
from bot.store import Store
from web.public_calendar import CalendarSite

log = logging.getLogger(__name__)

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
FEED_POLLS_AT_ONCE = 16  # the fetcher bounds its connections to the same number
# Feed polls claimed at once: a batch is gathered whole, so a batch much larger than the polls
# run at once keeps one slow feed from holding the next batch back.
FEED_POLL_BATCH = 100
WORK_GRACE = 10.0  # seconds a shutdown waits for interactions and events in hand
UNKNOWN_CHANNEL, UNKNOWN_MESSAGE = 10003, 10008  # Discord's codes for what is gone
T = TypeVar("T")


class DiscordSender:
    """The outbox's Sender: turns an `Outgoing` into a discord.py send."""

    def __init__(self, bot: KeitoraBot) -> None:
        self._bot = bot

    async def send(self, message: Outgoing, *, nonce: str) -> int:
        return await _refusing(self._send(message, nonce))

    async def _send(self, message: Outgoing, nonce: str) -> int:
        target = await self._target(message.to)
        sent = await target.send(
            content=message.content or None,
            embeds=[discord.Embed.from_dict(dict(embed)) for embed in message.embeds],
            view=_buttons(message.buttons),
            nonce=nonce,  # discord.py sends it with enforce_nonce, so a retry is dropped
            allowed_mentions=discord.AllowedMentions(
                everyone=False,
                roles=False,
                users=[discord.Object(id=user_id) for user_id in message.mention_user_ids],
                replied_user=False,
            ),
        )
        return sent.id

    async def _target(self, destination: Destination) -> discord.abc.Messageable:
        if isinstance(destination, DirectMessage):
            # The DM channel is all a send needs: fetching the user first (users are not cached
            # without the members intent) cost every DM a third request.
            return await self._bot.create_dm(discord.Object(id=destination.user_id))
        channel: Any = self._bot.get_channel(destination.id)
        if channel is None:
            channel = await self._bot.fetch_channel(destination.id)
        if not isinstance(channel, discord.abc.Messageable):
            raise Refused(0, f"channel {destination.id} cannot take messages (a forum?)")
        if isinstance(channel, discord.Thread) and channel.archived:
            # Threads archive themselves after days without a message, and an archived thread
            # is read-only: reopen it first. Discord answers 403 when the thread is locked and
            # the bot may not manage threads, which `send` turns into a refusal.
            await channel.edit(archived=False)
        return channel


class DiscordEventsTab:
    """The mirror's EventsTab: a server's scheduled events through discord.py's HTTP client."""

    def __init__(self, bot: KeitoraBot) -> None:
        self._bot = bot

    async def create_event(self, guild_id: int, body: Mapping[str, Any]) -> int:
        created = await _refusing(self._bot.http.create_guild_scheduled_event(guild_id, **body))
        return int(created["id"])

    async def edit_event(self, guild_id: int, event_id: int, body: Mapping[str, Any]) -> None:
        await _refusing(self._bot.http.edit_scheduled_event(guild_id, event_id, **body))

    async def delete_event(self, guild_id: int, event_id: int) -> None:
        await _refusing(self._bot.http.delete_scheduled_event(guild_id, event_id))

    async def own_events(self, guild_id: int) -> dict[int, str]:
        events = await _refusing(self._bot.http.get_scheduled_events(guild_id, False))
        mine = str(self._bot.user.id) if self._bot.user else ""
        return {
            int(event["id"]): event.get("description") or ""
            for event in events
            if str(event.get("creator_id")) == mine
        }


class DiscordAuthoredPosts:
    """The forget's AuthoredPosts: build cards and showcase posts, worded by their cogs."""

    def __init__(self, bot: KeitoraBot) -> None:
        self._bot = bot

    async def refresh_build_card(self, guild_id: int, build_id: int) -> None:
        from cogs._build_posts import BuildPosts  # the cogs import this module

        posts = BuildPosts(self._bot)
        await _unless_refused(posts.refresh_card(await posts.service.get(guild_id, build_id)))

    async def forget_showcase_post(self, guild_id: int, post: ShowcasePost, *, kept: bool) -> None:
        from cogs._showcase_posts import ShowcasePosts

        await _unless_refused(ShowcasePosts(self._bot).after_forget(guild_id, post, kept=kept))


async def _unless_refused(call: Awaitable[object]) -> None:
    """Make a change that Discord may refuse for good: a message or channel gone meanwhile is
    fine, another refusal is logged; a 429 or 5xx is `TryAgain`."""
    try:
        await _refusing(call)
    except Refused as refusal:
        if refusal.code not in (UNKNOWN_CHANNEL, UNKNOWN_MESSAGE):
            log.warning("could not change a message naming a forgotten member: %s", refusal)


async def _refusing(call: Awaitable[T]) -> T:
    """`call`'s answer; a 4xx other than 429 is a `Refused`, since Discord answers the same
    request the same way every time, and a 429 or 5xx that outlasted discord.py's own retries
    is `TryAgain`."""
    try:
        return await call
    except discord.HTTPException as error:
        if error.status == 429 or error.status >= 500:
            raise TryAgain(f"Discord answered {error.status}: {error.text or error}") from None
        if 400 <= error.status < 500:
            raise Refused(error.code, error.text or str(error)) from None
        raise


class DiscordPublisher:
    """The announcements' Publisher: crossposts a message from an announcement channel."""

    def __init__(self, bot: KeitoraBot) -> None:
        self._bot = bot

    async def publish(self, channel_id: int, message_id: int) -> bool:
        channel: Any = self._bot.get_channel(channel_id)
        if channel is None:
            channel = await self._bot.fetch_channel(channel_id)
        if not (isinstance(channel, discord.TextChannel) and channel.is_news()):
            return False
        try:
            # discord.py waits out a 429 itself, however long Discord asks; a publish that
            # waits longer than this is put back instead, so the job runner is not held.
            async with asyncio.timeout(PUBLISH_TIMEOUT):
                await self._bot.http.publish_message(channel_id, message_id)
        except TimeoutError:
            raise PublishLater(PUBLISH_RETRY) from None
        except discord.RateLimited as limited:
            raise PublishLater(limited.retry_after) from None
        except discord.HTTPException as error:
            if error.code == ALREADY_PUBLISHED:
                return True  # an earlier try published it and died before recording that
            raise
        return True


ALREADY_PUBLISHED = 40033
PUBLISH_RETRY = 600.0  # seconds before a publish that Discord kept waiting is tried again


def _buttons(buttons: tuple[Button, ...]) -> discord.ui.View | Any:
    """An outgoing message's buttons, which the dynamic items registered at start-up answer."""
    if not buttons:
        return discord.utils.MISSING
    return stateless_view(
        discord.ui.Button(
            label=button.label, custom_id=button.custom_id, style=discord.ButtonStyle.secondary
        )
        for button in buttons
    )


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
            services.jobs, clock, outbox=Outbox(store, services.jobs, clock, DiscordSender(self))
        )
        services.register_jobs(
            self.job_runner,
            DiscordEventsTab(self),
            DiscordPublisher(self),
            DiscordAuthoredPosts(self),
        )
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
        for module in pkgutil.iter_modules(cogs.__path__):
            if is_cog_module(module.name):
                await self.load_extension(f"cogs.{module.name}")
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
        for server in servers:
            self.tree.copy_global_to(guild=server)
        if servers:
            self.tree.clear_commands(guild=None)
        for scope in [None, *servers]:
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
        await self.job_runner.stop()
        await self._finish_work_in_hand(WORK_GRACE)
        await super().close()
        await self.feed_fetcher.aclose()
        self._restore_discord()
        gc.unfreeze()

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
    from cogs.glossary_views import word_of_the_day_card
    from cogs.importers_views import alert_notice, announcement_card, feed_trouble_notice
    from cogs.meetup_events import event_note
    from cogs.meetups_views import change_notice, promotion_notice, reminder_notice
    from cogs.modqueue_views import queue_card, rejection_notice

    renderers = Renderers(
        daily_card=word_of_the_day_card,
        promotion_notice=promotion_notice,
        change_notice=change_notice,
        reminder_notice=reminder_notice,
        event_note=event_note,
        announcement_card=announcement_card,
        queue_card=queue_card,
        rejection_notice=rejection_notice,
        feed_trouble_notice=feed_trouble_notice,
        alert_notice=alert_notice,
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
