"""What a meetup's card says once its date started or its series was cancelled: a latecomer
reads until when it goes on, and a series cancelled no longer says it repeats."""

from __future__ import annotations

from datetime import timedelta

from cogs.meetups_card_views import Card, render_card

from .test_meetups_views import START, meetup


def test_a_started_one_off_says_until_when_it_goes_on() -> None:
    started = meetup(duration=timedelta(minutes=90))
    end = int((START + timedelta(minutes=90)).timestamp())

    shown = {
        field.name: field.value for field in render_card(Card(started, None, None, None)).fields
    }

    assert shown["When"] == (
        f"It started <t:{int(START.timestamp())}:F> (<t:{int(START.timestamp())}:R>) and goes on "
        f"until <t:{end}:t> (<t:{end}:R>), so it takes no more answers."
    )


def test_a_cancelled_series_says_no_more_that_it_repeats() -> None:
    cancelled = meetup(rrule="FREQ=WEEKLY", cancelled_at=START, cancel_reason="Storm")

    shown = {
        field.name: field.value
        for field in render_card(Card(cancelled, None, None, None, struck=START)).fields
    }

    assert "Repeats" not in shown
    assert shown["When"] == f"~~<t:{int(START.timestamp())}:F>~~ — cancelled: Storm"
