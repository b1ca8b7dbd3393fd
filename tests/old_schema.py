"""Databases as an earlier release left them, for tests of what a migration keeps."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.store import MIGRATIONS_DIR, discover_migrations


def migrations_up_to(folder: Path, version: int) -> Path:
    """`folder` holding the shipped migrations up to `version`, as that release shipped them."""
    folder.mkdir()
    for migration in discover_migrations(MIGRATIONS_DIR)[:version]:
        shutil.copy(migration.path, folder / migration.path.name)
    return folder
