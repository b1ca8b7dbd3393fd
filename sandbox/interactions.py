"""Interactions: what was dispatched, how the bot answered, and the rules Discord enforces.

One callback per interaction (a second is 400/40060), within the acknowledgement deadline
(late is 404/10062), then followups and @original edits through the webhook routes while the
token lives (15 minutes). The first followup after a deferred "thinking" answer fills in that
loading message, as on Discord.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sandbox.api import ApiError, Call, invalid_form, route
from sandbox.bodies import EPHEMERAL, check_body, check_modal
from sandbox.messages import LOADING, edit, new_message, publish, refuse_empty_edit, remove

if TYPE_CHECKING:
    from sandbox.core import Core

Json = dict[str, Any]

APPLICATION_COMMAND, COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
CHANNEL_MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE = 4, 5, 6, 7
AUTOCOMPLETE_RESULT, MODAL = 8, 9
_ALLOWED_CALLBACKS = {
    APPLICATION_COMMAND: {CHANNEL_MESSAGE, DEFERRED_MESSAGE, MODAL},
    COMPONENT: {CHANNEL_MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE, MODAL},
    AUTOCOMPLETE: {AUTOCOMPLETE_RESULT},
    MODAL_SUBMIT: {CHANNEL_MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE},
}
_CHAT_INPUT_COMMAND_MESSAGE = 20
MAX_CHOICE_VALUE = 100
_NOTHING_SHOWN: Json = {"content": "", "embeds": [], "components": [], "attachments": []}


@dataclass(slots=True)
class InteractionRecord:
    """One dispatched interaction and everything the bot did in answer."""

    id: str
    token: str
    type: int
    payload: Json
    dispatched_at: float  # time.monotonic()
    message: Json | None = None  # the message whose component was used, if any
    trigger: InteractionRecord | None = None  # for a modal submit: the interaction that opened it
    callback_type: int | None = None
    callback_at: float | None = None
    callback_body: Json | None = None
    original: Json | None = None  # the response message (the component's message for 6/7)
    followups: list[Json] = field(default_factory=list)
    edits: list[Json] = field(default_factory=list)
    deleted: set[str] = field(default_factory=set)  # ids of response messages the bot deleted
    rejected: list[ApiError] = field(default_factory=list)

    @property
    def channel_id(self) -> str:
        return self.payload["channel_id"]


class InteractionBook:
    """Interactions by id and by token."""

    def __init__(self) -> None:
        self._by_id: dict[str, InteractionRecord] = {}
        self._by_token: dict[str, InteractionRecord] = {}

    def add(self, record: InteractionRecord) -> None:
        self._by_id[record.id] = record
        self._by_token[record.token] = record

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, interaction_id: str) -> InteractionRecord | None:
        return self._by_id.get(interaction_id)

    def by_token(self, token: str) -> InteractionRecord | None:
        return self._by_token.get(token)

    def deleted(self, message_id: str) -> bool:
        """Whether the bot deleted the response message `message_id` through a token."""
        return any(message_id in record.deleted for record in self._by_id.values())


def _metadata(record: InteractionRecord) -> Json:
    """The `interaction_metadata` Discord puts on messages answering `record`."""
    user = record.payload.get("member", {}).get("user") or record.payload["user"]
    metadata: Json = {
        "id": record.id,
        "type": record.type,
        "user": user,
        "authorizing_integration_owners": record.payload["authorizing_integration_owners"],
    }
    if record.type == APPLICATION_COMMAND:
        metadata["name"] = record.payload["data"]["name"]
        metadata["command_type"] = record.payload["data"]["type"]
    elif record.type == COMPONENT and record.message is not None:
        metadata["interacted_message_id"] = record.message["id"]
    elif record.type == MODAL_SUBMIT and record.trigger is not None:
        metadata["triggering_interaction_metadata"] = _metadata(record.trigger)
    return metadata


def _response_message(core: Core, record: InteractionRecord, body: Json, call: Call) -> Json:
    """A message sent as the application in answer to the interaction (not yet stored)."""
    kind = _CHAT_INPUT_COMMAND_MESSAGE if record.type == APPLICATION_COMMAND else 0
    return new_message(
        core,
        record.channel_id,
        core.world.bot,
        body,
        call.files,
        type=kind,
        webhook_id=core.world.application_id,
        application_id=core.world.application_id,
        interaction_metadata=_metadata(record),
    )


async def _post(core: Core, message: Json) -> Json:
    # Ephemeral messages are seen only by the member who used the interaction: Discord never
    # puts them in the channel nor echoes them to the bot's gateway.
    return message if message["flags"] & EPHEMERAL else await publish(core, message)


@route("POST", "/interactions/{interaction_id}/{interaction_token}/callback")
async def callback(core: Core, call: Call) -> Json | None:
    record = core.interactions.get(call.params["interaction_id"])
    if record is None or record.token != call.params["interaction_token"]:
        raise ApiError(404, 10062, "Unknown interaction")
    try:
        answer = await _answer(core, record, call)
    except ApiError as error:
        record.rejected.append(error)
        raise
    return answer if call.query.get("with_response") in ("1", "true", "True") else None


async def _answer(core: Core, record: InteractionRecord, call: Call) -> Json:
    if record.callback_type is not None:
        raise ApiError(400, 40060, "Interaction has already been acknowledged.")
    if call.received_at - record.dispatched_at > core.options.ack_deadline:
        raise ApiError(404, 10062, "Unknown interaction")
    body = call.json()
    kind = body.get("type")
    data = body.get("data") or {}
    if kind not in _ALLOWED_CALLBACKS[record.type]:
        raise invalid_form(
            f"type: callback type {kind} cannot answer interaction type {record.type}"
        )
    if kind in (DEFERRED_UPDATE, UPDATE_MESSAGE) and record.message is None:
        raise ApiError(400, 40004, "This interaction has no message to update")
    if kind == MODAL:
        check_modal(data)
    if kind == AUTOCOMPLETE_RESULT:
        _check_choices(data.get("choices") or [])
    if kind == UPDATE_MESSAGE and record.message is not None:
        if deleted(core, record.message):  # since the click, which Discord took before that
            raise ApiError(404, 10008, "Unknown Message")
        check_body(data, record.message["flags"])
    # A refused body acknowledges nothing, so the message is built before the record changes.
    answer = _response_message(core, record, data, call) if kind == CHANNEL_MESSAGE else None
    record.callback_type, record.callback_at, record.callback_body = kind, call.received_at, body
    if answer is not None:
        record.original = await _post(core, answer)
    elif kind == DEFERRED_MESSAGE:
        thinking = _response_message(
            core, record, {"flags": data.get("flags", 0) & EPHEMERAL}, call
        )
        thinking["flags"] |= LOADING
        record.original = await _post(core, thinking)
    elif kind in (DEFERRED_UPDATE, UPDATE_MESSAGE):
        record.original = record.message
        if kind == UPDATE_MESSAGE:
            await edit(core, record.message, data, call.files)
    return _callback_response(record, kind)


def _check_choices(choices: list[Json]) -> None:
    # The spec bounds a choice's name but not its value; Discord takes 100 characters of each.
    for index, choice in enumerate(choices):
        value = choice.get("value")
        if isinstance(value, str) and len(value) > MAX_CHOICE_VALUE:
            raise invalid_form(f"choices.{index}.value: must be {MAX_CHOICE_VALUE} or fewer")


def _callback_response(record: InteractionRecord, kind: int) -> Json:
    original = record.original
    interaction: Json = {"id": record.id, "type": record.type}
    if original is not None:
        interaction |= {
            "response_message_id": original["id"],
            "response_message_loading": bool(original["flags"] & LOADING),
            "response_message_ephemeral": bool(original["flags"] & EPHEMERAL),
        }
    response: Json = {"interaction": interaction}
    if kind in (CHANNEL_MESSAGE, UPDATE_MESSAGE) and original is not None:
        response["resource"] = {"type": kind, "message": original}
    return response


# -- the interaction webhook ------------------------------------------------------------------


def _record_for(core: Core, call: Call) -> InteractionRecord:
    if call.params["webhook_id"] != core.world.application_id:
        raise ApiError(404, 10015, "Unknown Webhook")
    record = core.interactions.by_token(call.params["webhook_token"])
    if record is None:
        raise invalid_token()
    error = None
    if time.monotonic() - record.dispatched_at > core.options.token_lifetime:
        error = invalid_token()
    elif record.callback_type is None:
        error = ApiError(404, 10015, "Unknown Webhook")
    if error is not None:
        record.rejected.append(error)
        raise error
    return record


def deleted(core: Core, message: Json) -> bool:
    """Whether `message` is gone: deleted from its channel, or an ephemeral answer the bot
    deleted (Discord never stored it in the channel)."""
    if message["flags"] & EPHEMERAL:
        return core.interactions.deleted(message["id"])
    return message["id"] not in core.world.messages.get(message["channel_id"], {})


def invalid_token() -> ApiError:
    """A token Discord never gave, or one past its 15 minutes, on the application's webhook."""
    return ApiError(401, 50027, "Invalid Webhook Token")


def _message_of(core: Core, record: InteractionRecord, message_id: str) -> Json:
    candidates = [record.original, *record.followups] if record.original else record.followups
    if message_id == "@original":
        found = record.original
    else:
        found = next((m for m in candidates if m and m["id"] == message_id), None)
    # Deleted through the token, or in Discord by whoever may (a moderator, its channel's end).
    if found is None or deleted(core, found):
        error = ApiError(404, 10008, "Unknown Message")
        record.rejected.append(error)
        raise error
    return found


@route("POST", "/webhooks/{webhook_id}/{webhook_token}")
async def followup(core: Core, call: Call) -> Json:
    record = _record_for(core, call)
    body = call.json()
    # Whether it fills in the thinking message or is a new one, it starts with nothing shown.
    refuse_empty_edit(_NOTHING_SHOWN, body, call.files)
    original = record.original
    if original is not None and original["flags"] & LOADING:
        # The first followup fills in the "thinking" message; its visibility was chosen when
        # the bot deferred.
        message = await edit(core, original, body, call.files, clear_flags=LOADING)
    else:
        message = await _post(core, _response_message(core, record, body, call))
    record.followups.append(message)
    # An interaction's followup answers with its message whatever `wait` says.
    return message


@route("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")
@route("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
async def get_response(core: Core, call: Call) -> Json:
    record = _record_for(core, call)
    return _message_of(core, record, call.params.get("message_id", "@original"))


@route("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")
@route("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
async def edit_response(core: Core, call: Call) -> Json:
    record = _record_for(core, call)
    message = _message_of(core, record, call.params.get("message_id", "@original"))
    body = call.json()
    refuse_empty_edit(message, body, call.files)
    edited = await edit(core, message, body, call.files, clear_flags=LOADING)
    record.edits.append(body)
    return edited


@route("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")
@route("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
async def delete_response(core: Core, call: Call) -> None:
    record = _record_for(core, call)
    message = _message_of(core, record, call.params.get("message_id", "@original"))
    if not message["flags"] & EPHEMERAL:
        await remove(core, message)
    record.deleted.add(message["id"])
