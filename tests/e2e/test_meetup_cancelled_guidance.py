"""Editing or cancelling again a meetup that was cancelled says so, and what can be done: a
one-off still ahead is restored with `/meetup restore` by whoever may, a whole series is not."""

from __future__ import annotations

from datetime import UTC, datetime

from sandbox import Loopback

from .conftest import RunningBot
from .series_cancels import cancel_series
from .test_meetup_edits import posted

RESTORE = "To hold it again, use `/meetup restore`."
RESTORE_FIRST = "To edit it, restore it first with `/meetup restore`."


async def test_a_one_off_cancelled_points_its_organizer_to_restore(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Kei Day", when="Dec 12 10am")
    tammy = loopback.member("Tammy")
    await loopback.slash("meetup cancel", meetup="Kei Day", reason="Rain", actor=tammy)

    again = await loopback.slash("meetup cancel", meetup="Kei Day", actor=tammy)
    assert again.ephemeral
    assert again.content == f"“Kei Day” was already cancelled: “Rain”. {RESTORE}"
    edit = await loopback.slash("meetup edit", meetup="Kei Day", title="Kei Day 2", actor=tammy)
    assert edit.ephemeral
    assert edit.content == f"“Kei Day” was cancelled: “Rain”. {RESTORE_FIRST}"

    # Once its date is over (10 AM to 1 PM) it stays cancelled.
    keitora.clock.set(datetime(2026, 12, 12, 20, 0, tzinfo=UTC))
    late = await loopback.slash("meetup cancel", meetup="Kei Day", actor=tammy)
    assert late.content == (
        "“Kei Day” was already cancelled: “Rain”. Its date is over, so it cannot be restored."
    )
    stored = await keitora.bot.services.meetups.get(int(loopback.guild.id), 1)
    assert stored.title == "Kei Day"


async def test_a_moderators_cancel_points_the_organizer_to_a_moderator(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Kei Day", when="Dec 12 10am")
    tammy, marcus = loopback.member("Tammy"), loopback.member("Marcus")
    await loopback.slash("meetup cancel", meetup="Kei Day", actor=marcus)

    edit = await loopback.slash("meetup edit", meetup="Kei Day", location="Moab", actor=tammy)
    assert edit.content == (
        "A moderator cancelled “Kei Day”. A moderator can restore it: ask one if you "
        "think it should be on again."
    )
    again = await loopback.slash("meetup cancel", meetup="Kei Day", actor=marcus)
    assert again.content == f"“Kei Day” was already cancelled. {RESTORE}"


async def test_a_whole_series_cancelled_says_it_is_created_again_not_restored(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Weekly", when="sat 9am", repeat="weekly")
    tammy = loopback.member("Tammy")
    await cancel_series(loopback, tammy, meetup="Weekly", reason="Snow")
    whole = "A whole series cancelled cannot be restored: create it again with `/meetup create`."
    again = await loopback.slash("meetup cancel", meetup="Weekly", actor=tammy)
    assert again.content == f"“Weekly” was already cancelled: “Snow”. {whole}"
    edit = await loopback.slash("meetup edit", meetup="Weekly", capacity=4, actor=tammy)
    assert edit.content == f"“Weekly” was cancelled: “Snow”. {whole}"
