"""Fixtures shared by unit tests: a real SQLite file per test and a clock that tests move."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from bot.builds import BuildService
from bot.client import Renderers, Services
from bot.clock import ManualClock
from bot.config import Settings
from bot.delivery import Outbox
from bot.feeds import FeedFetcher
from bot.glossary import GlossaryService
from bot.jobs import JobQueue, JobRunner
from bot.modqueue import MODQUEUE_POST_JOB, MODQUEUE_REFRESH_JOB, ModQueue
from bot.setup import SetupService
from bot.showcase import NominationQueue, ShowcaseService
from bot.store import Store
from tests.modqueue_harness import GUILD, MODS, OWNER, Editor, Queue, card
from tests.test_delivery import RecordingSender

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
    # Whether a commit waits for the disk is tests/test_store.py's; the rest need not wait.
    opened = await Store.open(db_path, durable_commits=False)
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


@pytest.fixture
async def queue(store: Store, clock: ManualClock) -> Queue:
    """The moderation queue's tests' queue: its channel set, one build to nominate."""
    setup, jobs, builds = (
        SetupService(store, clock),
        JobQueue(store, clock),
        BuildService(store, clock, JobQueue(store, clock)),
    )
    await setup.set_channel(GUILD, "modqueue", MODS)
    modqueue = ModQueue(store, clock, jobs, setup)
    showcase = ShowcaseService(store, clock, jobs, builds, modqueue)
    modqueue.register(NominationQueue(showcase, builds))
    sender = RecordingSender()
    runner = JobRunner(jobs, clock, outbox=Outbox(store, jobs, clock, sender))
    for kind, handler in modqueue.handlers(card, lambda *_: "").items():
        runner.register(kind, handler)
    runner.when_sent(MODQUEUE_POST_JOB, modqueue.posted)
    editor = Editor(modqueue)
    runner.register(MODQUEUE_REFRESH_JOB, modqueue.refresh_handler(editor))
    build = await builds.start(GUILD, OWNER, "Camper", "Carry", None)
    return Queue(store, clock, jobs, runner, sender, modqueue, showcase, build, editor)


@pytest.fixture
def glossary(store: Store, clock: ManualClock) -> GlossaryService:
    """The glossary service its tests share; its random picks (a random term, the word of the day)
    are seeded, so each run draws the same."""
    return GlossaryService(store, clock, rng=random.Random(7))
