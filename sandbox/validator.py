"""Validate REST bodies against Discord's own OpenAPI description of its HTTP API.

The loopback Discord runs every request body the bot sends, and every response body it answers,
through `SpecValidator`. Leniency is limited to a few named cases where the published spec is
stricter than Discord itself (or than what discord.py sends and Discord accepts); each is a rule
below with the case it covers, and applies to requests only: responses are checked strictly.
Nothing else is relaxed, and no route is exempt.

Only a Loopback given a spec imports this module, and with it jsonschema (a dev requirement).
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from sandbox.spec import Violation

_DOC_URI = "https://discord.com/api/v10/openapi.json"
_GUILD_MEDIA = 16
# Verdicts remembered per validator: enough for every distinct body of a test run's hot paths
# (the command sync, cards, ready payloads) while bounding memory.
VERDICTS_KEPT = 4096

# Where a body broke its schema and how: a JSON pointer and a message.
Verdict = tuple[tuple[str, str], ...]


@cache
def load_spec(path: Path) -> dict[str, Any]:
    """The parsed spec at `path`, with the leniency rules that amend the document applied."""
    # One parse per process: the file is 1.2 MB and every Loopback would otherwise re-read it.
    spec: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    _add_guild_media_channel_type(spec)
    return spec


def _add_guild_media_channel_type(spec: dict[str, Any]) -> None:
    # Leniency rule "channel_types 16": GUILD_MEDIA (16) is a channel type in Discord's docs
    # (and discord.py offers it for channel options) but the spec's ChannelTypes enum lacks it.
    # The docs win over the spec, so the enum gains exactly that one value.
    channel_types = spec["components"]["schemas"]["ChannelTypes"]["oneOf"]
    if all(choice.get("const") != _GUILD_MEDIA for choice in channel_types):
        channel_types.append({"title": "GUILD_MEDIA", "const": _GUILD_MEDIA})


_BOOLEAN_TEXT = {"true": True, "True": True, "1": True, "false": False, "False": False, "0": False}
_INTEGER_TEXT = re.compile(r"-?[0-9]+")
_SNOWFLAKE_TEXT = re.compile(r"[1-9][0-9]{16,19}")  # as the spec's pattern: no leading 0
_TIMESTAMP_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})?")


def _is_snowflake_int(instance: object) -> bool:
    return type(instance) is int and instance >= 0


def _lenient_type(
    validator: Any, types: Any, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    # Leniency rule "snowflake as integer": discord.py sends some snowflakes as JSON integers
    # (`recipient_id` of a DM, `message_reference.channel_id`, and new attachments as
    # `{"id": 0}`, the index of the uploaded file) and Discord accepts them. Only schemas marked
    # `format: snowflake` take a non-negative integer; the pattern keyword ignores non-strings.
    if schema.get("format") == "snowflake" and _is_snowflake_int(instance):
        return
    # Leniency rule "int-parseable strings": the spec's README says Discord accepts a string for
    # an integer field when it parses as an integer, and types such fields as integers on
    # purpose (role `permissions`, a bitfield discord.py sends as digits, is the common case).
    if _allows_integer(types) and isinstance(instance, str) and _INTEGER_TEXT.fullmatch(instance):
        return
    yield from _DRAFT_TYPE(validator, types, instance, schema)


def _allows_integer(types: object) -> bool:
    return types == "integer" or (isinstance(types, list) and "integer" in types)


def _lenient_one_of(
    validator: Any, one_of: Any, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    # Follows from "int-parseable strings": "123" fits both branches of a string|integer oneOf
    # (a message `nonce`), which strict oneOf refuses. Only for such a digit string is the
    # union read as anyOf, which the spec's README says is what its unions mean anyway.
    errors = list(_DRAFT_ONE_OF(validator, one_of, instance, schema))
    if errors and isinstance(instance, str) and _INTEGER_TEXT.fullmatch(instance):
        yield from _DRAFT_ANY_OF(validator, one_of, instance, schema)
        return
    yield from errors


def _lenient_bound(keyword: str) -> Any:
    # Follows from "int-parseable strings": the digits stand for their number, so the number's
    # bounds apply to them (the draft's bound keywords pass over strings).
    draft = Draft202012Validator.VALIDATORS[keyword]

    def check(
        validator: Any, bound: Any, instance: Any, schema: Mapping[str, Any]
    ) -> Iterator[ValidationError]:
        digits = isinstance(instance, str) and _INTEGER_TEXT.fullmatch(instance)
        if digits and _allows_integer(schema.get("type")):
            instance = int(instance)
        yield from draft(validator, bound, instance, schema)

    return check


_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_DRAFT_TYPE = Draft202012Validator.VALIDATORS["type"]
_DRAFT_ONE_OF = Draft202012Validator.VALIDATORS["oneOf"]
_DRAFT_ANY_OF = Draft202012Validator.VALIDATORS["anyOf"]
LenientValidator = validators.extend(
    Draft202012Validator,
    validators={
        "type": _lenient_type,
        "oneOf": _lenient_one_of,
        **{keyword: _lenient_bound(keyword) for keyword in _BOUNDS},
    },
)


def _query_value(kind: object, text: str) -> object:
    """A query parameter's text as the value its schema's type reads it as, when it reads as
    one: a number's bounds then apply, and a boolean may be written 1 or 0."""
    if kind == "boolean":
        return _BOOLEAN_TEXT.get(text, text)
    if kind == "integer" and _INTEGER_TEXT.fullmatch(text):
        return int(text)
    return text


def _memo_text(body: object) -> str:
    """`body` as canonical JSON with every snowflake (ids, and a command's `version`: digit
    strings of 17 to 20 characters) and every ISO 8601 timestamp written with nines for digits.
    Schemas check such strings by pattern and length (`format` is not asserted), never by
    value, so the stand-in gets the verdict the original would."""
    return json.dumps(_stand_in(body), sort_keys=True, separators=(",", ":"))


def _stand_in(node: object) -> object:
    if isinstance(node, dict):
        return {name: _stand_in(value) for name, value in node.items()}
    if isinstance(node, list):
        return [_stand_in(value) for value in node]
    # Most strings are text: the length and first character rule them out before any regex.
    if (
        isinstance(node, str)
        and 17 <= len(node) <= 32
        and node[0].isdigit()
        and (_SNOWFLAKE_TEXT.fullmatch(node) or _TIMESTAMP_TEXT.fullmatch(node))
    ):
        return re.sub("[0-9]", "9", node)
    return node


def _escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


def _pointer(parts: Iterable[str | int]) -> str:
    return "".join("/" + _escape(str(part)) for part in parts)


def _explain(error: ValidationError) -> tuple[ValidationError, str]:
    # A union (anyOf/oneOf) failure alone says only "not valid under any of the given schemas".
    # The alternative that got furthest into the body is almost always the one that was meant
    # (the others fail at their discriminating `type` field), so report its deepest error.
    if not error.context:
        return error, error.message
    leaf = max(_leaves(error), key=lambda e: len(e.absolute_path))
    return leaf, f"{leaf.message} (no alternative of a union matched)"


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    if not error.context:
        yield error
    for child in error.context or ():
        yield from _leaves(child)


class SpecValidator:
    """Validates bodies by (path template, method, direction); one validator per key, lazily.

    A body seen before under the same key gets the verdict it got then: validation is a pure
    function of the two, and the same large bodies (the command sync above all, about a second
    of jsonschema each) recur in every test that starts a bot. Snowflakes and timestamps differ from
    one test to the next, so a body is remembered with stand-ins for them (see `_memo_text`); a
    message that quotes part of a body quotes the first such body seen.
    """

    def __init__(self, spec: dict[str, Any]) -> None:
        self._spec = spec
        resource = DRAFT202012.create_resource(spec)
        self._registry: Registry[Any] = Registry().with_resource(_DOC_URI, resource)
        self._cache: dict[tuple[str, str, str, int], Any] = {}
        self._query_cache: dict[tuple[str, str], tuple[Any, dict[str, str]]] = {}
        self._verdicts: OrderedDict[tuple[tuple[str, str, str, int], str], Verdict] = OrderedDict()

    def knows(self, template: str, method: str) -> bool:
        return method.lower() in self._spec["paths"].get(template, {})

    def check_request(self, method: str, template: str, path: str, body: object) -> list[Violation]:
        """Violations of the request body (JSON, or multipart's `payload_json`)."""
        return self._check(method, template, path, "request", 0, body)

    def check_query(
        self, method: str, template: str, path: str, query: Mapping[str, str]
    ) -> list[Violation]:
        """Violations of the query string: each parameter the route declares, read as the type
        its schema gives (a boolean as true/false or 1/0, as discord.py writes it). Parameters
        the route does not declare are left alone, as Discord ignores them."""
        key = (template, method.lower())
        if key not in self._query_cache:
            self._query_cache[key] = self._compile_query(*key)
        validator, types = self._query_cache[key]
        values = {name: _query_value(types.get(name), text) for name, text in query.items()}
        return [
            Violation(method, path, "query", _pointer(leaf.absolute_path), message)
            for leaf, message in map(_explain, validator.iter_errors(values))
        ]

    def _compile_query(self, template: str, method: str) -> tuple[Any, dict[str, str]]:
        base = f"/paths/{_escape(template)}/{method}/parameters"
        properties, types = {}, {}
        for index, parameter in enumerate(
            self._spec["paths"][template][method].get("parameters", [])
        ):
            if parameter.get("in") != "query":
                continue
            name = parameter["name"]
            properties[name] = {"$ref": f"{_DOC_URI}#{base}/{index}/schema"}
            types[name] = parameter["schema"].get("type")
        schema = {"type": "object", "properties": properties}
        return LenientValidator(schema, registry=self._registry), types

    def check_response(
        self, method: str, template: str, path: str, status: int, body: object
    ) -> list[Violation]:
        """Violations of the response body the loopback is about to send."""
        if status >= 500:
            return []  # Discord's servers failing, on any route: the spec documents no 5xx
        return self._check(method, template, path, "response", status, body)

    def _check(
        self, method: str, template: str, path: str, direction: str, status: int, body: object
    ) -> list[Violation]:
        key = (template, method.lower(), direction, status)
        if key not in self._cache:
            self._cache[key] = self._compile(*key)
        validator = self._cache[key]
        if validator is None:
            if body is None:
                return []
            return [Violation(method, path, direction, "", "the spec defines no body here")]
        if body is None:
            return [Violation(method, path, direction, "", "a body is required here")]
        return [
            Violation(method, path, direction, pointer, message)
            for pointer, message in self._verdict(key, validator, body)
        ]

    def _verdict(self, key: tuple[str, str, str, int], validator: Any, body: object) -> Verdict:
        memo_key = (key, _memo_text(body))
        verdict = self._verdicts.get(memo_key)
        if verdict is None:
            verdict = tuple(
                (_pointer(leaf.absolute_path), message)
                for leaf, message in map(_explain, validator.iter_errors(body))
            )
            self._verdicts[memo_key] = verdict
            if len(self._verdicts) > VERDICTS_KEPT:
                self._verdicts.popitem(last=False)
        else:
            self._verdicts.move_to_end(memo_key)
        return verdict

    def _compile(self, template: str, method: str, direction: str, status: int) -> Any:
        location = self._schema_location(template, method, direction, status)
        if location is None:
            return None
        ref = _DOC_URI + "#" + quote(location, safe="/~@")
        # The leniency rules describe what Discord accepts from a client; what the loopback
        # answers must be shaped exactly as the spec says, as Discord's own answers are.
        kind = LenientValidator if direction == "request" else Draft202012Validator
        return kind({"$ref": ref}, registry=self._registry)

    def _schema_location(
        self, template: str, method: str, direction: str, status: int
    ) -> str | None:
        operation = self._spec["paths"][template][method]
        base = f"/paths/{_escape(template)}/{method}"
        if direction == "request":
            body = operation.get("requestBody")
            return self._json_schema_at(body, base + "/requestBody") if body else None
        responses = operation["responses"]
        code = str(status)
        if code not in responses:
            code = f"{code[0]}XX"
        if code not in responses:
            raise KeyError(f"{method.upper()} {template} documents no {status} response")
        return self._json_schema_at(responses[code], f"{base}/responses/{code}")

    def _json_schema_at(self, node: Mapping[str, Any], location: str) -> str | None:
        if "$ref" in node:
            location = node["$ref"].removeprefix("#")
            node = self._at(location)
        content = node.get("content", {})
        # Requests are validated as JSON even when multipart: `payload_json` holds the same object.
        media = next((m for m in ("application/json", "multipart/form-data") if m in content), None)
        if media is None:
            return None
        return f"{location}/content/{_escape(media)}/schema"

    def _at(self, location: str) -> Any:
        node: Any = self._spec
        for segment in location.lstrip("/").split("/"):
            node = node[segment.replace("~1", "/").replace("~0", "~")]
        return node
