"""Build logs without Discord: truck text read into the spec, tags, exact money, updates, the
ledger, and closed, locked and other servers' builds refused."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.builds import (
    BUILD_LOCK_JOB,
    COUNT_UP_TO,
    BuildFilter,
    BuildService,
    Fallback,
    LockNews,
    Odometer,
    Photo,
    Spec,
    dollars_text,
    kilometres,
    lock_handler,
    parse_cents,
)
from bot.builds.values import checked_spec, outside_model_years, parse_tags
from bot.clock import ManualClock
from bot.errors import NotFound, UserError
from bot.jobs import JobQueue
from bot.privacy import FORMER_MEMBER
from bot.store import Store
from bot.trucks import parse_truck
from cogs.builds_views import lock_notice

GUILD, OTHER, OWNER, MEMBER = 1, 2, 10, 11

# (typed, year, make, model, model code)
TRUCKS = [
    ("1994 Suzuki Carry DA51T", 1994, "Suzuki", "Carry", "DA51T"),
    ("Hijet S83P '91", 1991, "Daihatsu", "Hijet", "S83P"),
    ("Honda Acty HA4 1996", 1996, "Honda", "Acty", "HA4"),
    ("91 daihatsu hijet jumbo", 1991, "Daihatsu", "Hijet", None),
    ("1999 Carry DA52T", 1999, "Suzuki", "Carry", "DA52T"),
    ("carry da63t 2008", 2008, "Suzuki", "Carry", "DA63T"),
    ("DA-63T", None, "Suzuki", "Carry", "DA63T"),
    ("ＤＡ６３Ｔ 2010", 2010, "Suzuki", "Carry", "DA63T"),
    ("EBD-DA16T 2014", 2014, "Suzuki", "Carry", "DA16T"),
    ("Suzuki Carry", None, "Suzuki", "Carry", None),
    ("suzuki", None, "Suzuki", None, None),
    ("'89 Acty", 1989, "Honda", "Acty", None),
    ("’89 Honda Acty TN", 1989, "Honda", "Acty", None),
    ("Honda Acty HA3 '90", 1990, "Honda", "Acty", "HA3"),
    ("1997 Honda Acty HA4 4WD", 1997, "Honda", "Acty", "HA4"),
    ("Subaru Sambar TT2 2001", 2001, "Subaru", "Sambar", "TT2"),
    ("sambar truck 1995", 1995, "Subaru", "Sambar", None),
    ("Subaru Sambar KS4 1992", 1992, "Subaru", "Sambar", "KS4"),
    ("Mitsubishi Minicab U42T 1996", 1996, "Mitsubishi", "Minicab", "U42T"),
    ("minicab U62T", None, "Mitsubishi", "Minicab", "U62T"),
    ("Mazda Scrum DG52T 2000", 2000, "Mazda", "Scrum", "DG52T"),
    ("Autozam Scrum 1993", 1993, "Mazda", "Scrum", None),
    ("Nissan Clipper U71T", None, "Nissan", "Clipper", "U71T"),
    ("Daihatsu Hijet S110P 1997", 1997, "Daihatsu", "Hijet", "S110P"),
    ("hijet s211p", None, "Daihatsu", "Hijet", "S211P"),
    ("2005 Hijet S210P climber", 2005, "Daihatsu", "Hijet", "S210P"),
    ("1990 daihatsu hijet s83p jumbo", 1990, "Daihatsu", "Hijet", "S83P"),
    ("キャリイトラック 1995", 1995, "Suzuki", "Carry", None),
    ("ハイゼットトラック S83P", None, "Daihatsu", "Hijet", "S83P"),
    ("my grandpa's old truck", None, None, None, None),
    ("1988 kei truck", 1988, None, None, None),
    ("  1994   suzuki   carry  ", 1994, "Suzuki", "Carry", None),
    ("Carry DA51T (1993)", 1993, "Suzuki", "Carry", "DA51T"),
    ("Acty, HA4, 1994", 1994, "Honda", "Acty", "HA4"),
    # As written in Japan: era years, makers and models in kana or kanji, with or without spaces.
    ("平成6年 スズキ キャリイ", 1994, "Suzuki", "Carry", None),
    ("平成6年式スズキキャリー", 1994, "Suzuki", "Carry", None),
    ("ハイゼット ジャンボ 平成10年", 1998, "Daihatsu", "Hijet", None),
    ("令和2年 ダイハツ ハイゼット S510P", 2020, "Daihatsu", "Hijet", "S510P"),
    ("三菱 ミニキャブ", None, "Mitsubishi", "Minicab", None),
    ("ホンダ アクティ 1996", 1996, "Honda", "Acty", None),
    ("スバル サンバー", None, "Subaru", "Sambar", None),
    ("マツダ", None, "Mazda", None, None),
    ("日産 クリッパー", None, "Nissan", "Clipper", None),
]


@pytest.mark.parametrize(("typed", "year", "make", "model", "code"), TRUCKS)
def test_truck_text_is_read_into_year_make_model_and_code(
    typed: str, year: int | None, make: str | None, model: str | None, code: str | None
) -> None:
    truck = parse_truck(typed, 2026)
    assert (truck.year, truck.make, truck.model, truck.model_code) == (year, make, model, code)


@pytest.mark.parametrize(
    "typed", ["1850 Carry", "1959 Hijet", "2031 Acty", "'45 Carry", "昭和30年 キャリイ"]
)
def test_a_year_outside_1960_to_this_year_is_refused(typed: str) -> None:
    with pytest.raises(UserError, match="from 1960 to 2026"):
        parse_truck(typed, 2026)


@pytest.mark.parametrize(
    ("typed", "year", "code"),
    [
        ("1975 Honda Acty HA9", 1975, "HA9"),
        ("Carry DA63T 1995", 1995, "DA63T"),
        ("平成3年 S510P", 1991, "S510P"),
    ],
)
def test_a_year_the_model_code_was_not_built_in_is_kept_and_pointed_out(
    typed: str, year: int, code: str
) -> None:
    truck = parse_truck(typed, 2026)
    assert (truck.year, truck.model_code) == (year, code)
    spec = Spec(year=truck.year, model_code=truck.model_code)
    model = outside_model_years(spec)
    assert model is not None
    assert model.code == code
    assert outside_model_years(Spec(year=2010, model_code="HA9")) is None
    assert outside_model_years(Spec(year=1975)) is None


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("0.10", 10),
        ("0.2", 20),
        ("$12.50", 1250),
        ("1,200", 120000),
        (".5", 50),
        ("7", 700),
        ("12 USD", 1200),
        ("US$12", 1200),
        ("1200$", 120000),
        ("40 dollars", 4000),
        ("１，２００", 120000),  # typed on a Japanese keyboard
        ("＄１２．５０", 1250),
        ("Free", 0),  # given away: in the ledger all the same
        ("FREE!", 0),
        ("12.50 US dollars", 1250),
        ("99¢", 99),  # the US cent is no other currency
        ("50 cents", 50),
        ("1 cent", 1),
        ("150¢", 150),
    ],
)
def test_costs_are_read_into_exact_cents(typed: str, cents: int) -> None:
    assert parse_cents(typed) == cents


@pytest.mark.parametrize(
    "typed", ["¥45000", "￥４５０００", "45000円", "JPY 45000", "45,000 yen", "€30", "£20"]
)
def test_a_cost_in_another_currency_is_refused_saying_the_ledger_counts_dollars(
    typed: str,
) -> None:
    with pytest.raises(UserError, match=r"The ledger counts US dollars, and .* another currency"):
        parse_cents(typed)


@pytest.mark.parametrize(
    "typed",
    ["-5", "1e12", "12.505", "abc", "", "  ", "1,00", "2000000", "¹", "free-ish", "🆓"],
)
def test_odd_costs_are_refused(typed: str) -> None:
    with pytest.raises(UserError):
        parse_cents(typed)


def test_a_part_of_a_cent_is_refused_as_no_amount_not_as_another_currency() -> None:
    with pytest.raises(UserError) as refused:
        parse_cents("12.5¢")
    assert refused.value.message == (
        "“12.5¢” is not an amount. Write dollars and cents: `12.50`, `$1,200`."
    )


def test_money_and_distance_read_as_people_read_them() -> None:
    assert dollars_text(123456) == "$1,234.56"
    assert dollars_text(5) == "$0.05"
    assert kilometres(100) == 161


def test_tags_come_from_the_fixed_list() -> None:
    assert parse_tags("Camper, off-road camper") == ("camper", "off-road")
    with pytest.raises(UserError, match="not a build tag"):
        parse_tags("drift")
    with pytest.raises(UserError, match="at most 5"):
        parse_tags("camper show work daily complete off-road")


@pytest.fixture
def service(store: Store, clock: ManualClock) -> BuildService:
    return BuildService(store, clock, JobQueue(store, clock))


async def test_a_ledger_of_a_thousand_dimes_and_twenty_cents_adds_up_to_the_cent(
    service: BuildService,
) -> None:
    build = await service.start(GUILD, OWNER, "Camper", "1994 Carry", "camper")
    for n in range(1000):
        cost, category = ("0.10", "camper") if n % 2 else ("0.20", "electrical")
        await service.add_part(build, OWNER, f"part {n}", cost, category)
    ledger = await service.ledger(build)
    assert ledger.part_count == 1000
    assert {c: cents for c, _, cents in ledger.by_category} == {
        "electrical": 10000,
        "camper": 5000,
    }
    assert ledger.total_cents == 15000
    await service.add_update(build, OWNER, "Bought bolts", cost="0.30")
    assert (await service.totals(build)).total_cents == 15030


async def test_a_part_name_is_measured_as_it_is_kept_with_single_spaces(
    service: BuildService,
) -> None:
    build = await service.start(GUILD, OWNER, "Camper", "1994 Carry", "camper")
    typed = "Bed  mat " + "x" * 92  # 101 characters typed, 100 kept
    part = await service.add_part(build, OWNER, typed, "1", None)
    assert part.name == "Bed mat " + "x" * 92


async def test_the_drive_named_in_the_truck_fills_the_spec_and_a_rename_keeps_or_changes_it(
    service: BuildService,
) -> None:
    build = await service.start(GUILD, OWNER, "Camper", "1994 Suzuki Carry DA51T 4WD", None)
    assert build.spec.drive == "4WD"
    renamed = await service.rename(build, None, "1994 Suzuki Carry")
    assert renamed.spec.drive == "4WD"  # a truck text that names no drive keeps it
    renamed = await service.rename(renamed, None, "1994 Suzuki Carry 2WD")
    assert renamed.spec.drive == "2WD"


async def test_updates_record_odometer_and_a_lower_reading_waits_for_confirmation(
    service: BuildService, clock: ManualClock
) -> None:
    build = await service.start(GUILD, OWNER, "Daily", "Acty", None)
    await service.add_update(build, OWNER, "Oil change", odometer=41000)
    photo = Photo("http://x/a.png", "a.png", "image/png")
    lower = await service.add_update(build, OWNER, "Typo?", odometer=40000, photo=photo)
    assert lower.pending
    assert (await service.totals(build)).last_odometer == Odometer(41000)
    with pytest.raises(UserError, match="Only the member"):
        await service.confirm_update(GUILD, lower.id, MEMBER)
    clock.advance(timedelta(minutes=1))
    confirmed = await service.confirm_update(GUILD, lower.id, OWNER)
    assert not confirmed.pending
    totals = await service.totals(build)
    assert (totals.update_count, totals.last_odometer) == (2, Odometer(40000))


async def test_a_truck_counting_kilometres_keeps_its_readings_in_km_and_compares_them_in_miles(
    service: BuildService,
) -> None:
    build = await service.start(GUILD, OWNER, "Import", "1994 Carry", None)
    first = await service.add_update(build, OWNER, "Bought", odometer=65983, odometer_unit="km")
    assert first.odometer == Odometer(41000, 65983)
    # Without a unit, as the last reading was: km.
    later = await service.add_update(build, OWNER, "Road trip", odometer=66500)
    assert later.odometer == Odometer(41321, 66500)
    assert (await service.totals(build)).last_odometer == Odometer(41321, 66500)
    # Another unit said outright is compared by miles: 41,300 mi is below 66,500 km.
    lower = await service.add_update(
        build, OWNER, "Swapped cluster", odometer=41300, odometer_unit="mi"
    )
    assert lower.pending
    assert lower.odometer == Odometer(41300)
    with pytest.raises(UserError, match="An odometer counts mi or km"):
        await service.add_update(build, OWNER, "Odd", odometer=5, odometer_unit="furlongs")
    with pytest.raises(UserError, match="An odometer reads from 0 to 9,999,999"):
        await service.add_update(build, OWNER, "Odd", odometer=10_000_000, odometer_unit="km")


async def test_a_km_reading_a_kilometre_below_the_last_is_questioned(
    service: BuildService,
) -> None:
    # 100 km and 99 km both round to 62 miles.
    build = await service.start(GUILD, OWNER, "Import", "1994 Carry", None)
    await service.add_update(build, OWNER, "Bought", odometer=100, odometer_unit="km")
    lower = await service.add_update(build, OWNER, "Typo?", odometer=99)
    assert lower.pending
    same = await service.add_update(build, OWNER, "Parked", odometer=100)
    assert not same.pending


async def test_closed_and_locked_builds_refuse_changes(service: BuildService) -> None:
    build = await service.start(GUILD, OWNER, "Show truck", "Carry", "show")
    closed = await service.close(build)
    with pytest.raises(UserError, match="closed"):
        await service.add_update(closed, OWNER, "more")
    reopened = await service.reopen(closed)
    locked = await service.lock(reopened, MEMBER, "spam")
    for attempt in (
        service.add_update(locked, OWNER, "more"),
        service.add_part(locked, OWNER, "bolt", "1", None),
        service.set_spec(locked, {"lift": "2 in"}),
        service.close(locked),  # an unlock would otherwise find it closed behind its back
    ):
        with pytest.raises(UserError, match="locked by a moderator \\(“spam”\\)"):
            await attempt
    with pytest.raises(UserError, match="locked"):
        await service.reopen(locked)


async def test_text_the_table_would_refuse_is_refused_with_a_reason(
    service: BuildService, clock: ManualClock
) -> None:
    with pytest.raises(UserError, match="The truck"):
        await service.start(GUILD, OWNER, "Apartment", "㌀" * 30, None)  # 120 once normalised
    build = await service.start(GUILD, OWNER, "Long names", "Carry", None)
    for field in ("make", "model"):
        with pytest.raises(UserError, match=field.capitalize()):
            checked_spec(Spec(**{field: "x" * 41}), clock.now())
    await service.set_spec(build, checked_spec(Spec(model="x" * 40), clock.now()))


async def test_a_spec_whose_year_and_model_code_disagree_is_kept_and_pointed_out(
    service: BuildService, clock: ManualClock
) -> None:
    build = await service.start(GUILD, OWNER, "Camper", "1994 Suzuki Carry DA51T", None)
    moved = await service.set_spec(build, checked_spec(Spec(year=2015), clock.now()))
    assert moved.spec.year == 2015
    doubt = outside_model_years(moved.spec)
    assert doubt is not None
    assert doubt.code == "DA51T"
    both = Spec(model_code="DA16T", year=2015)
    agreeing = await service.set_spec(build, checked_spec(both, clock.now()))
    assert (agreeing.spec.year, agreeing.spec.model_code) == (2015, "DA16T")
    assert outside_model_years(agreeing.spec) is None


async def test_another_servers_build_is_not_found(service: BuildService) -> None:
    build = await service.start(GUILD, OWNER, "Mine", "Carry", None)
    with pytest.raises(NotFound):
        await service.get(OTHER, build.id)
    assert await service.in_thread(OTHER, 12345) is None


async def test_lists_filter_by_tag_member_make_code_drive_and_state(
    service: BuildService,
) -> None:
    camper = await service.start(GUILD, OWNER, "Camper", "1994 Suzuki Carry DA51T", "camper")
    await service.set_spec(camper, {"drive": "4WD", "state": "TX"})
    await service.start(GUILD, MEMBER, "Farm", "Honda Acty HA4", "work")
    await service.start(OTHER, OWNER, "Elsewhere", "Carry DA51T", "camper")
    for where, titles in [
        (BuildFilter(tag="camper"), ["Camper"]),
        (BuildFilter(owner_id=MEMBER), ["Farm"]),
        (BuildFilter(make="Suzuki"), ["Camper"]),
        (BuildFilter(model_code="HA4"), ["Farm"]),
        (BuildFilter(drive="4WD", state="TX"), ["Camper"]),
        (BuildFilter(), ["Farm", "Camper"]),
    ]:
        found, total = await service.search(GUILD, where, 0, 10)
        assert [b.title for b in found] == titles
        assert total == len(titles)


def test_a_chassis_code_is_checked_as_the_model_data_spells_it() -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    assert checked_spec(Spec(model_code="da-63t", state="tx", hi_lo=True), now) == {
        "model_code": "DA63T",
        "state": "TX",
        "hi_lo": 1,
    }
    assert checked_spec(Spec(model_code="XY1", make="Honda"), now) == {
        "make": "Honda",
        "model_code": "XY1",
    }
    # A state by name, as members write it, is kept as its code.
    assert checked_spec(Spec(state=" new  Mexico "), now) == {"state": "NM"}
    for bad in (Spec(model_code="🚚"), Spec(state="Texass"), Spec(year=1850), Spec(lift="x" * 61)):
        with pytest.raises(UserError):
            checked_spec(bad, now)


async def test_a_broad_list_counts_up_to_its_cap_and_pages_within_it(
    service: BuildService, store: Store
) -> None:
    rows = [(GUILD, OWNER, f"Build {n}", "Carry", 0, 0) for n in range(COUNT_UP_TO + 20)]
    await store.executemany(
        "INSERT INTO builds (guild_id, owner_id, title, truck, created_at, last_activity_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    found, total = await service.search(GUILD, BuildFilter(), 0, 10)
    assert total == COUNT_UP_TO + 1
    assert found[0].title == f"Build {COUNT_UP_TO + 19}"
    _, exact = await service.search(GUILD, BuildFilter(owner_id=MEMBER), 0, 10)
    assert exact == 0


async def test_a_double_click_confirms_a_lower_odometer_once(service: BuildService) -> None:
    build = await service.start(GUILD, OWNER, "Daily", "Acty", None)
    await service.add_update(build, OWNER, "Service", odometer=41000)
    lower = await service.add_update(build, OWNER, "Typo?", odometer=4100)
    results = await asyncio.gather(
        *(service.confirm_update(GUILD, lower.id, OWNER) for _ in range(3)),
        return_exceptions=True,
    )
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert (await service.totals(build)).update_count == 2


async def test_a_lock_and_an_unlock_tell_the_owner_once_and_a_former_member_never(
    store: Store, clock: ManualClock, service: BuildService
) -> None:
    build = await service.start(GUILD, OWNER, "Camper", "1994 Carry", None)
    moderator = OWNER + 1
    locked = await service.lock(build, moderator, "stolen photos")
    with pytest.raises(UserError, match="locked already"):
        await service.lock(build, moderator, None)  # a second moderator's click
    clock.advance(timedelta(minutes=5))
    await service.unlock(locked)
    with pytest.raises(UserError, match="not locked"):
        await service.unlock(locked)

    jobs = JobQueue(store, clock)
    tell = lock_handler(
        lambda news: f"{news.title} {news.locked} {news.reason}", service.since_scheduled
    )
    told = [await tell(job) for job in await jobs.claim_due(5, worker="t", kinds=[BUILD_LOCK_JOB])]
    assert [(m.content, m.recipient_id) for m in told if m is not None] == [
        ("Camper True stolen photos", OWNER),
        ("Camper False None", OWNER),
    ]

    await store.execute("UPDATE builds SET owner_id = ? WHERE id = ?", (FORMER_MEMBER, build.id))
    await service.lock(build, moderator, None)  # kept anonymised: nobody to tell
    assert await jobs.claim_due(5, worker="t", kinds=[BUILD_LOCK_JOB]) == []


async def test_naming_no_build_finds_the_members_newest_whatever_its_state(
    service: BuildService,
) -> None:
    build = await service.start(GUILD, OWNER, "Camper", "1994 Carry", None)
    await service.lock(build, OWNER + 1, None)
    # The locked one all the same, whose change is then refused saying why.
    assert (await service.resolve(GUILD, OWNER, None, None)).id == build.id
    assert (await service.resolve(GUILD, OWNER, None, None, Fallback.NEWEST)).id == build.id
    newer = await service.start(GUILD, OWNER, "Dump", "1994 Carry", None)
    await service.close(newer)
    # Closed, it is still the one meant: a close sent twice is told it was closed already,
    # rather than closing the member's older build.
    for fallback in Fallback:
        assert (await service.resolve(GUILD, OWNER, None, None, fallback)).id == newer.id
    opened = await service.start(GUILD, OWNER, "Daily", "1994 Carry", None)
    await service.start(GUILD, OWNER + 2, "Someone else's", "1994 Carry", None)
    assert (await service.resolve(GUILD, OWNER, None, None, Fallback.CLOSED)).id == opened.id
    with pytest.raises(UserError, match=r"^You have no builds\. Start one"):
        await service.resolve(GUILD, OWNER + 3, None, None, Fallback.NEWEST)
    with pytest.raises(UserError, match="You have no builds to reopen"):
        await service.resolve(GUILD, OWNER + 3, None, None, Fallback.CLOSED)


def test_the_owner_of_a_closed_build_unlocked_is_told_it_is_still_closed() -> None:
    unlocked = LockNews(GUILD, 1, "Camper", locked=False, reason=None, closed=True)
    assert lock_notice(unlocked) == (
        "A moderator unlocked your build “Camper” (#1). It is still closed; `/build reopen` "
        "opens it for updates again."
    )
