"""/meetup create with a part of today typed without an hour late in that part (this evening at
8 PM, this morning at 11:30 AM), and with a city and state letters written as the reader does
not read them (Hartford CT, Tulsa, ok), asserted on what the bot sent: each refused to the member
alone with what to write, nothing made; lower-case letters after a known city read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_typed_times import in_chicago_on_friday, refused_and_nothing_made, sent_reply
from .test_meetups import create

MIDNIGHT_CHICAGO = datetime(2026, 12, 4, 6, 0, tzinfo=UTC)  # Friday December 4, 0:00 in Chicago


async def test_a_part_of_today_late_in_it_is_asked_for_an_hour_today_not_moved_to_tomorrow(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await in_chicago_on_friday(keitora, loopback)
    keitora.clock.set(MIDNIGHT_CHICAGO + timedelta(hours=20))

    refused_and_nothing_made(
        loopback,
        await create(loopback, when="this evening"),
        "“this evening” has no time of day. Add one, like this evening 9pm (or 2:30 PM, 14:30, "
        "noon).",
    )
    keitora.clock.set(MIDNIGHT_CHICAGO + timedelta(hours=11, minutes=30))
    refused_and_nothing_made(
        loopback,
        await create(loopback, when="this morning"),
        "“this morning” is nearly over: it is 11:30 AM on Friday December 4, 2026. For later "
        "today, write today noon; for tomorrow, write tomorrow morning 9am.",
    )


async def test_state_letters_not_read_say_how_to_write_them_and_known_cities_read(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await in_chicago_on_friday(keitora, loopback)

    refused_and_nothing_made(
        loopback,
        await create(loopback, when="dec 19 10am Hartford CT"),
        "I couldn't read “Hartford” in “dec 19 10am Hartford CT”. If Hartford is in "
        "Connecticut, write dec 19 10am Hartford, CT (with the comma: CT after a word is "
        "Central time).",
    )
    refused_and_nothing_made(
        loopback,
        await create(loopback, when="dec 19 10am Tulsa, ok"),
        "I couldn't read “Tulsa, ok” in “dec 19 10am Tulsa, ok”. If Tulsa is in Oklahoma, "
        "write dec 19 10am Tulsa, OK",
    )
    made = sent_reply(loopback, await create(loopback, when="dec 19 10am boise, id"))
    assert f"<t:{unix(datetime(2026, 12, 19, 17, 0, tzinfo=UTC))}:F>" in made["content"]
    assert len(loopback.messages("meetups")) == 1
