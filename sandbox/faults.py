"""Fault injection: make the next REST calls to a route fail (429 or 500), a share of its calls
answer 429, every call answer slowly, one call wait until the test releases it, or a call be
handled and its answer lost (a 5xx in its place, or the connection dropped); and hold a gateway
event, with the events after it, until the test releases it."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def any_path(path: str) -> bool:
    """A fault's scope when it is not narrowed: every call to its route."""
    return True


@dataclass(slots=True)
class Failure:
    status: int  # 429 or 5xx
    remaining: int  # how many more calls it applies to
    retry_after: float = 0.05
    is_global: bool = False
    applies_to: Callable[[str], bool] = any_path  # the call's path → whether it fails


@dataclass(slots=True)
class Share:
    """A steady share of a route's calls answered 429, as under load from other bots."""

    share: float
    retry_after: float
    applies_to: Callable[[str], bool]  # the call's path → whether it may be refused
    draw: random.Random


@dataclass(slots=True)
class LostAnswer:
    """A call Discord handles in full whose answer never reaches the caller: a 5xx (a proxy in
    front of Discord timing out) in its place, or, with no status, the connection dropped."""

    status: int | None
    remaining: int
    applies_to: Callable[[str, Any], bool]  # the call's path and body → whether it is lost


class Hold:
    """One call Discord sits on until the test releases it: a race made to happen every run,
    not by waiting long enough."""

    def __init__(self, applies_to: Callable[[str], bool]) -> None:
        self.applies_to = applies_to
        self.arrived = asyncio.Event()  # set once the held call came in
        self.path: str | None = None  # the held call's
        self._released = asyncio.Event()

    def release(self) -> None:
        """Let the held call be handled (or the next one, if none came yet)."""
        self._released.set()

    async def wait(self, path: str) -> None:
        self.path = path
        self.arrived.set()
        await self._released.wait()


class HeldEvent:
    """One gateway event Discord is late to send, and so every event after it on the same
    session (a gateway is one ordered stream), until the test releases it: an event made to
    come after something else every run, not by waiting long enough."""

    def __init__(self, event: str, applies_to: Callable[[dict[str, Any]], bool]) -> None:
        self.event = event
        self.applies_to = applies_to
        self.arrived = asyncio.Event()  # set once the held event was due to be sent
        self.sequence: int | None = None  # the held event's sequence number on its session
        self._released = asyncio.Event()

    def release(self) -> None:
        """Send the held event and those queued behind it, in order (or the next matching one
        at once, if none came yet)."""
        self._released.set()

    async def wait(self, sequence: int) -> None:
        self.sequence = sequence
        self.arrived.set()
        await self._released.wait()


class Faults:
    """Planned failures, keyed by method and spec path template; "*" matches any."""

    def __init__(self) -> None:
        self._failures: dict[tuple[str, str], Failure] = {}
        self._shares: dict[tuple[str, str], Share] = {}
        self._delays: dict[tuple[str, str], float] = {}
        self._holds: dict[tuple[str, str], Hold] = {}
        self._held_events: dict[str, HeldEvent] = {}
        self._lost: dict[tuple[str, str], LostAnswer] = {}

    def rate_limit(
        self,
        method: str = "*",
        template: str = "*",
        *,
        times: int = 1,
        retry_after: float = 0.05,
        is_global: bool = False,
    ) -> None:
        """The next `times` matching calls answer 429 (a global one with `is_global`)."""
        key = (method.upper(), template)
        self._failures[key] = Failure(429, times, retry_after, is_global)

    def rate_limit_share(
        self,
        method: str,
        template: str,
        share: float,
        *,
        retry_after: float = 0.05,
        applies_to: Callable[[str], bool] = any_path,
        seed: int = 0,
    ) -> None:
        """From now on about `share` of the calls to the route whose path `applies_to` accepts
        answer 429, drawn from a seeded generator so a run can be repeated."""
        if not 0 < share < 1:
            raise ValueError("share must be between 0 and 1")
        key = (method.upper(), template)
        self._shares[key] = Share(share, retry_after, applies_to, random.Random(seed))

    def server_error(
        self,
        method: str = "*",
        template: str = "*",
        *,
        times: int = 1,
        status: int = 500,
        applies_to: Callable[[str], bool] = any_path,
    ) -> None:
        """The next `times` calls whose path `applies_to` accepts answer a 5xx (discord.py
        retries a 500, 502 or 504 after 1 s, 3 s, ...; a 503 it does not)."""
        key = (method.upper(), template)
        self._failures[key] = Failure(status, times, applies_to=applies_to)

    def lose_answer(
        self,
        method: str,
        template: str,
        *,
        status: int | None = None,
        times: int = 1,
        applies_to: Callable[[str, Any], bool] = lambda path, body: True,
    ) -> None:
        """The next `times` calls to the route whose path and body `applies_to` accepts are
        handled, and then answered `status` (a 5xx) in place of their answer, or, without a
        status, get no answer: the connection drops. discord.py retries a 500, 502 or 504."""
        key = (method.upper(), template)
        self._lost[key] = LostAnswer(status, times, applies_to)

    def take_lost_answer(
        self, method: str, template: str, path: str, body: Any
    ) -> LostAnswer | None:
        """The lost answer planned for this handled call, if any, counting it as used."""
        lost = self._lost.get((method, template))
        if lost is None or not lost.applies_to(path, body):
            return None
        lost.remaining -= 1
        if lost.remaining <= 0:
            del self._lost[(method, template)]
        return lost

    def slow(self, method: str, template: str, seconds: float) -> None:
        """Every call to the route waits `seconds` before it is handled (0 removes the delay)."""
        if seconds > 0:
            self._delays[(method.upper(), template)] = seconds
        else:
            self._delays.pop((method.upper(), template), None)

    def hold(
        self, method: str, template: str, *, applies_to: Callable[[str], bool] = any_path
    ) -> Hold:
        """The next call to the route whose path `applies_to` accepts waits, unanswered, until
        the returned hold is released; the calls after it are handled as ever."""
        hold = Hold(applies_to)
        self._holds[(method.upper(), template)] = hold
        return hold

    def hold_event(
        self, event: str, *, applies_to: Callable[[dict[str, Any]], bool] = lambda data: True
    ) -> HeldEvent:
        """The next `event` ("READY", "INTERACTION_CREATE") whose data `applies_to` accepts is
        not sent, nor any event after it on that session, until the returned hold is released;
        the loopback itself goes on as if it had been sent."""
        held = HeldEvent(event, applies_to)
        self._held_events[event] = held
        return held

    def take_held_event(self, event: str, data: dict[str, Any]) -> HeldEvent | None:
        """The hold planned for this event, if any, which no later event starts."""
        held = self._held_events.get(event)
        if held is None or not held.applies_to(data):
            return None
        del self._held_events[event]
        return held

    def clear(self) -> None:
        self._failures.clear()
        self._lost.clear()
        self._shares.clear()
        self._delays.clear()
        for hold in self._holds.values():
            hold.release()
        self._holds.clear()
        for held in self._held_events.values():
            held.release()
        self._held_events.clear()

    def take_hold(self, method: str, template: str, path: str) -> Hold | None:
        """The hold planned for this call, if any, which no later call waits on."""
        hold = self._holds.get((method, template))
        if hold is None or not hold.applies_to(path):
            return None
        del self._holds[(method, template)]
        return hold

    def delay_for(self, method: str, template: str) -> float:
        return self._delays.get((method, template), 0.0)

    def take(self, method: str, template: str, path: str) -> Failure | None:
        """The failure planned for this call, if any, counting it as used; else a draw from
        the route's share of 429s."""
        for key in ((method, template), (method, "*"), ("*", template), ("*", "*")):
            failure = self._failures.get(key)
            if failure is not None and failure.applies_to(path):
                failure.remaining -= 1
                if failure.remaining <= 0:
                    del self._failures[key]
                return failure
        share = self._shares.get((method, template))
        if share is not None and share.applies_to(path) and share.draw.random() < share.share:
            return Failure(429, 1, share.retry_after)
        return None
