"""The loopback's shared parts: options, state, gateway, interactions, faults and the logs."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sandbox.faults import Faults
from sandbox.gateway import Gateway
from sandbox.interactions import InteractionBook
from sandbox.spec import Violation
from sandbox.state import Json, World

if TYPE_CHECKING:
    from sandbox.validator import SpecValidator


@dataclass(frozen=True, slots=True)
class Options:
    """Discord's timing rules, adjustable so tests need not wait the real durations."""

    ack_deadline: float = 3.0  # seconds to answer an interaction's callback
    token_lifetime: float = 15 * 60.0  # seconds the interaction token serves followups
    heartbeat_interval: float = 41.25  # seconds, sent in HELLO
    reject_invalid: bool = True  # answer spec-breaking requests 400 as Discord would
    # Seconds a message create with `enforce_nonce` is answered with the earlier message of the
    # same nonce. Discord promises only "the past few minutes"; the short end of that keeps a
    # test from relying on a longer memory than Discord may have.
    nonce_window: float = 120.0
    # Requests a second a bot may make across all routes before Discord answers a global 429;
    # interaction callbacks and webhooks, which carry their token in the path, are exempt.
    global_limit: int = 50
    # Messages the bot may send into one channel in a window of so many seconds before Discord
    # answers a 429 (sandbox/route_limits.py).
    channel_sends: int = 5
    channel_send_window: float = 5.0
    # Discord's permission splits of 2026-02-23: pinning takes Pin Messages and creating an
    # event Create Events, Manage Messages and Manage Events no longer doing either. Off, the
    # old permission still serves, as it did for servers before that day.
    permission_splits: bool = True
    # Discord's role hierarchy: the bot gives and takes only roles below its highest. Off, any
    # role but an integration's serves.
    role_hierarchy: bool = True


@dataclass(slots=True)
class RequestRecord:
    """One REST call as the loopback saw it; times are `time.monotonic()` seconds."""

    method: str
    path: str
    template: str | None
    started: float
    request: Any = None
    finished: float | None = None
    status: int | None = None
    response: Any = None
    # The X-Audit-Log-Reason header, decoded: what Discord's audit log shows beside the action.
    audit_reason: str | None = None


class SandboxTimeout(AssertionError):
    """The bot did not do what a test waited for in time."""


class Signal:
    """Wakes waiters whenever the loopback's state changed (a request answered, an event sent)."""

    def __init__(self) -> None:
        self._waiters: list[asyncio.Future[None]] = []
        # Waiters a change woke that have not yet looked at the state again, and those waiting
        # for that set to empty: a test proves something did not happen by waiting until every
        # wait a change woke has re-checked, not by sleeping.
        self._woken: set[asyncio.Future[None]] = set()
        self._quiet: list[asyncio.Future[None]] = []

    def fire(self) -> None:
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)
                self._woken.add(waiter)

    async def wait_until(self, predicate: Callable[[], bool], within: float, what: str) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        waiter: asyncio.Future[None] | None = None
        try:
            while not self._check(predicate, waiter):
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise SandboxTimeout(f"timed out after {within:g}s waiting for {what}")
                waiter = loop.create_future()
                self._waiters.append(waiter)
                try:
                    await asyncio.wait_for(waiter, remaining)
                except TimeoutError:
                    continue
        finally:
            self._looked(waiter)

    async def looked_again(self, within: float) -> None:
        """Return once every wait a change woke has looked at the state again (and so waits
        on, or has returned)."""
        if not self._woken:
            return
        quiet = asyncio.get_running_loop().create_future()
        self._quiet.append(quiet)
        try:
            await asyncio.wait_for(quiet, within)
        except TimeoutError:
            raise SandboxTimeout(
                f"timed out after {within:g}s waiting for {len(self._woken)} woken waits"
            ) from None

    def _check(self, predicate: Callable[[], bool], waiter: asyncio.Future[None] | None) -> bool:
        met = predicate()
        self._looked(waiter)
        return met

    def _looked(self, waiter: asyncio.Future[None] | None) -> None:
        if waiter is None or waiter not in self._woken:
            return
        self._woken.discard(waiter)
        if not self._woken:
            quiet, self._quiet = self._quiet, []
            for future in quiet:
                if not future.done():
                    future.set_result(None)


class Core:
    """Everything one loopback Discord holds; REST handlers and the gateway share it."""

    def __init__(self, world: World, options: Options, validator: SpecValidator | None) -> None:
        self.world = world
        self.options = options
        self.validator = validator
        self.changed = Signal()
        self.gateway = Gateway(self)
        self.interactions = InteractionBook()
        self.faults = Faults()
        self.requests: list[RequestRecord] = []
        self.in_flight = 0  # REST calls received and not yet answered
        self.dispatched: list[tuple[str, Json]] = []
        self.violations: list[Violation] = []
        self.unknown_routes: list[str] = []

    async def dispatch(self, event: str, data: Json) -> None:
        """Send a gateway event to every identified session (buffered for resume if offline)."""
        self.dispatched.append((event, data))
        await self.gateway.dispatch(event, data)
        self.changed.fire()
