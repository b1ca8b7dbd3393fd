"""How the time-reading tests read a `when` as a member in Chicago types it on a Friday morning
(or at another time that day, `at`): the local time it names, the notes said about it, or the
refusal."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import UserError
from bot.when import parse_when

CHI = "America/Chicago"
FRI = datetime(2026, 12, 4, 15, 30, tzinfo=UTC)  # Friday December 4, 9:30 AM in Chicago


def local(text: str, *, at: datetime = FRI) -> str:
    return f"{parse_when(text, now=at, member_zone=CHI).local:%a %Y-%m-%d %H:%M}"


def notes(text: str, *, at: datetime = FRI) -> tuple[str, ...]:
    return parse_when(text, now=at, member_zone=CHI).notes


def refusal(text: str, *, at: datetime = FRI) -> str:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=at, member_zone=CHI)
    return refused.value.message
