"""The organizer's reply to a move or a restore counts every member told, those who said Can't
go (told since the new time may suit them) with the rest. Read from what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted
from .test_meetup_typed_times import sent_reply


async def test_a_move_counts_the_members_who_said_cant_go_among_those_told(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Main")
    tammy, dale, hank = (loopback.member(n) for n in ("Tammy", "Dale", "Hank"))
    await loopback.click(card, "Going", actor=dale)
    await loopback.click(card, "Can't go", actor=hank)

    moved = await loopback.slash("meetup edit", meetup="1", when="sat 11am", actor=tammy)

    said = sent_reply(loopback, moved)["content"]
    assert "2 members get a DM: 1 going, waiting or maybe and 1 who said Can't go." in said, said
    await dms_arrive(keitora, loopback, {dale: 1, hank: 1})


async def test_a_move_told_only_to_members_who_said_cant_go_says_so(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Main")
    tammy, hank = loopback.member("Tammy"), loopback.member("Hank")
    await loopback.click(card, "Can't go", actor=hank)

    moved = await loopback.slash("meetup edit", meetup="1", when="sat 11am", actor=tammy)

    said = sent_reply(loopback, moved)["content"]
    assert "1 member gets a DM: 1 who said Can't go." in said, said
    assert "nobody gets a DM" not in said, said
    await dms_arrive(keitora, loopback, {hank: 1})
