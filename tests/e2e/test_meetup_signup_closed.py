"""A meetup's card when its signup cutoff passes: drawn again once, through the job runner (so
once across restarts too), saying signup closed, with Going, Maybe and Guests & truck turned
off and Can't go left on, as the answers themselves are refused and taken."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import unix
from bot.meetups import CARD_JOB
from sandbox import Loopback, Message

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetup_typed_times import sent_reply
from .test_meetups import card_edits, card_shows, field, fresh
from .test_reminders import run_at, settled

DEC_12 = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)  # 10 AM in Denver
CLOSES = DEC_12 - timedelta(hours=2)


def disabled(card: Message) -> dict[str, bool]:
    """Which of the card's buttons, by label, are turned off."""
    buttons = [c for row in card.raw["components"] for c in row["components"]]
    return {button["label"]: bool(button.get("disabled")) for button in buttons}


async def test_the_card_says_signup_closed_once_the_cutoff_passes_and_only_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Cutoff Day", when="Dec 12 10am", cutoff="2h")
    closes = unix(CLOSES)
    assert field(card.embeds[0], "Signup closes") == f"<t:{closes}:F> (<t:{closes}:R>)"
    dale = loopback.member("Dale")
    await loopback.click(card, "Going", actor=dale)
    await card_shows(loopback, card, "Going", "1 person · 0 trucks")
    edited = len(card_edits(loopback, card))

    await run_at(keitora, CLOSES + timedelta(minutes=1))
    await settled(keitora, CARD_JOB)

    [edit] = card_edits(loopback, card)[edited:]
    assert edit.status == 200
    embed = edit.request["embeds"][0]
    assert "Signup closes" not in [f["name"] for f in embed["fields"]]
    assert field(embed, "Signup closed") == f"<t:{closes}:F> (<t:{closes}:R>)"
    shown = fresh(loopback, card)
    assert disabled(shown) == {
        "Going": True,
        "Maybe": True,
        "Can't go": False,
        "Guests & truck": True,
    }
    left = await loopback.click(shown, "Can't go", actor=dale)
    assert not left.content.startswith("Signup"), left.content
    await card_shows(loopback, card, "Going", "0 people · 0 trucks")
    assert disabled(fresh(loopback, card))["Going"] is True  # still closed

    after = len(card_edits(loopback, card))
    await keitora.restart()
    await run_at(keitora, CLOSES + timedelta(minutes=30))
    await settled(keitora, CARD_JOB)
    assert len(card_edits(loopback, card)) == after  # drawn again once, not at each start


async def test_a_cutoff_moved_with_its_date_redraws_the_card_at_the_new_cutoff_only(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Moved Day", when="Dec 12 10am", cutoff="2h")
    await loopback.slash(
        "meetup edit", meetup="1", when="Dec 13 10am", actor=loopback.member("Tammy")
    )
    moved_closes = unix(CLOSES + timedelta(days=1))
    await card_shows(
        loopback, card, "Signup closes", f"<t:{moved_closes}:F> (<t:{moved_closes}:R>)"
    )
    edited = len(card_edits(loopback, card))

    await run_at(keitora, CLOSES + timedelta(minutes=1))  # where it closed before the move
    await settled(keitora, CARD_JOB)
    assert len(card_edits(loopback, card)) == edited

    await run_at(keitora, CLOSES + timedelta(days=1, minutes=1))
    await settled(keitora, CARD_JOB)
    [edit] = card_edits(loopback, card)[edited:]
    assert field(edit.request["embeds"][0], "Signup closed").startswith(f"<t:{moved_closes}:F>")


async def test_raising_the_capacity_after_signup_closed_says_signup_is_closed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Last Call", when="Dec 12 10am", cutoff="2h", capacity=1)
    await run_at(keitora, CLOSES + timedelta(minutes=9))
    tammy = loopback.member("Tammy")

    raised = await loopback.slash("meetup edit", meetup="1", capacity=3, actor=tammy)

    assert raised.ephemeral
    assert sent_reply(loopback, raised)["content"] == (
        "Changed the capacity (now 3 people) of “Last Call”. Signup closed 2 hours before "
        "it starts, so nobody can take the new places: to open it again, shorten the cutoff "
        "(`/meetup edit cutoff:`, 0 for none)."
    )
    opened = await loopback.slash("meetup edit", meetup="1", capacity=4, cutoff="0", actor=tammy)
    assert "Signup for" not in sent_reply(loopback, opened)["content"]
