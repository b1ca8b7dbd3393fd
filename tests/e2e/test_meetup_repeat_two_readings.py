"""`repeat:every 2nd saturday` is every other Saturday to many and the second Saturday of each
month to others: the bot asks which, with both to type, and creates nothing until told."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetups import cards, create, meetups_channel


async def test_every_2nd_saturday_is_asked_about_with_both_readings(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)

    asked = await create(loopback, title="Cruise", when="sat 10am", repeat="every 2nd saturday")

    assert asked.ephemeral
    assert asked.content == (
        "“every 2nd saturday” reads two ways: which did you mean? Type every other saturday, "
        "or monthly on the second saturday."
    )
    assert cards(loopback) == []
    # Said with its month it is one reading, as "every third" is (few meet every 3 weeks).
    monthly = await create(
        loopback, title="Cruise", when="sat 10am", repeat="every 2nd saturday of the month"
    )
    assert "the second Saturday of every month" in monthly.content, monthly.content
    third = await create(loopback, title="Third", when="sat 10am", repeat="every third saturday")
    assert "the third Saturday of every month" in third.content, third.content
