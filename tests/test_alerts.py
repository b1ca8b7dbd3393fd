"""Alerts: words on word boundaries and through other spellings, field conditions on arrivals,
one DM per item per member, at most 10 alerts a member."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.alerts import ALERT_DM_JOB, AlertService, parse_query, reading
from bot.clock import ManualClock
from bot.errors import UserError
from bot.importers import Announcement, Arrival
from bot.jobs import JobQueue
from bot.store import Store

GUILD = 333333333333333333
MIKA, DALE = 701, 702


async def refusal_of(alerts: AlertService, typed: str) -> str:
    """What Mika is told when the alert `typed` is refused; nothing is kept."""
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, typed)
    assert await alerts.mine(GUILD, MIKA) == []
    return str(refused.value)


def item(
    title: str, body: str = "", arrival: Arrival | None = None, number: int = 1
) -> Announcement:
    return Announcement(
        id=number,
        guild_id=GUILD,
        importer_id=1,
        importer_name="Kei Imports",
        source="arrival" if arrival else "member",
        title=title,
        body=body,
        link=None,
        image_url=None,
        status="posting",
        created_at=datetime(2026, 11, 25, tzinfo=UTC),
        arrival=arrival,
    )


HIJET = Arrival("Daihatsu", "Hijet", 1995, "S110P", "4wd", "4.5", 45000, 8500, "TX")


@pytest.fixture
async def alerts(store: Store, clock: ManualClock) -> AlertService:
    return AlertService(store, clock, JobQueue(store, clock))


async def matches(alerts: AlertService, query: str, announcement: Announcement) -> bool:
    alert = await alerts.add(GUILD, MIKA, query)
    try:
        return alert.id in {found.id for found in await alerts.matching(announcement)}
    finally:
        await alerts.remove(GUILD, MIKA, alert.id)


@pytest.mark.parametrize(
    ("query", "title", "expected"),
    [
        ("hijet 4wd dump", "1995 Hijet 4WD dump bed arrived", True),
        ("HIJET dump", "hijet, dump!", True),
        ("hijet dump", "1995 Hijet with a flat bed", False),
        ("cab", "Jumbo cabin", False),  # word boundaries: cab is not cabin
        ("jumbo", "ジャンボ入荷しました", True),
        ("hijet", "ハイゼット 4WD", True),
        ("ハイゼット", "New Hijet in stock", True),
        ("janbo", "Hijet Jumbo arrived", True),
        ("入荷", "ハイゼット入荷", True),
        ("carry", "Hijet arrived", False),
        ("a/c camper-shell", "Acty: cold A/C, camper-shell", True),
        ("price-9,000-firm", "Acty, price 9,000 firm", True),
        ("camper-shell", "Acty with a camper and a shell", False),
        # A plural finds the singular and the other way round.
        ("hijets", "Daihatsu Hijet 4WD", True),
        ("hijet", "Two Hijets arrived", True),
        ("dump beds", "Hijet with a dump bed", True),
        ("batteries", "New battery fitted", True),
        ("glass", "Hijet, glas roof", False),
        # Kana written another way (a long-vowel mark, hiragana) is the same word.
        ("carry", "キャリー入荷しました", True),
        ("キャリー", "Suzuki Carry 4WD", True),
        ("キャリー", "キャリイ トラック", True),
        ("hijet", "はいぜっと", True),
        ("jumbo", "ハイゼットジャンボー", True),
        ("carry", "キャンプ", False),
        ("sabi", "サービス中", False),  # rust is a whole syllable, not a part of service
        ("錆", "サビあり", True),
        # Words that make a known phrase find its other spellings, and still each other apart.
        ("kei truck", "軽トラ入荷", True),
        ("kei truck", "New keitora in", True),
        ("Kei  truck", "Kei car and a truck", True),
        ("mini truck", "Kei truck for sale", True),
        ("kei truck", "Kei car for sale", False),
        # A model code written against Japanese words is still a word of its own.
        ("DA63T", "スズキ キャリイ DA63T型 4WD", True),
        ("da63t", "キャリイDA63T入荷", True),
        ("da63", "キャリイDA63T入荷", False),
    ],
)
async def test_words_match_on_boundaries_and_through_other_spellings(
    alerts: AlertService, query: str, title: str, expected: bool
) -> None:
    assert await matches(alerts, query, item(title)) is expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("model:hijet drive:4wd grade>=4 price<=9000 state:TX", True),
        ("model:ハイゼット", True),
        ("code:s110p year>=1990 mileage<50000", True),
        ("model:carry", False),
        ("grade>=5", False),
        ("price<=8000", False),
        ("state:CA", False),
        ("drive:2wd", False),
        ("hijet grade>=4", True),
        # Typed with spaces, and the odometer in miles (45,000 km is 27,962 mi).
        ("model: hijet state : tx", True),
        ("mileage < 30000 mi", True),
        ("mileage<25,000miles", False),
        ("mileage < 46000 km", True),
        # States by name, thousands as "k", year ranges and prices in words (built 1995, $8,500).
        ("state:Texas", True),
        ("state: texas", True),
        ("state:Colorado", False),
        ("price<=9k", True),
        ("price<=8k", False),
        ("mileage<30k mi", True),
        ("hijet 1990-1999", True),
        ("hijet year:1996-1999", False),
        ("hijet under $9k", True),
        ("hijet under $8,000", False),
        ("hijet over $8000", True),
        # A bare year, a range in two digits, a price in words without its dollar sign.
        ("hijet 1995", True),
        ("hijet 1996", False),
        ("hijet 95-99", True),
        ("hijet '96-'99", False),
        ("hijet under 9k", True),
        ("hijet less than 8000", False),
        ("hijet over 8k", True),
        ("hijet max 9k", True),
    ],
)
async def test_field_conditions_match_arrivals(
    alerts: AlertService, query: str, expected: bool
) -> None:
    assert await matches(alerts, query, item("1995 Hijet", arrival=HIJET)) is expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [("hijets texas", True), ("hijet TX", True), ("hijet new mexico", False)],
)
async def test_an_arrivals_state_is_a_word_by_code_and_by_name(
    alerts: AlertService, query: str, expected: bool
) -> None:
    assert await matches(alerts, query, item("1995 Hijet", arrival=HIJET)) is expected


@pytest.mark.parametrize(
    ("query", "title", "expected"),
    [
        ("🛻", "New 🛻 in stock", True),
        ("🛻", "Hijet arrived", False),
        ("hijet 🛻", "Hijet🛻 arrived", True),
        ("hijet🛻", "🛻 Two Hijets", True),  # an emoji is a word of its own
        ("hijet 🛻", "Hijet arrived", False),
        ("🔥\ufe0f", "🔥 hot deal", True),  # the emoji presentation selector is no difference
        ("🔥", "🔥\ufe0f hot deal", True),
        ("🇯🇵 hijet", "JDM Hijet 🇯🇵", True),
        ("🇯🇵", "🇺🇸 Hijet", False),
        ("☀ hijet", "Hijet ☀ weekend deal", True),
        ("hijet 30°", "Hijet, dump bed tilts 30 degrees", True),  # a degree sign is no emoji
    ],
)
async def test_an_emoji_is_watched_for_as_written(
    alerts: AlertService, query: str, title: str, expected: bool
) -> None:
    assert await matches(alerts, query, item(title)) is expected


async def test_field_conditions_never_match_an_item_without_fields(alerts: AlertService) -> None:
    assert not await matches(alerts, "hijet price<=9000", item("Hijet for $5000"))


async def test_an_r_grade_is_not_a_number(alerts: AlertService) -> None:
    repaired = Arrival("Daihatsu", "Hijet", 1995, None, None, "R", None, None, None)
    assert not await matches(alerts, "grade>=1", item("Hijet", arrival=repaired))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Give some words"),
        ("x" * 201, "at most 200"),
        ("grade>=four", "takes a number"),
        ("price<=٩٠٠٠", "takes a number"),
        ("state:XX", "not a US state"),
        ("drive:6wd", "2wd or 4wd"),
        ("model>=hijet", "matched with"),
        ("!!!", "not a word"),
        ("hijet ~~", "not a word"),
        ("b c d e f g h i j", "At most 8 words"),
        ("the", "would match almost every announcement"),
        ("a 4", "would match almost every announcement"),
        ("grade>9", "no truck would match grade > 9"),
        ("grade<0", "no truck would match grade < 0"),
        ("grade:10", "no truck would match grade = 10"),
        ("price<=-5", r"No truck is free .*, so no truck would match price ≤ -\$5\."),
        ("hijet mileage < 0 mi", "A mileage is never below 0"),
        ("hijet mileage<5e", "mileage takes a number"),
        ("hijet mileage<infmi", "A mileage is a number up to 2,000,000"),
        ("hijet mileage<nan", "A mileage is a number up to 2,000,000"),
        ("hijet " + "price<1e99 " * 17, r"A price is a number up to 10,000,000\."),
        ("grade<=1e9", "A grade is a number up to 10"),
        ("hijet year>=2200", "It is 2026, so no truck built after 2026 has arrived, and none"),
        ("hijet year<1900", "Arrivals are model years 1950 to 2026, so no truck would match"),
        ("model:", "“model:” needs a value, as in model:hijet"),
        ("hijet grade >=", "“grade>=” needs a value"),
        ("state: texhoma", "not a US state"),  # read as the condition it was meant as
    ],
)
async def test_bad_alerts_are_refused(alerts: AlertService, query: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        await alerts.add(GUILD, MIKA, query)
    assert await alerts.mine(GUILD, MIKA) == []


async def test_at_most_10_alerts_a_member_and_no_twins(alerts: AlertService) -> None:
    for n in range(10):
        await alerts.add(GUILD, MIKA, f"truck{n}")
    with pytest.raises(UserError, match="10 alerts"):
        await alerts.add(GUILD, MIKA, "one more")
    await alerts.add(GUILD, DALE, "truck1")
    with pytest.raises(UserError, match="already have"):
        await alerts.add(GUILD, DALE, "truck1")
    with pytest.raises(UserError, match="no such alert"):
        await alerts.remove(GUILD, DALE, 1)  # Mika's


@pytest.mark.parametrize(
    ("kept", "again"),
    [
        ("4wd", "4WD"),
        ("hijet dump", "Dump  HIJET"),
        ("hijet", "ハイゼット"),  # another spelling of the same model
        ("carry grade>=4 state:tx", "state:TX Carry grade>=4.0"),
    ],
)
async def test_an_alert_asking_what_another_asks_is_a_twin(
    alerts: AlertService, kept: str, again: str
) -> None:
    await alerts.add(GUILD, MIKA, kept)
    with pytest.raises(UserError, match=f"already have the alert “{kept}”"):
        await alerts.add(GUILD, MIKA, again)
    assert [alert.query for alert in await alerts.mine(GUILD, MIKA)] == [kept]


async def test_the_grade_range_and_filler_words_still_leave_real_alerts(
    alerts: AlertService,
) -> None:
    # Some houses grade new trucks 7 to 9, and some write 0 for R.
    for query in ("the hijet", "grade>=7", "grade:0", "grade>=9", "a grade>=4", "軽"):
        await alerts.add(GUILD, MIKA, query)


async def test_one_dm_per_item_per_member_however_many_alerts_match(
    alerts: AlertService, store: Store
) -> None:
    await alerts.add(GUILD, MIKA, "hijet")
    await alerts.add(GUILD, MIKA, "4wd")
    await alerts.add(GUILD, DALE, "hijet dump")
    announcement = item("Hijet 4WD dump")
    async with store.transaction():
        await alerts.on_announcement([announcement])
    async with store.transaction():
        await alerts.on_announcement([announcement])  # told again: still once
    rows = await store.fetchall("SELECT key, payload FROM jobs WHERE kind = ?", (ALERT_DM_JOB,))
    assert sorted(row["key"] for row in rows) == [f"{GUILD}:{MIKA}:1", f"{GUILD}:{DALE}:1"]


async def test_a_dm_names_the_alerts_that_matched_in_the_order_they_were_added(
    alerts: AlertService, store: Store
) -> None:
    queries = ["4wd", "dump", "hijet", "jumbo", "s110p", "hijet dump", "jumbo dump"]
    for query in queries:
        await alerts.add(GUILD, MIKA, query)
    async with store.transaction():
        await alerts.on_announcement([item("Hijet Jumbo ジャンボ S110P 4WD dump")])
    [row] = await store.fetchall("SELECT payload FROM jobs WHERE kind = ?", (ALERT_DM_JOB,))
    [match] = json.loads(row["payload"])["matches"]
    assert match["queries"] == queries


async def test_what_goes_out_together_is_one_dm_per_member_listing_the_matches(
    alerts: AlertService, store: Store
) -> None:
    await alerts.add(GUILD, MIKA, "hijet")
    await alerts.add(GUILD, MIKA, "carry")
    await alerts.add(GUILD, DALE, "carry")
    burst = [
        item(title, number=number)
        for number, title in enumerate(["Hijet", "Acty", "Carry 4WD", "Hijet vs Carry"], 1)
    ]
    async with store.transaction():
        await alerts.on_announcement(burst)
    rows = await store.fetchall(
        "SELECT key, payload FROM jobs WHERE kind = ? ORDER BY key", (ALERT_DM_JOB,)
    )
    assert {row["key"]: json.loads(row["payload"]) for row in rows} == {
        f"{GUILD}:{MIKA}:1": {
            "member_id": MIKA,
            "matches": [
                {"announcement_id": 1, "queries": ["hijet"]},
                {"announcement_id": 3, "queries": ["carry"]},
                {"announcement_id": 4, "queries": ["hijet", "carry"]},
            ],
        },
        f"{GUILD}:{DALE}:3": {
            "member_id": DALE,
            "matches": [
                {"announcement_id": 3, "queries": ["carry"]},
                {"announcement_id": 4, "queries": ["carry"]},
            ],
        },
    }


async def test_a_unit_is_joined_to_a_mileage_only(alerts: AlertService) -> None:
    # Announcements are read word by word: "660km" would never match "Hijet 660 km engine".
    alert = await alerts.add(GUILD, MIKA, "hijet 660 km mileage < 30000 km")
    assert alert.query == "hijet 660 km mileage<30000km"
    assert alert.words == ("hijet", "660", "km")


async def test_a_new_alert_says_how_it_was_read(alerts: AlertService) -> None:
    alert = await alerts.add(GUILD, MIKA, "Hijet  4WD mileage <= 30,000 mi price<=9000 state:tx")
    assert alert.query == "Hijet 4WD mileage<=30,000mi price<=9000 state:tx"
    assert reading(alert) == (
        "hijet, 4wd · mileage ≤ 48,280 km (30,000 mi) · price ≤ $9,000 · state = TX"
    )


async def test_a_state_year_range_and_price_in_words_are_kept_as_conditions(
    alerts: AlertService,
) -> None:
    alert = await alerts.add(GUILD, MIKA, "carry 4wd under $5k state: new mexico 1995-1999")
    assert alert.query == "carry 4wd price<=5k state:NM year>=1995 year<=1999"
    assert reading(alert) == "carry, 4wd · price ≤ $5,000 · state = NM · year 1995–1999"
    with pytest.raises(UserError, match="already have"):
        await alerts.add(GUILD, MIKA, "4WD Carry state:nm price<=5000 years: 1995 to 1999")


async def test_a_kept_alert_is_read_as_it_was_kept(alerts: AlertService, store: Store) -> None:
    # Kept before conditions typed with spaces were put together: "state:" and "texas" were
    # words then, and must not become a condition the reader now refuses.
    await store.execute(
        "INSERT INTO alerts (guild_id, member_id, query, created_at) VALUES (?, ?, ?, 0)",
        (GUILD, MIKA, "hijet state: texas"),
    )
    [kept] = await alerts.mine(GUILD, MIKA)
    assert kept.words == ("hijet", "state", "texas")  # a word, as an item's text reads it
    assert await alerts.matching(item("Hijet from Texas")) == []  # read, not refused


def test_words_and_conditions_are_told_apart() -> None:
    words, conditions, _ = parse_query("Hijet  dump grade>=4 state:tx 4WD")
    assert words == ("hijet", "dump", "4wd")
    assert [(c.field, c.op, c.value) for c in conditions] == [
        ("grade", ">=", 4.0),
        ("state", ":", "TX"),
    ]
