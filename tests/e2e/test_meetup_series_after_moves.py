"""A weekly series re-timed from its next date on after one of its dates was moved or
cancelled on its own, driven through the real client as a tester typed it: answers stay with
their dates, a date off stays off through any number of re-times, and the reply names the next
date the card shows."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.clock import unix
from sandbox import Loopback, Message

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted
from .test_meetup_series_edits import DEC_5, HOUR
from .test_meetups import card_shows, card_when, fresh

WEEK, DAY = timedelta(days=7), timedelta(days=1)
DEC_12 = DEC_5 + WEEK


async def sat_cruise(keitora: RunningBot, loopback: Loopback) -> Message:
    """Tammy's weekly Saturday 10am series from Dec 5, posted on Thursday Dec 3 (a day before
    the tester's Friday evening, so no reminder is due yet: the same dates are read)."""
    return await posted(
        keitora,
        loopback,
        title="Sat Cruise",
        when="sat 10am",
        location="Moab Park",
        repeat="weekly",
    )


async def every_date(loopback: Loopback, when: str) -> str:
    reply = await loopback.slash(
        "meetup edit", meetup="1", when=when, dates="every", actor=loopback.member("Tammy")
    )
    return reply.content


def next_date_text(before: datetime, after: datetime) -> str:
    return f"its next date moved from <t:{unix(before)}:F> to <t:{unix(after)}:F>, "


def moved_alone_text(before: datetime, after: datetime) -> str:
    """How the reply names a next date that had been moved on its own: once, with both times."""
    moved, now_at = unix(before), unix(after)
    return f"its next date, moved on its own to <t:{moved}:F> before, is now at <t:{now_at}:F>, "


async def held_dates(loopback: Loopback) -> list[str]:
    choices = await loopback.autocomplete(
        "meetup cancel", "occurrence", "", meetup="1", actor=loopback.member("Tammy")
    )
    return [choice["name"] for choice in choices][:3]


@pytest.mark.parametrize("when", ["dec 12 11am", "sat 11am"])
async def test_a_date_moved_on_its_own_past_the_next_one_keeps_answers_on_their_dates(
    keitora: RunningBot, loopback: Loopback, when: str
) -> None:
    card = await sat_cruise(keitora, loopback)
    tammy, mika, dale = (loopback.member(n) for n in ("Tammy", "Mika", "Dale"))
    await loopback.click(card, "Going", actor=mika)  # Dec 5
    await loopback.slash("meetup edit", meetup="1", when="dec 13 10am", actor=tammy)
    await dms_arrive(keitora, loopback, {mika: 1})
    await card_shows(loopback, card, "When", card_when(unix(DEC_12)))
    await loopback.click(fresh(loopback, card), "Going", actor=dale)  # Dec 12

    reply = await every_date(loopback, when)

    # Whether the time typed names Dec 12 or Dec 5: Dale's Dec 12 stays Dec 12, at 11. Mika's
    # date, moved on its own to Sunday the 13th, takes the new time on its own day, Dec 5, as
    # every date does: the series' next date, which the reply names from where it was.
    assert moved_alone_text(DEC_12 + DAY, DEC_5 + HOUR) in reply, reply
    await dms_arrive(keitora, loopback, {mika: 2, dale: 1})
    assert loopback.dms(dale)[0].content.startswith(
        "**Sat Cruise** has a new schedule from now on: every Saturday at 11:00 AM "
        "(America/Denver). The date you "
        f"answered for moved from <t:{unix(DEC_12)}:F> to <t:{unix(DEC_12 + HOUR)}:F>"
    )
    assert loopback.dms(mika)[1].content.startswith(
        "**Sat Cruise** has a new schedule from now on: every Saturday at 11:00 AM "
        "(America/Denver). The date you "
        f"answered for moved from <t:{unix(DEC_12 + DAY)}:F> to <t:{unix(DEC_5 + HOUR)}:F>"
    )
    await card_shows(loopback, card, "When", card_when(unix(DEC_5 + HOUR)))
    assert await held_dates(loopback) == [
        "Sat Dec 5, 11:00 AM MST",
        "Sat Dec 12, 11:00 AM MST",
        "Sat Dec 19, 11:00 AM MST",
    ]
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    meetup = await meetups.get(guild, 1)
    first, second = await meetups.occurrences(meetup, limit=2)
    assert [p.member_id for p in await meetups.parties(first)] == [int(mika.id)]
    assert [p.member_id for p in await meetups.parties(second)] == [int(dale.id)]


async def test_dates_off_stay_off_through_later_re_times_and_nobody_hears_of_them_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await sat_cruise(keitora, loopback)
    tammy, mika, dale = (loopback.member(n) for n in ("Tammy", "Mika", "Dale"))
    await loopback.click(card, "Going", actor=mika)
    await loopback.click(card, "Maybe", actor=dale)
    for day in ("Sat Dec 12", "Sat Dec 5"):
        await loopback.slash("meetup cancel", meetup="1", occurrence=day, actor=tammy)
    await dms_arrive(keitora, loopback, {mika: 1, dale: 1})
    dec_19 = DEC_12 + WEEK

    sunday = await every_date(loopback, "sun 11am")
    assert next_date_text(dec_19, dec_19 + DAY + HOUR) in sunday, sunday
    saturday = await every_date(loopback, "sat 9am")

    # Dec 5 and Dec 12 are still off, at 9; Dec 19 is the next date, as the reply says.
    assert next_date_text(dec_19 + DAY + HOUR, dec_19 - HOUR) in saturday, saturday
    await card_shows(loopback, card, "When", card_when(unix(dec_19 - HOUR)))
    assert await held_dates(loopback) == [
        "Sat Dec 19, 9:00 AM MST",
        "Sat Dec 26, 9:00 AM MST",
        "Sat Jan 2, 2027, 9:00 AM MST",
    ]
    await dms_arrive(keitora, loopback, {mika: 1, dale: 1})


async def test_a_date_off_on_the_day_named_stays_off_when_the_series_changes_day_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await sat_cruise(keitora, loopback)
    tammy, mika = loopback.member("Tammy"), loopback.member("Mika")
    await loopback.click(card, "Going", actor=mika)
    await loopback.slash("meetup cancel", meetup="1", occurrence="Sat Dec 5", actor=tammy)
    await dms_arrive(keitora, loopback, {mika: 1})

    await every_date(loopback, "sat 11am")
    sunday = await every_date(loopback, "sun 11am")
    assert next_date_text(DEC_12 + HOUR, DEC_12 + DAY + HOUR) in sunday, sunday
    # The time typed names the date off: the reply says it moved there and stays off, beside
    # how it was read.
    assert (
        f"The date you named, <t:{unix(DEC_5 + DAY + HOUR)}:F>, is the <t:{unix(DEC_5 + HOUR)}:F> "
        "date, cancelled on its own: it moved there with the series and stays cancelled. Read as "
        "Sunday December 6, 2026 11:00 AM"
    ) in sunday, sunday
    await card_shows(loopback, card, "When", card_when(unix(DEC_12 + DAY + HOUR)))
    assert (await held_dates(loopback))[0] == "Sun Dec 13, 11:00 AM MST"

    # Back on Saturdays: the reply names the date the card starts at, not the date off.
    saturday = await every_date(loopback, "sat 11am")
    assert next_date_text(DEC_12 + DAY + HOUR, DEC_12 + HOUR) in saturday, saturday
    await card_shows(loopback, card, "When", card_when(unix(DEC_12 + HOUR)))
    await dms_arrive(keitora, loopback, {mika: 1})


async def test_a_re_time_names_the_date_moved_on_its_own_that_it_moves_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await sat_cruise(keitora, loopback)
    tammy, mika = loopback.member("Tammy"), loopback.member("Mika")
    await loopback.click(card, "Going", actor=mika)  # Dec 5
    await loopback.slash("meetup edit", meetup="1", when="dec 5 2pm", actor=tammy)
    await dms_arrive(keitora, loopback, {mika: 1})

    reply = await every_date(loopback, "sat 11am")

    # The organizer moved Dec 5 to 2 PM on purpose: the re-time takes it to 11 AM like every
    # date (README, "Changing a series"), and the reply says, once, it was one moved on its own.
    assert reply.startswith(
        "From now on “Sat Cruise” meets every Saturday at 11:00 AM (America/Denver): "
        + moved_alone_text(DEC_5 + 4 * HOUR, DEC_5 + HOUR)
        + "and every later date follows the new schedule; past dates stay as they were, and "
        "answers moved with their dates. Read as "
    ), reply
    assert "had been moved on its own" not in reply, reply
    await dms_arrive(keitora, loopback, {mika: 2})


async def test_re_timing_after_the_next_date_moved_on_its_own_tells_that_move_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await sat_cruise(keitora, loopback)
    mika = loopback.member("Mika")
    await loopback.click(card, "Going", actor=mika)
    await loopback.slash("meetup edit", meetup="1", when="sun 11am", actor=loopback.member("Tammy"))

    reply = await every_date(loopback, "9am")

    # Dec 5 moved to Sunday the 6th at 11, then takes the new hour on its own day: told once,
    # as the next date, and nothing of a cancel nobody made or of a date nobody named.
    sunday = DEC_5 + DAY
    assert moved_alone_text(sunday + HOUR, sunday - HOUR) in reply, reply
    assert "had been moved on its own" not in reply, reply
    assert "cancel" not in reply, reply
    assert "you named" not in reply, reply
