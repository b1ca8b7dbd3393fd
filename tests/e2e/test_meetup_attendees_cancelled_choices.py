"""`/meetup attendees` offers a meetup cancelled as a whole lately, marked so, after those
ahead: its answers are still listed, and it need not be typed."""

from __future__ import annotations

from datetime import UTC, datetime

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetups import create


async def test_a_meetup_cancelled_lately_is_offered_marked_cancelled(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Kei Day", when="Dec 12 10am")
    await create(loopback, title="Kei Night", when="Dec 19 6pm")
    await create(loopback, title="Swap meet", when="Dec 13 9am")
    tammy = loopback.member("Tammy")
    await loopback.slash("meetup cancel", meetup="Kei Day", reason="Rain", actor=tammy)

    assert await loopback.autocomplete("meetup attendees", "meetup", "kei") == [
        {"name": "Kei Night (#2) — Sat Dec 19, 6:00 PM MST", "value": "2"},
        {"name": "Kei Day (#1) — Sat Dec 12, 10:00 AM MST (cancelled)", "value": "1"},
    ]
    assert await loopback.autocomplete("meetup attendees", "meetup", "#1") == [
        {"name": "Kei Day (#1) — Sat Dec 12, 10:00 AM MST (cancelled)", "value": "1"},
    ]
    # The other lists of meetups still offer only those ahead.
    assert await loopback.autocomplete("meetup info", "meetup", "kei") == [
        {"name": "Kei Night (#2) — Sat Dec 19, 6:00 PM MST", "value": "2"},
    ]
    # A week after its date it is no longer offered.
    keitora.clock.set(datetime(2026, 12, 19, 18, 0, tzinfo=UTC))
    assert await loopback.autocomplete("meetup attendees", "meetup", "kei day") == []
