"""Importer names saved before invisible characters were left out of their comparison keys keep
the key they had: a copy of such a name with the invisible character could still be registered.
The key is Python's (NFKC, categories), which SQL cannot compute, so the start-up brings each
old key up to date, once; a name whose new key another importer holds keeps its old one."""

from __future__ import annotations

import logging
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from bot.client import Renderers, Services
from bot.clock import ManualClock
from bot.config import Settings
from bot.errors import UserError
from bot.feeds import FeedFetcher
from bot.store import Store
from tests.old_schema import migrations_up_to

GUILD = 222222222222222222
ZWSP, SOFT_HYPHEN = "\u200b", "\u00ad"


def _unused(*_: Any) -> Any:
    raise AssertionError("not rendered in these tests")


def composed(store: Store, clock: ManualClock, path: Path) -> Services:
    renderers = Renderers(*([_unused] * len(fields(Renderers))))
    settings = Settings.from_env({"DATABASE_PATH": str(path)})
    return Services.build(store, clock, renderers, settings, FeedFetcher(allow_private=True))


async def keys(store: Store) -> dict[str, str]:
    rows = await store.fetchall("SELECT name, name_key FROM importers ORDER BY id")
    return {row["name"]: row["name_key"] for row in rows}


async def test_old_name_keys_are_brought_up_to_date_once_at_start_up(
    tmp_path: Path, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0034", 34)) as old:
        # As the release before the fix keyed them: the invisible characters kept.
        for member_id, name in (
            (601, f"Kei{ZWSP}Imports"),
            (602, "Acme Trucks"),
            (603, f"Ac{SOFT_HYPHEN}me Trucks"),  # a copy that passed for new back then
        ):
            await old.execute(
                "INSERT INTO importers (guild_id, name, name_key, member_id, trusted, created_at) "
                "VALUES (?, ?, ?, ?, 0, 0)",
                (GUILD, name, name.casefold(), member_id),
            )

    async with await Store.open(path) as store:
        services = composed(store, clock, path)
        with caplog.at_level(logging.WARNING):
            await services.prepare()

        assert await keys(store) == {
            f"Kei{ZWSP}Imports": "keiimports",
            "Acme Trucks": "acme trucks",
            # Its new key is Acme Trucks': it keeps its old one, and the log says so.
            f"Ac{SOFT_HYPHEN}me Trucks": f"ac{SOFT_HYPHEN}me trucks",
        }
        assert repr(f"Ac{SOFT_HYPHEN}me Trucks") in caplog.text
        with pytest.raises(UserError, match="already an importer named"):
            await services.importers.register(GUILD, "KeiImports", 604)
        with pytest.raises(UserError, match="shows nothing"):  # refused for the character now
            await services.importers.register(GUILD, f"Kei{ZWSP}{ZWSP}Imports", 604)
        found = await services.importers.search(GUILD, "keiim", 5)
        assert [importer.member_id for importer in found] == [601]

        assert await services.importers.refresh_name_keys() == 0  # once is enough
