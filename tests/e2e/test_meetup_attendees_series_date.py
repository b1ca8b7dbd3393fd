"""`/meetup attendees` of a series, or of a date named, says which date it lists: "next sat"
and the next date look alike without it. Read from what the bot sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetup_typed_times import sent_reply

DEC_5 = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)  # Sat 10 AM MST
DEC_12 = DEC_5 + timedelta(days=7)


async def test_attendees_of_a_series_says_which_date_it_lists(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Sat Cruise", when="sat 10am", repeat="weekly")
    named = sent_reply(
        loopback, await loopback.slash("meetup attendees", meetup="1", occurrence="next sat")
    )
    assert named["embeds"][0]["description"].startswith(f"**Date:** <t:{unix(DEC_12)}:F>\n")
    # Left out, it lists the next date, and says that one too.
    default = sent_reply(loopback, await loopback.slash("meetup attendees", meetup="1"))
    assert default["embeds"][0]["description"].startswith(f"**Date:** <t:{unix(DEC_5)}:F>\n")
