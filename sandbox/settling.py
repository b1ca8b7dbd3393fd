"""Carrying a member's interaction through the loopback until the bot's answer has settled: what
counts as answered, the grace a deferred update gets for its edit, and what a timeout reports."""

from __future__ import annotations

from sandbox.bodies import walk_components
from sandbox.core import Core, SandboxTimeout
from sandbox.interactions import DEFERRED_MESSAGE, DEFERRED_UPDATE, InteractionRecord
from sandbox.invoke import InvocationError, component_names
from sandbox.replies import Message, Reply
from sandbox.state import Json, UserRef


async def settle(
    core: Core, record: InteractionRecord, within: float, what: str, grace: float
) -> None:
    """Send `record` to the bot and wait until it answered (a deferred update: and edited)."""
    core.interactions.add(record)
    await core.dispatch("INTERACTION_CREATE", record.payload)
    try:
        await core.changed.wait_until(
            lambda: _answered(record), within, f"the bot to answer {what}"
        )
    except SandboxTimeout as timeout_error:
        raise SandboxTimeout(f"{timeout_error}\n{_diagnosis(core)}") from None
    if record.callback_type == DEFERRED_UPDATE:
        await _grace(core, record, grace)


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


async def _grace(core: Core, record: InteractionRecord, grace: float) -> None:
    # A deferred update may be followed by an edit of the message, or by nothing at all;
    # give the bot a short while to make the edit before reporting the reply. Only what the
    # bot sends with this interaction's token answers it, as on Discord: the same message
    # edited by another member's click, or by the bot through the channel, is not its answer.
    try:
        await core.changed.wait_until(
            lambda: bool(record.edits or record.followups),
            grace,
            "an edit after a deferred update",
        )
    except SandboxTimeout:
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


def _answered(record: InteractionRecord) -> bool:
    if record.callback_type is None:
        return bool(record.rejected)
    if record.callback_type == DEFERRED_MESSAGE:
        return bool(record.followups or record.edits or record.rejected)
    return True
