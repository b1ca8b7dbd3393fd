"""A grade range said in words (`grade 4 to 5`, `grade 4-5`) is the range of grades, not a
grade and a word; `grade 4 or 5` is pointed to an alert per grade as conditions; a grade by
letter (`grade S`) is refused quoting what the member typed."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from bot.errors import UserError
from bot.importers import Arrival
from tests.test_alerts import GUILD, MIKA, alerts, item, matches  # noqa: F401 (the fixture)


def graded(grade: str) -> Arrival:
    return Arrival("Daihatsu", "Hijet", 1996, None, None, grade, None, None, None)


@pytest.mark.parametrize(
    "typed", ["hijet grade 4 to 5", "hijet grade 4-5", "hijet grade 4–5", "hijet grade: 4 - 5"]
)
async def test_a_grade_range_in_words_is_the_range(alerts: AlertService, typed: str) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert (alert.query, reading(alert)) == ("hijet grade>=4 grade<=5", "hijet · grade 4–5")


@pytest.mark.parametrize(("grade", "expected"), [("3.5", False), ("4.5", True), ("6", False)])
async def test_a_grade_range_matches_the_grades_in_it(
    alerts: AlertService, grade: str, expected: bool
) -> None:
    assert await matches(alerts, "hijet grade 4 to 5", item("Hijet", arrival=graded(grade))) is (
        expected
    )


async def test_a_grade_range_written_high_to_low_is_refused(alerts: AlertService) -> None:
    with pytest.raises(UserError, match="“grade 5-4” runs backwards"):
        await alerts.add(GUILD, MIKA, "hijet grade 5-4")


async def test_grade_or_grade_is_pointed_to_an_alert_per_grade(alerts: AlertService) -> None:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, "hijet grade 4 or 5")
    assert "one for “hijet grade:4” and one for “hijet grade:5”" in str(refused.value), str(
        refused.value
    )


@pytest.mark.parametrize(
    ("typed", "quoted"), [("hijet grade S", "“grade S”"), ("hijet grade R", "“grade R”")]
)
async def test_a_grade_by_letter_is_quoted_as_typed(
    alerts: AlertService, typed: str, quoted: str
) -> None:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, typed)
    assert str(refused.value).startswith(f"{quoted}: a grade condition takes a number"), str(
        refused.value
    )
    assert await alerts.mine(GUILD, MIKA) == []
