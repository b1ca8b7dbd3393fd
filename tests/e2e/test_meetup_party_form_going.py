"""The guests and truck form answers Going: guests and a truck only matter to those going. A
member who had answered Maybe or Can't go is told so on the form and in the reply."""

from __future__ import annotations

from datetime import UTC, datetime

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted

DEC_12 = int(datetime(2026, 12, 12, 17, 0, tzinfo=UTC).timestamp())
WHEN = f"<t:{DEC_12}:F> (<t:{DEC_12}:R>)"


async def test_the_form_after_maybe_or_cant_go_says_it_makes_you_going(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Kei Day", when="Dec 12 10am")
    mika, hank, rosa = (loopback.member(n) for n in ("Mika", "Hank", "Rosa"))

    await loopback.click(card, "Maybe", actor=mika)
    opened = await loopback.click(card, "Guests & truck", actor=mika)
    assert opened.modal is not None
    assert opened.modal["title"] == "Going, with guests & truck: Kei Day"
    sent = await loopback.submit_modal(opened, {"guests": "1"}, actor=mika)
    assert sent.ephemeral
    assert sent.content == (
        f"You're going now (you had answered Maybe) to **Kei Day**, {WHEN} with 1 guest."
    )

    await loopback.click(card, "Can't go", actor=hank)
    opened = await loopback.click(card, "Guests & truck", actor=hank)
    sent = await loopback.submit_modal(opened, {"truck": "Acty"}, actor=hank)
    assert sent.content == (
        f"You're going now (you had answered Can't go) to **Kei Day**, {WHEN} with your "
        "truck (Acty)."
    )

    # Going already: the form's plain title and reply.
    opened = await loopback.click(card, "Guests & truck", actor=mika)
    assert opened.modal is not None
    assert opened.modal["title"] == "Guests & truck: Kei Day"
    sent = await loopback.submit_modal(opened, {"guests": "2"}, actor=mika)
    assert sent.content == f"You're going to **Kei Day**, {WHEN} with 2 guests."
    # No answer yet: sending the form answers Going, as its title says.
    opened = await loopback.click(card, "Guests & truck", actor=rosa)
    assert opened.modal is not None
    assert opened.modal["title"] == "Going, with guests & truck: Kei Day"
    sent = await loopback.submit_modal(opened, {"guests": "0"}, actor=rosa)
    assert sent.content == f"You're going to **Kei Day**, {WHEN}."


async def test_a_maybe_put_on_the_waitlist_by_the_form_is_told_it_answered_going(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Kei Day", when="Dec 12 10am", capacity=1)
    mika, hank = loopback.member("Mika"), loopback.member("Hank")
    await loopback.click(card, "Going", actor=hank)
    await loopback.click(card, "Maybe", actor=mika)
    opened = await loopback.click(card, "Guests & truck", actor=mika)
    sent = await loopback.submit_modal(opened, {"guests": "0"}, actor=mika)
    assert sent.content.startswith(
        "You answered Going now (you had answered Maybe). **Kei Day** is full, so your party "
        "is **#1** on the waitlist."
    ), sent.content
