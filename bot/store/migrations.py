"""Numbered migrations: found in data/migrations, applied in order each in its own
transaction, and checked against the files that made the database."""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.store.errors import StoreError

if TYPE_CHECKING:
    import aiosqlite

# The name the log has always shown for the store, whichever of its modules writes.
log = logging.getLogger("bot.store")

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "migrations"
MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
CHECKSUMS_FROM = 3  # the first migration that creates schema_migrations
REBUILDS_TABLES = "-- rebuilds tables"


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


class Schema:
    """The schema's version, its migrations and its soundness; `Store` is one, and gives it
    its connection, `transaction` and statements."""

    _db: aiosqlite.Connection
    path: Path

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
            log.debug("applied migration %s", migration.path.name)
            applied.append(migration.version)
        if applied:  # one line: a new database would otherwise log one per migration
            log.info(
                "applied %d migration%s (%04d–%04d)",
                len(applied),
                "" if len(applied) == 1 else "s",
                applied[0],
                applied[-1],
            )
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
