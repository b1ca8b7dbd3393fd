"""The which-date question for a member holding answers on many dates of a series: Discord
takes at most 5 rows of 5 buttons, or one select menu of 25 options a row, so the question
must fit them and still let the member reach every date held."""

from __future__ import annotations

from typing import Any

from bot.clock import unix
from bot.meetups import Occurrence
from sandbox import Loopback, Message, Reply
from sandbox.bodies import check_body

from .conftest import RunningBot
from .test_meetup_edits import posted

SELECT = 3


def sent(reply: Reply) -> dict[str, Any]:
    """The message body the bot answered `reply`'s interaction with, as it sent it."""
    assert reply.rejected == [], reply.rejected
    assert reply.record.callback_body is not None, "the bot did not answer"
    data: dict[str, Any] = reply.record.callback_body["data"]
    check_body(data)  # raises as Discord refuses, on any limit it breaks
    return data


def children(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for row in body.get("components") or [] for c in row["components"]]


async def many_dates_held(
    keitora: RunningBot, loopback: Loopback, held: int
) -> tuple[Message, Occurrence, list[Occurrence]]:
    """A weekly series whose card shows Dec 5, and Mika's Maybe on the `held` dates after it."""
    card = await posted(
        keitora, loopback, title="Sat Cruise", when="sat 10am", location="Moab", repeat="weekly"
    )
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    meetup = await meetups.get(guild, 1)
    shown, *later = await meetups.occurrences(meetup, limit=held + 1)
    mika = int(loopback.member("Mika").id)
    for date in later:
        await meetups.answer(guild, 1, mika, "maybe", original_start=date.original_start)
    return card, shown, later


async def pages_offered(loopback: Loopback, asked: Reply) -> tuple[list[Reply], set[str]]:
    """Every page of the question, following its Next button, and the dates they offer (as
    the unix original start each button or option names)."""
    mika = loopback.member("Mika")
    pages, offered = [asked], set[str]()
    while True:
        body = sent(pages[-1])
        for child in children(body):
            if child["type"] == SELECT:
                offered |= {option["value"] for option in child["options"]}
            elif child["custom_id"].startswith("rsvp-date:"):
                offered.add(child["custom_id"].rsplit(":", 1)[1])
        following = [c for c in children(body) if c.get("label") == "Next"]
        if not following or following[0].get("disabled"):
            return pages, offered
        pages.append(await loopback.click(pages[-1], following[0]["custom_id"], actor=mika))


async def pick(loopback: Loopback, asked: Reply, date: Occurrence) -> Reply:
    """Mika picks `date` in the list the question `asked` offers."""
    [select] = [c for c in children(sent(asked)) if c["type"] == SELECT]
    value = str(unix(date.original_start))
    return await loopback.click(
        asked, select["custom_id"], values=[value], actor=loopback.member("Mika")
    )


async def test_thirty_dates_held_fit_discord_and_each_can_be_reached(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card, shown, later = await many_dates_held(keitora, loopback, 30)
    mika = loopback.member("Mika")

    asked = await loopback.click(card, "Going", actor=mika)

    assert asked.ephemeral
    assert asked.content == (
        "Which date of **Sat Cruise** is your Going for? You hold answers on 30 other dates "
        f"(30 Maybe); the card shows <t:{unix(shown.starts_at)}:F>. The list names each date "
        "with your answer."
    ), asked.content
    pages, offered = await pages_offered(loopback, asked)
    assert offered == {str(unix(date.original_start)) for date in [shown, *later]}
    assert len(pages) == 2
    back = await loopback.click(pages[-1], "Previous", actor=mika)
    assert sent(back)["components"] == sent(pages[0])["components"]

    last = later[-1]
    answered = await pick(loopback, await loopback.click(back, "Next", actor=mika), last)

    assert f"<t:{unix(last.starts_at)}:F>" in answered.content, answered.content
    meetups = keitora.bot.services.meetups
    parties = await meetups.parties(last)
    assert [(p.member_id, p.status) for p in parties] == [(int(mika.id), "going")]
    # The other dates keep the Maybe Mika held.
    assert [p.status for p in await meetups.parties(later[0])] == ["maybe"]


async def test_guests_and_truck_picked_from_the_list_opens_the_form_for_that_date(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card, _, later = await many_dates_held(keitora, loopback, 30)
    mika = loopback.member("Mika")

    asked = await loopback.click(card, "Guests & truck", actor=mika)
    picked = later[3]
    opened = await pick(loopback, asked, picked)
    assert opened.modal is not None, opened.content
    answered = await loopback.submit_modal(opened, {"guests": "1", "truck": "Acty"}, actor=mika)

    assert f"<t:{unix(picked.starts_at)}:F>" in answered.content, answered.content
    [party] = await keitora.bot.services.meetups.parties(picked)
    assert (party.status, party.guests, party.truck) == ("going", 1, "Acty")


async def test_a_few_dates_held_are_still_asked_with_buttons(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card, shown, later = await many_dates_held(keitora, loopback, 4)

    asked = await loopback.click(card, "Going", actor=loopback.member("Mika"))

    body = sent(asked)
    assert [c["type"] for c in children(body)] == [2] * 5
    _, offered = await pages_offered(loopback, asked)
    assert offered == {str(unix(date.original_start)) for date in [shown, *later]}


async def test_a_page_turned_after_every_other_date_was_answered_says_so(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card, _, later = await many_dates_held(keitora, loopback, 30)
    mika = loopback.member("Mika")
    asked = await loopback.click(card, "Going", actor=mika)
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    for date in later:  # answered Going elsewhere meanwhile (a second question, say)
        await meetups.answer(guild, 1, int(mika.id), "going", original_start=date.original_start)

    turned = await loopback.click(asked, "Next", actor=mika)

    body = sent(turned)
    assert body["content"] == (
        "No other date of **Sat Cruise** holds an answer that Going would change now: press "
        "it on the card."
    )
    assert body["components"] == []
