from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.store import (
    MIGRATIONS_DIR,
    Store,
    StoreError,
    backup_database,
    containing,
    discover_migrations,
    from_row,
)


def write_migrations(directory: Path, *scripts: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for number, script in enumerate(scripts, start=1):
        (directory / f"{number:04d}_step{number}.sql").write_text(script)
    return directory


async def test_fresh_database_gets_every_shipped_migration(db_path: Path) -> None:
    async with await Store.open(db_path) as store:
        assert await store.schema_version() == len(discover_migrations(MIGRATIONS_DIR))
        tables = {row[0] for row in await store.fetchall("SELECT name FROM sqlite_master")}
        assert {"guild_settings", "jobs", "bot_state"} <= tables
        assert await store.fetchval("PRAGMA journal_mode") == "wal"
        assert await store.fetchval("PRAGMA foreign_keys") == 1
        assert await store.fetchval("PRAGMA busy_timeout") == 2000


async def test_a_commit_is_on_disk_before_the_store_says_it_is_done(db_path: Path) -> None:
    # FULL: in WAL mode NORMAL may lose the last commits to a power cut, though the member
    # was told their change worked and the outbox had sent what those commits recorded.
    async with await Store.open(db_path) as store:
        assert await store.fetchval("PRAGMA synchronous") == 2  # FULL
    # Chosen for speed, by an admin who accepts that loss: NORMAL.
    async with await Store.open(db_path, durable_commits=False) as store:
        assert await store.fetchval("PRAGMA synchronous") == 1  # NORMAL


async def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    migrations = write_migrations(
        tmp_path / "m",
        "CREATE TABLE counter (guild_id INTEGER, n INTEGER) STRICT;",
        "INSERT INTO counter VALUES (1, 1);",
    )
    path = tmp_path / "db.sqlite3"
    async with await Store.open(path, migrations) as store:
        assert await store.schema_version() == 2
    async with await Store.open(path, migrations) as store:
        assert await store.fetchval("SELECT count(*) FROM counter") == 1


async def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    migrations = write_migrations(
        tmp_path / "m",
        "CREATE TABLE kept (guild_id INTEGER) STRICT;",
        "CREATE TABLE half (guild_id INTEGER) STRICT;\nINSERT INTO missing_table VALUES (1);",
    )
    path = tmp_path / "db.sqlite3"
    with pytest.raises(StoreError, match=r"0002_step2\.sql"):
        await Store.open(path, migrations)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
        names = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
    raw.close()
    assert "kept" in names
    assert "half" not in names


PARENT_AND_CHILD = (
    "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;\n"
    "CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE)"
    " STRICT;\n"
    "INSERT INTO parent VALUES (1, 'kept'), (2, 'last');\n"
    "INSERT INTO child VALUES (1), (2);"
)


def rebuilt_parent(copied: str) -> str:
    return (
        "-- rebuilds tables: parent gets AUTOINCREMENT\n"
        "CREATE TABLE parent_new (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL)"
        " STRICT;\n"
        f"INSERT INTO parent_new SELECT * FROM parent WHERE {copied};\n"
        "DROP TABLE parent;\n"
        "ALTER TABLE parent_new RENAME TO parent;"
    )


async def test_a_migration_that_rebuilds_a_parent_table_keeps_its_children(
    tmp_path: Path,
) -> None:
    migrations = write_migrations(tmp_path / "m", PARENT_AND_CHILD, rebuilt_parent("1"))
    async with await Store.open(tmp_path / "db.sqlite3", migrations) as store:
        assert await store.fetchval("SELECT count(*) FROM child") == 2  # not cascaded away
        assert await store.fetchval("PRAGMA foreign_keys") == 1
        await store.execute("DELETE FROM parent WHERE id = 2")
        # AUTOINCREMENT: the id of the last row, deleted, is not given out again.
        assert await store.insert("INSERT INTO parent (name) VALUES ('new')") == 3
        assert await store.fetchval("SELECT count(*) FROM child") == 1  # cascades again


async def test_a_rebuild_that_breaks_a_foreign_key_is_rolled_back(tmp_path: Path) -> None:
    migrations = write_migrations(tmp_path / "m", PARENT_AND_CHILD, rebuilt_parent("id = 1"))
    path = tmp_path / "db.sqlite3"
    with pytest.raises(StoreError, match=r"0002_step2\.sql failed: 1 foreign keys broken"):
        await Store.open(path, migrations)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
        assert raw.execute("SELECT count(*) FROM parent").fetchone()[0] == 2
    raw.close()


async def test_a_key_broken_before_a_rebuild_does_not_stop_it(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    async with await Store.open(path, write_migrations(tmp_path / "m", PARENT_AND_CHILD)):
        pass
    with sqlite3.connect(path) as raw:  # foreign keys are off unless asked for
        raw.execute("INSERT INTO child VALUES (9)")
    raw.close()
    migrations = write_migrations(tmp_path / "m", PARENT_AND_CHILD, rebuilt_parent("1"))

    async with await Store.open(path, migrations) as store:
        assert await store.schema_version() == 2
        assert await store.fetchval("SELECT count(*) FROM child") == 3


async def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version = 999")
    raw.close()
    with pytest.raises(StoreError, match="newer Keitora"):
        await Store.open(path)


async def test_migration_files_must_be_numbered_without_gaps(tmp_path: Path) -> None:
    directory = tmp_path / "m"
    directory.mkdir()
    (directory / "0001_a.sql").write_text("SELECT 1;")
    (directory / "0003_c.sql").write_text("SELECT 1;")
    with pytest.raises(StoreError, match="expected 0002"):
        discover_migrations(directory)


async def test_triggers_survive_statement_splitting(tmp_path: Path) -> None:
    migrations = write_migrations(
        tmp_path / "m",
        """
        CREATE TABLE t (guild_id INTEGER, n INTEGER) STRICT;
        CREATE TRIGGER no_negative BEFORE INSERT ON t WHEN new.n < 0
        BEGIN
            SELECT raise(ABORT, 'negative');
        END;
        """,
    )
    async with await Store.open(tmp_path / "db.sqlite3", migrations) as store:
        with pytest.raises(sqlite3.IntegrityError, match="negative"):
            await store.execute("INSERT INTO t VALUES (1, -1)")


async def test_transaction_rolls_back_on_error(store: Store) -> None:
    with pytest.raises(RuntimeError):
        async with store.transaction():
            await store.set_state("a", "1")
            raise RuntimeError("boom")
    assert await store.get_state("a") is None
    async with store.transaction():
        await store.set_state("a", "2")
    assert await store.get_state("a") == "2"


async def test_statements_of_others_wait_outside_an_open_transaction(store: Store) -> None:
    import asyncio

    entered = asyncio.Event()
    release = asyncio.Event()

    async def rolled_back() -> None:
        with pytest.raises(RuntimeError):
            async with store.transaction():
                await store.set_state("inside", "x")
                entered.set()
                await release.wait()
                raise RuntimeError

    task = asyncio.create_task(rolled_back())
    await entered.wait()
    outside = asyncio.create_task(store.set_state("outside", "y"))
    await asyncio.sleep(0.01)
    assert not outside.done()  # it must not join the other coroutine's transaction
    release.set()
    await task
    await outside
    assert await store.get_state("inside") is None
    assert await store.get_state("outside") == "y"


async def test_backup_is_a_consistent_standalone_copy(store: Store, tmp_path: Path) -> None:
    for n in range(50):
        await store.set_state(f"k{n}", str(n))
    target = tmp_path / "copy" / "backup.sqlite3"
    backup_database(store.path, target)
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM bot_state").fetchone()[0] == 50
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    copy.close()


def test_backup_refuses_to_overwrite_the_database(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    sqlite3.connect(path).close()
    with pytest.raises(StoreError, match="database itself"):
        backup_database(path, path)


async def test_a_transaction_cancelled_while_waiting_for_the_lock_leaves_no_transaction_open(
    store: Store, db_path: Path
) -> None:
    import asyncio

    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    waiting_started = asyncio.Event()

    async def write() -> None:
        waiting_started.set()
        async with store.transaction():
            await store.set_state("lost", "1")

    task = asyncio.create_task(write())
    await waiting_started.wait()
    await asyncio.sleep(0.05)  # BEGIN IMMEDIATE is now waiting on the busy timeout
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    other.execute("ROLLBACK")
    other.close()

    async with store.transaction():  # would fail: "cannot start a transaction within a transaction"
        await store.set_state("kept", "1")
    reader = sqlite3.connect(db_path)
    assert reader.execute("SELECT key FROM bot_state").fetchall() == [("kept",)]
    reader.close()


async def test_a_failed_commit_rolls_back(tmp_path: Path) -> None:
    migrations = write_migrations(
        tmp_path / "m",
        """
        CREATE TABLE parent (id INTEGER PRIMARY KEY, guild_id INTEGER) STRICT;
        CREATE TABLE child (
            guild_id INTEGER,
            parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED
        ) STRICT;
        """,
    )
    async with await Store.open(tmp_path / "db.sqlite3", migrations) as store:
        with pytest.raises(sqlite3.IntegrityError):
            async with store.transaction():
                await store.execute("INSERT INTO child VALUES (1, 99)")  # checked at COMMIT
        async with store.transaction():
            await store.execute("INSERT INTO parent VALUES (1, 1)")
        assert await store.fetchval("SELECT count(*) FROM child") == 0
        assert await store.fetchval("SELECT count(*) FROM parent") == 1


async def test_a_task_started_inside_a_transaction_writes_after_it(store: Store) -> None:
    import asyncio

    async with store.transaction():
        await store.set_state("first", "1")
        spawned = asyncio.create_task(store.set_state("spawned", "1"))
        await asyncio.sleep(0.01)
        assert not spawned.done()  # it waits for the commit instead of joining the transaction
    await spawned
    assert await store.get_state("spawned") == "1"


@dataclass(frozen=True)
class _Row:
    id: int
    name: str
    tags: tuple[str, ...] = ()
    note: str = "none"


async def test_from_row_reads_columns_by_name_with_overrides_and_defaults(store: Store) -> None:
    row = await store.fetchone("SELECT 7 AS id, 'hijet' AS name, 'a,b' AS tags, 'x' AS extra")
    assert row is not None
    assert from_row(_Row, row, tags=("a", "b")) == _Row(7, "hijet", ("a", "b"))


async def test_a_containing_pattern_matches_percent_underscore_and_backslash_as_typed(
    store: Store,
) -> None:
    names = ["50% off", "500 off", "a_b", "axb", "c:\\d", "c:d"]
    found = {
        typed: [
            row["value"]
            for row in await store.fetchall(
                "SELECT value FROM json_each(?) WHERE value LIKE ? ESCAPE '\\'",
                (json.dumps(names), containing(typed)),
            )
        ]
        for typed in ("0%", "_", "\\")
    }
    assert found == {"0%": ["50% off"], "_": ["a_b"], "\\": ["c:\\d"]}
