"""Words that put off saying when ("asap", "tbd", "later"): refused with why and an example in
the zone the time would be read in, rather than as words not understood."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import UserError
from bot.when import parse_when
from tests.when_reading import FRI, refusal

NEEDS = "a meetup needs a date and a time, so that members know when to come. Give both, like "
IN_CHICAGO = "tomorrow 7pm (Saturday December 5, 2026 7:00 PM, America/Chicago)."


@pytest.mark.parametrize(
    "text", ["now", "asap", "tbd", "soon", "later", "ASAP!", "TBD", "right now"]
)
def test_a_word_that_puts_off_when_is_refused_with_an_example(text: str) -> None:
    assert refusal(text) == f"“{text}” doesn't say when: {NEEDS}{IN_CHICAGO}"


def test_the_example_is_in_the_zone_typed() -> None:
    assert refusal("asap PT") == (
        f"“asap PT” doesn't say when: {NEEDS}tomorrow 7pm PT (Saturday December 5, 2026 "
        "7:00 PM, America/Los_Angeles)."
    )


def test_the_example_is_on_the_members_day() -> None:
    """At 8 PM on Friday in Los Angeles it is already Saturday in Tokyo."""
    with pytest.raises(UserError) as refused:
        parse_when("tbd", now=datetime(2026, 12, 5, 4, 0, tzinfo=UTC), member_zone="Asia/Tokyo")
    assert refused.value.message.endswith(
        "like tomorrow 7pm (Sunday December 6, 2026 7:00 PM, Asia/Tokyo)."
    )


def test_such_a_word_beside_a_time_is_read_as_before() -> None:
    assert parse_when("sat 10am later", now=FRI, member_zone="America/Chicago").local.hour == 10


def test_my_time_is_written_back_as_typed() -> None:
    assert refusal("asap my time").endswith(
        "like tomorrow 7pm my time (Saturday December 5, 2026 7:00 PM, America/Chicago)."
    )


@pytest.mark.parametrize("text", ["asap", "tbd"])
def test_with_no_zone_known_the_word_is_refused_first_with_an_example_in_utc(text: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=FRI)
    assert refused.value.message == (
        f"“{text}” doesn't say when: {NEEDS}tomorrow 7pm UTC (Saturday December 5, 2026 "
        "7:00 PM, UTC). I don't know your time zone: name it in place of UTC (7pm PT), or set "
        "it with /timezone set."
    )


def test_with_only_the_servers_zone_the_example_is_in_it() -> None:
    with pytest.raises(UserError) as refused:
        parse_when("asap", now=FRI, server_zone="America/Chicago")
    assert refused.value.message == f"“asap” doesn't say when: {NEEDS}{IN_CHICAGO}"
