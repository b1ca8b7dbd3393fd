"""Each kind of job is named by one constant in one module, which the others import: two
constants of one value (`meetups.card` was both `bot.meetups.notices.CARD_JOB` and
`bot.reminders.CARD_JOB`) drift apart unseen when one is renamed, and the job it schedules is
then handled by nobody."""

from __future__ import annotations

from collections import defaultdict

from tests.test_jobs_registered import job_kinds


def test_no_two_constants_name_one_job_kind() -> None:
    named: dict[str, list[str]] = defaultdict(list)
    for constant, kind in job_kinds().items():
        named[kind].append(constant)
    assert {kind: names for kind, names in named.items() if len(names) > 1} == {}
