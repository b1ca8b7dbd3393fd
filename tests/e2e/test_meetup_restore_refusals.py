"""`/meetup restore` refused, through the loopback: a whole series cancelled, a date another one
was moved over since, a typed date that names no date off or more than one, a one-off gone by,
and a member neither its organizer nor a moderator. Each refusal is the one ephemeral answer the
bot sent, nothing else is sent, and the database is as it was; each allowed neighbour goes
through."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import unix
from sandbox import Loopback, Reply

from .conftest import RunningBot
from .series_cancels import cancel_series
from .test_meetup_edits import posted
from .test_meetup_restores import DEC_5, DEC_12

Rows = dict[str, list[tuple[object, ...]]]
EPHEMERAL = 64
CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback"


async def database(keitora: RunningBot) -> Rows:
    """Every row of every table, to show a refusal wrote nothing."""
    tables = await keitora.store.fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    )
    return {
        table["name"]: [
            tuple(row) for row in await keitora.store.fetchall(f"SELECT * FROM {table['name']}")
        ]
        for table in tables
    }


async def refused(keitora: RunningBot, loopback: Loopback, **options: str) -> str:
    """What the bot answered to `/meetup restore` with `options` (by Tammy unless `actor`
    names another), having checked it was its only request, ephemeral, and changed nothing."""
    actor = loopback.member(options.pop("actor", "Tammy"))
    await loopback.bot_quiet()
    before, sent = await database(keitora), len(loopback.requests)

    reply = await loopback.slash("meetup restore", actor=actor, **options)
    await loopback.bot_quiet()

    assert [r.template for r in loopback.requests[sent:]] == [CALLBACK], reply.text
    body = reply.record.callback_body or {}
    assert body["type"] == 4
    assert body["data"]["flags"] & EPHEMERAL
    assert await database(keitora) == before
    content: str = body["data"]["content"]
    return content


async def restored(loopback: Loopback, **options: str) -> Reply:
    return await loopback.slash("meetup restore", actor=loopback.member("Tammy"), **options)


async def test_a_whole_series_cancelled_is_not_restored_but_created_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    await cancel_series(loopback, loopback.member("Tammy"), meetup="1")

    said = await refused(keitora, loopback, meetup="1")

    assert said == (
        "The whole series “Weekly” was cancelled, which cannot be undone: create it again "
        "with `/meetup create`."
    )


async def weekly_with_dec_12_off_and_dec_5_moved_to(
    keitora: RunningBot, loopback: Loopback, when: str
) -> None:
    """A weekly Saturday 10am series (3 hours long) whose Dec 12 Tammy cancelled, then moved
    its Dec 5 date alone to `when`."""
    await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy = loopback.member("Tammy")
    await loopback.slash("meetup cancel", meetup="1", occurrence=str(DEC_12), actor=tammy)
    moved = await loopback.slash("meetup edit", meetup="1", when=when, actor=tammy)
    assert moved.content.startswith(f"Moved the <t:{DEC_5}:F> date of “Weekly”"), moved.content


async def test_a_date_off_another_date_was_moved_over_is_not_restored(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Dec 5 now meets at the very hour Dec 12 had: restoring Dec 12 would hold two at once.
    await weekly_with_dec_12_off_and_dec_5_moved_to(keitora, loopback, "Dec 12 10am")

    said = await refused(keitora, loopback, meetup="1", occurrence=str(DEC_12))

    assert said == (
        "Another date of “Weekly” was moved over the hours of that one: move it away first, "
        "or leave that date off."
    )


async def test_a_date_off_is_restored_beside_one_moved_to_right_after_its_hours(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Dec 5 now starts the moment Dec 12's three hours end: the two do not overlap.
    await weekly_with_dec_12_off_and_dec_5_moved_to(keitora, loopback, "Dec 12 1pm")

    reply = await restored(loopback, meetup="1", occurrence=str(DEC_12))

    assert reply.content.startswith(f"Restored “Weekly” on <t:{DEC_12}:F>."), reply.content
    choices = await loopback.autocomplete(
        "meetup cancel", "occurrence", "", meetup="1", actor=loopback.member("Tammy")
    )
    assert [choice["name"] for choice in choices][:2] == [
        "Sat Dec 12, 10:00 AM MST",
        "Sat Dec 12, 1:00 PM MST",
    ]


async def weekly_with_dec_5_and_dec_12_off(keitora: RunningBot, loopback: Loopback) -> None:
    await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    for date in (DEC_5, DEC_12):
        await loopback.slash(
            "meetup cancel", meetup="1", occurrence=str(date), actor=loopback.member("Tammy")
        )


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        (
            "Sat Dec 19",  # no date off
            "Pick a date from the list as you type; “Sat Dec 19” is not one of the dates of "
            "“Weekly” called off that can still be restored.",
        ),
        (
            "10:00 am",  # both of them
            "More than one date of “Weekly” is “10:00 am”: type more of it, like Sat Dec 5, "
            "10:00 AM MST, or pick one from the list as you type.",
        ),
    ],
)
async def test_a_typed_date_that_names_not_exactly_one_date_off_is_refused(
    keitora: RunningBot, loopback: Loopback, typed: str, refusal: str
) -> None:
    await weekly_with_dec_5_and_dec_12_off(keitora, loopback)

    said = await refused(keitora, loopback, meetup="1", occurrence=typed)

    assert said == refusal


async def test_a_typed_date_that_names_one_date_off_restores_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await weekly_with_dec_5_and_dec_12_off(keitora, loopback)

    reply = await restored(loopback, meetup="1", occurrence="Dec 12")

    assert reply.content.startswith(f"Restored “Weekly” on <t:{DEC_12}:F>."), reply.content


async def test_a_one_off_gone_by_is_not_restored(keitora: RunningBot, loopback: Loopback) -> None:
    await posted(keitora, loopback, title="Main")
    await loopback.slash("meetup cancel", meetup="1", actor=loopback.member("Tammy"))
    keitora.clock.set(datetime.fromtimestamp(DEC_12, UTC) + timedelta(hours=3))  # it ended

    said = await refused(keitora, loopback, meetup="1")

    assert said == "That date of “Main” is over: it cannot be restored."
    assert unix(keitora.clock.now()) > DEC_12


async def test_a_date_off_is_restored_by_a_moderator_but_not_by_another_member(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await weekly_with_dec_5_and_dec_12_off(keitora, loopback)

    said = await refused(keitora, loopback, meetup="1", occurrence=str(DEC_12), actor="Mika")

    assert said == "Only its organizer or a moderator can restore this meetup."
    marcus = loopback.member("Marcus")
    reply = await loopback.slash("meetup restore", meetup="1", occurrence=str(DEC_12), actor=marcus)
    assert reply.content.startswith(f"Restored “Weekly” on <t:{DEC_12}:F>."), reply.content
