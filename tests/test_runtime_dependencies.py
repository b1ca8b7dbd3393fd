"""The bot runs on requirements.txt alone: what only the tests and the sandbox use stays out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Imports everything `python bot.py` runs (bot.py's module under another name, since the `bot`
# package shadows it), then lists the top-level packages that were loaded.
IMPORT_THE_BOT = """
import importlib, importlib.util, json, pkgutil, sys
import bot.client, cogs
for module in pkgutil.iter_modules(cogs.__path__):
    importlib.import_module("cogs." + module.name)
spec = importlib.util.spec_from_file_location("keitora_main", "bot.py")
sys.modules["keitora_main"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sys.modules["keitora_main"])
print(json.dumps(sorted({name.partition(".")[0] for name in sys.modules})))
"""


def test_running_the_bot_imports_neither_jsonschema_nor_the_sandbox() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_THE_BOT],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    loaded = set(json.loads(result.stdout))

    assert {"bot", "cogs", "keitora_main", "discord"} <= loaded  # the probe did import the bot
    assert loaded.isdisjoint({"jsonschema", "referencing", "sandbox"})
