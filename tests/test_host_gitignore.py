"""What the admin's and the tester's tools write inside a checkout stays out of git: databases,
their backups (also half-written ones) and the files the sandbox saves, which hold members'
exported data."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "path",
    [
        ".env",
        "keitora.sqlite3",
        "data/keitora.sqlite3-wal",
        "data/keitora.sqlite3-lock",  # held while a bot runs on the database
        "backups/keitora-2026-12-04.sqlite3",
        "keitora-2026-12-04.sqlite3.partial",  # a backup `bot.py backup` did not finish
        "sandbox-files/keitora-data-1272634140735836053.json",  # `--db sandbox.sqlite3`
    ],
)
def test_files_the_tools_write_are_ignored(path: str) -> None:
    checked = subprocess.run(
        ["git", "check-ignore", "--no-index", "--quiet", path], cwd=REPO, check=False
    )
    assert checked.returncode == 0, f"{path} is not ignored"
