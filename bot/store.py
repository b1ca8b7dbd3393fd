"""The SQLite store: one connection, safe pragmas, transactions and numbered migrations."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import logging
import os
import re
import sqlite3
import time
import traceback
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

try:
    import fcntl
except ImportError:  # Windows, where nothing stops a second bot on one database
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "data" / "migrations"
MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# A statement waiting on another connection's write gives up inside Discord's 3-second window,
# so the member still gets an answer (an error with a reference) instead of silence.
BUSY_TIMEOUT_MS = 2000
SLOW_TRANSACTION = 0.25  # seconds a transaction may hold the write lock before the log says so
CHECKSUMS_FROM = 3  # the first migration that creates schema_migrations
REBUILDS_TABLES = "-- rebuilds tables"
LOCK_SUFFIX = "-lock"  # beside the database, the lock a running bot holds (`sole_bot`)

Params = Sequence[Any] | dict[str, Any]
RowModel = TypeVar("RowModel")


class StoreError(Exception):
    """The database cannot be used as it is; the message says why and what to do."""


class DatabaseInUse(StoreError):
    """Another bot runs on the database (`sole_bot`)."""


@dataclass(frozen=True)
class Migration:
    version: int
    path: Path

    def text(self) -> str:
        # Line endings folded, so a checkout that converts them does not look edited.
        return self.path.read_text(encoding="utf-8").replace("\r\n", "\n")

    def statements(self) -> list[str]:
        return split_statements(self.text())

    def checksum(self) -> str:
        return hashlib.sha256(self.text().encode()).hexdigest()

    @property
    def rebuilds_tables(self) -> bool:
        """Whether it starts with `REBUILDS_TABLES`: it runs with foreign keys off, as SQLite
        requires for recreating a table (dropping a parent would otherwise delete its
        children), and is committed only if every foreign key still holds afterwards."""
        return self.text().startswith(REBUILDS_TABLES)


def split_statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (triggers included).

    `executescript` would commit any open transaction first, so migrations run statement by
    statement inside their own transaction instead.
    """
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statement = pending.strip()
            if statement.rstrip(";").strip() and not _only_comments(statement):
                statements.append(statement)
            pending = ""
    if pending.strip() and not _only_comments(pending):
        raise StoreError(f"incomplete SQL statement at the end of a migration: {pending.strip()!r}")
    return statements


def _only_comments(sql: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in sql.splitlines())


def discover_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migrations in `directory`, numbered 1, 2, 3… with no gaps or duplicates."""
    migrations = []
    for path in sorted(directory.glob("*.sql")):
        match = MIGRATION_NAME.match(path.name)
        if not match:
            raise StoreError(f"migration file {path.name} is not named NNNN_name.sql")
        migrations.append(Migration(int(match.group(1)), path))
    for expected, migration in enumerate(migrations, start=1):
        if migration.version != expected:
            raise StoreError(
                f"migrations must be numbered without gaps: expected {expected:04d}, "
                f"found {migration.path.name}"
            )
    return migrations


class Store:
    """One aiosqlite connection shared by every service.

    All statements go through one lock so that a task's statement never lands inside another
    task's open transaction; statements issued inside `transaction()` by the task that opened it
    run without re-taking the lock.
    """

    def __init__(
        self,
        connection: aiosqlite.Connection,
        path: Path,
        *,
        slow_transaction: float = SLOW_TRANSACTION,
    ) -> None:
        self._db = connection
        self.path = path
        self.slow_transaction = slow_transaction
        self._lock = asyncio.Lock()
        self._owner: asyncio.Task[Any] | None = None  # the task inside `transaction()`, if any

    @classmethod
    async def open(cls, path: str | Path, migrations_dir: Path = MIGRATIONS_DIR) -> Store:
        """Open (creating if needed) the database at `path` and bring its schema up to date."""
        path = Path(path)
        if str(path) != ":memory:":
            _make_folder_for(path)
        try:
            connection = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database at {path}: {exc}") from exc
        connection.row_factory = aiosqlite.Row
        store = cls(connection, path)
        try:
            await store._configure()
            await store.migrate(discover_migrations(migrations_dir))
        except BaseException:
            await connection.close()
            raise
        return store

    async def _configure(self) -> None:
        try:
            for pragma in (
                "PRAGMA journal_mode=WAL",
                "PRAGMA foreign_keys=ON",
                f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
                "PRAGMA synchronous=NORMAL",
            ):
                await self._db.execute(pragma)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a usable SQLite database: {exc}") from exc

    async def close(self) -> None:
        async with self._lock:
            await self._db.execute("PRAGMA optimize")
            await self._db.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # -- schema -------------------------------------------------------------------------------

    async def schema_version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        assert row is not None
        return int(row[0])

    async def migrate(self, migrations: list[Migration]) -> list[int]:
        """Apply the migrations newer than the database, each in its own transaction."""
        current = await self.schema_version()
        newest = migrations[-1].version if migrations else 0
        if current > newest:
            raise StoreError(
                f"{self.path} was written by a newer Keitora (schema {current}; this version "
                f"knows up to {newest}). Upgrade Keitora, or restore a backup made by this version."
            )
        applied = []
        for migration in migrations:
            if migration.version <= current:
                continue
            try:
                await self._apply(migration)
            except sqlite3.Error as exc:
                raise StoreError(f"migration {migration.path.name} failed: {exc}") from exc
            log.info("applied migration %s", migration.path.name)
            applied.append(migration.version)
        await self._verify_checksums(migrations)
        return applied

    async def _apply(self, migration: Migration) -> None:
        if migration.rebuilds_tables:
            # Outside the transaction: inside one, SQLite ignores this pragma.
            await self._db.execute("PRAGMA foreign_keys=OFF")
        try:
            async with self.transaction():
                # A key broken before (by hand, say) is not this migration's to refuse.
                broken_before = await self._broken_keys() if migration.rebuilds_tables else set()
                for statement in migration.statements():
                    await self._db.execute(statement)
                if migration.rebuilds_tables:
                    broken = sorted(await self._broken_keys() - broken_before)
                    if broken:
                        table, row = broken[0][0], broken[0][1]
                        raise sqlite3.IntegrityError(
                            f"{len(broken)} foreign keys broken, the first in {table} row {row}"
                        )
                # user_version lives in the database header and is part of the transaction.
                await self._db.execute(f"PRAGMA user_version = {migration.version:d}")
        finally:
            if migration.rebuilds_tables:
                await self._db.execute("PRAGMA foreign_keys=ON")

    async def _broken_keys(self) -> set[tuple[Any, ...]]:
        return {tuple(row) for row in await self.fetchall("PRAGMA foreign_key_check")}

    async def _verify_checksums(self, migrations: list[Migration]) -> None:
        """Refuse a database whose applied migrations differ from the files that made it.

        A landed migration that was edited afterwards leaves databases made before and after the
        edit with different schemas under one version number. Migrations applied before
        checksums were kept are recorded as they are now.
        """
        if await self.schema_version() < CHECKSUMS_FROM:
            return
        recorded = {
            row["version"]: row["sha256"]
            for row in await self.fetchall("SELECT version, sha256 FROM schema_migrations")
        }
        for migration in migrations:
            if migration.version in recorded:
                if recorded[migration.version] != migration.checksum():
                    raise StoreError(
                        f"migration {migration.path.name} was edited after {self.path} applied "
                        "it. A landed migration must never change: restore the file as it was "
                        "released and put the change in a new migration."
                    )
                continue
            await self.execute(
                "INSERT INTO schema_migrations (version, name, sha256, applied_at) "
                "VALUES (?, ?, ?, unixepoch())",
                (migration.version, migration.path.name, migration.checksum()),
            )

    async def integrity_problems(self) -> list[str]:
        """What `PRAGMA integrity_check` and `foreign_key_check` report; empty when sound."""
        rows = await self.fetchall("PRAGMA integrity_check")
        problems = [str(row[0]) for row in rows if row[0] != "ok"]
        problems += [
            f"foreign key violation in {row[0]} row {row[1]} (parent {row[2]})"
            for row in await self.fetchall("PRAGMA foreign_key_check")
        ]
        return problems

    # -- statements ---------------------------------------------------------------------------

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """`BEGIN IMMEDIATE` … `COMMIT`, or `ROLLBACK` when anything fails or is cancelled.

        Only the task that opened the transaction writes inside it; any other task, even one it
        started, waits for the commit (so a transaction must not await another task's SQL).
        """
        task = asyncio.current_task()
        if self._owner is task:
            raise StoreError("transactions do not nest")
        async with self._lock:
            self._owner = task
            try:
                await self._db.execute("BEGIN IMMEDIATE")
                began = time.monotonic()
                yield
                await self._db.execute("COMMIT")
            except BaseException:
                await asyncio.shield(self._rollback())
                raise
            finally:
                self._owner = None
            self._warn_if_slow(time.monotonic() - began)

    def _warn_if_slow(self, held: float) -> None:
        # Every other write (and every statement of this connection) waits meanwhile, and a
        # member's interaction has 3 seconds in all: a slow transaction is worth a line.
        if held > self.slow_transaction:
            caller = traceback.extract_stack(limit=4)[0]
            log.warning(
                "a transaction held the write lock for %.0f ms (%s:%d in %s)",
                held * 1000,
                caller.filename,
                caller.lineno,
                caller.name,
            )

    async def _rollback(self) -> None:
        # After a cancel, BEGIN may still be queued on the connection's thread: a ROLLBACK queued
        # behind it ends it. After a failed BEGIN or COMMIT there may be nothing to roll back.
        with contextlib.suppress(sqlite3.OperationalError):
            await self._db.execute("ROLLBACK")

    @asynccontextmanager
    async def _statement_turn(self) -> AsyncIterator[None]:
        if self._owner is not None and self._owner is asyncio.current_task():
            yield
        else:
            async with self._lock:
                yield

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the number of rows it changed."""
        async with self._statement_turn():
            cursor = await self._db.execute(sql, params)
            return cursor.rowcount

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT; returns the new row's id."""
        async with self._statement_turn():
            cursor = await self._db.execute(sql, params)
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        async with self._statement_turn():
            await self._db.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        async with self._statement_turn():
            cursor = await self._db.execute(sql, params)
            return await cursor.fetchone()

    async def fetchall(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        async with self._statement_turn():
            cursor = await self._db.execute(sql, params)
            return list(await cursor.fetchall())

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row, or None when there is no row."""
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    # -- bot-wide state -----------------------------------------------------------------------

    async def get_state(self, key: str) -> str | None:
        return await self.fetchval("SELECT value FROM bot_state WHERE key = ?", (key,))

    async def set_state(self, key: str, value: str) -> None:
        await self.execute(
            "INSERT INTO bot_state (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def _make_folder_for(database: Path) -> None:
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder for {database}: {exc}") from exc


def _read_only(database: Path) -> sqlite3.Connection:
    # By URI, which must be quoted: a '#' or '?' in a plain path would end it there, and
    # SQLite would open (and make, empty) another file, without the read-only mode.
    return sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)


def schema_version_of(database: Path) -> int:
    """The schema version of the database at `database`, read without changing it; 0 for none."""
    if not database.is_file():
        return 0
    connection = _read_only(database)
    try:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{database} is not a usable SQLite database: {exc}") from exc
    finally:
        connection.close()


def containing(typed: str) -> str:
    """A LIKE pattern, to use with ESCAPE '\\', for text holding `typed` as typed: its % and _
    match only themselves."""
    return "%" + typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def from_row(model: type[RowModel], row: sqlite3.Row, **overrides: Any) -> RowModel:
    """The dataclass `model` built from the row's columns of the same names.

    `overrides` supply fields the row holds in another form (JSON text, a flag as 0/1); fields
    neither the row nor `overrides` name keep their defaults.
    """
    columns = set(row.keys())
    values = {
        field.name: row[field.name]
        for field in dataclasses.fields(model)  # type: ignore[arg-type]
        if field.name in columns and field.name not in overrides
    }
    return model(**values, **overrides)


def backup_database(source: Path, target: Path) -> None:
    """Copy `source` to `target` with SQLite's online backup API, safe while the bot writes.

    The copy is written beside `target` and renamed into place, so `target` is never half-made,
    and removed when the copy fails or is interrupted.
    """
    if not source.is_file():
        raise StoreError(f"there is no database at {source}")
    if target.resolve() == source.resolve():
        raise StoreError("the backup path is the database itself; choose another path")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)  # left by a backup killed outright
    try:
        _copy_database(source, partial)
        partial.replace(target)
    except BaseException:
        # A half-made copy would only fill the disk, or pass for a backup.
        partial.unlink(missing_ok=True)
        raise


def _between_tries(status: int, remaining: int, total: int) -> None:
    """Does nothing: running Python at all is what lets a pending signal in."""


def _copy_database(source: Path, copy: Path) -> None:
    src = _read_only(source)
    try:
        src.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        dst = sqlite3.connect(copy)
        try:
            # In one step, since a copy made in steps starts over whenever the bot writes; the
            # callback runs Python between tries while the database is locked, which lets a
            # Ctrl-C or SIGTERM stop a copy that would otherwise wait in C for good.
            src.backup(dst, progress=_between_tries)
            # A copy in WAL mode would need its -wal file beside it; a backup must stand alone.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def lock_file(database: Path) -> Path:
    """Where a bot running on `database` holds its lock; no bot ever ran there without it."""
    return database.with_name(database.name + LOCK_SUFFIX)


@contextlib.contextmanager
def sole_bot(database: Path) -> Iterator[None]:
    """Held while a bot runs on `database`; a second one there is refused with a StoreError
    naming the first. Both would answer every command members send (two meetups for one
    /meetup create). The lock is the kernel's, gone with the process however it ends, so it is
    never left behind by a crash."""
    if fcntl is None:
        yield
        return
    lock_path = lock_file(database)
    _make_folder_for(database)
    try:
        lock = lock_path.open("a+", encoding="ascii")
    except OSError as exc:
        raise StoreError(f"cannot create {lock_path}: {exc}") from exc
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "unknown"
            raise DatabaseInUse(
                f"another Keitora (process {holder}) is running on {database}; stop it first"
            ) from None
        lock.truncate(0)
        lock.write(str(os.getpid()))
        lock.flush()
        yield
