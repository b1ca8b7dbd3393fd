"""Whoever moves or cancels a meetup is not told of it by DM nor pinged in its thread, though
they are going: they know, and their reply says who is told. The organizer going to a meetup a
moderator changed is told once, by the DM naming the moderator
(tests/e2e/test_meetup_moderated_going.py), not a second time as one going."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted
from .test_meetups import cards, create, wait_for_post


async def test_the_member_who_makes_a_change_is_not_told_of_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Main")
    tammy, dale, marcus = (loopback.member(n) for n in ("Tammy", "Dale", "Marcus"))
    for member in (tammy, dale):
        await loopback.click(card, "Going", actor=member)

    moved = await loopback.slash("meetup edit", meetup="1", location="Green River", actor=tammy)
    assert (
        moved.content == "Changed the place of “Main”. 1 member going, waiting or maybe gets a DM."
    )
    await dms_arrive(keitora, loopback, {dale: 1, tammy: 0})
    post = await wait_for_post(loopback, card, "moved to a new place")
    assert not post.content.startswith("<@")  # Dale's DM told him
    assert f"<@{tammy.id}>" not in post.content

    # A moderator's change is news to the organizer, told once as its organizer.
    await loopback.slash("meetup edit", meetup="1", location="Price", actor=marcus)
    await dms_arrive(keitora, loopback, {dale: 2, tammy: 1})

    cancelled = await loopback.slash("meetup cancel", meetup="1", reason="snow", actor=tammy)
    assert cancelled.content == "Cancelled “Main”. 1 member going, waiting or maybe gets a DM."
    await dms_arrive(keitora, loopback, {dale: 3, tammy: 1})

    await create(loopback, title="Alone", when="Dec 19 10am")
    alone = cards(loopback)[-1]
    await loopback.click(alone, "Going", actor=tammy)
    nobody = await loopback.slash("meetup cancel", meetup="2", actor=tammy)
    assert (
        nobody.content
        == "Cancelled “Alone”. Nobody else was going, waiting or maybe, so nobody gets a DM."
    )
    await dms_arrive(keitora, loopback, {tammy: 1})
