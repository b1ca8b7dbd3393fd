"""Rows a forget deletes leave their ids behind for good: jobs, and buttons on messages still in
Discord, are keyed by them, so a new importer, announcement, build or nomination with an old id
would find that id's finished jobs and be taken for done."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.client import Services
from bot.feeds import FEED_POLL_JOB
from bot.store import Store
from tests.feed_server import FeedServer, Item
from tests.old_schema import migrations_up_to
from tests.privacy_seed import seed_server

GUILD = 1001
FIRST, SECOND = 501, 502


async def forget(services: Services, member_id: int) -> None:
    request = await services.privacy.request_forget(GUILD, member_id)
    assert request is not None
    await services.privacy.forget(member_id, member_id, request.id, keep_builds=False)


async def test_a_new_importer_after_the_newest_was_forgotten_gets_its_feed_polled(
    services: Services, store: Store
) -> None:
    server = await FeedServer().start()
    try:
        server.serve_feed("/rss", [Item("Acty arrived", "https://kei.example/acty")])
        feed = server.url("/rss", host="localhost")  # a feed is read before it is saved
        first = await services.importers.register(GUILD, "Kei Imports", FIRST, feed_url=feed)
        # Its first poll ran: the job stays, done, for 60 days.
        await store.execute("UPDATE jobs SET state = 'done', finished_at = due_at")
        await forget(services, FIRST)

        second = await services.importers.register(GUILD, "Mini Truck Barn", SECOND, feed_url=feed)
    finally:
        await server.stop()

    assert second.id > first.id
    polls = await store.fetchall(
        "SELECT payload FROM jobs WHERE kind = ? AND state = 'pending'", (FEED_POLL_JOB,)
    )
    assert [json.loads(row["payload"])["importer_id"] for row in polls] == [second.id]


REMADE = ("builds", "showcase_nominations", "importers", "announcements")


@pytest.mark.parametrize("table", REMADE)
async def test_each_table_whose_ids_key_jobs_never_gives_an_id_out_twice(
    store: Store, table: str
) -> None:
    schema = await store.fetchval("SELECT sql FROM sqlite_master WHERE name = ?", (table,))
    assert "INTEGER PRIMARY KEY AUTOINCREMENT" in schema


async def test_the_migration_keeps_every_row_and_every_child_of_the_tables_it_remakes(
    tmp_path: Path,
) -> None:
    before = migrations_up_to(tmp_path / "migrations", 17)
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, before) as old:
        await seed_server(old, GUILD, FIRST, SECOND)
        counted = {table: await count(old, table) for table in await table_names(old)}
        indexes_and_triggers = await schema_of(old)
    assert all(counted[table] for table in REMADE)

    # Up to 0018 only: a later migration may change these tables' indexes on purpose (0023).
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0018", 18)) as upgraded:
        assert {table: await count(upgraded, table) for table in counted} == counted
        assert await schema_of(upgraded) == indexes_and_triggers
        assert await upgraded.integrity_problems() == []
        # The children still cascade from their remade parents (votes go first, as in a
        # forget: a ballot's votes are its history and do not cascade).
        await upgraded.execute("DELETE FROM showcase_votes")
        await upgraded.execute("DELETE FROM builds")
        assert await count(upgraded, "build_updates") == 0
        assert await count(upgraded, "showcase_nominations") == 0
        await upgraded.execute("DELETE FROM importers")
        assert await count(upgraded, "announcements") == 0
        assert await count(upgraded, "importer_feeds") == 0


async def schema_of(store: Store) -> set[tuple[str, str, str]]:
    """The indexes and triggers of the remade tables, as SQLite keeps them."""
    rows = await store.fetchall(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        "AND tbl_name IN (SELECT value FROM json_each(?))",
        (json.dumps(REMADE),),
    )
    return {(row["type"], row["name"], row["sql"]) for row in rows}


async def table_names(store: Store) -> list[str]:
    rows = await store.fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name <> 'schema_migrations'"
    )
    return [row["name"] for row in rows]


async def count(store: Store, table: str) -> int:
    return await store.fetchval(f"SELECT count(*) FROM {table}")


NAMED = 40  # an id a kept job names, past every row the seed leaves

# Each place an id deleted before the upgrade may still be named: (table, job kind, key,
# payload), or a queue post's row when the kind is None.
STILL_NAMED = [
    ("importers", "feed.poll", f"{NAMED}:1", {"importer_id": NAMED}),
    ("importers", "importer.post", f"{NAMED}:3", {"announcement_id": 3}),
    ("announcements", "alert.dm", "1:2:3", {"announcement_id": NAMED}),
    (
        "announcements",
        "modqueue.post",
        f"announcement:{NAMED}",
        {"kind": "announcement", "ref_id": NAMED},
    ),
    ("announcements", "modqueue.rejected", f"announcement:{NAMED}:77", {}),
    ("announcements", None, "announcement", {}),
    (
        "showcase_nominations",
        "modqueue.post",
        f"nomination:{NAMED}",
        {"kind": "nomination", "ref_id": NAMED},
    ),
    ("showcase_nominations", "modqueue.rejected", f"nomination:{NAMED}:77", {}),
    ("showcase_nominations", None, "nomination", {}),
]


@pytest.mark.parametrize(("table", "kind", "key", "payload"), STILL_NAMED)
@pytest.mark.parametrize("upgraded_from", [17, 18])
async def test_an_id_a_kept_job_or_post_names_is_not_given_out_after_the_upgrade(
    tmp_path: Path, upgraded_from: int, table: str, kind: str | None, key: str, payload: dict
) -> None:
    path = tmp_path / "old.sqlite3"
    migrations = migrations_up_to(tmp_path / "migrations", upgraded_from)
    async with await Store.open(path, migrations) as old:
        await seed_server(old, GUILD, FIRST, SECOND)
        assert await old.fetchval(f"SELECT max(id) FROM {table}") < NAMED
        if kind is None:
            await old.execute(
                "INSERT INTO modqueue_posts (guild_id, kind, ref_id, channel_id, message_id) "
                "VALUES (?, ?, ?, 1, 2)",
                (GUILD, key, NAMED),
            )
        else:
            await old.execute(
                "INSERT INTO jobs (guild_id, kind, key, payload, due_at, state, created_at, "
                "finished_at) VALUES (?, ?, ?, ?, 0, 'done', 0, 0)",
                (GUILD, kind, key, json.dumps(payload)),
            )

    async with await Store.open(path) as upgraded:
        assert await new_row(upgraded, table) > NAMED


async def new_row(store: Store, table: str) -> int:
    if table == "importers":
        return await store.insert(
            "INSERT INTO importers (guild_id, name, name_key, member_id, created_at) "
            "VALUES (?, 'New', 'new', 999, 0)",
            (GUILD,),
        )
    if table == "announcements":
        return await store.insert(
            "INSERT INTO announcements (guild_id, importer_id, source, title, title_key, status, "
            "created_at) SELECT guild_id, id, 'member', 'New', 'new', 'queued', 0 FROM importers "
            "LIMIT 1"
        )
    return await store.insert(
        "INSERT INTO showcase_nominations (guild_id, build_id, nominated_by, created_at) "
        "SELECT guild_id, id, 999, 0 FROM builds LIMIT 1"
    )
