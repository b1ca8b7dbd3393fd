"""`/meetup attendees` of a series whose next date was cancelled on its own lists the answers for
the date after it: it says which date that is, so the list is not read as the cancelled one's.
Read from what the bot sent."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_tester_edits import created
from .test_meetup_typed_times import sent_reply

SUN_DEC_6_10AM = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)
SUN_DEC_13_10AM = datetime(2026, 12, 13, 17, 0, tzinfo=UTC)


async def test_the_attendees_after_a_date_off_name_the_date_they_answered_for(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await created(keitora, loopback, title="Weekly", when="sun 10am", location="x", repeat="weekly")
    meetups, guild_id = keitora.bot.services.meetups, int(loopback.guild.id)
    await meetups.cancel(guild_id, 1, original_start=SUN_DEC_6_10AM)
    dale = loopback.member("Dale")
    await meetups.answer(guild_id, 1, dale.id, "going", original_start=SUN_DEC_13_10AM)

    listed = await loopback.slash("meetup attendees", meetup="1")

    sent = sent_reply(loopback, listed)
    assert sent["content"] == (
        f"The <t:{unix(SUN_DEC_6_10AM)}:F> date of **Weekly** was cancelled: these are the "
        f"answers for the next one, <t:{unix(SUN_DEC_13_10AM)}:F>."
    )
    assert f"<@{dale.id}>" in sent["embeds"][0]["description"]
