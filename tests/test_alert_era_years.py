"""Japanese era years in an alert are the model years /eligibility reads them as; an era's
letter with a number is one only as a year arrivals can be of, and Reiwa's letter not at all."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from bot.errors import UserError
from tests.test_alerts import GUILD, MIKA, alerts, item, matches  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("hijet H10", "hijet · year = 1998"),
        ("hijet h10年式", "hijet · year = 1998"),
        ("hijet Ｈ１０", "hijet · year = 1998"),
        ("hijet S63", "hijet · year = 1988"),
        ("hijet 平成10年", "hijet · year = 1998"),
        ("hijet 平成元年式", "hijet · year = 1989"),
        ("hijet heisei 10", "hijet · year = 1998"),
        ("carry 令和2年", "carry · year = 2020"),
        # Shōwa 10 is 1935, before any arrival: a word, as the pickup's name.
        ("chevy S10", "chevy, s10"),
        ("subaru R2", "subaru, r2"),
    ],
)
async def test_an_era_year_is_a_model_year(alerts: AlertService, typed: str, read_as: str) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read_as


async def test_a_year_outside_its_era_is_refused_as_eligibility_refuses_it(
    alerts: AlertService,
) -> None:
    with pytest.raises(UserError, match="“平成40年” is outside the Heisei era"):
        await alerts.add(GUILD, MIKA, "hijet 平成40年")
    assert await alerts.mine(GUILD, MIKA) == []


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("hijet H8-H12", "hijet · year 1996–2000"),
        # The second end in the first's era, as listings shorten it: not 2012.
        ("hijet H8-12", "hijet · year 1996–2000"),
        ("hijet h8 - h12", "hijet · year 1996–2000"),
        ("hijet H8〜H12", "hijet · year 1996–2000"),
        ("hijet H8 to H12", "hijet · year 1996–2000"),
        ("hijet H8 thru H12 4wd", "hijet, 4wd · year 1996–2000"),
        ("hijet 平成8-12年", "hijet · year 1996–2000"),
        ("hijet 平成8年-12年", "hijet · year 1996–2000"),
        ("hijet 平成8年〜平成12年", "hijet · year 1996–2000"),
        ("ハイゼット 平成8～12年式", "ハイゼット · year 1996–2000"),
        ("hijet heisei 8-12", "hijet · year 1996–2000"),
        ("hijet heisei 8 to 12", "hijet · year 1996–2000"),
        # Across two eras, each end in its own.
        ("hijet S63-H5", "hijet · year 1988–1993"),
        ("hijet 昭和63年-平成5年", "hijet · year 1988–1993"),
        ("hijet between H8 and H12", "hijet · year 1996–2000"),
    ],
)
async def test_a_range_of_era_years_is_a_range_of_model_years(
    alerts: AlertService, typed: str, read_as: str
) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read_as


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("hijet H12-H8", "“H12-H8” runs backwards: give the lower end first, as H8-H12."),
        (
            "hijet 平成12-8年",
            "“平成12-8年” runs backwards: give the lower end first, as 平成8-12年.",
        ),
        ("hijet H30-H35", "“H35” is outside the Heisei era"),
    ],
)
async def test_an_era_range_backwards_or_outside_its_era_is_refused(
    alerts: AlertService, typed: str, refusal: str
) -> None:
    with pytest.raises(UserError, match=refusal):
        await alerts.add(GUILD, MIKA, typed)
    assert await alerts.mine(GUILD, MIKA) == []


@pytest.mark.parametrize(
    ("query", "title", "body", "expected"),
    [
        ("hijet 1996-1999", "Carry DA63T 5 speed A/C", "平成9年式 ハイゼット 4WD", True),
        ("hijet H10", "平成10年 ハイゼット ジャンボ 4WD", "Clean, 車検 none", True),
        ("H10", "平成10年 ハイゼット ダンプ 4WD", "", True),
        ("1998", "平成10年 ハイゼット ダンプ 4WD", "", True),
        ("hijet 1997", "H9 Hijet truck 4x4", "clean", True),
        ("hijet 1997", "Ｈ９ Hijet", "", True),
        ("hijet 1998", "Hijet heisei 10", "", True),
        ("hijet 1998", "Hijet H9", "", False),
        # A range of era years names the model years from one end to the other.
        ("hijet 1998", "Hijets H8-H12 in stock", "", True),
        ("hijet 1998", "ハイゼット 平成8～12年式", "", True),
        ("hijet 2001", "Hijets H8-H12 in stock", "", False),
        ("hijet 1998", "Hijets H12-H8", "", False),  # backwards: no span
        # Letters that are no year an arrival can be of stay words, as in alerts: Reiwa's R2
        # is a Subaru, S10 a pickup (Shōwa 10 is 1935), and an era year outside its era none.
        ("subaru 2020", "Subaru R2", "", False),
        ("chevy before 1960", "Chevy S10", "", False),
        ("hijet 1998", "Hijet 平成40年", "", False),
        ("hijet 1998", "Hijet DA63T-H10X", "", False),
    ],
)
async def test_an_item_naming_an_era_year_meets_a_year_condition(
    alerts: AlertService, query: str, title: str, body: str, expected: bool
) -> None:
    assert await matches(alerts, query, item(title, body)) is expected
