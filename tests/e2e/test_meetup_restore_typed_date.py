"""An organizer's `/meetup restore` of a date a moderator cancelled is refused in the same words
whether the date was picked from the list (which hides it from them) or typed by hand, in any
form the dates are read in: the refusal is the command's first answer, nothing deferred or
asked before it, and the date stays off with nobody told. Read from what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted

REFUSAL = (
    "A moderator cancelled that date of “Weekly”, for this reason: “flooded”. A moderator can "
    "restore it: ask one if you think it should be held again."
)


async def test_a_moderators_date_off_typed_by_hand_is_refused_as_one_picked(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy, marcus, dale = (loopback.member(n) for n in ("Tammy", "Marcus", "Dale"))
    await loopback.click(card, "Going", actor=dale)  # for the next date, Dec 5
    await loopback.slash(
        "meetup cancel", meetup="1", occurrence="Dec 5", reason="flooded", actor=marcus
    )
    await dms_arrive(keitora, loopback, {dale: 1})
    [listed] = await loopback.autocomplete(
        "meetup restore", "occurrence", "", meetup="1", actor=marcus
    )
    hidden = await loopback.autocomplete(
        "meetup restore", "occurrence", "", meetup="1", actor=tammy
    )
    assert hidden == []

    for occurrence in (listed["value"], listed["name"], "Dec 5", "2026-12-05", "12/5", "5"):
        refused = await loopback.slash(
            "meetup restore", meetup="1", occurrence=occurrence, actor=tammy
        )
        body = refused.record.callback_body or {}
        assert body.get("type") == 4, occurrence  # answered at once, not deferred
        assert body["data"]["content"] == REFUSAL, occurrence
        assert body["data"]["flags"] & 64, occurrence  # ephemeral

    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    [off] = await meetups.dates_off(await meetups.get(guild, 1))
    assert str(int(off.original_start.timestamp())) == listed["value"]
    await dms_arrive(keitora, loopback, {dale: 1})  # nobody told the date is on again


async def test_a_day_typed_as_a_bare_number_is_read_as_a_day_not_as_a_picked_date(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy = loopback.member("Tammy")

    twelfth = await loopback.slash("meetup cancel", meetup="1", occurrence="12", actor=tammy)

    # Saturdays the 12th come again next year: which one is asked, not "no meetup at that time".
    assert twelfth.content.startswith(
        "More than one date of “Weekly” is “12”: type more of it, like Sat Dec 12, 10:00 AM MST"
    ), twelfth.content
