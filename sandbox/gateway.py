"""The gateway: a websocket speaking Discord's v10 protocol as plain JSON text frames.

discord.py asks for `compress=zlib-stream` in the URL but only decompresses *binary* frames;
text frames are parsed as JSON directly, so the loopback never compresses. Sessions keep a
backlog so RESUME replays what a dropped connection missed, as Discord does.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections import deque
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from sandbox.faults import HeldEvent
from sandbox.intents import for_session

if TYPE_CHECKING:
    from sandbox.core import Core

_log = logging.getLogger(__name__)

DISPATCH, HEARTBEAT, IDENTIFY, RESUME = 0, 1, 2, 6
RECONNECT, REQUEST_GUILD_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 7, 8, 9, 10, 11
AUTHENTICATION_FAILED = 4004
_BACKLOG = 5000
# Seconds between a heartbeat arriving and its ACK: a short network round trip. discord.py notes
# a heartbeat's send time only after the send returns, on its keep-alive thread; an ACK sent at
# once can overtake that note and reads as a whole interval late ("Can't keep up ... behind").
_ACK_DELAY = 0.02

Json = dict[str, Any]


@dataclass(eq=False)
class Session:
    """A gateway session: survives its socket so the client can RESUME it."""

    id: str
    intents: int
    shard: list[int] | None
    socket: web.WebSocketResponse | None = None
    ready: bool = False  # READY or RESUMED was sent on the current socket
    sequence: int = 0
    backlog: deque[tuple[int, str]] = field(default_factory=lambda: deque(maxlen=_BACKLOG))
    # The sequence of a held event (see Faults.hold_event): it and those after it are in the
    # backlog, unsent until the hold is released. None when no event is held.
    held_from: int | None = None

    def frames_from(self, sequence: int) -> list[str]:
        """The frames from `sequence` on, up to the first held one."""
        end = self.sequence + 1 if self.held_from is None else self.held_from
        return [frame for number, frame in self.backlog if sequence <= number < end]


class Gateway:
    """Every gateway connection and session of one loopback Discord."""

    def __init__(self, core: Core) -> None:
        self.core = core
        self.url = ""  # ws://host:port/gateway, known once the server listens
        self.sessions: dict[str, Session] = {}
        self.identifies = 0
        self.resumes = 0
        self._sockets: dict[web.WebSocketResponse, web.Request] = {}
        # Kept here: the loop holds its tasks only by weak references.
        self._tasks: set[asyncio.Task[None]] = set()

    # -- state seen by tests ------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        """A client is connected and has been sent READY or RESUMED."""
        return any(s.socket is not None and s.ready for s in self.sessions.values())

    async def wait_connected(self, within: float = 10.0) -> None:
        await self.core.changed.wait_until(lambda: self.connected, within, "a gateway session")

    # -- dispatch -----------------------------------------------------------------------------

    async def dispatch(self, event: str, data: Json) -> None:
        """Send an event to every session whose intents cover it, shaped for those intents."""
        for session in list(self.sessions.values()):
            shaped = for_session(self.core.world, event, data, session.intents)
            if shaped is not None:
                await self._send_event(session, event, shaped)

    async def _send_event(self, session: Session, event: str, data: Json) -> None:
        session.sequence += 1
        frame = json.dumps({"op": DISPATCH, "t": event, "s": session.sequence, "d": data})
        session.backlog.append((session.sequence, frame))
        if session.held_from is not None:
            return
        held = self.core.faults.take_held_event(event, data)
        if held is not None:
            session.held_from = session.sequence
            self._start(self._send_when_released(session, held, session.sequence))
        elif session.socket is not None:
            await self._send(session.socket, frame)

    async def _send_when_released(self, session: Session, held: HeldEvent, sequence: int) -> None:
        await held.wait(sequence)
        # Events dispatched while these are sent queue behind them, keeping the stream's order.
        while (number := session.held_from) is not None:
            frame = next((f for n, f in session.backlog if n == number), None)
            session.held_from = number + 1
            if frame is not None and session.socket is not None:
                await self._send(session.socket, frame)
            if session.held_from > session.sequence:
                session.held_from = None

    def _start(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _send(self, socket: web.WebSocketResponse, frame: str) -> None:
        # A socket can close between the check and the write; the event stays in the backlog.
        try:
            await socket.send_str(frame)
        except (ConnectionError, RuntimeError):
            _log.debug("gateway socket closed while sending")

    async def _send_op(self, socket: web.WebSocketResponse, op: int, data: Any) -> None:
        await self._send(socket, json.dumps({"op": op, "d": data}))

    # -- the connection -----------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(max_msg_size=0)
        await socket.prepare(request)
        self._sockets[socket] = request
        session: Session | None = None
        interval_ms = int(self.core.options.heartbeat_interval * 1000)
        try:
            await self._send_op(socket, HELLO, {"heartbeat_interval": interval_ms})
            async for frame in socket:
                if frame.type is not WSMsgType.TEXT:
                    continue
                session = await self._receive(socket, session, json.loads(frame.data)) or session
        finally:
            del self._sockets[socket]
            if session is not None and session.socket is socket:
                session.socket = None
                session.ready = False
            self.core.changed.fire()
        return socket

    async def _receive(
        self, socket: web.WebSocketResponse, session: Session | None, payload: Json
    ) -> Session | None:
        op, data = payload.get("op"), payload.get("d")
        if op == HEARTBEAT:
            self._start(self._acknowledge(socket))
        elif op == IDENTIFY:
            return await self._identify(socket, data)
        elif op == RESUME:
            return await self._resume(socket, data)
        elif op == REQUEST_GUILD_MEMBERS and session is not None:
            await self._member_chunk(session, data)
        return None

    async def _acknowledge(self, socket: web.WebSocketResponse) -> None:
        await asyncio.sleep(_ACK_DELAY)
        await self._send_op(socket, HEARTBEAT_ACK, None)

    async def _identify(self, socket: web.WebSocketResponse, data: Json) -> Session | None:
        if data.get("token") != self.core.world.bot_token:
            await socket.close(code=AUTHENTICATION_FAILED, message=b"Authentication failed.")
            return None
        # A new identify means earlier sessions without a socket belong to a client that is gone.
        for stale in [s for s in self.sessions.values() if s.socket is None]:
            del self.sessions[stale.id]
        session = Session(secrets.token_hex(16), int(data.get("intents", 0)), data.get("shard"))
        self.sessions[session.id] = session
        session.socket = socket
        self.identifies += 1
        await self._send_event(session, "READY", self._ready_payload(session))
        for guild in self.core.world.guilds.values():
            shaped = for_session(
                self.core.world, "GUILD_CREATE", guild.gateway_payload(), session.intents
            )
            if shaped is not None:
                await self._send_event(session, "GUILD_CREATE", shaped)
        session.ready = True
        self.core.changed.fire()
        return session

    def _ready_payload(self, session: Session) -> Json:
        world = self.core.world
        ready: Json = {
            "v": 10,
            "user": {**world.bot, "verified": True, "mfa_enabled": False},
            "guilds": [{"id": guild_id, "unavailable": True} for guild_id in world.guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.url,
            "application": {"id": world.application_id, "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "user_settings": {},
            "geo_ordered_rtc_regions": ["us-west"],
        }
        if session.shard is not None:
            ready["shard"] = session.shard
        return ready

    async def _resume(self, socket: web.WebSocketResponse, data: Json) -> Session | None:
        session = self.sessions.get(data.get("session_id", ""))
        sequence = data.get("seq") or 0
        if (
            data.get("token") != self.core.world.bot_token
            or session is None
            or (session.backlog and session.backlog[0][0] > sequence + 1)
        ):
            await self._send_op(socket, INVALID_SESSION, False)
            return None
        session.socket = socket
        for frame in session.frames_from(sequence + 1):
            await self._send(socket, frame)
        await self._send_event(session, "RESUMED", {})
        session.ready = True
        self.resumes += 1
        self.core.changed.fire()
        return session

    async def _member_chunk(self, session: Session, data: Json) -> None:
        guild = self.core.world.guilds.get(str(data.get("guild_id")))
        if guild is None:
            return
        wanted = {str(u) for u in data.get("user_ids") or []}
        query = (data.get("query") or "").lower()
        members = [
            m
            for m in guild.members.values()
            if (not wanted or m["user"]["id"] in wanted) and m["user"]["username"].startswith(query)
        ]
        chunk: Json = {
            "guild_id": guild.id,
            "members": members[: data.get("limit") or None],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": sorted(wanted - {m["user"]["id"] for m in members}),
        }
        if data.get("nonce"):
            chunk["nonce"] = data["nonce"]
        await self._send_event(session, "GUILD_MEMBERS_CHUNK", chunk)

    # -- faults -------------------------------------------------------------------------------

    def _live(self) -> list[tuple[Session, web.WebSocketResponse]]:
        return [(s, s.socket) for s in self.sessions.values() if s.socket is not None]

    async def drop(self, code: int = 4000) -> None:
        """Close every client socket with `code` (4000 lets the client resume)."""
        for _, socket in self._live():
            await socket.close(code=code)

    def abort(self) -> None:
        """Cut every client connection without a close frame, like a network failure."""
        for _, socket in self._live():
            transport = self._sockets[socket].transport
            if transport is not None:
                transport.abort()

    async def reconnect(self) -> None:
        """Send RECONNECT (op 7): the client should close and resume."""
        for _, socket in self._live():
            await self._send_op(socket, RECONNECT, None)

    async def invalidate(self, resumable: bool) -> None:
        """Send INVALID_SESSION (op 9); when not resumable the session is forgotten."""
        for session, socket in self._live():
            if not resumable:
                del self.sessions[session.id]
            await self._send_op(socket, INVALID_SESSION, resumable)

    async def close_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for socket in list(self._sockets):
            await socket.close(code=1001)
