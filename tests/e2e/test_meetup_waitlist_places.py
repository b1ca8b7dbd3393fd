"""The place in line a waiting member reads counts only those ahead waiting for what their party
needs: a walk-up is not told it is behind a truck whose place is held and that waits only for a
truck spot."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetups import answer_form


async def test_a_walk_up_is_first_in_line_behind_a_truck_waiting_for_its_spot(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Show", capacity=3, trucks=1)
    dale, rosa, hank, mika = (loopback.member(name) for name in ("Dale", "Rosa", "Hank", "Mika"))
    await answer_form(loopback, card, dale, "0", "93 Acty")
    rosa_waits = await answer_form(loopback, card, rosa, "0", "Hijet jumbo")
    assert "**#1** on the waitlist" in rosa_waits.content
    await loopback.click(card, "Going", actor=hank)  # the last place beyond Rosa's

    mika_waits = await loopback.click(card, "Going", actor=mika)
    sent = mika_waits.record.callback_body
    assert sent is not None
    assert "your party is **#1** on the waitlist." in sent["data"]["content"]
