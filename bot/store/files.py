"""The database's files seen from outside the bot's connection: its folder, its schema
version read without changing it, an online backup, and the lock a running bot holds."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from bot.store.errors import DatabaseInUse, StoreError

try:
    import fcntl
except ImportError:  # Windows, where nothing stops a second bot on one database
    fcntl = None  # type: ignore[assignment]

# A statement waiting on another connection's write gives up inside Discord's 3-second window,
# so the member still gets an answer (an error with a reference) instead of silence.
BUSY_TIMEOUT_MS = 2000
LOCK_SUFFIX = "-lock"  # beside the database, the lock a running bot holds (`sole_bot`)


def make_folder_for(database: Path) -> None:
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
    make_folder_for(database)
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
