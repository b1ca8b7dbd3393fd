"""A series whose time typed is not a day of its repeat starts on the repeat's first day after it:
the create reply says so beside how the time was read, not two dates side by side unexplained."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import DEC_3
from .test_meetups import create, meetups_channel


async def test_a_time_typed_off_the_repeat_is_said_to_start_the_series_after_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(DEC_3)
    created = await create(loopback, title="F", when="sat 4pm", repeat="monthly on the 31st")

    lines = created.content.splitlines()
    [read] = [line for line in lines if line.startswith("Read as")]
    assert read.startswith("Read as Saturday December 5, 2026 4:00 PM"), read
    assert read.endswith(
        "That day is not one of the repeat's, so the series starts on its first day after it."
    ), read
    [repeats] = [line for line in lines if line.startswith("**Repeats:**")]
    assert repeats == (
        "**Repeats:** every month on the 31st (the last day in shorter months) at 4:00 PM; the "
        "first is on Thursday, December 31, 2026."
    )


async def test_a_time_typed_on_the_repeat_says_nothing_more(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(DEC_3)
    created = await create(loopback, title="F", when="sat 4pm", repeat="weekly")

    assert "not one of the repeat's" not in created.content
