"""`when:sat 10am and sun 10am` names two days, each with its time: the reply says so, and that
a meetup is on one date, pointing to repeat: or to two meetups, not to "two times"."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetups import cards, create, meetups_channel


async def test_two_days_each_with_a_time_are_said_to_be_two_days(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)

    reply = await create(loopback, title="T6", when="sat 10am and sun 10am")

    assert reply.ephemeral
    assert reply.content == (
        "I found two days, “sat” and “sun”, each with a time; a meetup is on one date. For "
        "both, create two meetups, or one that repeats (repeat:every sat and sun)."
    )
    assert cards(loopback) == []
