"""Words for no truck ("no", "none", "n/a", "-"…) typed in the guests and truck form's truck
field mean no truck: they take no truck spot, and the reply says how the field was read."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetup_party_form_going import WHEN
from .test_meetups import answer_form


async def test_no_truck_words_take_no_truck_spot_and_the_reply_says_so(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Form", when="Dec 12 10am", trucks=1)
    mika, dale, rosa = (loopback.member(n) for n in ("Mika", "Dale", "Rosa"))

    sent = await answer_form(loopback, card, mika, "0", "none")
    assert sent.content == (
        f"You're going to **Form**, {WHEN}. I read “none” as no truck; type your truck in the "
        "form if you bring one."
    )
    for typed in ("n/a", "No", "NA", "-", "0", "nope", "no."):
        sent = await answer_form(loopback, card, dale, "1", typed)
        assert sent.content.startswith(f"You're going to **Form**, {WHEN} with 1 guest."), (
            typed,
            sent.content,
        )
        assert "as no truck" in sent.content, sent.content

    # The one truck spot is still free: Rosa's truck takes it.
    sent = await answer_form(loopback, card, rosa, "0", "Yes")
    assert sent.content == f"You're going to **Form**, {WHEN} with your truck (Yes)."
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    meetup = await meetups.get(guild, 1)
    [date] = await meetups.occurrences(meetup, limit=1)
    trucks = {party.member_id: party.truck for party in await meetups.parties(date)}
    assert trucks == {int(mika.id): None, int(dale.id): None, int(rosa.id): "Yes"}
