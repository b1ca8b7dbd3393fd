"""A signup cutoff of zero, in any form it is typed (`0`, `0h`, `0 hours`), is no cutoff: on
create, and on edit, where it clears the one the meetup has."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.meetups import MeetupService

from .test_meetups import GUILD, clock, meetups, new_meetup

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups

ZEROS = ["0", "00", "0h", "0 hours", "0 HRS", "0m", "0d 0h", "０ｈ"]


@pytest.mark.parametrize("typed", ZEROS)
async def test_a_zero_cutoff_is_none(meetups: MeetupService, typed: str) -> None:
    created = await meetups.get(GUILD, await new_meetup(meetups, cutoff=typed))
    assert created.cutoff is None

    closing = await new_meetup(meetups, title="Swap Meet", cutoff="2h")
    edited = await meetups.edit(GUILD, closing, cutoff=typed)
    assert edited.details.cutoff == ""  # cleared, as the reply says
    assert (await meetups.get(GUILD, closing)).cutoff is None
    with pytest.raises(UserError, match="already has no signup cutoff: nothing changed"):
        await meetups.edit(GUILD, closing, cutoff=typed)
