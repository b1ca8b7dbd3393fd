"""A plain `repeat:monthly` from a start typed as a weekday counted in its month ("the first
saturday in january") repeats on that weekday, at create and at a re-time, and the create's
reply says how to ask for the date instead. Read from what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import DEC_3, posted
from .test_meetup_typed_times import sent_reply
from .test_meetups import create, meetups_channel


async def test_monthly_from_a_counted_weekday_repeats_on_that_weekday(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(DEC_3)
    for title, typed, rule, day in (
        ("First", "the first saturday in january 10am", "the first Saturday of every month", 2),
        ("Last", "last saturday of january 10am", "the last Saturday of every month", 30),
    ):
        reply = sent_reply(
            loopback, await create(loopback, title=title, when=typed, repeat="monthly")
        )
        said = f"{day}{'nd' if day == 2 else 'th'}"
        assert (
            f"**Repeats:** {rule} at 10:00 AM, as the date was typed (for the {said} of every "
            f"month, repeat `monthly on the {said}`).\n"
        ) in reply["content"], reply["content"]
    # A start typed as a date keeps its day of the month.
    dated = sent_reply(
        loopback, await create(loopback, title="Dated", when="jan 2 10am", repeat="monthly")
    )
    assert "**Repeats:** every month on the 2nd at 10:00 AM.\n" in dated["content"]


async def test_a_series_re_timed_monthly_from_a_counted_weekday_keeps_that_weekday(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Cruise", when="sat 10am", repeat="weekly")
    reply = sent_reply(
        loopback,
        await loopback.slash(
            "meetup edit",
            meetup="1",
            when="the first saturday in december 11am",
            repeat="monthly",
            actor=loopback.member("Tammy"),
        ),
    )
    assert reply["content"].startswith(
        "From now on “Cruise” meets the first Saturday of every month at 11:00 AM"
    ), reply["content"]
