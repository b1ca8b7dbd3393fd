"""A date of a series typed into `occurrence:` and sent with Enter, as a member may, in any form
`/meetup create` reads a day in (2026-12-19, Sat December 19, 12/19): matched to the date of the
series on that day, on the meetup's clock; a date already cancelled is said to be so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import unix
from sandbox import Loopback, UserRef

from .conftest import RunningBot
from .test_meetup_edits import posted

DEC_19 = datetime(2026, 12, 19, 17, 0, tzinfo=UTC)  # 10 AM MST
DEC_26 = DEC_19 + timedelta(days=7)
CANCELLED_ALREADY = (
    "That date of “Weekly” is cancelled already (restore it with `/meetup restore`)."
)


async def weekly(keitora: RunningBot, loopback: Loopback) -> UserRef:
    """A weekly Saturday 10 AM series from Dec 5, 2026, and Tammy, who organizes it."""
    await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    return loopback.member("Tammy")


async def test_a_date_typed_in_any_form_a_day_is_read_in_names_the_date_on_that_day(
    keitora: RunningBot, loopback: Loopback
) -> None:
    tammy = await weekly(keitora, loopback)

    for typed, start in (("2026-12-19", DEC_19), ("Sat December 26", DEC_26)):
        reply = await loopback.slash(
            "meetup cancel", meetup="1", occurrence=typed, reason="xmas", actor=tammy
        )
        assert reply.ephemeral
        assert reply.content.startswith(f"Cancelled “Weekly” on <t:{unix(start)}:F>."), typed

    for typed in ("2026-12-19", "12/26", "Sat Dec 19"):
        again = await loopback.slash("meetup cancel", meetup="1", occurrence=typed, actor=tammy)
        assert again.ephemeral
        assert again.content == CANCELLED_ALREADY, typed
    restored = await loopback.slash(
        "meetup restore", meetup="1", occurrence="December 19th", actor=tammy
    )
    assert restored.content.startswith(f"Restored “Weekly” on <t:{unix(DEC_19)}:F>.")
    held = await loopback.slash("meetup restore", meetup="1", occurrence="2026-12-19", actor=tammy)
    assert held.content == (
        "Pick a date from the list as you type; “2026-12-19” is not one of the dates of "
        "“Weekly” called off that can still be restored."
    )


async def test_two_dates_on_the_day_typed_are_asked_about(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """Dec 5 moved to 6 AM on Dec 19, where the series' own date is at 10 AM."""
    tammy = await weekly(keitora, loopback)
    moved = await loopback.slash("meetup edit", meetup="1", when="Dec 19 6am", actor=tammy)
    assert moved.content.startswith("Moved"), moved.content

    asked = await loopback.slash("meetup cancel", meetup="1", occurrence="2026-12-19", actor=tammy)
    assert asked.ephemeral
    assert asked.content == (
        "More than one date of “Weekly” is on Sat Dec 19: Sat Dec 19, 6:00 AM MST and "
        "Sat Dec 19, 10:00 AM MST. Type its time too, like Sat Dec 19, 6:00 AM MST, or pick one "
        "from the list as you type."
    )
    timed = await loopback.slash(
        "meetup cancel", meetup="1", occurrence="2026-12-19 10am", actor=tammy
    )
    assert timed.content.startswith(f"Cancelled “Weekly” on <t:{unix(DEC_19)}:F>.")
    six = datetime(2026, 12, 19, 13, 0, tzinfo=UTC)
    left = await loopback.slash("meetup cancel", meetup="1", occurrence="dec 19", actor=tammy)
    assert left.content.startswith(f"Cancelled “Weekly” on <t:{unix(six)}:F>.")
