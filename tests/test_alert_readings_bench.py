"""The alerts readings bench: what it saves is what it compares against, and a reading that
moved is listed with both readings, so a change to how alerts are read shows every text it moves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.alerts_readings import alert_texts, changes, read, saved

REPO = Path(__file__).resolve().parents[1]


def test_a_reading_names_words_phrases_bounds_and_refusals() -> None:
    assert read("hijet for the farm") == (
        True,
        "hijet, farm | kept 'hijet farm' | left out: ['for', 'the']",
    )
    assert read('hijet "dump bed" under 5k') == (
        True,
        'hijet, "dump bed" · price ≤ $5,000 | kept \'hijet "dump bed" price<=5k\'',
    )
    assert read("hijet OR")[0] is False


def test_the_texts_are_a_few_hundred_and_each_once() -> None:
    texts = alert_texts()
    assert len(texts) >= 300
    assert len(texts) == len(set(texts))


def test_the_texts_hold_what_testers_typed_that_moved() -> None:
    # Each was read wrongly once, and a change moving it again is to be seen.
    typed = {
        "about 5", "near 5k", "grade around 4", "hijet about grade 4", "about 4.5",
        "hijet out of state ok", "hijet S-510P", "DA-63T型", "hijet\u200bdump", "bogus:1",
        "color:white", "grade 4 or 5", "hijet about 1995", "carry circa 1995", "hijet ~5k",
        "hijet near me", "hijet near CO", "hijet state:CO near",
    }  # fmt: skip
    assert typed <= set(alert_texts()), typed - set(alert_texts())


def test_a_moved_reading_is_listed_with_both_and_an_unmoved_one_not() -> None:
    before = {"hijet": "hijet", "hijet thru 5k": "hijet, thru, 5k", "gone one": "x"}
    after = {"hijet": "hijet", "hijet thru 5k": "hijet · price ≤ $5,000", "new one": "y"}
    assert changes(before, after) == [
        "moved  'hijet thru 5k'\n  before: hijet, thru, 5k\n  after:  hijet · price ≤ $5,000",
        "gone   'gone one'\n  was:    x",
        "added  'new one'\n  now:    y",
    ]


def test_saved_readings_compare_equal_and_a_changed_one_is_listed(tmp_path: Path) -> None:
    readings = tmp_path / "readings.txt"
    run = [sys.executable, "-m", "bench.alerts_readings", "--texts-at-most", "30"]
    first = subprocess.run(
        [*run, "--save", str(readings)], cwd=REPO, capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr[-2000:]
    assert " ms" in first.stdout
    kept = saved(readings)
    assert len(kept) == 30
    text = next(iter(kept))
    readings.write_text(
        readings.read_text("utf-8").replace(f"{text!r}\t", f"{text!r}\tother ", 1), "utf-8"
    )
    second = subprocess.run(
        [*run, "--compare", str(readings)], cwd=REPO, capture_output=True, text=True
    )
    assert second.returncode == 0, second.stderr[-2000:]
    assert f"moved  {text!r}\n  before: other {kept[text]}\n  after:  {kept[text]}" in second.stdout
    assert "1 of 30 texts read otherwise" in second.stdout
