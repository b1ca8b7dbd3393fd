"""Importers read other services' tables only through those services: a job's state through
the job queue, which owns the jobs table; and the announcements' values run no queries (the
services owning the tables do)."""

from __future__ import annotations

import re
from pathlib import Path

from bot.clock import ManualClock
from bot.jobs import JobQueue
from bot.store import Store

IMPORTERS = Path(__file__).parent.parent / "bot" / "importers"


async def test_a_jobs_state_is_read_through_the_job_queue(store: Store, clock: ManualClock) -> None:
    queue = JobQueue(store, clock)
    assert await queue.state("post", "1:2") is None  # never scheduled, or long forgotten
    await queue.schedule("post", "1:2", clock.now())
    assert await queue.state("post", "1:2") == "pending"
    [job] = await queue.claim_due(1, worker="w")
    assert await queue.state("post", "1:2") == "claimed"
    await queue.done(job)
    assert await queue.state("post", "1:2") == "done"


def test_importers_run_no_sql_on_the_jobs_table_and_their_values_none_at_all() -> None:
    for source in IMPORTERS.glob("*.py"):
        assert "FROM jobs" not in source.read_text(), source.name
    values = (IMPORTERS / "values.py").read_text()
    assert "bot.store" not in values
    for query in (".fetch", ".execute(", ".insert("):
        assert query not in values


def test_the_record_of_what_was_taken_back_or_down_is_read_and_written_by_its_owner_alone() -> None:
    owner = IMPORTERS / "withdrawals.py"
    for source in IMPORTERS.glob("*.py"):
        if source != owner:
            assert "announcement_withdrawals" not in source.read_text(), source.name


def test_how_an_approved_announcements_post_stands_is_worded_once() -> None:
    for source in IMPORTERS.glob("*.py"):
        if source.name != "sending.py":
            assert "could not be posted" not in source.read_text(), source.name


def test_no_other_service_runs_sql_on_the_announcements_table() -> None:
    """Alert DMs find an importer's announcements through the announcements service: a query
    of its own joined their table, to be kept in step with it by hand."""
    table = re.compile(r"\b(FROM|JOIN|UPDATE|INTO)\s+announcements\b")
    for source in (IMPORTERS.parent).rglob("*.py"):
        if IMPORTERS not in source.parents:
            assert not table.search(source.read_text()), source
