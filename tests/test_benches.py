"""The benches still run: each at a tiny size, as `python -m bench.…` runs it by hand.

They are run by hand for their figures, so nothing else would notice one broken by a change
elsewhere (a new rule refusing what a bench seeds, a renamed call). The reminder storm runs in
real time: one wave of a few DMs, already due when the bot comes up (`--due-now`), so the run
waits for no minute to turn.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

TINY = {
    # Enough terms that some synthetic ones would fall on built-in spellings.
    "glossary_latency": ["--entries", "10000", "--rounds", "5"],
    "glossary_latency --load": ["--load", "--entries", "1000", "--interactions", "50"],
    "glossary_fuzzy": ["--keys", "1000"],
    "glossary_saves": ["--entries", "1000", "--rounds", "3"],
    "rsvp": ["--members", "50"],
    "builds": ["--builds", "50", "--rounds", "10"],
    "web_calendar": ["--meetups", "10", "--requests", "50", "--clients", "5"],
    "feeds": ["--feeds", "10", "--alerts", "100", "--slow-seconds", "0.1"],
    "reminders": ["--meetups", "2", "--going", "3", "--waves", "1", "--due-now", "--channels", "2"],
    "when": ["--texts-at-most", "200"],
}


@pytest.mark.parametrize("bench", list(TINY))
def test_a_bench_runs_to_its_table(bench: str) -> None:
    module = bench.split()[0]
    result = subprocess.run(
        [sys.executable, "-m", f"bench.{module}", *TINY[bench]],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert " ms" in result.stdout or "(s)" in result.stdout  # a table of timings was printed
    assert not re.search(r"exactly once\s+NO", result.stdout)
