"""Fixtures shared by unit tests: a real SQLite file per test and a clock that tests move."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from bot.client import Renderers, Services
from bot.clock import ManualClock
from bot.config import Settings
from bot.feeds import FeedFetcher
from bot.store import Store

# The spec policy is a plugin module so that its own test can load it into a pytester run.
pytest_plugins = ["pytester", "tests.spec_policy"]

# Hypothesis fails an example that takes over 200 ms: a timing assertion, which on a loaded
# machine fails tests about correctness. How fast the code is, bench/ measures.
settings.register_profile("keitora", deadline=None)
settings.load_profile("keitora")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "keitora.sqlite3"


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(db_path)
    yield opened
    await opened.close()


def _unused(*_: Any) -> Any:
    raise AssertionError("not rendered in these tests")


@pytest.fixture
async def services(store: Store, clock: ManualClock, db_path: Path) -> Services:
    """The composition root's services, registered as the bot registers them."""
    renderers = Renderers(*([_unused] * len(fields(Renderers))))
    settings = Settings.from_env({"DATABASE_PATH": str(db_path)})
    return Services.build(store, clock, renderers, settings, FeedFetcher(allow_private=True))
