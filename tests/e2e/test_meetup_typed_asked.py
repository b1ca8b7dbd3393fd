"""/meetup create with a time that holds what may be something else: figures with a dash after
it (sun 10am, 7-11) and a city named as a place (sat 10am at Denver) are asked about and nothing
is made; a weekday counted in next year is read. Each asserted on what the bot sent."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_typed_times import (
    FRI,
    in_chicago_on_friday,
    refused_and_nothing_made,
    sent_reply,
)
from .test_meetups import create, meetups_channel


async def test_figures_with_a_dash_after_a_time_are_asked_about_and_nothing_is_made(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await in_chicago_on_friday(keitora, loopback)

    refused_and_nothing_made(
        loopback,
        await create(loopback, when="sun 10am, 7-11"),
        "“7-11” may be a date or hours (7 to 11): for the date, name its month, like Jul 11; "
        "for hours",
    )


async def test_a_city_named_as_a_place_is_asked_about_and_nothing_is_made(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await in_chicago_on_friday(keitora, loopback)

    refused_and_nothing_made(
        loopback,
        await create(loopback, when="sat 10am at Denver"),
        "“at Denver” looks like where, not when: give the place in the location option. For "
        "the time zone of Denver, write sat 10am America/Denver.",
    )


async def test_a_city_in_the_servers_own_zone_is_read_as_typed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback, timezone="America/Denver")
    keitora.clock.set(FRI)

    made = await create(loopback, when="dec 19 10am at Denver")

    assert made.text.startswith("Posted “Kei Truck Day” (meetup #1)"), made.text
    assert (
        "Read as Saturday December 19, 2026 10:00 AM (America/Denver): zone **America/Denver**"
        in made.text
    ), made.text


async def test_the_first_saturday_of_next_year_is_read_in_the_members_zone(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await in_chicago_on_friday(keitora, loopback)

    made = sent_reply(loopback, await create(loopback, when="first saturday of next year 10am"))

    assert f"<t:{unix(datetime(2027, 1, 2, 16, 0, tzinfo=UTC))}:F>" in made["content"]
    assert "“first saturday of next year” read as Saturday January 2, 2027." in made["content"]
    assert len(loopback.messages("meetups")) == 1
