"""`/meetup edit` with capacity or trucks 0 lifts the limit, and the organizer reads that it is
gone in place of a "changed" capacity (which reads as a new number), before who moved up."""

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
    assert sent["data"]["content"] == "“Solo” has no limit on people now."
    trucks = await loopback.slash("meetup edit", meetup="1", trucks=0, actor=tammy)
    assert trucks.record.callback_body["data"]["content"] == "“Solo” has no limit on trucks now."


async def test_a_lifted_limit_is_told_before_who_moved_up(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Solo", capacity=1, trucks=1)
    for name in ("Dale", "Rosa", "Hank"):
        await loopback.click(card, "Going", actor=loopback.member(name))

    tammy = loopback.member("Tammy")
    lifted = await loopback.slash("meetup edit", meetup="1", capacity=0, actor=tammy)
    assert lifted.record.callback_body["data"]["content"] == (
        "“Solo” has no limit on people now. 2 members moved up from the waitlist and get a DM."
    )
    # A limit set beside the one lifted is still a capacity changed.
    both = await loopback.slash("meetup edit", meetup="1", capacity=5, trucks=0, actor=tammy)
    assert both.record.callback_body["data"]["content"] == (
        "Changed the capacity (now 5 people) of “Solo”. “Solo” has no limit on trucks now."
    )
