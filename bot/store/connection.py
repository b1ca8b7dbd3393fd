"""The one connection every service shares: safe pragmas, transactions and statements."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
import traceback
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from bot.store.errors import StoreError
from bot.store.files import BUSY_TIMEOUT_MS, make_folder_for
from bot.store.migrations import MIGRATIONS_DIR, Schema, discover_migrations

# The name the log has always shown for the store, whichever of its modules writes.
log = logging.getLogger("bot.store")

SLOW_TRANSACTION = 0.25  # seconds a transaction may hold the write lock before the log says so

Params = Sequence[Any] | dict[str, Any]


class Store(Schema):
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
    async def open(
        cls,
        path: str | Path,
        migrations_dir: Path = MIGRATIONS_DIR,
        *,
        durable_commits: bool = True,
    ) -> Store:
        """Open (creating if needed) the database at `path` and bring its schema up to date.

        A commit is on disk before it returns (`synchronous=FULL`): the project tells a member
        a change worked, and the outbox counts a message sent, only once it is committed, and
        in WAL mode NORMAL may lose the last commits to a power cut (never to a crash of the
        bot alone). Without `durable_commits`, commits wait for no disk, for that risk: on a
        shared 2-core host an RSVP click went 25-35 % faster (bench.rsvp, 2,000 members).
        """
        path = Path(path)
        if str(path) != ":memory:":
            make_folder_for(path)
        try:
            connection = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database at {path}: {exc}") from exc
        connection.row_factory = aiosqlite.Row
        store = cls(connection, path)
        try:
            await store._configure(durable_commits)
            await store.migrate(discover_migrations(migrations_dir))
        except BaseException:
            await connection.close()
            raise
        return store

    async def _configure(self, durable_commits: bool) -> None:
        try:
            for pragma in (
                "PRAGMA journal_mode=WAL",
                "PRAGMA foreign_keys=ON",
                f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
                f"PRAGMA synchronous={'FULL' if durable_commits else 'NORMAL'}",
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
