"""Spec validation of REST bodies, and each narrow leniency rule with a near miss it rejects."""

from __future__ import annotations

import pytest

from sandbox.spec import HOW_TO_GET
from sandbox.validator import SpecValidator, load_spec
from tests.spec_policy import SpecCheck

MESSAGES = "/channels/{channel_id}/messages"
CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback"


@pytest.fixture(scope="module")
def validator(spec_check: SpecCheck) -> SpecValidator:
    # These tests are about the spec itself: without it there is nothing to run (on CI the
    # spec policy has already stopped the run).
    if not spec_check.found:
        pytest.skip(f"Discord's OpenAPI spec is not at {spec_check.path}; {HOW_TO_GET}")
    return SpecValidator(load_spec(spec_check.path))


def _request(validator: SpecValidator, method: str, template: str, body: object) -> list[str]:
    return [
        f"{v.pointer} {v.message}" for v in validator.check_request(method, template, "/x", body)
    ]


def test_embed_title_that_is_a_number_is_reported(validator: SpecValidator) -> None:
    found = validator.check_request(
        "POST", MESSAGES, "/channels/1/messages", {"embeds": [{"title": 5}]}
    )

    assert [(v.direction, v.pointer, v.path) for v in found] == [
        ("request", "/embeds/0/title", "/channels/1/messages")
    ]


def test_valid_message_is_not_reported(validator: SpecValidator) -> None:
    body = {"content": "Meetup Saturday", "embeds": [{"title": "Kei Truck Day"}], "flags": 4}
    assert _request(validator, "POST", MESSAGES, body) == []


def test_union_failure_names_the_deepest_cause(validator: SpecValidator) -> None:
    body = {"type": 4, "data": {"embeds": [{"title": 3}]}}
    assert _request(validator, "POST", CALLBACK, body)[0].startswith("/data/embeds/0/title")


def test_over_long_embed_title_is_reported(validator: SpecValidator) -> None:
    assert _request(validator, "POST", MESSAGES, {"embeds": [{"title": "x" * 257}]})


@pytest.mark.parametrize(
    ("method", "template", "accepted", "rejected"),
    [
        # discord.py sends a DM recipient as a JSON integer.
        ("POST", "/users/@me/channels", {"recipient_id": 80351110224678912}, {"recipient_id": -1}),
        # ...and a reply's channel as one.
        (
            "POST",
            MESSAGES,
            {"content": "re", "message_reference": {"message_id": "1", "channel_id": 2}},
            {"content": "re", "message_reference": {"message_id": "1", "channel_id": 2.5}},
        ),
        # New attachments are named by the index of their `files[n]` part.
        (
            "POST",
            MESSAGES,
            {"attachments": [{"id": 0, "filename": "build.jpg"}]},
            {"attachments": [{"id": "zero", "filename": "build.jpg"}]},
        ),
        # Role permissions travel as a string of digits.
        (
            "POST",
            "/guilds/{guild_id}/roles",
            {"name": "Organizer", "permissions": "8589934592"},
            {"name": "Organizer", "permissions": "lots"},
        ),
    ],
)
def test_leniency_rule_accepts_its_case_only(
    validator: SpecValidator, method: str, template: str, accepted: object, rejected: object
) -> None:
    assert _request(validator, method, template, accepted) == []
    assert _request(validator, method, template, rejected) != []


def _channel_option_command(channel_types: list[int]) -> list[dict[str, object]]:
    option = {"type": 7, "name": "where", "description": "x", "channel_types": channel_types}
    return [{"name": "setup", "description": "Set up", "options": [option]}]


def test_guild_media_channel_type_is_accepted_but_unknown_types_are_not(
    validator: SpecValidator,
) -> None:
    commands = "/applications/{application_id}/commands"
    assert _request(validator, "PUT", commands, _channel_option_command([0, 15, 16])) == []
    assert _request(validator, "PUT", commands, _channel_option_command([17])) != []


def test_int_parseable_strings_pass_for_integer_fields_and_nothing_else(
    validator: SpecValidator,
) -> None:
    # The spec's README: Discord accepts a string for an integer field if it parses as one.
    assert _request(validator, "POST", MESSAGES, {"content": "x", "flags": "4"}) == []
    assert _request(validator, "POST", MESSAGES, {"content": "x", "flags": "four"}) != []
    assert _request(validator, "POST", MESSAGES, {"content": "x", "flags": "4.5"}) != []
    assert _request(validator, "POST", MESSAGES, {"content": 5}) != []  # strings stay strings
    assert _request(validator, "POST", MESSAGES, {"content": "x", "nonce": "12345"}) == []
    assert _request(validator, "POST", MESSAGES, {"content": "x", "nonce": ["12345"]}) != []


def test_responses_are_checked_against_their_status(validator: SpecValidator) -> None:
    template = "/channels/{channel_id}/messages/{message_id}"
    assert validator.check_response("DELETE", template, "/x", 204, None) == []
    assert (
        validator.check_response("DELETE", template, "/x", 404, {"message": "x", "code": 1}) == []
    )
    assert validator.check_response("DELETE", template, "/x", 204, {"unexpected": True}) != []


def test_leniency_is_for_requests_only(validator: SpecValidator) -> None:
    template = "/channels/{channel_id}/messages/{message_id}"
    # The loopback's own answers must be spec-shaped: a snowflake is a string of digits.
    channel = {"id": 123, "type": 0, "flags": 0, "last_message_id": None}
    found = validator.check_response("GET", "/channels/{channel_id}", "/x", 200, channel)
    assert any(v.pointer == "/id" for v in found)
    assert validator.check_response("DELETE", template, "/x", 404, {"message": "x", "code": "1"})
    # The same integer snowflake in a request is what discord.py sends and Discord accepts.
    assert _request(validator, "POST", "/users/@me/channels", {"recipient_id": 123}) == []


def test_a_body_seen_again_gets_its_verdict_with_the_new_requests_path(
    validator: SpecValidator,
) -> None:
    body = {
        "embeds": [{"title": 5, "timestamp": "2026-12-03T02:17:48.619936+00:00"}],
        "message_reference": {"message_id": "80351110224678912"},
    }
    first = validator.check_request("POST", MESSAGES, "/channels/1/messages", body)
    # Another snowflake and time make the same verdict, now about the second channel.
    body["embeds"][0]["timestamp"] = "2026-12-04T11:00:00.5Z"  # type: ignore[index]
    body["message_reference"] = {"message_id": "80351110224678999"}
    again = validator.check_request("POST", MESSAGES, "/channels/2/messages", body)

    assert [(v.pointer, v.path) for v in first] == [("/embeds/0/title", "/channels/1/messages")]
    assert [(v.pointer, v.path) for v in again] == [("/embeds/0/title", "/channels/2/messages")]


def test_a_body_that_differs_beyond_its_snowflakes_is_checked_anew(
    validator: SpecValidator,
) -> None:
    reference = {"message_id": "80351110224678912"}
    valid = {"embeds": [{"title": "Kei Truck Day"}], "message_reference": reference}
    broken = {"embeds": [{"title": "x" * 257}], "message_reference": reference}

    assert _request(validator, "POST", MESSAGES, valid) == []
    assert _request(validator, "POST", MESSAGES, broken) != []
    # Not a snowflake, though as long as the one remembered: it gets a verdict of its own.
    malformed = {**valid, "message_reference": {"message_id": "08035111022467891"}}
    assert _request(validator, "POST", MESSAGES, malformed) != []


MEMBERS = "/guilds/{guild_id}/members"


def _query(validator: SpecValidator, template: str, query: dict[str, str]) -> list[str]:
    return [
        f"{v.direction} {v.pointer} {v.message}"
        for v in validator.check_query("GET", template, "/x", query)
    ]


def test_a_query_is_read_as_the_types_its_parameters_declare(validator: SpecValidator) -> None:
    # discord.py writes a boolean as 1 or 0 and a number as digits; Discord reads both.
    assert _query(validator, "/guilds/{guild_id}", {"with_counts": "1"}) == []
    assert _query(validator, MEMBERS, {"limit": "1000", "after": "0"}) == []
    # A parameter the route does not declare is ignored, as Discord ignores it.
    assert _query(validator, MEMBERS, {"limit": "5", "cache": "no"}) == []


def test_a_query_past_its_parameters_limits_is_reported(validator: SpecValidator) -> None:
    [over] = _query(validator, MEMBERS, {"limit": "1001"})
    [not_boolean] = _query(validator, "/guilds/{guild_id}", {"with_counts": "maybe"})

    assert over.startswith("query /limit ")
    assert not_boolean.startswith("query /with_counts ")


def test_a_number_written_as_digits_keeps_its_bounds(validator: SpecValidator) -> None:
    # "int-parseable strings" admits the digits, not a value past the field's maximum.
    def poll(hours: str) -> dict[str, object]:
        answers = [{"poll_media": {"text": text}} for text in ("Saturday", "Sunday")]
        return {"poll": {"question": {"text": "Which day?"}, "answers": answers, "duration": hours}}

    assert _request(validator, "POST", MESSAGES, poll("768")) == []
    assert _request(validator, "POST", MESSAGES, poll("769")) != []
