"""A signup cutoff of zero, in any form it is typed (`0`, `0h`, `0 hours`), is no cutoff: on
create, and on edit, where it clears the one the meetup has."""

from __future__ import annotations

import pytest

from bot.clock import ManualClock
from bot.errors import UserError
from bot.jobs import JobQueue
from bot.meetups import Meetup, MeetupService, Occurrence
from bot.setup import SetupService
from bot.store import Store
from cogs._meetup_changes import MeetupChanges

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


class ClosedAlready(MeetupService):
    """A service whose cutoff rule says every date's signup is closed."""

    def signup_closed(self, meetup: Meetup, occurrence: Occurrence) -> bool:
        return True


async def test_answers_are_refused_by_the_one_rule_the_card_is_drawn_by(
    store: Store, clock: ManualClock
) -> None:
    # The card says "Signup closed" by `signup_closed`: an answer refused by another reckoning
    # could be taken on a card that says it is not, or refused on one inviting it.
    setup = SetupService(store, clock)
    await setup.set_timezone(GUILD, "America/Denver")
    closed = ClosedAlready(store, clock, setup, JobQueue(store, clock))
    meetup_id = await new_meetup(closed, cutoff="2h")  # by the clock, days before it closes

    with pytest.raises(UserError, match="closed 2 hours before it starts"):
        await closed.answer(GUILD, meetup_id, 5, "going")
    await closed.answer(GUILD, meetup_id, 5, "declined")  # Can't go is still taken


@pytest.mark.parametrize("name", ["create", "edit"])
def test_create_and_edit_both_say_a_cutoff_of_0_is_none(name: str) -> None:
    command = vars(MeetupChanges)[name]
    [cutoff] = [p for p in command.parameters if p.name == "cutoff"]
    assert cutoff.description.endswith("(0: no cutoff)"), cutoff.description
