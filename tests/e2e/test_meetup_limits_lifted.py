"""`/meetup edit` with capacity or trucks 0 lifts the limit, and the organizer reads that it is
gone, not only that it changed."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted


async def test_a_limit_set_to_0_is_told_gone(keitora: RunningBot, loopback: Loopback) -> None:
    await posted(keitora, loopback, title="Solo", capacity=3, trucks=2)
    tammy = loopback.member("Tammy")

    people = await loopback.slash("meetup edit", meetup="1", capacity=0, actor=tammy)
    sent = people.record.callback_body
    assert sent is not None
    assert sent["data"]["content"] == (
        "Changed the capacity of “Solo”. “Solo” has no limit on people now."
    )
    trucks = await loopback.slash("meetup edit", meetup="1", trucks=0, actor=tammy)
    assert trucks.content == "Changed the capacity of “Solo”. “Solo” has no limit on trucks now."
