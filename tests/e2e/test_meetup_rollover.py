"""A meetup's card when one of its dates starts, edited once: a series' shows the next date
(again after Discord refused the edit for a while), a one-off's says it started and loses its
buttons; a click on the card as it was is told what happened instead of being taken for a date
the member did not see."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import unix
from bot.meetups import CARD_JOB
from sandbox import Loopback, Message

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetups import EDIT, card_edits, card_shows, card_when, custom_ids, field, fresh
from .test_reminders import run_at, settled

DEC_5, DEC_12 = (datetime(2026, 12, day, 17, 0, tzinfo=UTC) for day in (5, 12))  # 10 AM Denver


async def test_a_series_card_moves_on_to_the_next_date_when_one_starts(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Wk", when="2026-12-05 10:00", repeat="weekly")
    as_it_was = Message.of(loopback.world, copy.deepcopy(card.raw))
    before = len(card_edits(loopback, card))
    # Discord answers the card's edit 429 (all but always) until cleared.
    loopback.faults.rate_limit_share(*EDIT, 0.999, applies_to=lambda path: str(card.id) in path)
    await run_at(keitora, DEC_5 + timedelta(minutes=30))
    await settled(keitora, CARD_JOB)
    assert {r.status for r in card_edits(loopback, card)[before:]} == {429}
    loopback.faults.clear()
    keitora.clock.advance(timedelta(hours=1))  # past every back-off
    await run_at(keitora, keitora.clock.now())
    await settled(keitora, CARD_JOB)

    accepted = [r for r in card_edits(loopback, card)[before:] if r.status == 200]
    assert len(accepted) == 1
    sent = accepted[0].request
    next_date = unix(DEC_12)
    assert field(sent["embeds"][0], "When") == card_when(next_date)
    assert f"rsvp:going:1:{next_date}" in custom_ids(sent)

    # A member whose client still shows the card as it was clicks Going for the started date.
    dale = loopback.member("Dale")
    stale = await loopback.click(as_it_was, "Going", actor=dale)
    assert stale.ephemeral
    assert stale.content == (
        f"The <t:{unix(DEC_5)}:F> date of **Wk** has started, so it takes no more answers. The "
        f"card now shows the next date, <t:{next_date}:F> (<t:{next_date}:R>): answer there."
    )
    attendees = await loopback.slash("meetup attendees", meetup="1")
    assert f"<@{dale.id}>" not in str(attendees.embeds)


async def test_a_one_off_card_says_it_started_and_loses_its_buttons_once_when_it_starts(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Once", when="Dec 12 10am")
    tammy, dale = loopback.member("Tammy"), loopback.member("Dale")
    await loopback.click(card, "Going", actor=dale)
    await card_shows(loopback, card, "Going", "1 person · 0 trucks")
    # Moved a day on: the card must not change at the time it had before.
    await loopback.slash("meetup edit", meetup="1", when="Dec 13 10am", actor=tammy)
    dec_13 = DEC_12 + timedelta(days=1)
    await card_shows(loopback, card, "When", card_when(unix(dec_13)))
    as_it_was = Message.of(loopback.world, copy.deepcopy(fresh(loopback, card).raw))
    edited = len(card_edits(loopback, card))

    await run_at(keitora, DEC_12 + timedelta(minutes=30))
    await settled(keitora, CARD_JOB)
    assert len(card_edits(loopback, card)) == edited
    await run_at(keitora, dec_13 + timedelta(minutes=30))
    await settled(keitora, CARD_JOB)
    await keitora.restart()
    await run_at(keitora, dec_13 + timedelta(hours=2))
    await settled(keitora, CARD_JOB)

    [edit] = card_edits(loopback, card)[edited:]
    assert edit.status == 200
    start = unix(dec_13)
    end = start + 3 * 3600  # its default length
    said = (
        f"<t:{start}:F> (<t:{start}:R>) and goes on until <t:{end}:t> (<t:{end}:R>), so it takes "
        "no more answers"
    )
    assert field(edit.request["embeds"][0], "When") == f"It started {said}."
    assert field(edit.request["embeds"][0], "Going") == "1 person · 0 trucks"  # as it ended
    assert edit.request["components"] == []
    assert fresh(loopback, card).buttons == []

    # A member whose client still shows the buttons is told why their click is not taken.
    stale = await loopback.click(as_it_was, "Going", actor=loopback.member("Rosa"))
    assert stale.ephemeral
    assert stale.content == f"**Once** started {said}."


@pytest.mark.parametrize("end_planned", [True, False])
async def test_a_one_off_card_says_it_took_place_once_when_it_ends_also_across_a_restart(
    keitora: RunningBot, loopback: Loopback, end_planned: bool
) -> None:
    card = await posted(keitora, loopback, title="Once", when="Dec 12 10am-1pm")
    await run_at(keitora, DEC_12 + timedelta(minutes=30))
    await settled(keitora, CARD_JOB)
    if not end_planned:
        # As a release from before cards were drawn again at the end left it, under way.
        await keitora.store.execute(
            "DELETE FROM jobs WHERE kind = ? AND state = 'pending'", (CARD_JOB,)
        )
    await keitora.restart()
    under_way = len(card_edits(loopback, card))

    await run_at(keitora, DEC_12 + timedelta(hours=3, minutes=5))
    await settled(keitora, CARD_JOB)
    await keitora.restart()
    await run_at(keitora, DEC_12 + timedelta(days=30))
    await settled(keitora, CARD_JOB)

    [edit] = card_edits(loopback, card)[under_way:]
    assert edit.status == 200
    start, end = unix(DEC_12), unix(DEC_12 + timedelta(hours=3))
    assert (
        field(edit.request["embeds"][0], "When")
        == f"It took place <t:{start}:F> until <t:{end}:t>."
    )
    assert edit.request["components"] == []
