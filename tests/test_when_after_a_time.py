""" "sat after 5pm", as a start is announced ("fri after 6"): the time is when it starts, as
"from 5pm" is; a lone hour is asked about as after "from". Minutes after an hour (ten after
six) are still a time on the clock."""

from __future__ import annotations

import pytest

from tests.when_reading import local, refusal


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("sat after 5pm", "Sat 2026-12-05 17:00"),
        ("after 7pm", "Fri 2026-12-04 19:00"),
        ("fri after 7:30pm", "Fri 2026-12-04 19:30"),
        # Minutes after the hour, not a start after it.
        ("sat ten after 6pm", "Sat 2026-12-05 18:10"),
        ("sat quarter after 6pm", "Sat 2026-12-05 18:15"),
        ("the day after tomorrow 10am", "Sun 2026-12-06 10:00"),
    ],
)
def test_a_time_after_after_is_the_start(text: str, read: str) -> None:
    assert local(text) == read


def test_a_lone_hour_after_after_is_asked_about() -> None:
    assert refusal("sat after 5") == (
        "“5” has no am or pm: write sat after 5pm for 5:00 PM, or sat after 5am for 5:00 AM."
    )
