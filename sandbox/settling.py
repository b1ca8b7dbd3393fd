"""Carrying a member's interaction through the loopback until the bot's answer has settled: what
counts as answered, the grace a deferred update gets for its edit, how long a "thinking" answer
waits for its followup, and what a timeout reports."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from sandbox.bodies import walk_components
from sandbox.core import Core, SandboxTimeout
from sandbox.interactions import DEFERRED_MESSAGE, DEFERRED_UPDATE, InteractionRecord
from sandbox.invoke import InvocationError, component_names
from sandbox.replies import Message, Reply
from sandbox.state import Json, UserRef

# Whether the bot has nothing in hand that could still answer an interaction (see bot_work).
Idle = Callable[[], Awaitable[bool]]
# How often the grace asks whether the bot is idle: its work takes tens of milliseconds at least.
IDLE_POLL = 0.02
# Told the loading message of a deferred answer whose followup has not come this soon; most
# come within it, and are shown alone, as a reader of Discord barely sees them think.
THINKING_SHOWN_AFTER = 1.0
# How often a thinking answer's wait asks whether the bot is idle: that wait is one of seconds.
THINKING_POLL = 0.25
# Told the loading message of a deferred answer (Discord's "… is thinking").
Thinking = Callable[[Json], None]


async def settle(
    core: Core,
    record: InteractionRecord,
    within: float,
    what: str,
    grace: float,
    idle: Idle | None = None,
    thinking: Thinking | None = None,
) -> None:
    """Send `record` to the bot and wait until it answered (a deferred update: and edited, or
    with `idle`, until the bot has nothing left in hand that could edit).

    With `thinking`, `within` is for the callback alone: a deferred message's followup is
    waited for as Discord does, while the token lives or, with `idle`, until the bot has
    nothing left in hand that could send it, `thinking` told the loading message meanwhile.
    """
    core.interactions.add(record)
    await core.dispatch("INTERACTION_CREATE", record.payload)
    done = _answered if thinking is None else _acknowledged
    try:
        await core.changed.wait_until(lambda: done(record), within, f"the bot to answer {what}")
    except SandboxTimeout as timeout_error:
        raise SandboxTimeout(f"{timeout_error}\n{_diagnosis(core)}") from None
    if thinking is not None and not _answered(record):
        await _think(core, record, thinking, idle)
    if record.callback_type == DEFERRED_UPDATE:
        await _grace(core, record, grace, idle)


def user_of(reply: Reply) -> UserRef:
    """The member whose interaction `reply` answers."""
    payload = reply.record.payload
    user = payload.get("member", {}).get("user") or payload["user"]
    return UserRef(user["id"], user.get("global_name") or user["username"])


def component_message(target: Reply | Message, key: str) -> Json:
    """The message of `target` that has a component `key` names (else the newest, so that the
    refusal names what it does offer)."""
    if isinstance(target, Message):
        candidates = [target.raw]
    else:
        candidates = [m for m in [target.record.original, *reversed(target.record.followups)] if m]
    if not candidates:
        raise InvocationError("the reply has no message to click on")
    # A reply's components may sit on the response or on any followup; newest wins.
    for raw in candidates:
        if any(key in component_names(c) for c in walk_components(raw["components"])):
            return raw
    return candidates[0]  # find_component then names what the message does offer


async def _grace(core: Core, record: InteractionRecord, grace: float, idle: Idle | None) -> None:
    # A deferred update may be followed by an edit of the message, or by nothing at all;
    # give the bot a short while to make the edit before reporting the reply. Only what the
    # bot sends with this interaction's token answers it, as on Discord: the same message
    # edited by another member's click, or by the bot through the channel, is not its answer.
    # A bot with nothing in hand (`idle`) will send nothing more: its edit, if any, has been
    # received, as a request in flight keeps the task that sends it in hand.
    clock = asyncio.get_running_loop().time
    deadline = clock() + grace
    while clock() < deadline:
        try:
            await core.changed.wait_until(
                lambda: bool(record.edits or record.followups),
                min(IDLE_POLL, deadline - clock()) if idle else deadline - clock(),
                "an edit after a deferred update",
            )
            return
        except SandboxTimeout:
            if idle is not None and await idle():
                return


async def _think(
    core: Core, record: InteractionRecord, thinking: Thinking, idle: Idle | None
) -> None:
    """Wait for a deferred message's followup (or edit) while the token lives, or until the
    bot is idle; `thinking` is told the loading message once it has shown a while."""
    clock = asyncio.get_running_loop().time
    # The token's life counts from the dispatch, on the monotonic clock the loopback keeps.
    deadline = clock() + core.options.token_lifetime - (time.monotonic() - record.dispatched_at)
    first = True
    while clock() < deadline:
        wait = THINKING_SHOWN_AFTER if first else THINKING_POLL
        try:
            await core.changed.wait_until(
                lambda: _answered(record), min(wait, deadline - clock()), "a deferred answer"
            )
            return
        except SandboxTimeout:
            if first and record.original is not None:
                thinking(record.original)
            first = False
            if idle is not None and await idle():
                return


def _diagnosis(core: Core) -> str:
    recent = [f"  {r.method} {r.path} -> {r.status}" for r in core.requests[-8:]]
    lines = [
        f"gateway connected: {core.gateway.connected}",
        "recent requests:",
        *(recent or ["  none"]),
    ]
    if core.unknown_routes:
        lines.append(f"unknown routes: {core.unknown_routes}")
    if core.violations:
        lines.append("spec violations:\n" + "\n".join(f"  {v}" for v in core.violations))
    return "\n".join(lines)


def _acknowledged(record: InteractionRecord) -> bool:
    """Whether the bot answered the callback (or Discord refused the interaction)."""
    return record.callback_type is not None or bool(record.rejected)


def _answered(record: InteractionRecord) -> bool:
    if record.callback_type is None:
        return bool(record.rejected)
    if record.callback_type == DEFERRED_MESSAGE:
        return bool(record.followups or record.edits or record.rejected)
    return True
