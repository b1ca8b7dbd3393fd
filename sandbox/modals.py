"""Building a modal submit the way Discord's client would, from the form the bot opened: each
field the member leaves alone keeps what the bot prefilled, and a value is refused where the
client would refuse it (a required field left empty, a text outside its length bounds)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from sandbox.bodies import LABEL, MAX_TEXT_INPUT, STRING_SELECT, TEXT_INPUT
from sandbox.interactions import MODAL_SUBMIT, InteractionRecord
from sandbox.invoke import InvocationError, bounds, new_record, refuse_if_deleted
from sandbox.state import ChannelRef, Json, UserRef

if TYPE_CHECKING:
    from sandbox.core import Core


def modal_interaction(
    core: Core,
    opener: InteractionRecord,
    fields: Mapping[str, str | list[str]],
    actor: UserRef,
) -> InteractionRecord:
    """A type 5 interaction: `actor` fills in the modal `opener` was answered with.

    A field left out of `fields` keeps what the bot prefilled, as in Discord's client.
    """
    modal = (opener.callback_body or {}).get("data") or {}
    if opener.callback_type != 9:
        raise InvocationError("the bot did not answer with a modal")
    refuse_if_deleted(core, opener.message)
    inputs = list(modal_inputs(modal["components"]))
    unused = set(fields)
    submitted = []
    for wrapper, field, label in inputs:
        keys = {field.get("custom_id"), label}
        given = next((k for k in fields if k in keys), None)
        value = prefilled(field) if given is None else fields[given]
        unused -= {given}
        submitted.append(_submitted(wrapper, field, value, label))
    if unused:
        known = [label or field["custom_id"] for _, field, label in inputs]
        raise InvocationError(f"the modal has no field {sorted(unused)} (fields: {known})")
    data = {"custom_id": modal["custom_id"], "components": submitted}
    channel = core.world.channels[opener.channel_id]
    ref = ChannelRef(
        channel["id"], channel.get("name", ""), channel.get("guild_id"), channel["type"]
    )
    record = new_record(core, MODAL_SUBMIT, data, actor, ref, opener.message)
    record.trigger = opener
    return record


def modal_inputs(components: list[Json]) -> Iterator[tuple[Json, Json, str | None]]:
    """(wrapper, input, label) for each input: action rows hold text inputs, labels one input."""
    for wrapper in components:
        if wrapper["type"] == 1:
            for field in wrapper.get("components", []):
                yield wrapper, field, field.get("label")
        elif wrapper["type"] == LABEL:
            yield wrapper, wrapper["component"], wrapper.get("label")


def prefilled(field: Json) -> str | list[str]:
    """What a modal field holds before the member changes it: what the bot put in it."""
    if field["type"] == TEXT_INPUT:
        return field.get("value") or ""
    if field["type"] == STRING_SELECT:
        return [option["value"] for option in field.get("options", []) if option.get("default")]
    return [default["id"] for default in field.get("default_values", [])]


def _submitted(
    wrapper: Json, field: Json, value: str | list[str] | None, label: str | None
) -> Json:
    name = label or field["custom_id"]
    if field["type"] == TEXT_INPUT:
        text = value if isinstance(value, str) else ""
        if not text and field.get("required", True):
            raise InvocationError(f"modal field {name!r} is required")
        _check_text(name, text, field)
        inner: Json = {"type": TEXT_INPUT, "custom_id": field["custom_id"], "value": text}
    else:
        chosen = [value] if isinstance(value, str) else list(value or [])
        inner = {"type": field["type"], "custom_id": field["custom_id"], "values": chosen}
    if wrapper["type"] == LABEL:
        return {"type": LABEL, "component": inner}
    return {"type": 1, "components": [inner]}


def _check_text(name: str, text: str, field: Json) -> None:
    # Without a max_length of its own, a field still takes no more than Discord's client lets
    # be typed into it.
    low, high = field.get("min_length"), field.get("max_length") or MAX_TEXT_INPUT
    if text and ((low is not None and len(text) < low) or len(text) > high):
        raise InvocationError(
            f"modal field {name!r} takes {bounds(low, high)} characters; it has {len(text)}"
        )
