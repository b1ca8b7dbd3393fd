"""A moderator's cancel is a moderator's to undo: the organizer's `/meetup restore` of it is
refused, saying a moderator cancelled it and why, while their own cancel stays theirs to undo.
Read from what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted
from .test_meetup_typed_times import sent_reply
from .test_meetups import create


async def test_an_organizer_may_not_undo_a_moderators_cancel_but_a_moderator_may(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Gone")
    tammy, marcus, dale = (loopback.member(n) for n in ("Tammy", "Marcus", "Dale"))
    await loopback.click(card, "Going", actor=dale)
    await loopback.slash("meetup cancel", meetup="1", reason="spam", actor=marcus)
    await dms_arrive(keitora, loopback, {dale: 1})

    refused = await loopback.slash("meetup restore", meetup="1", actor=tammy)

    assert refused.ephemeral
    assert sent_reply(loopback, refused)["content"] == (
        "A moderator cancelled “Gone”, for this reason: “spam”. A moderator "
        "can restore it: ask one if you think it should be on again."
    )
    await dms_arrive(keitora, loopback, {dale: 1})  # nobody told it is on again
    restored = await loopback.slash("meetup restore", meetup="1", actor=marcus)
    assert sent_reply(loopback, restored)["content"].startswith("Restored “Gone” on ")
    await dms_arrive(keitora, loopback, {dale: 2})
    assert "is on again" in loopback.dms(dale)[1].content


async def test_an_organizer_undoes_their_own_cancel_of_a_date_but_not_a_moderators(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy, marcus = loopback.member("Tammy"), loopback.member("Marcus")
    await loopback.slash("meetup cancel", meetup="1", occurrence="Dec 5", actor=tammy)
    await loopback.slash("meetup cancel", meetup="1", occurrence="Dec 12", actor=marcus)

    own = await loopback.slash("meetup restore", meetup="1", occurrence="Dec 5", actor=tammy)
    theirs = await loopback.slash("meetup restore", meetup="1", occurrence="Dec 12", actor=tammy)

    assert sent_reply(loopback, own)["content"].startswith("Restored “Weekly” on ")
    assert sent_reply(loopback, theirs)["content"] == (
        "A moderator cancelled that date of “Weekly”. A moderator can "
        "restore it: ask one if you think it should be held again."
    )


async def test_restore_offers_an_organizer_only_the_cancels_they_may_undo(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Gone")
    await create(loopback, title="Mine", when="sat 2pm")
    await create(loopback, title="Weekly", when="sun 10am", repeat="weekly")
    tammy, marcus = loopback.member("Tammy"), loopback.member("Marcus")
    await loopback.slash("meetup cancel", meetup="1", reason="spam", actor=marcus)
    await loopback.slash("meetup cancel", meetup="2", actor=tammy)
    await loopback.slash("meetup cancel", meetup="3", occurrence="Dec 6", actor=marcus)
    await loopback.slash("meetup cancel", meetup="3", occurrence="Dec 13", actor=tammy)

    offered = await loopback.autocomplete("meetup restore", "meetup", "", actor=tammy)
    dates = await loopback.autocomplete("meetup restore", "occurrence", "", meetup="3", actor=tammy)

    assert [choice["value"] for choice in offered] == ["2", "3"]
    assert ["Dec 13" in choice["name"] for choice in dates] == [True]
    moderated = await loopback.autocomplete("meetup restore", "meetup", "", actor=marcus)
    assert sorted(choice["value"] for choice in moderated) == ["1", "2", "3"]
    all_dates = await loopback.autocomplete(
        "meetup restore", "occurrence", "", meetup="3", actor=marcus
    )
    assert len(all_dates) == 2
