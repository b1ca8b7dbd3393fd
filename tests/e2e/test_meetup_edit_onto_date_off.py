"""`/meetup edit when:sun 10am` of a weekly Sunday series whose next date (Dec 6) was cancelled
on its own, as a tester typed it on a Friday evening in Denver: the date edited is the next one
held (Dec 13), and its own Sunday keeps it where it is. Before the weekday was read beside the
date edited, "sun" named Dec 6, and Dec 13 was moved onto the cancelled date's hour."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_tester_edits import created, edit
from .test_meetups import card_edits, card_when, field, fresh

SUN_DEC_6_10AM = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)
SUN_DEC_13_10AM = datetime(2026, 12, 13, 17, 0, tzinfo=UTC)


async def test_the_next_date_held_keeps_its_sunday_not_the_cancelled_ones(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await created(
        keitora, loopback, title="Weekly", when="sun 10am", location="x", repeat="weekly"
    )
    tammy, mika = loopback.member("Tammy"), loopback.member("Mika")
    await loopback.slash(
        "meetup cancel", meetup="1", occurrence=str(unix(SUN_DEC_6_10AM)), actor=tammy
    )

    def dec_13_shown() -> bool:
        edits = card_edits(loopback, card)
        shown = field(edits[-1].request["embeds"][0], "When") if edits else None
        return shown == card_when(unix(SUN_DEC_13_10AM))

    await loopback.wait_until(dec_13_shown, within=10, what="the card to show Dec 13")
    going = await loopback.click(fresh(loopback, card), "Going", actor=mika)
    assert "cancelled" not in going.content, going.content

    reply = await edit(loopback, when="sun 10am")

    assert reply == "That is the time it already has: nothing changed."
    await keitora.bot.job_runner.run_due()
    assert loopback.dms(mika) == []
    meetups = keitora.bot.services.meetups
    series = await meetups.get(int(loopback.guild.id), 1)
    [held] = await meetups.occurrences(series, limit=1)
    assert (held.original_start, held.starts_at) == (SUN_DEC_13_10AM, SUN_DEC_13_10AM)
