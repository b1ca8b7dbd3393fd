"""`/meetup list mine:true` lists the meetups a member organizes and those they answered
Going, Maybe or waitlist for a date still ahead; not those they said Can't go to."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetups import create, meetup_option, requests

CALLBACK = ("POST", "/interactions/{interaction_id}/{interaction_token}/callback")


async def test_mine_lists_what_the_member_organizes_or_answered(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Going Day")
    await create(loopback, title="Declined Day", when="Dec 13 10am")
    await create(loopback, title="Mika's Own", when="Dec 14 10am", actor="Mika")
    mika = loopback.member("Mika")
    await loopback.click(card, "Going", actor=mika)
    [_, declined] = [m for m in loopback.messages("meetups") if m.embeds][:2]
    await loopback.click(declined, "Can't go", actor=mika)

    await loopback.slash("meetup list", mine=True, actor=mika)

    [embed] = requests(loopback, CALLBACK)[-1].request["data"]["embeds"]
    assert embed["title"] == "Upcoming meetups you organize or answered (page 1 of 1)"
    listed = embed["description"]
    assert "Going Day" in listed, listed
    assert "Mika's Own" in listed, listed
    assert "Declined Day" not in listed
    assert (
        "answered Going, Maybe or waitlist"
        in meetup_option(loopback, "list", "mine")["description"]
    )
