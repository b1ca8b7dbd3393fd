"""An edit that renames a meetup and moves it at once: the organizer's reply and the members'
DMs call it by its new name after saying it was renamed, read from what the bot sent."""

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
        "Changed the wording of “Breakfast”: it is now “Brunch”. From now on “Brunch” meets "
        "every Saturday at "
        "11:00 AM (America/Denver): its next date moved from"
    ), reply.content
    await dms_arrive(keitora, loopback, {dale: 1})
    assert loopback.dms(dale)[0].content.startswith("**Brunch** has a new schedule")


async def test_one_date_of_a_renamed_series_moved_is_named_by_its_new_title(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Breakfast", when="sat 10am", repeat="weekly")

    reply = await loopback.slash(
        "meetup edit", meetup="1", title="Brunch", when="sat 11am", actor=loopback.member("Tammy")
    )

    assert "date of “Brunch” to" in reply.content, reply.content
