"""Every kind of job a service schedules has its handler from the moment the bot is built,
before any cog loads: a job left queued by one client is done by the next whatever it loads,
and a cog that failed to load cannot strand the DMs and edits its commands queued."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import bot as bot_package
from bot.client import create_bot
from bot.clock import ManualClock
from bot.config import Settings
from bot.store import Store

_JOB_KIND = re.compile(r"^([A-Z_]+_JOB) = \"", re.M)


def job_kinds() -> dict[str, str]:
    """Each `…_JOB` kind a module under bot/ names, by the constant's module and name."""
    kinds: dict[str, str] = {}
    for module in pkgutil.walk_packages(bot_package.__path__, "bot."):
        loaded = importlib.import_module(module.name)
        source = Path(loaded.__file__ or "").read_text(encoding="utf-8")
        for name in _JOB_KIND.findall(source):
            kinds[f"{module.name}.{name}"] = getattr(loaded, name)
    return kinds


async def test_every_job_kind_is_handled_before_any_cog_loads(
    store: Store, clock: ManualClock, db_path: Path
) -> None:
    built = create_bot(Settings.from_env({"DATABASE_PATH": str(db_path)}), store, clock)
    try:
        handled = built.job_runner.kinds | built.feed_runner.kinds
        kinds = job_kinds()
        assert len(kinds) > 20
        assert {name: kind for name, kind in kinds.items() if kind not in handled} == {}
    finally:
        await built.close()
