"""Model codes as owners write them: two around a slash (`S500P/S510P`, "either generation")
mean either, as `hijet/carry` does, and get the same advice; a hyphen inside one (`da-63t`)
is the code, not the phrase "da 63t" no listing writes."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from bot.errors import UserError
from tests.test_alerts import GUILD, MIKA, alerts, item, matches  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("S500P/S510P", "add an alert for each: “S500P”, “S510P”."),
        ("DA63T/DA16T", "add an alert for each: “DA63T”, “DA16T”."),
        ("hijet S500P/S510P 4wd", "add an alert for each: “hijet S500P 4wd”, “hijet S510P 4wd”."),
        ('"dump bed" hijet/carry', 'for each: “"dump bed" hijet”, “"dump bed" carry”.'),
        # The other words as the member typed them, not as read.
        ("4wd hijet/carry under 5k", "for each: “4wd hijet under 5k”, “4wd carry under 5k”."),
        ("s500p/hijet", "add an alert for each: “s500p”, “hijet”."),
    ],
)
async def test_two_codes_around_a_slash_get_one_alert_each(
    alerts: AlertService, typed: str, refusal: str
) -> None:
    with pytest.raises(UserError, match=f"Alerts have no OR.*{refusal}"):
        await alerts.add(GUILD, MIKA, typed)
    assert await alerts.mine(GUILD, MIKA) == []


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("da-63t", "da63t"),
        ("S-510P", "s510p"),
        ("carry DA-63T 4wd", "carry, da63t, 4wd"),
        ("carry -da-63t", "carry · not da63t"),
        # A hyphen between other words is still the phrase, and a code's extras are kept.
        ("flat-bed", '"flat bed"'),
        ("EBD-DA63T", '"ebd da63t"'),
        ("a/c", '"a c"'),
    ],
)
async def test_a_hyphen_inside_a_model_code_reads_as_the_code(
    alerts: AlertService, typed: str, read_as: str
) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read_as


@pytest.mark.parametrize("title", ["Carry DA63T 5 speed A/C", "Carry flat-bed DA63T-123456"])
async def test_a_code_typed_with_a_hyphen_finds_its_listings(
    alerts: AlertService, title: str
) -> None:
    assert await matches(alerts, "da-63t", item(title))
