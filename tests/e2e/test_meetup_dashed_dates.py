"""/meetup create with a date after its weekday as members in the US write one (sat 12-19 10am,
sat 12-19 10-2, sat 12/19 ~10am): the meetup is made on that date. All were refused: as "a
date or hours", as two ranges, as a time not read. Asserted on what the bot sent."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_typed_times import in_chicago_on_friday, sent_reply
from .test_meetups import create


@pytest.mark.parametrize("when", ["sat 12-19 10am", "sat 12-19 10-2", "sat 12/19 ~10am"])
async def test_a_dashed_date_after_its_weekday_makes_the_meetup_on_that_date(
    keitora: RunningBot, loopback: Loopback, when: str
) -> None:
    await in_chicago_on_friday(keitora, loopback)

    made = sent_reply(loopback, await create(loopback, when=when))

    assert f"<t:{unix(datetime(2026, 12, 19, 16, 0, tzinfo=UTC))}:F>" in made["content"]
    assert len(loopback.messages("meetups")) == 1
