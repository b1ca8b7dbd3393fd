"""Common ways members bound a year or a price, read as the conditions they mean: a bound after
its number (`1995 or older`, `2000 and up`, `5k or less`, `5k max`), `pre 2000`, a decade
(`1990s`, `90s`), a price range with no field named (`$3k-$5k`, `between 3k and 5k`), a
condition in brackets or after a Japanese wave dash (`(under 5k)`, `～$3500`), a `$` after its
amount (`3,500$`), a bound said before and after (`under 5k or less`; both ways is refused); a
month and year (`03/1995`) is refused with the model year to give, not kept half read; and a
small word (`in`, `for`) an item need not hold is not waited for."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from bot.errors import UserError
from tests.test_alerts import GUILD, HIJET, MIKA, alerts, item, matches, refusal_of  # noqa: F401


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("hijet 2000 or newer", "hijet · year ≥ 2000"),
        ("hijet 1995 and up", "hijet · year ≥ 1995"),
        ("hijet 1995 or older", "hijet · year ≤ 1995"),
        ("hijet '98 and earlier", "hijet · year ≤ 1998"),
        ("hijet pre 2000", "hijet · year < 2000"),
        ("hijet pre-2000", "hijet · year < 2000"),
        ("hijet post '95", "hijet · year > 1995"),
        ("hijet 5k or less", "hijet · price ≤ $5,000"),
        ("hijet $5,000 and under", "hijet · price ≤ $5,000"),
        ("hijet 5k max", "hijet · price ≤ $5,000"),
        ("hijet 3k or more", "hijet · price ≥ $3,000"),
        ("hijet 50k mi or less", "hijet · mileage ≤ 80,467 km (50,000 mi)"),
        ("hijet 1990s", "hijet · year 1990–1999"),
        ("hijet 90s", "hijet · year 1990–1999"),
        ("hijet '90s", "hijet · year 1990–1999"),
        ("hijet $3k-$5k", "hijet · price $3,000–$5,000"),
        ("hijet 3k-5k", "hijet · price $3,000–$5,000"),
        ("hijet between 3k and 5k", "hijet · price $3,000–$5,000"),
        ("hijet price between 3000 and 5000", "hijet · price $3,000–$5,000"),
        ("hijet 30k-50k mi", "hijet · mileage 48,280–80,467 km (30,000–50,000 mi)"),
        ("hijet grade 4+", "hijet · grade ≥ 4"),
        ("hijet grade 4.5", "hijet · grade = 4.5"),
        ("hijet grade: 4,5+", "hijet · grade ≥ 4.5"),
        ("hijet grade 4 or better", "hijet · grade ≥ 4"),
        ("hijet in texas", "hijet, texas"),
        ("dump bed for a hijet", "dump, bed, hijet"),
        ('hijet "in stock"', 'hijet, "in stock"'),
        # Dressed up: each was kept as words no item holds (`"price 5k"`, `under`) while the
        # reply said it was read as the condition.
        ("hijet (under 5k)", "hijet · price ≤ $5,000"),
        ("hijet ($5k)", "hijet · price ≤ $5,000"),
        ("hijet [1995]", "hijet · year = 1995"),
        ("hijet （over 25 years）", "hijet · age ≥ 25 years"),
        ("hijet ～$3500", "hijet · price ≤ $3,500"),
        ("hijet 3,500$", "hijet · price ≤ $3,500"),
        ("hijet under 3500$", "hijet · price ≤ $3,500"),
        ("hijet under 5k or less", "hijet · price ≤ $5,000"),
        ("hijet at least $3k or more", "hijet · price ≥ $3,000"),
        ("hijet (dump)", "hijet, dump"),
        # A range said in words: each end kept in, no word of it waited for.
        ("hijet from 1995 to 2000", "hijet · year 1995–2000"),
        ("hijet 1995 thru 2000", "hijet · year 1995–2000"),
        ("hijet 1995 through 2000", "hijet · year 1995–2000"),
        ("hijet 1995 up to 2000", "hijet · year 1995–2000"),
        ("hijet 1995 and up to 2000", "hijet · year 1995–2000"),
        ("hijet 3k up to 5k", "hijet · price $3,000–$5,000"),
        ("hijet from $3k to $5k", "hijet · price $3,000–$5,000"),
        ("hijet from texas", "hijet, from, texas"),
        # A plus after an amount or a year as owners write it: that or more.
        ("hijet $5k+", "hijet · price ≥ $5,000"),
        ("hijet 5k+", "hijet · price ≥ $5,000"),
        ("hijet 5,000+", "hijet · price ≥ $5,000"),
        ("hijet 50k+ mi", "hijet · mileage ≥ 80,467 km (50,000 mi)"),
        ("hijet '98+", "hijet · year ≥ 1998"),
    ],
)
async def test_a_common_phrase_is_read_as_meant(
    alerts: AlertService, typed: str, read: str
) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read


async def test_a_tiny_amount_and_up_is_refused_with_what_to_give(alerts: AlertService) -> None:
    assert await refusal_of(alerts, "hijet $5+") == (
        "“$5+” would read as a price of at least $5, which no truck is: say $5k+ or $5,000+."
    )


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("hijet 1995-", "1995-"),
        ("'95– hijet", "'95–"),
        # In words, as with a dash: "thru" was kept as a word an item must hold.
        ("hijet 1995 thru", "1995 thru"),
        ("hijet 1995 through", "1995 through"),
        ("hijet 1995 up to", "1995 up to"),
        ("hijet 1995 until", "1995 until"),
    ],
)
async def test_a_range_of_years_with_no_end_is_refused_quoting_it(
    alerts: AlertService, typed: str, said: str
) -> None:
    # It was refused quoting "year:1995-", which the member never typed.
    year = "1995"
    assert await refusal_of(alerts, typed) == (
        f"“{said}” has no end: say {year}+ for {year} or newer, or give both ends, as "
        f"{year}-{int(year) + 4}."
    )


async def test_a_bound_said_both_ways_is_refused(alerts: AlertService) -> None:
    assert await refusal_of(alerts, "hijet over 5k or less") == (
        "“over 5k or less” says both over 5k and 5k or less: say under 5k for 5k or less, or "
        "over 5k for 5k or more."
    )


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("hijet 03/1995", "03/1995"),
        ("hijet 1995/3", "1995/3"),
        # A month's name would be waited for as a word, which arrival cards never hold.
        ("hijet december 1995", "december 1995"),
        ("hijet Dec. 1995 4wd", "Dec. 1995"),
        ("hijet 1995 March", "1995 March"),
    ],
)
async def test_a_month_and_year_is_refused_with_the_year(
    alerts: AlertService, typed: str, month: str
) -> None:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, typed)
    assert str(refused.value) == (
        f"“{month}” is a month: alerts match a model year, not its month, so give the year "
        "alone, as 1995."
    )
    assert await alerts.mine(GUILD, MIKA) == []


async def test_a_grade_by_letter_named_is_pointed_to_its_number(alerts: AlertService) -> None:
    with pytest.raises(UserError, match="S counts as 9"):
        await alerts.add(GUILD, MIKA, "hijet grade S")


async def test_a_small_word_is_not_waited_for(alerts: AlertService) -> None:
    assert await matches(alerts, "hijet in texas", item("Hijet", arrival=HIJET))


@pytest.mark.parametrize("typed", ["the", "a 4", "hijet 2000 or", "or 1995"])
async def test_what_stays_refused(alerts: AlertService, typed: str) -> None:
    with pytest.raises(UserError):
        await alerts.add(GUILD, MIKA, typed)
