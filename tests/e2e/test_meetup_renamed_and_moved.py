"""An edit that renames a meetup and moves it at once: the organizer's reply and the members'
DMs call it by its new name after saying it was renamed, and the DMs name the title the members
answered for, read from what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted


async def test_a_series_renamed_and_re_timed_is_named_by_its_new_title(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Breakfast", when="sat 10am", repeat="weekly")
    tammy, dale = loopback.member("Tammy"), loopback.member("Dale")
    await loopback.click(card, "Going", actor=dale)

    reply = await loopback.slash(
        "meetup edit", meetup="1", title="Brunch", when="sat 11am", dates="every", actor=tammy
    )

    assert reply.content.startswith(
        "Renamed “Breakfast” to “Brunch”. From now on “Brunch” meets "
        "every Saturday at "
        "11:00 AM (America/Denver): its next date moved from"
    ), reply.content
    await dms_arrive(keitora, loopback, {dale: 1})
    assert loopback.dms(dale)[0].content.startswith(
        "**Brunch** (was “Breakfast”) has a new schedule"
    )


async def test_one_date_of_a_renamed_series_moved_is_named_by_its_new_title(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Breakfast", when="sat 10am", repeat="weekly")

    reply = await loopback.slash(
        "meetup edit", meetup="1", title="Brunch", when="sat 11am", actor=loopback.member("Tammy")
    )

    assert "date of “Brunch” to" in reply.content, reply.content


async def test_a_one_off_renamed_and_moved_tells_the_title_answered_for(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Alpha", when="dec 19 10am")
    tammy, dale = loopback.member("Tammy"), loopback.member("Dale")
    await loopback.click(card, "Going", actor=dale)

    reply = await loopback.slash(
        "meetup edit",
        meetup="1",
        title="Alpha Prime",
        when="dec 19 11am",
        location="Big Park",
        actor=tammy,
    )

    assert reply.content.startswith(
        "Renamed “Alpha” to “Alpha Prime”. Changed the place and the time of “Alpha Prime”."
    ), reply.content
    await dms_arrive(keitora, loopback, {dale: 1})
    assert loopback.dms(dale)[0].content.startswith("**Alpha Prime** (was “Alpha”) moved from")


async def test_a_rename_alone_sends_no_dm(keitora: RunningBot, loopback: Loopback) -> None:
    card = await posted(keitora, loopback, title="Quiet", when="dec 19 10am")
    tammy, dale = loopback.member("Tammy"), loopback.member("Dale")
    await loopback.click(card, "Going", actor=dale)

    reply = await loopback.slash("meetup edit", meetup="1", title="Loud", actor=tammy)

    assert reply.content == "Renamed “Quiet” to “Loud”.", reply.content
    await dms_arrive(keitora, loopback, {dale: 0})
