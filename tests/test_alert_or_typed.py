"""An OR is refused quoting what the member typed (`$5k or $8k`), not the conditions it was
read as (`price<=5k or price<=8k`)."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService
from bot.errors import UserError
from tests.test_alerts import GUILD, MIKA, alerts  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "quoted"),
    [
        ("hijet $5k or $8k", ("“$5k or $8k”", "“$5k”", "“$8k”")),
        ("hijet or carry", ("“hijet or carry”", "“hijet”", "“carry”")),
    ],
)
async def test_an_or_is_quoted_as_typed(
    alerts: AlertService, typed: str, quoted: tuple[str, str, str]
) -> None:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, typed)
    said, before, after = quoted
    assert str(refused.value) == (
        f"Alerts have no OR: every word must appear, so {said} would wait for an item holding "
        f"all of them. For either, add two alerts: one for {before} and one for {after}."
    )


async def test_an_or_with_a_bound_consumed_before_it_is_quoted_as_typed(
    alerts: AlertService,
) -> None:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, "hijet 1995 or newer $5k or $8k")
    assert "so “$5k or $8k” would wait" in str(refused.value)
