"""The typed-time reader (`bot.when.parse_when`): how long a reading takes, and what each means.

Run: `python -m bench.when` from the repository root. The texts are every short string in the
typed-time tests plus a grid of days × clocks members type; each is read at three moments (a
Friday morning, a Saturday evening that is already Sunday in UTC, and a summer day) in
America/Chicago. Prints p50/p99 per outcome (read, refused).

`--readings FILE` also writes one line per (moment, text) with what it was read as, so that two
commits can be compared with `diff` before a change to the reader lands. The texts come from the
tests of the commit run, which a change may add to: `--save-texts FILE` at the new commit writes
its list, and `--texts FILE` at both reads that list, so that a line that changed is a text whose
meaning changed. `--texts-at-most N` reads only the first N (the suite runs it small).
"""

from __future__ import annotations

import argparse
import ast
import itertools
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from bot.errors import UserError
from bot.when import parse_when

REPO = Path(__file__).resolve().parents[1]
TEST_FILES = ("tests/test_when*.py", "tests/e2e/test_meetup_typed*.py", "tests/test_zones_world.py")
DAYS = (
    "sat", "sun", "fri", "tomorrow", "today", "next sat", "this sat", "dec 5", "dec 24", "5 dec",
    "5 december", "december 5", "12/19", "the 19th", "5.12", "13.12", "2026-12-19", "in 3 days",
    "sat dec 12", "first sat of january", "the 1st sat of next month", "",
)  # fmt: skip
CLOCKS = (
    "10am", "19", "7", "19.30", "10:30", "1930", "noon", "10-2", "10am-2pm", "10pm-2am",
    "3pm est / 12pm pst", "10am-2pm ET / 7am-11am PT", "noon PT", "8 till late",
    "10am at the walmart lot", "2026", "",
)  # fmt: skip
MOMENTS = (
    datetime(2026, 12, 4, 15, 30, tzinfo=UTC),
    datetime(2026, 12, 6, 2, 0, tzinfo=UTC),
    datetime(2026, 7, 1, 12, 0, tzinfo=UTC),
)


def typed_texts() -> list[str]:
    texts = {f"{day} {clock}".strip() for day, clock in itertools.product(DAYS, CLOCKS)}
    for pattern in TEST_FILES:
        for path in REPO.glob(pattern):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                value = getattr(node, "value", None)
                if isinstance(value, str) and 0 < len(value) <= 100 and "\n" not in value:
                    texts.add(value)
    return sorted(text for text in texts if text)


def reading(text: str, now: datetime) -> tuple[bool, str]:
    try:
        when = parse_when(text, now=now, member_zone="America/Chicago")
    except UserError as refusal:
        return False, f"refused: {refusal.message}"
    return True, f"{when.local.isoformat()} {when.zone_name} {when.duration} {list(when.notes)}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readings", type=Path, help="write every reading to this file")
    parser.add_argument("--texts", type=Path, help="read these texts (one a line), not the tests'")
    parser.add_argument("--save-texts", type=Path, help="write the list of texts to this file")
    parser.add_argument("--texts-at-most", type=int, help="read only the first N texts")
    args = parser.parse_args()
    if args.texts:
        texts = [ast.literal_eval(line) for line in args.texts.read_text("utf-8").splitlines()]
    else:
        texts = typed_texts()
    texts = texts[: args.texts_at_most]
    if args.save_texts:
        args.save_texts.write_text("".join(f"{text!r}\n" for text in texts), encoding="utf-8")
    timings: dict[str, list[float]] = {"read": [], "refused": []}
    lines = []
    for now, text in itertools.product(MOMENTS, texts):
        started = time.perf_counter()
        read, said = reading(text, now)
        timings["read" if read else "refused"].append((time.perf_counter() - started) * 1000)
        lines.append(f"{now:%Y-%m-%d %H:%M}Z\t{text!r}\t{said}")
    if args.readings:
        args.readings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(texts):,} texts × {len(MOMENTS)} moments")
    print_timings(timings)


def print_timings(timings: dict[str, list[float]]) -> None:
    """How long each outcome of a reading took, in ms: count, p50, p99 and max."""
    print(f"{'outcome':<10}{'count':>8}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    for outcome, values in timings.items():
        if values:
            print(
                f"{outcome:<10}{len(values):>8,}{statistics.median(values):>10.3f}"
                f"{percentile(values, 0.99):>10.3f}{max(values):>10.3f}"
            )


if __name__ == "__main__":
    main()
