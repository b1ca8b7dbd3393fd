"""bot.py as a member's admin runs it: a real subprocess, its exit code and what it prints."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.client.keitora import WORK_GRACE
from bot.jobs.queue import DEFAULT_LEASE
from bot.jobs.runner import SETTLING
from bot.store import Store
from tests.old_schema import migrations_up_to

REPO = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "DATABASE_PATH")}
    return subprocess.run(
        [sys.executable, str(REPO / "bot.py"), *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_a_token_it_explains_and_exits_2(tmp_path: Path) -> None:
    result = run_cli(cwd=tmp_path)
    assert result.returncode == 2
    assert "DISCORD_TOKEN is not set" in result.stderr
    # dev.py sets up the environment first; `python bot.py sandbox` fails outside .venv.
    assert "python3 dev.py sandbox" in result.stderr
    assert "python bot.py sandbox" not in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_systemd_does_not_restart_a_bot_stopped_by_its_configuration(tmp_path: Path) -> None:
    stopped = run_cli("run", cwd=tmp_path, DISCORD_TOKEN="")  # what exit 2 means
    unit = (REPO / "deploy" / "keitora.service").read_text()
    assert f"RestartPreventExitStatus={stopped.returncode}" in unit.splitlines()


def test_systemd_gives_a_stop_the_time_a_send_in_hand_may_take() -> None:
    """A stop waits for a scheduled send in hand up to its time limit (half the lease) and a
    margin, then hands it back: a unit that kills the bot sooner cuts it off unrecorded."""
    unit = (REPO / "deploy" / "keitora.service").read_text().splitlines()
    [timeout] = [line.split("=", 1)[1] for line in unit if line.startswith("TimeoutStopSec=")]
    # The send in hand is waited for, then the interactions in hand.
    longest_stop = DEFAULT_LEASE.total_seconds() / 2 + SETTLING + WORK_GRACE
    assert int(timeout) > longest_stop


def test_a_bad_variable_is_named_without_a_traceback(tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path, DISCORD_GUILD_IDS="abc")
    assert result.returncode == 2
    assert "DISCORD_GUILD_IDS='abc'" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_creates_and_verifies_a_fresh_database(tmp_path: Path) -> None:
    database = tmp_path / "new" / "keitora.sqlite3"
    result = run_cli("check", cwd=tmp_path, DATABASE_PATH=str(database))
    assert result.returncode == 0, result.stderr
    assert "integrity check: ok" in result.stdout
    assert database.is_file()
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] >= 1
    db.close()


def test_check_reports_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    database = tmp_path / "garbage.sqlite3"
    database.write_bytes(b"this is not sqlite" * 100)
    result = run_cli("check", cwd=tmp_path, DATABASE_PATH=str(database))
    assert result.returncode == 1
    assert "Database problem" in result.stderr
    assert "Traceback" not in result.stderr


def test_env_file_in_the_working_directory_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DATABASE_PATH=from-env-file.sqlite3\n")
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "from-env-file.sqlite3").is_file()


def test_a_log_read_by_a_pipe_or_journal_carries_no_colour_codes(tmp_path: Path) -> None:
    # discord.py would colour it in a container, where the journal keeps the escape codes.
    result = run_cli("check", cwd=tmp_path, DATABASE_PATH=str(tmp_path / "k.sqlite3"))
    assert result.returncode == 0, result.stderr
    assert "INFO     bot.store applied " in result.stderr
    assert "\x1b[" not in result.stderr


def test_a_new_database_logs_its_migrations_in_one_line(tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path, DATABASE_PATH=str(tmp_path / "k.sqlite3"))
    assert result.returncode == 0, result.stderr
    known = sorted((REPO / "data" / "migrations").glob("[0-9][0-9][0-9][0-9]_*.sql"))
    applied = [line for line in result.stderr.splitlines() if "applied" in line]
    assert len(applied) == 1, applied
    assert applied[0].endswith(
        f"applied {len(known)} migrations ({known[0].name[:4]}–{known[-1].name[:4]})"
    )


def test_backup_holds_the_same_rows_and_passes_integrity(tmp_path: Path) -> None:
    database = tmp_path / "keitora.sqlite3"
    assert run_cli("check", cwd=tmp_path, DATABASE_PATH=str(database)).returncode == 0
    with sqlite3.connect(database) as db:
        db.executemany(
            "INSERT INTO guild_roles (guild_id, kind, role_id) VALUES (?, 'moderator', ?)",
            [(guild, guild * 10) for guild in range(1, 101)],
        )
    db.close()
    target = tmp_path / "backups" / "copy.sqlite3"
    result = run_cli("backup", str(target), cwd=tmp_path, DATABASE_PATH=str(database))
    assert result.returncode == 0, result.stderr
    assert "integrity ok" in result.stdout
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = copy.execute(
            "SELECT guild_id, role_id FROM guild_roles ORDER BY guild_id"
        ).fetchall()
    copy.close()
    assert rows == [(guild, guild * 10) for guild in range(1, 101)]


def test_backup_of_a_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.sqlite3"
    result = run_cli("backup", "out.sqlite3", cwd=tmp_path, DATABASE_PATH=str(missing))
    assert result.returncode == 1
    assert "there is no database" in result.stderr


def test_an_unreachable_api_is_one_clear_line(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_cli(
        cwd=tmp_path,
        DISCORD_TOKEN="a.b.c",
        DISCORD_API_BASE=f"http://127.0.0.1:{port}/api/v10",
        DATABASE_PATH=str(tmp_path / "k.sqlite3"),
    )
    assert result.returncode == 1
    assert f"Could not reach http://127.0.0.1:{port}/api/v10" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_database_folder_that_cannot_be_made_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    result = run_cli("check", cwd=tmp_path, DATABASE_PATH=str(blocker / "k.sqlite3"))
    assert result.returncode == 1
    assert "Database problem: cannot create the folder" in result.stderr
    assert "Traceback" not in result.stderr


def fresh_database(tmp_path: Path) -> Path:
    database = tmp_path / "keitora.sqlite3"
    assert run_cli("check", cwd=tmp_path, DATABASE_PATH=str(database)).returncode == 0
    return database


def test_a_backup_into_a_folder_asks_for_a_file_name(tmp_path: Path) -> None:
    database = fresh_database(tmp_path)
    folder = tmp_path / "backups"
    folder.mkdir()
    result = run_cli("backup", str(folder), cwd=tmp_path, DATABASE_PATH=str(database))
    assert result.returncode == 1
    assert f"{folder} is a folder; name the backup file in it" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.glob("*.partial")) == []


def test_a_backup_never_overwrites_the_live_databases_own_files(tmp_path: Path) -> None:
    database = fresh_database(tmp_path)
    live = sqlite3.connect(database)  # a running bot keeps its write-ahead log open
    try:
        live.execute("INSERT INTO guild_roles (guild_id, kind, role_id) VALUES (1, 'moderator', 2)")
        live.commit()
        log = database.with_name(database.name + "-wal")
        before = log.read_bytes()
        result = run_cli("backup", str(log), cwd=tmp_path, DATABASE_PATH=str(database))
        assert result.returncode == 1
        assert "is the database's own -wal file; choose another path" in result.stderr
        assert log.read_bytes() == before
        assert live.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        live.close()


def test_a_backup_that_cannot_be_written_is_one_clear_line(tmp_path: Path) -> None:
    database = fresh_database(tmp_path)
    result = run_cli("backup", "/proc/keitora.sqlite3", cwd=tmp_path, DATABASE_PATH=str(database))
    assert result.returncode == 1
    assert "Could not back up" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_backup_of_a_file_that_is_not_a_database_is_one_clear_line(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not sqlite" * 100)
    result = run_cli("backup", "copy.sqlite3", cwd=tmp_path, DATABASE_PATH=str(garbage))
    assert result.returncode == 1
    assert "Could not back up" in result.stderr
    assert "file is not a database" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_warns_when_feeds_may_reach_private_addresses(tmp_path: Path) -> None:
    database = str(tmp_path / "k.sqlite3")
    result = run_cli("check", cwd=tmp_path, DATABASE_PATH=database, FEED_ALLOW_PRIVATE="on")
    assert result.returncode == 0, result.stderr
    assert (
        "warning: FEED_ALLOW_PRIVATE is on, so an importer's feed address may reach this "
        "machine and its private network (cloud metadata, admin pages): for tests and the "
        "sandbox only"
    ) in result.stdout
    quiet = run_cli("check", cwd=tmp_path, DATABASE_PATH=database)
    assert "FEED_ALLOW_PRIVATE" not in quiet.stdout


def test_a_backup_that_fails_leaves_no_partial_file(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not sqlite" * 100)
    result = run_cli("backup", "copy.sqlite3", cwd=tmp_path, DATABASE_PATH=str(garbage))
    assert result.returncode == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["garbage.sqlite3"]


def test_a_database_whose_path_reads_as_a_url_is_backed_up_whole(tmp_path: Path) -> None:
    # SQLite opens the source by URI: a path's '#' once ended it there, so `bots #1/…` was read
    # as `bots `, made empty, and reported backed up with its integrity ok.
    folder = tmp_path / "bots #1 100%?"
    database = folder / "keitora.sqlite3"
    assert run_cli("check", cwd=tmp_path, DATABASE_PATH=str(database)).returncode == 0
    with sqlite3.connect(database) as db:
        db.execute("INSERT INTO guild_roles (guild_id, kind, role_id) VALUES (1, 'moderator', 2)")
    db.close()
    target = tmp_path / "copy.sqlite3"
    result = run_cli("backup", str(target), cwd=tmp_path, DATABASE_PATH=str(database))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT guild_id, role_id FROM guild_roles").fetchall() == [(1, 2)]
    copy.close()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bots #1 100%?", "copy.sqlite3"]


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_a_backup_stopped_midway_says_so_and_leaves_nothing(tmp_path: Path, stop: int) -> None:
    # Ctrl-C, or a timer's timeout: a script running `backup X && upload X` must not go on.
    database = tmp_path / "keitora.sqlite3"
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")  # the copy waits for this lock: time to stop it
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_PATH"}
    try:
        backup = subprocess.Popen(
            [sys.executable, str(REPO / "bot.py"), "backup", "copy.sqlite3"],
            cwd=tmp_path,
            env={**clean, "DATABASE_PATH": str(database)},
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(200):
            if (tmp_path / "copy.sqlite3.partial").exists():
                break
            time.sleep(0.01)
        backup.send_signal(stop)
        _, errors = backup.communicate(timeout=30)
    finally:
        holder.close()
    assert backup.returncode == 1, errors
    assert "Backup stopped before it finished; nothing was written to copy.sqlite3." in errors
    assert "Traceback" not in errors
    assert sorted(path.name for path in tmp_path.iterdir()) == ["keitora.sqlite3"]


def test_check_warns_when_other_users_can_read_the_token_in_env(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("DISCORD_TOKEN=MTA5.abc.def\n")
    warning = (
        "warning: .env holds DISCORD_TOKEN and other users of this machine can read it; "
        "make it yours alone: chmod 600 .env"
    )
    database = str(tmp_path / "k.sqlite3")
    env_file.chmod(0o644)  # as a shell's usual umask makes it
    shared = run_cli("check", cwd=tmp_path, DATABASE_PATH=database)
    assert shared.returncode == 0, shared.stderr
    assert warning in shared.stdout
    assert "MTA5.abc.def" not in shared.stdout + shared.stderr

    env_file.chmod(0o600)
    assert warning not in run_cli("check", cwd=tmp_path, DATABASE_PATH=database).stdout
    # A token set in the environment is not the file's to leak.
    env_file.write_text("LOG_LEVEL=INFO\n")
    env_file.chmod(0o644)
    assert warning not in run_cli("check", cwd=tmp_path, DATABASE_PATH=database).stdout


def test_a_backup_never_replaces_the_running_bots_lock(tmp_path: Path) -> None:
    # Renamed over the lock a running bot holds, a second bot would find the file free.
    database = fresh_database(tmp_path)
    lock = database.with_name(database.name + "-lock")
    result = run_cli("backup", str(lock), cwd=tmp_path, DATABASE_PATH=str(database))
    assert result.returncode == 1
    assert "is the database's own -lock file; choose another path" in result.stderr
    assert not lock.exists()


def test_check_does_not_migrate_a_database_a_running_bot_uses(tmp_path: Path) -> None:
    # `git pull && python3 dev.py check` with the old bot still running: the new schema would
    # change under code that does not know it.
    database = tmp_path / "keitora.sqlite3"
    asyncio.run(_open_and_close(database, migrations_up_to(tmp_path / "old", 20)))
    with held_like_a_running_bot(database, pid=4321):
        result = run_cli("check", cwd=tmp_path, DATABASE_PATH=str(database))
        assert result.returncode == 1
        assert (
            f"Database problem: another Keitora (process 4321) is running on {database}; stop "
            "it first: this release's migrations 21 to "
        ) in result.stderr
        with sqlite3.connect(database) as db:
            assert db.execute("PRAGMA user_version").fetchone()[0] == 20
        db.close()

    assert run_cli("check", cwd=tmp_path, DATABASE_PATH=str(database)).returncode == 0
    # Nothing left to apply: a running bot's database is checked as ever.
    with held_like_a_running_bot(database, pid=4321):
        result = run_cli("check", cwd=tmp_path, DATABASE_PATH=str(database))
    assert result.returncode == 0, result.stderr
    assert "integrity check: ok" in result.stdout


async def _open_and_close(database: Path, migrations: Path) -> None:
    async with await Store.open(database, migrations):
        pass


@contextlib.contextmanager
def held_like_a_running_bot(database: Path, *, pid: int) -> Iterator[None]:
    with database.with_name(database.name + "-lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        lock.write(str(pid))
        lock.flush()
        yield


def test_the_sandbox_stays_off_a_database_a_running_bot_uses(tmp_path: Path) -> None:
    # Its pretend Discord has none of the real servers: had it reconciled them as removed,
    # the running bot's own purge job would delete their data 30 days on.
    database = fresh_database(tmp_path)
    script = tmp_path / "script.txt"
    script.write_text("/help\n")
    with held_like_a_running_bot(database, pid=4321):
        result = run_cli("sandbox", "--db", str(database), "--script", str(script), cwd=tmp_path)
    assert result.returncode == 1
    assert (
        f"Database problem: another Keitora (process 4321) is running on {database}; stop it first"
    ) in result.stderr
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM guilds").fetchone()[0] == 0
    db.close()
