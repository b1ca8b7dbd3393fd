"""The alert modules each keep to one purpose and to the house's ~500 lines: reading a new
alert's text grew past it once, with model years and amounts said in words inside it."""

from __future__ import annotations

from pathlib import Path

import bot.alerts

MOST_LINES = 500


def test_each_alert_module_is_under_the_house_length() -> None:
    folder = Path(bot.alerts.__file__).parent
    lengths = {path.name: len(path.read_text().splitlines()) for path in folder.glob("*.py")}
    assert {name: lines for name, lines in lengths.items() if lines > MOST_LINES} == {}
