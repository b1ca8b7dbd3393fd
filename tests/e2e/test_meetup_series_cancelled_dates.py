"""A date of a series cancelled on its own, then the series re-timed from its next date on,
driven through the real client: the cancelled date stays cancelled at its new time, the reply
names the next date actually held, and nobody is told anything but what stays true."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import unix
from sandbox import Loopback, Message

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted
from .test_meetup_series_edits import DEC_5, HOUR
from .test_meetups import card_shows, card_when, fresh

WEEK = timedelta(days=7)
DEC_12 = DEC_5 + WEEK


async def weekly_with_dec_5_off(keitora: RunningBot, loopback: Loopback) -> Message:
    """A weekly Saturday 10am series from Dec 5 with room for one: Mika going and Dale waiting
    on Dec 5, which Tammy cancelled for snow; both were told."""
    card = await posted(
        keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly", capacity=1
    )
    mika, dale, tammy = (loopback.member(n) for n in ("Mika", "Dale", "Tammy"))
    for member in (mika, dale):
        await loopback.click(card, "Going", actor=member)
    cancelled = await loopback.slash(
        "meetup cancel", meetup="1", occurrence="Sat Dec 5", reason="snow", actor=tammy
    )
    assert cancelled.content.startswith("Cancelled “Weekly” on "), cancelled.content
    await dms_arrive(keitora, loopback, {mika: 1, dale: 1})
    await card_shows(loopback, card, "When", card_when(unix(DEC_12)))
    return card


async def test_a_new_time_for_every_date_keeps_a_cancelled_date_cancelled(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await weekly_with_dec_5_off(keitora, loopback)
    tammy, mika, dale = (loopback.member(n) for n in ("Tammy", "Mika", "Dale"))

    reply = await loopback.slash(
        "meetup edit", meetup="1", when="sat 11am", dates="every", actor=tammy
    )

    # "sat 11am" is Dec 5, the date off: it stays off, at 11, and Dec 12 is the next date held.
    assert reply.content.startswith(
        "From now on “Weekly” meets every Saturday at 11:00 AM "
        "(America/Denver): its next date moved from "
        f"<t:{unix(DEC_12)}:F> to <t:{unix(DEC_12 + HOUR)}:F>, "
    ), reply.content
    assert reply.content.endswith("Nobody else was going, waiting or maybe, so nobody gets a DM.")
    await card_shows(loopback, card, "When", card_when(unix(DEC_12 + HOUR)))
    choices = await loopback.autocomplete(
        "meetup cancel", "occurrence", "", meetup="1", actor=tammy
    )
    assert [choice["name"] for choice in choices][:2] == [
        "Sat Dec 12, 11:00 AM MST",
        "Sat Dec 19, 11:00 AM MST",
    ]
    # Those told Dec 5 is off hear nothing more: it is still off.
    await dms_arrive(keitora, loopback, {mika: 1, dale: 1})


async def test_the_next_date_moved_onto_a_date_off_is_the_date_the_card_answers_for(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy, mika, dale, rosa = (loopback.member(n) for n in ("Tammy", "Mika", "Dale", "Rosa"))
    await loopback.click(card, "Going", actor=mika)  # Dec 5
    await keitora.bot.services.meetups.answer(
        int(loopback.guild.id), 1, int(dale.id), "going", original_start=DEC_12
    )
    await loopback.slash(
        "meetup cancel", meetup="1", occurrence="Sat Dec 12", reason="snow", actor=tammy
    )
    await dms_arrive(keitora, loopback, {dale: 1})

    # Dec 5 moved to the hour Dec 12 had: Dec 12 stays off, and Dale with it.
    await loopback.slash("meetup edit", meetup="1", when="Dec 12 10am", actor=tammy)
    await dms_arrive(keitora, loopback, {mika: 1, dale: 1})
    assert loopback.dms(mika)[0].content.startswith(
        f"**Weekly** moved from <t:{unix(DEC_5)}:F> to <t:{unix(DEC_12)}:F>"
    )
    await card_shows(loopback, card, "When", card_when(unix(DEC_12)))
    await card_shows(loopback, card, "Going", "1 person · 0 trucks")
    going = await loopback.click(fresh(loopback, card), "Going", actor=rosa)
    assert going.content.startswith("You're going to **Weekly**"), going.content
    await card_shows(loopback, card, "Going", "2 people · 0 trucks")


async def test_the_next_date_moved_over_the_hours_of_a_date_off_says_who_is_not_told(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await weekly_with_dec_5_off(keitora, loopback)
    tammy, mika, dale, rosa = (loopback.member(n) for n in ("Tammy", "Mika", "Dale", "Rosa"))
    await keitora.bot.services.meetups.answer(
        int(loopback.guild.id), 1, int(rosa.id), "going", original_start=DEC_12
    )

    # The next date only: Dec 12 moves a week earlier, over the hours that were called off.
    # Rosa hears of it; those told Dec 5 is off are not, and the organizer reads so.
    reply = await loopback.slash("meetup edit", meetup="1", when="dec 5 11am", actor=tammy)
    assert reply.content.startswith(
        f"Moved the <t:{unix(DEC_12)}:F> date of “Weekly” to <t:{unix(DEC_5 + HOUR)}:F>; "
    ), reply.content
    assert (
        f"The <t:{unix(DEC_5)}:F> date was cancelled on its own and stays so: those told "
        "it is off are not told of this one."
    ) in reply.content
    await dms_arrive(keitora, loopback, {rosa: 1, mika: 1, dale: 1})
    await card_shows(loopback, card, "When", card_when(unix(DEC_5 + HOUR)))


async def test_a_new_day_for_every_date_says_which_dates_off_moved_and_stay_off(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Wk2", when="sat 1pm", repeat="weekly", capacity=1)
    tammy = loopback.member("Tammy")
    await loopback.slash("meetup cancel", meetup="1", occurrence="Sat Dec 12", actor=tammy)

    reply = await loopback.slash(
        "meetup edit", meetup="1", when="sun 1pm", dates="every", actor=tammy
    )

    day = timedelta(days=1)
    off_from, off_to = DEC_12 + 3 * HOUR, DEC_12 + day + 3 * HOUR
    assert (
        f"The <t:{unix(off_from)}:F> date, cancelled on its own, moved to <t:{unix(off_to)}:F> "
        "with the series and stays cancelled."
    ) in reply.content, reply.content
