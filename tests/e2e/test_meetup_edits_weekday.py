"""`/meetup edit when:sat 9am` on a Saturday weeks ahead, as a tester typed it on a Friday
evening in Denver: the weekday is read beside the date moved, so the date keeps its day (or
moves within its week), rather than being pulled to tomorrow with every attendee told."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive
from .test_meetup_tester_edits import HOUR, created, edit, told_of_move

SAT_DEC_19_10AM = datetime(2026, 12, 19, 17, 0, tzinfo=UTC)
SAT_DEC_12_10AM = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)
TOMORROW_9AM = datetime(2026, 12, 5, 16, 0, tzinfo=UTC)


async def series_from_dec_19(keitora: RunningBot, loopback: Loopback) -> None:
    card = await created(
        keitora, loopback, title="Cruise", when="dec 19 10am", location="x", repeat="weekly"
    )
    await loopback.click(card, "Going", actor=loopback.member("Mika"))


async def test_the_weekday_a_series_date_falls_on_keeps_that_date(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await series_from_dec_19(keitora, loopback)

    reply = await edit(loopback, when="sat 9am")

    moved_to = SAT_DEC_19_10AM - HOUR
    assert reply.startswith(
        f"Moved the <t:{unix(SAT_DEC_19_10AM)}:F> date of “Cruise” to <t:{unix(moved_to)}:F>"
    ), reply
    assert "“sat” read as the date's own day, Saturday December 19" in reply, reply
    assert f"<t:{unix(TOMORROW_9AM)}" not in reply, reply
    await told_of_move(keitora, loopback, loopback.member("Mika"), SAT_DEC_19_10AM, moved_to)


async def test_another_weekday_moves_a_one_off_within_its_week(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await created(keitora, loopback, title="Oil Day", when="dec 12 10am", location="x")
    mika = loopback.member("Mika")
    await loopback.click(card, "Going", actor=mika)

    kept = await edit(loopback, when="sat 9am")
    assert kept.startswith(
        "Changed the time of “Oil Day”. Read as Saturday December 12, 2026 9:00 AM"
    ), kept
    friday = await edit(loopback, when="fri 9am")
    assert "Read as Friday December 11, 2026 9:00 AM" in friday, friday

    await dms_arrive(keitora, loopback, {mika: 2})
    assert all(f"<t:{unix(TOMORROW_9AM)}" not in dm.content for dm in loopback.dms(mika))


async def test_every_date_re_timed_to_another_weekday_stays_in_the_first_dates_week(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await series_from_dec_19(keitora, loopback)

    reply = await edit(loopback, when="sun 11am", dates="every")

    sun_dec_20 = SAT_DEC_19_10AM + timedelta(days=1, hours=1)
    assert reply.startswith(
        "From now on “Cruise” meets every Sunday at 11:00 AM "
        "(America/Denver): its next date moved from "
        f"<t:{unix(SAT_DEC_19_10AM)}:F> to <t:{unix(sun_dec_20)}:F>"
    ), reply
    await told_of_move(keitora, loopback, loopback.member("Mika"), SAT_DEC_19_10AM, sun_dec_20)


async def test_a_date_moved_a_week_before_the_series_first_date_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await series_from_dec_19(keitora, loopback)

    reply = await edit(loopback, when="dec 12 10am")

    assert reply == (
        "Saturday December 12, 2026 10:00 AM is a week or more before the first date of "
        "“Cruise” (Saturday December 19): one date of a series moves at most days before its "
        "first. To start the series earlier, re-time every date: `when:dec 12 10am` with "
        "`dates:Every date from now on`."
    ), reply
    await keitora.bot.job_runner.run_due()
    assert loopback.dms(loopback.member("Mika")) == []
    meetups = keitora.bot.services.meetups
    series = await meetups.get(int(loopback.guild.id), 1)
    [first] = await meetups.occurrences(series, limit=1)
    assert first.starts_at == SAT_DEC_19_10AM
