"""A tester's Saturday noon in Denver (tester17, s10 and s14): `/meetup edit when:sat 9am` on a
meetup a week ahead advised "for the coming Saturday, December 5, write dec 5", whose 9 AM had
gone; `dec 5 9am` was then refused with next year's date; and `yesterday 3pm` was refused
with nothing to type. Each answer, as the bot sent it, now points to a time still ahead."""

from __future__ import annotations

from datetime import UTC, datetime

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_tester_edits import created, edit
from .test_meetups import create

SAT_NOON = datetime(2026, 12, 5, 19, 10, tzinfo=UTC)  # Saturday December 5, 12:10 PM in Denver


async def test_an_edit_to_a_saturday_at_an_hour_gone_today_points_ahead(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await created(keitora, loopback, title="Solo", when="sat dec 12 10am", location="Moab")
    keitora.clock.set(SAT_NOON)

    moved = await edit(loopback, when="sat 9am")
    assert moved.startswith(
        "Changed the time of “Solo”. Read as Saturday December 12, 2026 9:00 AM"
    ), moved
    assert "December 5" not in moved, moved

    refused = await edit(loopback, when="dec 5 9am")
    assert refused == (
        "I read that as Saturday December 5, 2026 9:00 AM (America/Denver), which has passed. "
        "For later today, give an hour after 12:10 PM; for Saturday December 12, write "
        "dec 12 9am."
    ), refused


async def test_yesterday_at_an_hour_says_what_to_type(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await created(keitora, loopback, title="Solo", when="dec 12 10am", location="Moab")
    keitora.clock.set(SAT_NOON)

    refused = await create(loopback, title="Past", when="yesterday 3pm", location="X")

    assert refused.ephemeral
    assert refused.content == (
        "I read that as Friday December 4, 2026 3:00 PM (America/Denver), which has passed. "
        "A meetup is set for a time ahead: try today 3pm or tomorrow 3pm."
    ), refused.content
