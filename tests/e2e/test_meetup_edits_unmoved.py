"""A new rule that leaves the dates members answered for at their time tells them nothing,
and the organizer reads why: their date did not move, not that nobody had answered."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_series_edits import JAN_2, breakfast


async def test_answers_for_a_date_a_new_rule_keeps_are_not_told_and_the_reply_says_why(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await breakfast(keitora, loopback)  # Dale going to Dec 5
    await loopback.click(card, "Maybe", actor=loopback.member("Hank"))
    tammy = loopback.member("Tammy")
    reply = await loopback.slash("meetup edit", meetup="1", repeat="weekly", actor=tammy)
    assert reply.ephemeral
    assert "Nobody else was going" not in reply.content, reply.content
    assert reply.content.endswith(
        "2 members going, waiting or maybe answered for a date that keeps its time, so nobody "
        "needs telling."
    ), reply.content


async def test_those_told_and_those_whose_date_kept_its_time_are_both_counted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await breakfast(keitora, loopback)  # Dale going to Dec 5, which a weekly rule keeps
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    rosa = loopback.member("Rosa")
    await meetups.answer(guild, 1, int(rosa.id), "going", original_start=JAN_2)
    # Dec 5 stays, January's first Saturday becomes Dec 26.
    reply = await loopback.slash(
        "meetup edit", meetup="1", repeat="every 3 weeks", actor=loopback.member("Tammy")
    )
    assert reply.content.endswith(
        "1 member going, waiting or maybe gets a DM. 1 more answered for a date that keeps its "
        "time and gets no DM."
    ), reply.content
