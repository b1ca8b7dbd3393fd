"""`/meetup list` keeps a meetup under way (started, not yet ended) listed until it ends,
marked as under way with its end, so members arriving late find the meetup happening now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetups import create

DEC_12 = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)  # 10 AM in Denver


async def test_a_one_off_under_way_is_listed_as_under_way_with_its_end_until_it_ends(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Soon Meet", when="Dec 12 10am-1pm")
    await create(loopback, title="Later Meet", when="Dec 19 10am")
    mika = loopback.member("Mika")
    await loopback.click(card, "Going", actor=mika)
    keitora.clock.set(DEC_12 + timedelta(minutes=30))

    listed = await loopback.slash("meetup list")

    lines = listed.embeds[0]["description"].splitlines()
    assert len(lines) == 2, lines
    ends = unix(DEC_12 + timedelta(hours=3))
    assert lines[0] == (
        f"**Soon Meet** (#1) — under way, until <t:{ends}:t> (<t:{ends}:R>) · Moab, UT · "
        "Going: 1 person · 0 trucks"
    ), lines[0]
    assert lines[1].startswith("**Later Meet** (#2) — <t:"), lines[1]
    mine = await loopback.slash("meetup list", mine=True, actor=mika)
    assert mine.embeds[0]["description"].startswith("**Soon Meet** (#1) — under way"), mine.embeds

    keitora.clock.set(DEC_12 + timedelta(hours=3))  # it ended at 1 PM
    over = await loopback.slash("meetup list")
    assert [line.split(" (#")[0] for line in over.embeds[0]["description"].splitlines()] == [
        "**Later Meet**"
    ]


async def test_a_series_date_under_way_is_listed_before_the_series_moves_on(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """Its default length (3 hours) is its end too: an end the organizer never gave still
    ends the date, and a late member needs to know until when."""
    await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    dec_5 = DEC_12 - timedelta(days=7)
    keitora.clock.set(dec_5 + timedelta(hours=1))

    listed = await loopback.slash("meetup list")

    [line] = listed.embeds[0]["description"].splitlines()
    ends = unix(dec_5 + timedelta(hours=3))
    assert line.startswith(f"**Weekly** (#1) — under way, until <t:{ends}:t> (<t:{ends}:R>)"), line
