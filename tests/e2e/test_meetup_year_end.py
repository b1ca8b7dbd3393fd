"""At the turn of the year, a December date typed without a year just after it has gone is
refused, not posted a year on, for a new meetup and for a date of a series moved; and a monthly
series typed as "first saturday 10am" meets on the first Saturday. Read from what the bot
sent, as a tester met them in Denver."""

from __future__ import annotations

from datetime import UTC, datetime

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import DEC_3, posted, refused_as_passed
from .test_meetup_typed_times import sent_reply
from .test_meetups import cards, create, meetups_channel

NEW_YEARS_1AM = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)  # 1:00 AM on January 1 in Denver


async def test_a_december_date_typed_on_new_years_day_is_refused_as_passed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(NEW_YEARS_1AM)
    await refused_as_passed(
        loopback,
        (
            ("dec 20 10am", "Sunday December 20, 2026 10:00 AM", "year: dec 20 2027 10am."),
            ("dec 31 11pm", "Thursday December 31, 2026 11:00 PM", "year: dec 31 2027 11pm."),
            ("12/31 10am", "Thursday December 31, 2026 10:00 AM", "year: dec 31 2027 10am."),
            ("dec 31 2026 11pm", "Thursday December 31, 2026 11:00 PM", "write dec 31 2027 11pm."),
        ),
    )
    assert cards(loopback) == []


async def test_a_date_of_a_series_is_not_moved_to_next_december(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Series", when="sat 10am", repeat="weekly")
    keitora.clock.set(NEW_YEARS_1AM)
    refused = await loopback.slash(
        "meetup edit", meetup="1", when="dec 26 10am", actor=loopback.member("Tammy")
    )
    assert refused.ephemeral
    assert refused.content.startswith(
        "I read that as Saturday December 26, 2026 10:00 AM (America/Denver), which has passed."
    ), refused.content
    assert "2027" not in refused.content.split("passed.")[0]


async def test_first_saturday_with_monthly_repeats_on_the_first_saturday(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(DEC_3)
    reply = sent_reply(
        loopback, await create(loopback, when="first saturday 10am", repeat="monthly")
    )
    assert "“first saturday” read as December's: Saturday December 5." in reply["content"]
    assert "**Repeats:** the first Saturday of every month at 10:00 AM" in reply["content"], reply[
        "content"
    ]
