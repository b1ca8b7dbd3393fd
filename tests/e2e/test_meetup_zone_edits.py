"""`/meetup edit` with a time read in another zone than the meetup's ("4pm PT", "4pm my
time" by a Pacific editor, on a Denver meetup): a time of day alone still keeps each date's
own day, though midnight in Denver is the day before in Los Angeles."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_tester_edits import created, edit, told_of_move

# Thursday December 10, 2026, 6 PM in Denver (UTC-7): the series' next date.
THU_DEC_10_6PM_MT = datetime(2026, 12, 11, 1, 0, tzinfo=UTC)
THU_DEC_10_4PM_PT = datetime(2026, 12, 11, 0, 0, tzinfo=UTC)


async def denver_thursdays(keitora: RunningBot, loopback: Loopback) -> None:
    """Tammy's /timezone is Pacific; her weekly series meets on Thursdays at 6 PM in Denver,
    with Mika going."""
    await loopback.slash("timezone set", tz="Pacific", actor=loopback.member("Tammy"))
    card = await created(
        keitora,
        loopback,
        title="Denver Thu",
        when="thu 6pm MT",
        location="Denver",
        repeat="weekly",
    )
    await loopback.click(card, "Going", actor=loopback.member("Mika"))


@pytest.mark.parametrize("when", ["4pm PT", "4pm my time"])
async def test_every_date_re_timed_in_another_zone_keeps_its_weekday(
    keitora: RunningBot, loopback: Loopback, when: str
) -> None:
    await denver_thursdays(keitora, loopback)

    reply = await edit(loopback, when=when, dates="every")

    assert reply.startswith(
        "From now on “Denver Thu” meets every Thursday at 5:00 PM "
        "(America/Denver): its next date moved from "
        f"<t:{unix(THU_DEC_10_6PM_MT)}:F> to <t:{unix(THU_DEC_10_4PM_PT)}:F>"
    ), reply
    assert "has passed today" not in reply, reply
    mika = loopback.member("Mika")
    await told_of_move(keitora, loopback, mika, THU_DEC_10_6PM_MT, THU_DEC_10_4PM_PT)


@pytest.mark.parametrize("when", ["4pm PT", "4pm my time"])
async def test_one_date_moved_in_another_zone_keeps_its_weekday(
    keitora: RunningBot, loopback: Loopback, when: str
) -> None:
    await denver_thursdays(keitora, loopback)

    reply = await edit(loopback, when=when)

    assert reply.startswith(
        f"Moved the <t:{unix(THU_DEC_10_6PM_MT)}:F> date of “Denver Thu” to "
        f"<t:{unix(THU_DEC_10_4PM_PT)}:F>; only that date moved"
    ), reply
    mika = loopback.member("Mika")
    await told_of_move(keitora, loopback, mika, THU_DEC_10_6PM_MT, THU_DEC_10_4PM_PT)
