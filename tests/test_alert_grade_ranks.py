"""Grades with no number have a place on the grade scale: S, a new truck's grade, counts as 9,
the top a sheet numbers (houses that number new trucks give 7 to 9), so `grade>=6` finds it;
R, RA, RB and RC count as 0, as houses that write 0 for repair history give them; *** and X
(not graded) meet no grade condition. And two grade conditions no sheet's grade lies between
(`grade>5 grade<6`) are refused, naming both, as the grades are a list, not a line."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService
from bot.errors import UserError
from bot.importers import Arrival
from tests.test_alerts import GUILD, MIKA, alerts, item, matches  # noqa: F401 (the fixture)


def graded(grade: str) -> Arrival:
    return Arrival("Daihatsu", "Hijet", 2025, None, None, grade, None, None, None)


@pytest.mark.parametrize(
    ("query", "grade", "expected"),
    [
        ("grade>=6", "S", True),
        ("grade>=5", "S", True),
        ("grade>6", "S", True),
        ("grade>=9", "S", True),
        ("grade<=5", "S", False),
        ("grade>=4", "R", False),
        ("grade<=2", "R", True),
        ("grade<1", "RA", True),
        ("grade<1", "0", True),
        ("grade<1", "RC", True),
        ("grade<=3", "***", False),
        ("grade>=4", "***", False),
    ],
)
async def test_a_lettered_grade_has_its_place_on_the_scale(
    alerts: AlertService, query: str, grade: str, expected: bool
) -> None:
    found = await matches(alerts, f"hijet {query}", item("Hijet", arrival=graded(grade)))
    assert found is expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("grade>5 grade<6", "grade > 5 and grade < 6 cannot both hold"),
        ("hijet grade>4 grade<4.5", "grade > 4 and grade < 4.5 cannot both hold"),
        ("grade>=5.5 grade<=5.9", "grade ≥ 5.5 and grade ≤ 5.9 cannot both hold"),
    ],
)
async def test_grade_conditions_no_sheet_grade_lies_between_are_refused(
    alerts: AlertService, query: str, message: str
) -> None:
    with pytest.raises(UserError, match=message) as refused:
        await alerts.add(GUILD, MIKA, query)
    assert "0, 1, 2, 3, 3.5, 4, 4.5, 5, 6, 7, 8 and 9" in str(refused.value)
    assert await alerts.mine(GUILD, MIKA) == []


async def test_grade_conditions_a_sheet_grade_lies_between_are_kept(alerts: AlertService) -> None:
    await alerts.add(GUILD, MIKA, "grade>4 grade<5")  # 4.5


@pytest.mark.parametrize("typed", ["hijet grade:S", "hijet grade>=s", "hijet grade:R"])
async def test_a_grade_by_letter_is_pointed_to_its_number(alerts: AlertService, typed: str) -> None:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, typed)
    message = str(refused.value)
    assert "S counts as 9" in message, message
    assert "R, RA, RB and RC as 0" in message, message
    assert await alerts.mine(GUILD, MIKA) == []
