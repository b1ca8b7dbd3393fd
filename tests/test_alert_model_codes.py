"""Model codes as owners write them: two around a slash (`S500P/S510P`, "either generation")
mean either, as `hijet/carry` does, and get the same advice; a hyphen inside one (`da-63t`)
is the code, not the phrase "da 63t" no listing writes."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from bot.errors import UserError
from bot.store import Store
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


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("da63t", "Carry DA-63T型 arrived"),
        ("da63t", "Carry DA-63T arrived"),
        ("da63t", "キャリイDA-63T型 入荷"),
        ("S510P", "Hijet S-510P jumbo"),
        ('"DA63T 4wd"', "Carry DA-63T 4WD"),
    ],
)
async def test_an_item_writing_a_code_with_a_hyphen_is_found_by_the_code(
    alerts: AlertService, query: str, title: str
) -> None:
    assert await matches(alerts, query, item(title))


@pytest.mark.parametrize(
    ("typed", "read_as", "title"),
    [
        ("DA63T型", "da63t", "Carry DA63T 4WD"),
        ("DA-63T型", "da63t", "Carry DA63T 4WD"),
        ("carry S-510P型 4wd", "carry, s510p, 4wd", "Carry S510P 4WD"),
        # Typed against the Japanese before it, the code was not read: one word no item held.
        ("キャリイDA-63T型", "キャリイ, da63t", "キャリイ DA63T 入荷"),
        ("キャリイDA63T型", "キャリイ, da63t", "キャリイDA63T 4WD"),
        ("キャリイDA-63Tダンプ", "キャリイ, da63t, ダンプ", "キャリイ DA63T ダンプ"),
    ],
)
async def test_a_code_with_its_type_mark_reads_as_the_code(
    alerts: AlertService, typed: str, read_as: str, title: str
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert reading(alert) == read_as
    assert alert.id in {found.id for found in await alerts.matching(item(title))}


async def test_a_code_kept_with_its_hyphen_finds_items_writing_it_either_way(
    alerts: AlertService, store: Store
) -> None:
    # As a release before codes were read whole kept it.
    await store.execute(
        "INSERT INTO alerts (guild_id, member_id, query, created_at) VALUES (?, ?, 'da-63t', 0)",
        (GUILD, MIKA),
    )
    for title in ("Carry DA-63T arrived", "Carry DA63T arrived"):
        assert len(await alerts.matching(item(title))) == 1, title


@pytest.mark.parametrize(
    ("query", "title"),
    [('"flat bed"', "Carry flat-bed"), ('"ebd da63t"', "Carry EBD-DA63T"), ("da63t", "DA63T-1234")],
)
async def test_a_hyphen_outside_a_known_code_still_parts_words(
    alerts: AlertService, query: str, title: str
) -> None:
    assert await matches(alerts, query, item(title))
