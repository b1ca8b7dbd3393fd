"""A series date moved past the date after it, driven through the real client as tester15 did:
the card shows the earlier date, so a member who answered the moved one is asked, on pressing
any answer, which date it is for; the answer then reaches that date, frees its place for the
next in line and stops its reminders."""

from __future__ import annotations

import pytest

from bot.clock import unix
from sandbox import Loopback, Message

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted
from .test_meetup_series_after_moves import DAY, DEC_12
from .test_meetup_series_edits import DEC_5
from .test_meetups import card_shows, card_when, fresh
from .test_reminders import run_at, settled

DEC_13 = DEC_12 + DAY  # Dec 5 moved here, past Dec 12
MOVED_LABEL, SHOWN_LABEL = "Sun Dec 13, 10:00 AM MST", "Sat Dec 12, 10:00 AM MST"


async def moved_past_the_next(keitora: RunningBot, loopback: Loopback, first: str) -> Message:
    """A weekly series of one place from Dec 5: Mika answers `first` for Dec 5 and Dale goes
    too (waiting, when Mika took the place); Dec 5 then moves to Sunday Dec 13."""
    card = await posted(
        keitora,
        loopback,
        title="Sat Cruise",
        when="sat 10am",
        location="Moab",
        repeat="weekly",
        capacity=1,
    )
    mika, dale = loopback.member("Mika"), loopback.member("Dale")
    await loopback.click(card, first, actor=mika)
    await loopback.click(card, "Going", actor=dale)
    await loopback.slash(
        "meetup edit", meetup="1", when="dec 13 10am", actor=loopback.member("Tammy")
    )
    await dms_arrive(keitora, loopback, {mika: 1, dale: 1})
    return await card_shows(loopback, card, "When", card_when(unix(DEC_12)))


async def parties(keitora: RunningBot, loopback: Loopback) -> dict[str, dict[str, str]]:
    """Each date's answers by member name, from the database."""
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    meetup = await meetups.get(guild, 1)
    names = {int(m.id): name for name in ("Mika", "Dale") if (m := loopback.member(name))}
    return {
        local: {names[p.member_id]: p.status for p in await meetups.parties(date)}
        for local, date in zip(
            ("Dec 12", "Dec 13"), await meetups.occurrences(meetup, limit=2), strict=True
        )
    }


@pytest.mark.parametrize(("pressed", "status"), [("Can't go", "declined"), ("Maybe", "maybe")])
async def test_leaving_the_moved_date_frees_its_place_promotes_and_stops_its_reminders(
    keitora: RunningBot, loopback: Loopback, pressed: str, status: str
) -> None:
    card = await moved_past_the_next(keitora, loopback, "Going")
    mika, dale = loopback.member("Mika"), loopback.member("Dale")

    asked = await loopback.click(card, pressed, actor=mika)

    assert asked.ephemeral
    assert asked.content == (
        f"Which date of **Sat Cruise** is your {pressed} for? You answered Going for "
        f"<t:{unix(DEC_13)}:F>, the date moved from <t:{unix(DEC_5)}:F>; the card shows "
        f"<t:{unix(DEC_12)}:F>."
    ), asked.content
    labels = [c["label"] for row in asked.components for c in row["components"]]
    assert labels == [f"{pressed}: {MOVED_LABEL}", f"{pressed}: {SHOWN_LABEL}"]
    assert await parties(keitora, loopback) == {
        "Dec 12": {},
        "Dec 13": {"Mika": "going", "Dale": "waitlist"},
    }

    answered = await loopback.click(asked, f"{pressed}: {MOVED_LABEL}", actor=mika)

    assert f"<t:{unix(DEC_13)}:F>" in answered.content, answered.content
    assert await parties(keitora, loopback) == {
        "Dec 12": {},
        "Dec 13": {"Mika": status, "Dale": "going"},
    }
    await dms_arrive(keitora, loopback, {dale: 2})
    assert loopback.dms(dale)[1].content.startswith("You're in!"), loopback.dms(dale)[1].content
    await run_at(keitora, DEC_13 - DAY)
    await settled(keitora)
    await dms_arrive(keitora, loopback, {dale: 3, mika: 1})
    assert "Reminder" in loopback.dms(dale)[2].content


async def test_going_for_the_moved_date_after_a_maybe_and_the_card_date_stays_answerable(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await moved_past_the_next(keitora, loopback, "Maybe")
    mika = loopback.member("Mika")

    asked = await loopback.click(card, "Going", actor=mika)
    await loopback.click(asked, f"Going: {MOVED_LABEL}", actor=mika)
    # Mika now waits for Dec 13, which Going would not change: Going answers Dec 12 unasked.
    again = await loopback.click(fresh(loopback, card), "Going", actor=mika)
    assert f"<t:{unix(DEC_12)}:F>" in again.content, again.content

    # Dale took Dec 5's place first; Mika waits for it on Dec 13 and goes on Dec 12.
    assert await parties(keitora, loopback) == {
        "Dec 12": {"Mika": "going"},
        "Dec 13": {"Dale": "going", "Mika": "waitlist"},
    }


async def test_a_member_who_answered_only_the_date_shown_is_not_asked(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await moved_past_the_next(keitora, loopback, "Going")

    reply = await loopback.click(card, "Maybe", actor=loopback.member("Hank"))

    assert reply.content.startswith("You're a maybe for **Sat Cruise**, "), reply.content
    assert f"<t:{unix(DEC_12)}:F>" in reply.content


async def test_my_list_shows_the_date_i_answered_not_the_one_before_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await moved_past_the_next(keitora, loopback, "Going")

    mine = await loopback.slash("meetup list", mine=True, actor=loopback.member("Mika"))

    [line] = mine.embeds[0]["description"].splitlines()
    assert f"<t:{unix(DEC_13)}:F>" in line, line
    assert line.endswith("Going: 1 person of 1 · 0 trucks"), line
    # The organizer's list still shows the series' next date.
    theirs = await loopback.slash("meetup list", mine=True, actor=loopback.member("Tammy"))
    assert f"<t:{unix(DEC_12)}:F>" in theirs.embeds[0]["description"]


async def test_guests_and_truck_asks_which_date_and_its_form_answers_the_date_picked(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await moved_past_the_next(keitora, loopback, "Going")
    mika = loopback.member("Mika")

    asked = await loopback.click(card, "Guests & truck", actor=mika)

    assert asked.modal is None
    assert asked.ephemeral
    assert asked.content.startswith(
        "Which date of **Sat Cruise** is your Guests & truck for? You answered Going for "
    ), asked.content
    labels = [c["label"] for row in asked.components for c in row["components"]]
    assert labels == [f"Guests & truck: {MOVED_LABEL}", f"Guests & truck: {SHOWN_LABEL}"]
    opened = await loopback.click(asked, f"Guests & truck: {MOVED_LABEL}", actor=mika)
    assert opened.modal is not None, opened.content
    sent = await loopback.submit_modal(opened, {"guests": "0", "truck": "Acty"}, actor=mika)

    assert f"<t:{unix(DEC_13)}:F>" in sent.content, sent.content
    # The card's Dec 12 (one place) is not taken unasked; the truck reaches Dec 13.
    assert await parties(keitora, loopback) == {
        "Dec 12": {},
        "Dec 13": {"Mika": "going", "Dale": "waitlist"},
    }
    meetups = keitora.bot.services.meetups
    meetup = await meetups.get(int(loopback.guild.id), 1)
    moved = (await meetups.occurrences(meetup, limit=2))[1]
    assert [p.truck for p in await meetups.parties(moved) if p.member_id == int(mika.id)] == [
        "Acty"
    ]


async def test_cant_go_held_for_the_moved_date_is_not_asked_about_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await moved_past_the_next(keitora, loopback, "Can't go")

    reply = await loopback.click(card, "Can't go", actor=loopback.member("Mika"))

    assert reply.content.startswith("You're not going to **Sat Cruise**, "), reply.content
    assert f"<t:{unix(DEC_12)}:F>" in reply.content, reply.content


async def test_an_organizer_who_answered_the_moved_date_still_sees_their_next_date(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(
        keitora, loopback, title="Sat Cruise", when="sat 10am", location="Moab", repeat="weekly"
    )
    tammy = loopback.member("Tammy")
    await loopback.click(card, "Maybe", actor=tammy)
    await loopback.slash("meetup edit", meetup="1", when="dec 13 10am", actor=tammy)

    mine = await loopback.slash("meetup list", mine=True, actor=tammy)

    [line] = mine.embeds[0]["description"].splitlines()
    assert f"<t:{unix(DEC_12)}:F>" in line, line
