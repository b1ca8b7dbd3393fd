"""The SQLite store: one connection, safe pragmas, transactions and numbered migrations.

- `connection`: `Store`, the one connection every service shares, its transactions and
  statements;
- `migrations`: the numbered migrations in data/migrations, applied and checked (`Schema`,
  which `Store` is);
- `files`: the database's files from outside the connection: a schema version read without
  changing it, an online backup, the lock a running bot holds;
- `rows`: `containing` for LIKE patterns of typed text, `from_row` for dataclasses;
- `errors`: `StoreError`, and `DatabaseInUse`.
"""

from bot.store.connection import SLOW_TRANSACTION, Params, Store
from bot.store.errors import DatabaseInUse, StoreError
from bot.store.files import (
    BUSY_TIMEOUT_MS,
    LOCK_SUFFIX,
    backup_database,
    lock_file,
    schema_version_of,
    sole_bot,
)
from bot.store.migrations import (
    CHECKSUMS_FROM,
    MIGRATION_NAME,
    MIGRATIONS_DIR,
    REBUILDS_TABLES,
    Migration,
    discover_migrations,
    split_statements,
)
from bot.store.rows import RowModel, containing, from_row

__all__ = [
    "BUSY_TIMEOUT_MS",
    "CHECKSUMS_FROM",
    "LOCK_SUFFIX",
    "MIGRATIONS_DIR",
    "MIGRATION_NAME",
    "REBUILDS_TABLES",
    "SLOW_TRANSACTION",
    "DatabaseInUse",
    "Migration",
    "Params",
    "RowModel",
    "Store",
    "StoreError",
    "backup_database",
    "containing",
    "discover_migrations",
    "from_row",
    "lock_file",
    "schema_version_of",
    "sole_bot",
    "split_statements",
]
