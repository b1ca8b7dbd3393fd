"""A whole series cancelled through the loopback as an organizer does it: `/meetup cancel`,
then Cancel the series on the question it asks (tests/e2e/test_meetup_series_cancel_asks.py)."""

from __future__ import annotations

from sandbox import Loopback, Reply, UserRef


async def cancel_series(loopback: Loopback, actor: UserRef, **options: str) -> Reply:
    """`/meetup cancel` of a whole series by `actor`, confirmed: the answer that replaced the
    question."""
    asked = await loopback.slash("meetup cancel", actor=actor, **options)
    assert asked.message is not None, asked.text
    assert "Cancel the series" in asked.message.buttons, asked.text
    return await loopback.click(asked, "Cancel the series", actor=actor)
