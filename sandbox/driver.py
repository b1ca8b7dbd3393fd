"""The test-facing API of the loopback Discord: start it, act as members, read what the bot did.

async with Loopback(spec=spec_path) as discord:   # spec_path: Discord's openapi.json, or None
    undo = await point_client_at(discord.api_base, discord.token)
    ...start the bot with discord.token...
    await discord.wait_ready()
    reply = await discord.slash("glossary lookup", term="keitora", public=True)
    assert "軽トラ" in reply.text

The `Reply` and `Message` it hands back are in sandbox/replies.py; how an interaction is carried
until the bot's answer settles is in sandbox/settling.py; what a member may write (`post`,
`react`) is in sandbox/member_writes.py.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from sandbox.channels import forget_channel
from sandbox.core import Core, Options, RequestRecord
from sandbox.demo import build_demo_guild
from sandbox.faults import Faults
from sandbox.gateway import Gateway
from sandbox.guilds import change_event, remove_event, status_by_the_clock
from sandbox.interactions import InteractionRecord
from sandbox.invoke import (
    InvocationError,
    OptionValue,
    component_interaction,
    slash_interaction,
)
from sandbox.member_writes import member_post, member_react
from sandbox.messages import remove
from sandbox.modals import modal_interaction
from sandbox.replies import Message, Reply
from sandbox.server import API_PREFIX, LoopbackServer
from sandbox.settling import Idle, Thinking, component_message, settle, user_of
from sandbox.spec import Violation
from sandbox.state import (
    ChannelRef,
    ChannelType,
    Guild,
    Json,
    RoleRef,
    UserRef,
    World,
)

if TYPE_CHECKING:
    from sandbox.validator import SpecValidator

DEFAULT_ACTOR = "Mika"
DEFAULT_CHANNEL = "general"


class Loopback:
    """A loopback Discord on 127.0.0.1 with the demo guild, for the real discord.py client."""

    def __init__(
        self,
        *,
        spec: Path | None,
        ack_deadline: float = 3.0,
        token_lifetime: float = 15 * 60.0,
        heartbeat_interval: float = 41.25,
        reject_invalid: bool = True,
        nonce_window: float = 120.0,
        global_limit: int = 50,
        demo: bool = True,
        deferred_update_grace: float = 1.0,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """`spec` is Discord's openapi.json to check all traffic against; None checks nothing.

        `clock` is the loopback's time (message timestamps, the `nonce_window` in seconds).
        """
        self.world = World(clock=clock)
        options = Options(
            ack_deadline,
            token_lifetime,
            heartbeat_interval,
            reject_invalid,
            nonce_window,
            global_limit,
        )
        self.core = Core(self.world, options, None if spec is None else _validator(spec))
        self.guild: Guild | None = build_demo_guild(self.world) if demo else None
        self.deferred_update_grace = deferred_update_grace
        # Set by whoever runs the bot and can tell it is idle: a deferred update's grace then
        # ends as soon as the bot has nothing in hand rather than after the whole grace.
        self.bot_idle: Idle | None = None
        self._server = LoopbackServer(self.core)

    # -- lifecycle ----------------------------------------------------------------------------

    async def start(self) -> Self:
        await self._server.start()
        return self

    async def stop(self) -> None:
        await self._server.stop()

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # -- where things are ---------------------------------------------------------------------

    @property
    def api_base(self) -> str:
        """The REST base to give the bot (`DISCORD_API_BASE`)."""
        return self._server.origin + API_PREFIX

    @property
    def token(self) -> str:
        """The only bot token this Discord accepts."""
        return self.world.bot_token

    @property
    def bot(self) -> UserRef:
        return UserRef(self.world.bot["id"], self.world.bot["global_name"])

    @property
    def gateway(self) -> Gateway:
        """Gateway state and faults: `drop()`, `abort()`, `reconnect()`, `invalidate()`."""
        return self.core.gateway

    @property
    def faults(self) -> Faults:
        """Faults: `rate_limit(...)`, `server_error(...)`, `slow(...)`, `hold(...)` for REST;
        `hold_event(...)` for the gateway."""
        return self.core.faults

    @property
    def requests(self) -> list[RequestRecord]:
        """Every REST call, in arrival order: method, path, template, `request` (the JSON body
        the bot sent; for multipart, its `payload_json`), status, `response`, and monotonic
        start/finish times."""
        return self.core.requests

    @property
    def dispatched(self) -> list[tuple[str, Json]]:
        """Every gateway event sent to the bot's sessions, in order: (name, payload)."""
        return self.core.dispatched

    @property
    def violations(self) -> list[Violation]:
        return self.core.violations

    @property
    def unknown_routes(self) -> list[str]:
        return self.core.unknown_routes

    def add_guild(self, name: str, owner: str = "Owner") -> Guild:
        """Another guild (empty but for its owner and the bot); add channels and members to it."""
        return self.world.add_guild(name, owner)

    def _demo(self) -> Guild:
        if self.guild is None:
            raise ValueError("this Loopback has no demo guild; pass actor= and where=")
        return self.guild

    def channel(self, name: str) -> ChannelRef:
        return self._demo().channel(name)

    def member(self, name: str) -> UserRef:
        return self._demo().member(name)

    def dm_channel(self, user: UserRef) -> ChannelRef:
        channel = self.world.dm_channel(user.id)
        return ChannelRef(channel["id"], f"@{user.name}", None, ChannelType.DM)

    def close_dms(self, user: UserRef) -> None:
        """From now on the bot's DMs to `user` fail with 50007, as when a member blocks DMs."""
        self.world.closed_dms.add(user.id)

    def drop_dm_channel(self, user: UserRef) -> None:
        """Discord no longer knows the DM channel with `user`: a send to it answers Unknown
        Channel, and opening a DM with `user` makes a new one."""
        channel_id = self.world.dm_channels.pop(user.id)
        del self.world.channels[channel_id]

    def thread_of(self, message: Message) -> ChannelRef:
        """The thread started on `message`."""
        thread = self.world.channels.get(message.id)
        if thread is None or thread["type"] not in ChannelType.THREADS:
            raise KeyError(f"no thread was started on message {message.id}")
        return ChannelRef(thread["id"], thread["name"], thread["guild_id"], thread["type"])

    async def archive(self, thread: ChannelRef, *, locked: bool = False) -> None:
        """Archive `thread` (and lock it) as Discord does after days without a message, or as a
        moderator does; members who have the bot see THREAD_UPDATE."""
        channel = self.world.channels[thread.id]
        metadata = channel["thread_metadata"]
        metadata.update(archived=True, locked=locked, archive_timestamp=self.world.now_iso())
        await self.core.dispatch("THREAD_UPDATE", channel)

    async def lock(self, thread: ChannelRef) -> None:
        """A moderator locks `thread` and leaves it open: members without Manage Threads can no
        longer write in it, but can still react; members who have the bot see THREAD_UPDATE."""
        channel = self.world.channels[thread.id]
        channel["thread_metadata"]["locked"] = True
        await self.core.dispatch("THREAD_UPDATE", channel)

    async def remove_bot(self, guild: Guild) -> None:
        """The server's admins remove the bot: it sees GUILD_DELETE without `unavailable`, and
        from then on the server and its channels answer 403 Missing Access (50001)."""
        self.world.removed_guilds[guild.id] = self.world.guilds.pop(guild.id)
        await self.core.dispatch("GUILD_DELETE", {"id": guild.id})

    async def add_bot(self, guild: Guild) -> None:
        """An admin adds the removed bot back: it sees GUILD_CREATE, as after an invite, which
        (unlike the end of an outage) carries no `unavailable` field."""
        self.world.guilds[guild.id] = self.world.removed_guilds.pop(guild.id)
        payload = guild.gateway_payload()
        del payload["unavailable"]
        await self.core.dispatch("GUILD_CREATE", payload)

    async def outage(self, guild: Guild) -> None:
        """The server is briefly unavailable (a Discord outage): GUILD_DELETE with
        `unavailable`; the bot is still in it."""
        await self.core.dispatch("GUILD_DELETE", {"id": guild.id, "unavailable": True})

    async def outage_over(self, guild: Guild) -> None:
        await self.core.dispatch("GUILD_CREATE", guild.gateway_payload())

    async def set_permissions(self, role: RoleRef, permissions: int) -> None:
        """An admin changes what `role` may do; the bot sees GUILD_ROLE_UPDATE."""
        guild = self.world.guilds[role.guild_id]
        stored = guild.roles[role.id]
        stored["permissions"] = str(permissions)
        await self.core.dispatch("GUILD_ROLE_UPDATE", {"guild_id": guild.id, "role": stored})

    async def create_channel(
        self, name: str, kind: int = ChannelType.GUILD_TEXT, *, category: ChannelRef | None = None
    ) -> ChannelRef:
        """An admin adds a channel to the demo server (in `category`, synced with it); the bot
        sees CHANNEL_CREATE."""
        guild = self._demo()
        ref = guild.add_channel(name, kind, category=category)
        await self.core.dispatch("CHANNEL_CREATE", guild.channels[ref.id])
        return ref

    async def set_overwrite(
        self, channel: ChannelRef, target: RoleRef | UserRef, *, allow: int = 0, deny: int = 0
    ) -> None:
        """An admin changes what `target` may do in `channel` (its permission overwrites);
        the bot sees CHANNEL_UPDATE."""
        guild = self.world.guilds[channel.guild_id or ""]
        await self.core.dispatch(
            "CHANNEL_UPDATE", guild.set_overwrite(channel, target, allow=allow, deny=deny)
        )

    async def delete_thread(self, thread: ChannelRef) -> None:
        """A member with Manage Threads deletes `thread` in Discord: it and its messages are
        gone, and the bot sees THREAD_DELETE."""
        await forget_channel(self.core, self.world.channels[thread.id])

    async def delete_message(self, message: Message) -> None:
        """Its author (or a moderator) deletes `message`; the bot sees MESSAGE_DELETE."""
        await remove(self.core, self.world.messages[message.channel_id][message.id])

    # -- reading ------------------------------------------------------------------------------

    def messages(self, channel: ChannelRef | str) -> list[Message]:
        """Messages in a channel (by ref or demo channel name), oldest first."""
        ref = self.channel(channel) if isinstance(channel, str) else channel
        stored = self.world.messages[ref.id].values()
        return [Message.of(self.world, m) for m in sorted(stored, key=lambda m: int(m["id"]))]

    def dms(self, user: UserRef) -> list[Message]:
        """Messages the bot sent to `user` by DM, oldest first."""
        if user.id not in self.world.dm_channels:
            return []
        return self.messages(self.dm_channel(user))

    def events(self, guild: Guild | None = None) -> list[Json]:
        """The scheduled events in a server's Events tab, oldest first, with the status Discord
        shows now (the bot hears it only when it next touches the events)."""
        stored = (guild or self._demo()).events.values()
        now = self.world.clock()
        shown = [event | {"status": status_by_the_clock(event, now)} for event in stored]
        return sorted(shown, key=lambda event: int(event["id"]))

    def commands(self, guild: Guild | None = None) -> list[Json]:
        """Synced commands: global ones, or those of `guild`."""
        return list(self.world.commands.get(guild.id if guild else None, []))

    # -- waiting ------------------------------------------------------------------------------

    async def wait_until(
        self, predicate: Callable[[], bool], within: float = 5.0, what: str = "a condition"
    ) -> None:
        await self.core.changed.wait_until(predicate, within, what)

    async def bot_quiet(self, quiet: float = 0.25, within: float = 3.0) -> None:
        """Wait until the bot has sent Discord nothing for `quiet` seconds, or `within` passed:
        what follows a reply (a post, a DM, an edited card) is sent by jobs in the background."""
        clock = asyncio.get_running_loop().time
        deadline = clock() + within
        sent = len(self.requests)
        while clock() < deadline:
            await asyncio.sleep(quiet)
            if len(self.requests) == sent:
                return
            sent = len(self.requests)

    async def wait_ready(self, *, commands: bool = True, within: float = 10.0) -> None:
        """Wait until the bot is connected (and, with `commands`, has synced some)."""
        await self.gateway.wait_connected(within)
        if commands:
            await self.wait_until(lambda: any(self.world.commands.values()), within, "command sync")

    # -- acting as members --------------------------------------------------------------------

    def _actor(self, actor: UserRef | None) -> UserRef:
        return actor or self.member(DEFAULT_ACTOR)

    def _where(self, where: ChannelRef | None) -> ChannelRef:
        return where or self.channel(DEFAULT_CHANNEL)

    async def slash(
        self,
        command: str,
        /,
        *,
        actor: UserRef | None = None,
        where: ChannelRef | None = None,
        within: float = 5.0,
        thinking: Thinking | None = None,
        **options: OptionValue,
    ) -> Reply:
        """Use `/command` ("glossary lookup") as `actor` in `where`; returns the settled reply.

        With `thinking`, `within` bounds the callback alone and a deferred answer's followup
        is waited for as Discord does, `thinking` told its loading message (see `settle`)."""
        record = slash_interaction(
            self.core, command, options, self._actor(actor), self._where(where)
        )
        return await self._run(record, within, f"/{command}", thinking)

    async def autocomplete(
        self,
        command: str,
        option: str,
        value: str,
        /,
        *,
        actor: UserRef | None = None,
        where: ChannelRef | None = None,
        within: float = 5.0,
        **others: OptionValue,
    ) -> list[Json]:
        """The choices the bot suggests while `actor` types `value` into `option`."""
        reply = await self.autocomplete_reply(
            command, option, value, actor=actor, where=where, within=within, **others
        )
        return reply.choices

    async def autocomplete_reply(
        self,
        command: str,
        option: str,
        value: str,
        /,
        *,
        actor: UserRef | None = None,
        where: ChannelRef | None = None,
        within: float = 5.0,
        **others: OptionValue,
    ) -> Reply:
        """Like `autocomplete`, but the whole reply: its choices and its latency."""
        values = {**others, option: value}
        record = slash_interaction(
            self.core, command, values, self._actor(actor), self._where(where), focused=option
        )
        return await self._run(record, within, f"autocomplete of /{command} {option}")

    async def click(
        self,
        target: Reply | Message,
        key: str,
        /,
        *,
        actor: UserRef | None = None,
        values: list[OptionValue] | None = None,
        within: float = 5.0,
        thinking: Thinking | None = None,
    ) -> Reply:
        """Press a button (or pick `values` in a select) by label, placeholder or custom_id;
        `thinking` as for `slash`."""
        message = component_message(target, key)
        record = component_interaction(self.core, message, key, self._actor(actor), values)
        return await self._run(record, within, f"a click on {key!r}", thinking)

    async def submit_modal(
        self,
        reply: Reply,
        fields: Mapping[str, str | list[str]],
        /,
        *,
        actor: UserRef | None = None,
        within: float = 5.0,
        thinking: Thinking | None = None,
    ) -> Reply:
        """Submit the modal the bot answered `reply` with; fields by custom_id or label;
        `thinking` as for `slash`.

        A field left out keeps what the bot prefilled, as in Discord's client. Discord shows a
        form only to the member whose interaction opened it: no one else can send it.
        """
        opener = user_of(reply)
        if actor is not None and actor.id != opener.id:
            raise InvocationError(
                f"the form was opened for {opener.name}; Discord shows it to no one else"
            )
        record = modal_interaction(self.core, reply.record, fields, opener)
        return await self._run(record, within, "a modal submit", thinking)

    async def post(
        self, where: ChannelRef, content: str, *, actor: UserRef | None = None
    ) -> Message:
        """A member writes a message in a channel (the bot receives MESSAGE_CREATE). As on
        Discord, the member needs View Channel and Send Messages (Send Messages in Threads, in
        a thread), or is refused with Discord's 403; a locked thread takes messages only from
        members who may manage threads (403 50083), and a message into an archived thread
        reopens it."""
        author = self.world.users[self._actor(actor).id]
        return Message.of(self.world, await member_post(self.core, where, author, content))

    async def react(self, message: Message, emoji: str, *, actor: UserRef | None = None) -> None:
        """A member adds a reaction to a message. Discord takes reactions where the member may
        view the channel (else 403 Missing Access) and read its history, with Add Reactions for
        the first of its kind (else 403 Missing Permissions), in a locked thread while it is
        open, and none in an archived thread, locked or not."""
        stored = self.world.messages[message.channel_id][message.id]
        await member_react(self.core, stored, emoji, self.world.users[self._actor(actor).id])

    async def edit_event(
        self, event_id: str, /, *, actor: UserRef, guild: Guild | None = None, **changes: object
    ) -> Json:
        """A member edits a scheduled event in the server's Events tab (Discord checks their
        permissions as for the bot); the bot receives GUILD_SCHEDULED_EVENT_UPDATE."""
        return await change_event(self.core, guild or self._demo(), event_id, actor.id, changes)

    async def delete_event(
        self, event_id: str, /, *, actor: UserRef, guild: Guild | None = None
    ) -> None:
        """A member deletes a scheduled event in the Events tab."""
        await remove_event(self.core, guild or self._demo(), event_id, actor.id)

    # -- plumbing -----------------------------------------------------------------------------

    async def _run(
        self,
        record: InteractionRecord,
        within: float,
        what: str,
        thinking: Thinking | None = None,
    ) -> Reply:
        grace, idle = self.deferred_update_grace, self.bot_idle
        await settle(self.core, record, within, what, grace, idle, thinking)
        return Reply(self, record)


@functools.cache
def _validator(spec: Path) -> SpecValidator:
    # One per spec file and process, so that every Loopback shares its compiled schemas and
    # remembered verdicts. Imported here so that a Loopback without a spec runs without
    # jsonschema installed.
    from sandbox.validator import SpecValidator, load_spec

    return SpecValidator(load_spec(spec))
