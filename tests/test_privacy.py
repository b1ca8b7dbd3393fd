"""Members own their data: every member column of the schema is covered by a registered part,
an export holds every row about the member, and forgetting removes exactly those rows."""

from __future__ import annotations

import asyncio
import io
import json
import re
import sqlite3
import zipfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.client import Services
from bot.clock import ManualClock
from bot.errors import UserError
from bot.meetups import PROMOTED_JOB, MeetupDraft
from bot.privacy import (
    FORMER_MEMBER,
    SCHEMA_VERSION,
    ZIP_ABOVE,
    Forgotten,
    MemberData,
    Sections,
)
from bot.store import Store
from cogs.builds_views import render_card, render_update
from tests.privacy_seed import seed_server

GUILD, OTHER_GUILD = 1001, 1002
MEMBER, OTHER = 501, 502

# The naming rule for columns that hold a member's Discord id: every INTEGER column named `*_by`,
# and every INTEGER `*_id` column that is not a foreign key to another row and does not name a
# Discord object that is not a person (or, `ref_id`, a queue item's row in its kind's table,
# which no foreign key can name). A new `voter_id` or `reviewed_by` is a member column by
# this rule, so the test below fails until some service registers how to export and forget it.
NOT_PEOPLE = frozenset(
    {
        "guild",
        "channel",
        "dm_channel",
        "message",
        "thread",
        "starter",
        "event",
        "role",
        "build",
        "ref",
        "announcement",
    }
)


def member_columns(connection: sqlite3.Connection) -> set[tuple[str, str]]:
    found = set()
    for (table,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ):
        references = {key[3] for key in connection.execute(f"PRAGMA foreign_key_list({table})")}
        for column in connection.execute(f"PRAGMA table_info({table})"):
            name, declared = column[1], column[2]
            if declared != "INTEGER":
                continue
            if name.endswith("_by") or (
                name.endswith("_id") and name not in references and name[:-3] not in NOT_PEOPLE
            ):
                found.add((table, name))
    return found


async def test_every_member_column_in_the_schema_is_exported_and_forgotten_by_some_service(
    services: Services, store: Store
) -> None:
    connection = sqlite3.connect(store.path)
    try:
        columns = member_columns(connection)
    finally:
        connection.close()
    assert {("rsvps", "member_id"), ("builds", "owner_id"), ("deliveries", "user_id")} <= columns
    covered = {
        (table, column) for table, names in services.privacy.covered().items() for column in names
    }
    assert columns - covered == set(), "register these columns with the privacy service"
    assert covered - columns == set(), "registered columns the schema does not have"


Dump = dict[str, tuple[list[str], list[tuple[Any, ...]]]]
Keys = dict[str, list[tuple[str, str, str]]]  # table -> (column, parent table, parent column)


def _snapshot(path: Path) -> tuple[Dump, Keys, set[tuple[str, str]]]:
    """Every row by table with its column names, the foreign keys between rows, and the
    member columns."""
    connection = sqlite3.connect(path)
    try:
        dump: Dump = {}
        keys: Keys = {}
        for (table,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ):
            cursor = connection.execute(f"SELECT * FROM {table}")
            dump[table] = ([d[0] for d in cursor.description], list(cursor))
            keys[table] = [
                (key[3], key[2], key[4])
                for key in connection.execute(f"PRAGMA foreign_key_list({table})")
                if key[2] != "guilds"
            ]
        return dump, keys, member_columns(connection)
    finally:
        connection.close()


def _unrelated(path: Path, marks: set[Any], nulled: set[tuple[str, str]]) -> set[tuple[Any, ...]]:
    """Rows naming none of `marks` in a member column (nor NULL in a `nulled` one), and whose
    parent rows do not either: another member's data, which a forget must leave alone."""
    dump, keys, people = _snapshot(path)
    marked: dict[str, list[dict[str, Any]]] = {table: [] for table in dump}

    def is_marked(table: str, values: dict[str, Any]) -> bool:
        for name, value in values.items():
            if (table, name) in people and (
                value in marks or (value is None and (table, name) in nulled)
            ):
                return True
        return any(
            parent_row[parent_column] == values[column]
            for column, parent, parent_column in keys[table]
            for parent_row in marked[parent]
        )

    changed = True
    while changed:
        changed = False
        for table, (columns, rows) in dump.items():
            for row in rows:
                values = dict(zip(columns, row, strict=True))
                if values not in marked[table] and is_marked(table, values):
                    marked[table].append(values)
                    changed = True
    # Jobs carry members in JSON payloads, not columns: their deliveries are compared instead.
    return {
        (table, *row)
        for table, (columns, rows) in dump.items()
        if table != "jobs"
        for row in rows
        if dict(zip(columns, row, strict=True)) not in marked[table]
    }


EVERY_PART = {
    "alerts",
    "builds",
    "build_updates",
    "build_parts",
    "builds_locked",
    "direct_messages",
    "direct_messages_to_come",
    "glossary_edits",
    "glossary_entries_last_edited",
    "glossary_suggestions",
    "glossary_suggestions_decided",
    "importer_profile",
    "importer_announcements",
    "announcements_decided",
    "meetups_organised",
    "meetup_dates_off",
    "meetup_dates_moved",
    "meetup_earlier_rules",
    "meetup_templates_saved",
    "queue_posts_decided",
    "rsvps",
    "settings",
    "showcase_moderation",
    "showcase_nominations",
    "showcase_votes",
}


@pytest.mark.parametrize("keep_builds", [False, True], ids=["delete builds", "keep builds"])
async def test_export_forget_export_holds_everything_then_nothing_and_spares_the_others(
    services: Services, store: Store, keep_builds: bool
) -> None:
    for guild in (GUILD, OTHER_GUILD):
        await seed_server(store, guild, MEMBER, OTHER)
    before = _unrelated(store.path, {MEMBER}, set())

    exported = await services.privacy.export(MEMBER)
    assert exported is not None
    assert exported.filename.endswith(".json")
    document = json.loads(exported.data)
    assert document["schema_version"] == SCHEMA_VERSION
    assert set(document["servers"]) == {str(GUILD), str(OTHER_GUILD)}
    for server in document["servers"].values():
        assert set(server) - {"guild_id", "server_name"} == EVERY_PART
    assert str(OTHER) not in exported.data.decode()  # nothing of the other member's

    request = await services.privacy.request_forget(GUILD, MEMBER)
    assert request is not None
    report = await services.privacy.forget(MEMBER, MEMBER, request.id, keep_builds=keep_builds)

    assert report.servers == (GUILD, OTHER_GUILD)
    deleted, anonymised = report.forgotten.deleted, report.forgotten.anonymised
    assert (deleted["RSVPs"], deleted["alerts"], deleted["votes"]) == (2, 2, 2)
    assert deleted["time zone and reminder settings"] == 2
    # An importer profile goes with what it announced, and the reply counts both.
    assert (deleted["importer profile"], deleted["importer announcements"]) == (2, 2)
    assert anonymised["glossary suggestions"] == 2
    assert anonymised["moderation queue posts"] == 2  # no longer naming their moderator
    if keep_builds:
        assert anonymised["builds"] == 2
        assert "builds" not in deleted
    else:
        assert deleted["builds"] == 2
        assert "builds" not in anonymised
    assert await services.privacy.export(MEMBER) is None
    assert await services.privacy.collect(MEMBER) == {}
    after = _unrelated(store.path, {FORMER_MEMBER}, {("glossary_suggestions", "member_id")})
    # A deleted build that was nominated is counted for a ballot's refusal: its server and when
    # it was nominated, nothing of it nor of anyone.
    counted = {row for row in after if row[0] == "showcase_nominated_deletions"}
    assert {row[1] for row in counted} == (set() if keep_builds else {GUILD, OTHER_GUILD})
    assert after - counted == before
    assert await store.integrity_problems() == []


async def test_forgetting_a_going_member_promotes_the_first_waiting_party(
    services: Services, store: Store, clock: ManualClock
) -> None:
    meetups = services.meetups
    draft = MeetupDraft("Kei Truck Day", "2026-12-05 10:00 MT", "Moab", capacity=2)
    meetup = (await meetups.create(GUILD, OTHER, draft)).meetup
    await meetups.answer(GUILD, meetup.id, MEMBER, "going")
    await meetups.answer(GUILD, meetup.id, 503, "going")
    waiting = await meetups.answer(GUILD, meetup.id, 504, "going")
    assert waiting.position == 1

    request = await services.privacy.request_forget(GUILD, MEMBER)
    assert request is not None
    report = await services.privacy.forget(MEMBER, MEMBER, request.id, keep_builds=True)

    assert report.forgotten.meetups == {meetup.id}
    parties = await meetups.parties(waiting.occurrence)
    assert [(p.member_id, p.status) for p in parties] == [(503, "going"), (504, "going")]
    told = await store.fetchall(
        "SELECT json_extract(payload, '$.member_id') AS member FROM jobs WHERE kind = ?",
        (PROMOTED_JOB,),
    )
    assert [row["member"] for row in told] == [504]


async def test_an_export_gives_a_waiting_members_place_in_line(services: Services) -> None:
    meetups = services.meetups
    draft = MeetupDraft("Kei Truck Day", "2026-12-05 10:00 MT", "Moab", capacity=1)
    meetup = (await meetups.create(GUILD, OTHER, draft)).meetup
    for member in (503, 504, MEMBER):
        await meetups.answer(GUILD, meetup.id, member, "going")

    [rsvp] = (await services.privacy.collect(MEMBER))[GUILD]["rsvps"]
    assert (rsvp["status"], rsvp["waitlist_place"]) == ("on the waitlist", 2)


async def test_an_export_holds_what_an_organizer_wrote_for_their_meetups(
    services: Services,
) -> None:
    draft = MeetupDraft(
        "Kei Truck Day",
        "2026-12-05 10:00 MT",
        "Moab",
        description="Bring a spare tyre; we meet at my farm gate",
        repeat="monthly",
        capacity=12,
        truck_capacity=6,
        region="Utah",
        duration_minutes=240,
    )
    meetup = (await services.meetups.create(GUILD, MEMBER, draft)).meetup
    await services.meetups.cancel(GUILD, meetup.id, reason="Snowed in, sorry all")

    [organised] = (await services.privacy.collect(MEMBER))[GUILD]["meetups_organised"]
    assert organised["description"] == "Bring a spare tyre; we meet at my farm gate"
    assert organised["cancel_reason"] == "Snowed in, sorry all"
    assert organised["cancelled_at"] is not None
    assert (organised["region"], organised["zone"], organised["rrule"]) == (
        "Utah",
        "America/Denver",
        meetup.rrule,
    )
    assert (organised["capacity"], organised["truck_capacity"]) == (12, 6)
    assert organised["duration_minutes"] == 240


async def test_an_export_holds_build_tags_odometers_arrival_details_rejection_reasons_and_notes(
    services: Services, store: Store
) -> None:
    build = await services.builds.start(GUILD, MEMBER, "Camper", "1994 Carry", "camper, work")
    await services.builds.add_update(build, MEMBER, "Bought", odometer=65983, odometer_unit="km")
    importer = await store.insert(
        "INSERT INTO importers (guild_id, name, name_key, member_id, created_at) "
        "VALUES (?, 'Kei Imports', 'kei imports', ?, 0)",
        (GUILD, MEMBER),
    )
    arrival = await store.insert(
        "INSERT INTO announcements (guild_id, importer_id, source, title, title_key, status, "
        "created_at, decided_by, decided_at, reason) VALUES (?, ?, 'arrival', '1997 Hijet', "
        "'1997 hijet', 'rejected', 0, ?, 0, 'Price missing its currency')",
        (GUILD, importer, OTHER),
    )
    await store.execute(
        "INSERT INTO arrivals (announcement_id, guild_id, make, model, model_code, year, drive, "
        "grade, mileage_km, price_usd, state) "
        "VALUES (?, ?, 'Daihatsu', 'Hijet', 'S110P', 1997, '4wd', '4.5', 41000, 8500, 'TX')",
        (arrival, GUILD),
    )
    await store.execute(
        "INSERT INTO showcase_posts (guild_id, build_id, featured_by, note, created_at) "
        "VALUES (?, ?, ?, 'Tidy wiring', 0)",
        (GUILD, build.id, MEMBER),
    )

    exported = (await services.privacy.collect(MEMBER))[GUILD]

    [built] = exported["builds"]
    assert built["tags"] == "camper, work"
    [update] = exported["build_updates"]
    assert (update["odometer_km"], update["odometer_miles"]) == (65983, 41000)
    [announced] = exported["importer_announcements"]
    assert announced["reason"] == "Price missing its currency"
    details = ("make", "model", "model_code", "year", "drive", "grade", "mileage_km", "price_usd")
    assert [announced[key] for key in details] == [
        "Daihatsu",
        "Hijet",
        "S110P",
        1997,
        "4wd",
        "4.5",
        41000,
        8500,
    ]
    assert announced["arrival_state"] == "TX"
    [featured] = [row for row in exported["showcase_moderation"] if row["action"] == "featured"]
    assert (featured["note"], featured["build_title"]) == ("Tidy wiring", build.title)
    # The moderator who rejected the arrival finds the reason they wrote in their own export.
    [decided] = (await services.privacy.collect(OTHER))[GUILD]["announcements_decided"]
    assert (decided["title"], decided["status"]) == ("1997 Hijet", "rejected")
    assert decided["reason"] == "Price missing its currency"


async def test_a_member_whose_only_trace_is_a_dm_to_come_can_see_it_and_have_it_forgotten(
    services: Services, store: Store, clock: ManualClock
) -> None:
    rejected_at = clock.now() + timedelta(minutes=1)
    await services.jobs.schedule(
        "modqueue.rejected",
        "nomination:7:501",
        rejected_at,
        payload={"user_id": MEMBER},
        guild_id=GUILD,
    )
    await services.jobs.schedule(
        "modqueue.rejected",
        "nomination:7:502",
        rejected_at,
        payload={"user_id": OTHER},
        guild_id=GUILD,
    )

    [dm] = (await services.privacy.collect(MEMBER))[GUILD]["direct_messages_to_come"]
    assert dm == {
        "kind": "a rejection of something you submitted",
        "due_at": rejected_at.isoformat(),
    }
    request = await services.privacy.request_forget(GUILD, MEMBER)
    assert request is not None  # not "nothing is stored about you"
    report = await services.privacy.forget(MEMBER, MEMBER, request.id, keep_builds=True)

    assert report.forgotten.deleted == {"direct messages still to be sent": 1}
    left = await store.fetchall("SELECT json_extract(payload, '$.user_id') AS user FROM jobs")
    assert [row["user"] for row in left] == [OTHER]
    assert await services.privacy.collect(MEMBER) == {}


async def test_a_post_still_to_come_no_longer_mentions_a_forgotten_member(
    services: Services, store: Store, clock: ManualClock
) -> None:
    draft = MeetupDraft("Kei Truck Day", "2026-12-05 10:00 MT", "Moab")
    meetup = (await services.meetups.create(GUILD, OTHER, draft)).meetup
    await services.meetups.answer(GUILD, meetup.id, MEMBER, "going")
    later = clock.now() + timedelta(hours=1)
    for key, members in (("post0", [MEMBER, 503]), ("post1", [504])):
        payload = {"meetup_id": meetup.id, "members": members}
        await services.jobs.schedule(
            "meetups.reminder.post", key, later, payload=payload, guild_id=GUILD
        )

    request = await services.privacy.request_forget(GUILD, MEMBER)
    assert request is not None
    await services.privacy.forget(MEMBER, MEMBER, request.id, keep_builds=True)

    rows = await store.fetchall(
        "SELECT key, json_extract(payload, '$.members') AS members FROM jobs "
        "WHERE kind = 'meetups.reminder.post' ORDER BY key"
    )
    assert [(row["key"], row["members"]) for row in rows] == [
        ("post0", "[503]"),
        ("post1", "[504]"),
    ]


# An instant as every export writes it: ISO 8601 to the second, in UTC with its offset.
ISO_UTC = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00")


def time_fields(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every field of an export that holds an instant, by its name (`at`, `*_at`) or by its
    value (a number in the range of unix seconds, 2001 to 2096), with its path."""
    if isinstance(value, dict):
        for name, inner in value.items():
            where = f"{path}.{name}"
            if name == "at" or name.endswith("_at"):
                yield where, inner
            else:
                yield from time_fields(inner, where)
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            yield from time_fields(inner, f"{path}[{n}]")
    elif isinstance(value, int) and not isinstance(value, bool) and 10**9 <= value < 4 * 10**9:
        yield path, value


async def test_every_instant_in_an_export_is_iso_8601_utc(services: Services, store: Store) -> None:
    await seed_server(store, GUILD, MEMBER, OTHER)
    assert await services.privacy.request_forget(GUILD, MEMBER) is not None  # left open

    exported = await services.privacy.export(MEMBER)

    assert exported is not None
    document = json.loads(exported.data)
    [server] = document["servers"].values()
    assert set(server) - {"guild_id", "server_name"} == EVERY_PART | {"open_forget_requests"}
    found = dict(time_fields(document))
    assert found.pop(".exported_at") == "2026-11-25T12:00:00+00:00"
    sections = {where.split(".")[3].split("[")[0] for where in found}
    # Settings and decided queue posts hold no instant.
    assert sections == EVERY_PART - {"settings", "queue_posts_decided"} | {"open_forget_requests"}
    wrong = {
        where: value
        for where, value in found.items()
        if value is not None and not ISO_UTC.fullmatch(str(value))  # None: not happened
    }
    assert wrong == {}


async def test_a_member_with_nothing_stored_is_told_so(services: Services) -> None:
    assert await services.privacy.export(MEMBER) is None
    assert await services.privacy.request_forget(GUILD, MEMBER) is None


async def test_an_export_writes_discord_ids_as_text(services: Services) -> None:
    thread_id = 1_578_073_495_013_687_296  # past 2**53: a JavaScript reader would round it
    build = await services.builds.start(GUILD, MEMBER, "Camper", "Carry", None)
    await services.builds.set_post(build, thread_id, thread_id, thread_id, in_forum=True)

    exported = await services.privacy.export(MEMBER)

    assert exported is not None
    [row] = json.loads(exported.data)["servers"][str(GUILD)]["builds"]
    assert row["thread_id"] == str(thread_id)
    assert row["build_id"] == build.id  # Keitora's own numbers stay numbers


async def test_a_large_export_is_zipped(services: Services, store: Store) -> None:
    rows = [
        (GUILD, f"term{n}", "edit", MEMBER, n, json.dumps({"meaning": "x" * 300}))
        for n in range(4000)
    ]
    await store.executemany(
        "INSERT INTO glossary_history (guild_id, key, action, actor_id, at, after) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )

    exported = await services.privacy.export(MEMBER)

    assert exported is not None
    assert exported.filename.endswith(".zip")
    assert exported.rows == 4000
    assert len(exported.data) < ZIP_ABOVE
    with zipfile.ZipFile(io.BytesIO(exported.data)) as archive:
        [name] = archive.namelist()
        document = json.loads(archive.read(name))
    assert len(document["servers"][str(GUILD)]["glossary_edits"]) == 4000


@pytest.fixture
async def seeded(services: Services, store: Store) -> None:
    await seed_server(store, GUILD, MEMBER, OTHER)


async def test_a_second_forget_replaces_the_open_one_whose_confirmation_then_refuses(
    services: Services, seeded: None
) -> None:
    first = await services.privacy.request_forget(GUILD, MEMBER)
    second = await services.privacy.request_forget(OTHER_GUILD, MEMBER)
    assert first is not None
    assert second is not None
    assert second.id != first.id
    exported = await services.privacy.collect(MEMBER)
    assert len(exported[OTHER_GUILD]["open_forget_requests"]) == 1  # the first one is gone
    assert "open_forget_requests" not in exported[GUILD]
    replaced = "replaced by a newer /privacy forget"
    with pytest.raises(UserError, match=replaced):
        await services.privacy.cancel(MEMBER, MEMBER, first.id)
    with pytest.raises(UserError, match=replaced):
        await services.privacy.forget(MEMBER, MEMBER, first.id, keep_builds=True)
    assert await services.privacy.collect(MEMBER) == exported


async def test_no_confirmation_opens_while_a_forget_is_under_way(
    services: Services, seeded: None
) -> None:
    """The claimed confirmation is gone while the forget runs: a new one, for data not yet
    forgotten, must not start a second forget beside it."""
    entered, go_on = asyncio.Event(), asyncio.Event()

    async def nothing(member_id: int) -> Sections:
        return {}

    async def held(guild_id: int, member_id: int, keep_builds: bool) -> Forgotten:
        entered.set()
        await go_on.wait()
        return Forgotten()

    services.privacy.register(MemberData({}, nothing, held))
    request = await services.privacy.request_forget(GUILD, MEMBER)
    assert request is not None
    forgetting = asyncio.create_task(
        services.privacy.forget(MEMBER, MEMBER, request.id, keep_builds=True)
    )
    await entered.wait()

    try:
        with pytest.raises(UserError, match="being forgotten right now; nothing more was changed"):
            await asyncio.wait_for(services.privacy.request_forget(GUILD, MEMBER), 2)
        with pytest.raises(UserError, match="belongs to someone else"):  # not theirs to hear
            await asyncio.wait_for(
                services.privacy.forget(OTHER, MEMBER, request.id, keep_builds=True), 2
            )
    finally:  # a refusal that waited on the forget's transaction must not hold the test
        go_on.set()
        await forgetting
    assert await services.privacy.request_forget(GUILD, MEMBER) is None  # all done


async def test_another_members_click_or_a_late_click_changes_nothing(
    services: Services, store: Store, clock: ManualClock, seeded: None
) -> None:
    exported = await services.privacy.collect(MEMBER)
    request = await services.privacy.request_forget(GUILD, MEMBER)
    assert request is not None

    with pytest.raises(UserError, match="belongs to someone else"):
        await services.privacy.forget(OTHER, MEMBER, request.id, keep_builds=False)
    clock.advance(timedelta(minutes=10, seconds=1))
    with pytest.raises(UserError, match="expired"):
        await services.privacy.forget(MEMBER, MEMBER, request.id, keep_builds=False)

    assert await services.privacy.collect(MEMBER) == exported


async def test_a_kept_build_shows_a_former_member_as_its_owner(
    services: Services, store: Store, seeded: None
) -> None:
    request = await services.privacy.request_forget(GUILD, MEMBER)
    assert request is not None
    await services.privacy.forget(MEMBER, MEMBER, request.id, keep_builds=True)

    [kept] = await store.fetchall("SELECT id FROM builds WHERE owner_id = ?", (FORMER_MEMBER,))
    build = await services.builds.get(GUILD, kept["id"])
    card = render_card(build, await services.builds.totals(build))
    assert card.description is not None
    assert card.description.endswith("— by a former member")
    update_id = await store.fetchval(
        "SELECT id FROM build_updates WHERE build_id = ? AND author_id = ?",
        (build.id, FORMER_MEMBER),
    )
    update = await services.builds.update(GUILD, update_id)
    assert render_update(build, update, None).fields[0].value == "a former member"


async def test_an_expired_confirmation_is_not_exported_and_is_deleted(
    services: Services, store: Store, clock: ManualClock, seeded: None
) -> None:
    async def requests_stored() -> list[int]:
        rows = await store.fetchall("SELECT member_id FROM forget_requests ORDER BY member_id")
        return [row["member_id"] for row in rows]

    await services.privacy.request_forget(GUILD, MEMBER)
    assert "open_forget_requests" in (await services.privacy.collect(MEMBER))[GUILD]
    clock.advance(timedelta(minutes=10))
    # Open no more: nothing a member could still confirm, so not theirs to read as open.
    assert "open_forget_requests" not in (await services.privacy.collect(MEMBER))[GUILD]

    # Any new confirmation clears those that expired, whoever's they were.
    await services.privacy.request_forget(GUILD, OTHER)
    assert await requests_stored() == [OTHER]

    # The daily sweep clears those nobody followed with another.
    clock.advance(timedelta(minutes=9))
    await services.privacy.request_forget(GUILD, MEMBER)
    clock.advance(timedelta(minutes=2))
    assert await services.privacy.drop_expired_requests() == 1
    assert await requests_stored() == [MEMBER]
