"""An organizer going to their own meetup, whose DMs are closed, is told of a moderator's cancel
in the thread: the DM naming the moderator, which stands in for their DM as an attendee, is
refused, so the post after the thread's notice (which goes first, mentioning nobody) mentions
them (they heard nothing else); reached, it is their only notice."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetup_told_once import mentioned, thread_posts
from .test_meetups import wait_for_post


async def test_an_organizer_whose_dms_are_closed_is_mentioned_in_the_thread(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Once", when="Dec 12 10am")
    tammy, marcus = loopback.member("Tammy"), loopback.member("Marcus")
    await loopback.click(card, "Going", actor=tammy)
    loopback.close_dms(tammy)

    await loopback.slash("meetup cancel", meetup="1", reason="Snow", actor=marcus)
    await keitora.bot.job_runner.run_due()
    await wait_for_post(loopback, card, f"<@{tammy.id}>")
    notice, unreached = thread_posts(loopback, card, "is cancelled")
    assert loopback.dms(tammy) == []
    assert mentioned(notice) == [], notice["allowed_mentions"]
    assert mentioned(unreached) == [str(tammy.id)], unreached["allowed_mentions"]


async def test_an_organizer_the_moderators_dm_reached_is_not_mentioned_too(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Once", when="Dec 12 10am")
    tammy, marcus, dale = (loopback.member(name) for name in ("Tammy", "Marcus", "Dale"))
    await loopback.click(card, "Going", actor=tammy)
    await loopback.click(card, "Going", actor=dale)
    loopback.close_dms(dale)

    await loopback.slash("meetup cancel", meetup="1", reason="Snow", actor=marcus)
    await keitora.bot.job_runner.run_due()
    await wait_for_post(loopback, card, f"<@{dale.id}>")
    notice, unreached = thread_posts(loopback, card, "is cancelled")
    [told] = loopback.dms(tammy)
    assert f"(<@{marcus.id}>)" in told.content  # the DM naming the moderator, and only that one
    assert mentioned(notice) == [], notice["allowed_mentions"]
    assert mentioned(unreached) == [str(dale.id)], unreached["allowed_mentions"]
