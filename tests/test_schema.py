"""The schema enforces what it can: server rows hang from `guilds`, landed migrations never change,
and a slow transaction is named in the log."""

from __future__ import annotations

import asyncio
import logging
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.store import MIGRATIONS_DIR, Store, StoreError, discover_migrations
from tests.old_schema import migrations_up_to

GUILD, OTHER = 100, 200


def guild_scoped_tables(connection: sqlite3.Connection) -> list[str]:
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return [
        table
        for table in tables
        if table != "guilds"
        and any(
            column[1] == "guild_id" for column in connection.execute(f"PRAGMA table_info({table})")
        )
    ]


async def test_every_table_with_a_guild_id_cascades_from_guilds_and_creates_its_parent(
    store: Store,
) -> None:
    connection = sqlite3.connect(store.path)
    try:
        tables = guild_scoped_tables(connection)
        assert {"glossary_entries", "jobs"} <= set(tables)
        # A table may have several triggers (the public calendar counts changes to meetups).
        triggers: dict[str, str] = {}
        for table, sql in connection.execute(
            "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
        ):
            triggers[table] = triggers.get(table, "") + sql
        for table in tables:
            keys = connection.execute(f"PRAGMA foreign_key_list({table})").fetchall()
            to_guilds = [key for key in keys if key[2] == "guilds" and key[3] == "guild_id"]
            assert to_guilds, f"{table}.guild_id does not reference guilds"
            assert to_guilds[0][6] == "CASCADE", f"{table} does not cascade a server's deletion"
            assert "INSERT OR IGNORE INTO guilds" in triggers.get(table, ""), (
                f"{table} has no trigger creating its guilds row"
            )
    finally:
        connection.close()


async def test_deleting_a_server_deletes_every_row_it_owns_and_nothing_else(store: Store) -> None:
    for guild in (GUILD, OTHER):
        await store.execute(
            "INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (?, 'UTC', 0)",
            (guild,),
        )
        await store.execute(
            "INSERT INTO guild_channels (guild_id, kind, channel_id) VALUES (?, 'glossary', 1)",
            (guild,),
        )
        await store.execute(
            "INSERT INTO glossary_entries (guild_id, key, hidden, updated_by, updated_at) "
            "VALUES (?, 'kei', 1, 1, 0)",
            (guild,),
        )
        await store.execute(
            "INSERT INTO jobs (guild_id, kind, key, due_at, created_at) VALUES (?, 'k', ?, 0, 0)",
            (guild, f"job-{guild}"),
        )
    assert await store.fetchval("SELECT count(*) FROM guilds") == 2

    await store.execute("DELETE FROM guilds WHERE guild_id = ?", (GUILD,))

    for table in ("guild_settings", "guild_channels", "glossary_entries", "jobs"):
        owners = [row[0] for row in await store.fetchall(f"SELECT guild_id FROM {table}")]
        assert owners == [OTHER], table


async def test_upgrading_from_schema_2_keeps_every_row(tmp_path: Path) -> None:
    early = migrations_up_to(tmp_path / "migrations", 2)
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, early) as old:
        await old.execute(
            "INSERT INTO guild_settings (guild_id, timezone, updated_at, daily_word_hour) "
            "VALUES (?, 'America/Denver', 5, 7)",
            (GUILD,),
        )
        await old.execute(
            "INSERT INTO glossary_suggestions (guild_id, member_id, term, meaning, created_at) "
            "VALUES (?, 42, 'tenbin', 'a balance', 9)",
            (OTHER,),
        )
    async with await Store.open(path) as upgraded:
        assert await upgraded.fetchval("SELECT daily_word_hour FROM guild_settings") == 7
        assert await upgraded.fetchval("SELECT term FROM glossary_suggestions") == "tenbin"
        guilds = [
            row[0] for row in await upgraded.fetchall("SELECT guild_id FROM guilds ORDER BY 1")
        ]
        assert guilds == [GUILD, OTHER]
        assert await upgraded.integrity_problems() == []


async def test_an_edited_landed_migration_is_refused(tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations)
    path = tmp_path / "keitora.sqlite3"
    async with await Store.open(path, migrations) as store:
        recorded = await store.fetchval("SELECT count(*) FROM schema_migrations")
        assert recorded == len(discover_migrations(migrations))
    first = sorted(migrations.glob("0001_*.sql"))[0]
    first.write_text(first.read_text() + "\n-- a later edit\n")

    with pytest.raises(StoreError, match=r"0001_.*was edited"):
        await Store.open(path, migrations)


async def test_line_endings_alone_do_not_count_as_an_edit(tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations)
    path = tmp_path / "keitora.sqlite3"
    await (await Store.open(path, migrations)).close()
    first = sorted(migrations.glob("0001_*.sql"))[0]
    first.write_bytes(first.read_bytes().replace(b"\n", b"\r\n"))

    await (await Store.open(path, migrations)).close()


async def test_a_transaction_holding_the_lock_too_long_is_logged_with_its_caller(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    store.slow_transaction = 0.05
    with caplog.at_level(logging.WARNING, logger="bot.store"):
        async with store.transaction():
            await store.execute("INSERT INTO bot_state (key, value) VALUES ('a', 'b')")
        assert not caplog.records
        async with store.transaction():
            await asyncio.sleep(0.1)
    [record] = caplog.records
    assert "held the write lock" in record.getMessage()
    assert "test_schema.py" in record.getMessage()
