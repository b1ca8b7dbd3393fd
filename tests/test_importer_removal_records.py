"""0032 remakes the announcements table so a removed importer's posted announcements outlive
it: every row and child is kept, and an id once given out is never given out again."""

from __future__ import annotations

from pathlib import Path

from bot.store import Store
from tests.old_schema import migrations_up_to
from tests.privacy_seed import seed_server

GUILD, FIRST, SECOND = 222222222222222222, 601, 602


async def test_0032_keeps_every_announcement_and_never_reuses_an_id(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0031", 31)) as old:
        await seed_server(old, GUILD, FIRST, SECOND)
        rows = await old.fetchall("SELECT * FROM announcements ORDER BY id")
        newest = rows[-1]["id"]
        await old.execute("DELETE FROM announcements WHERE id = ?", (newest,))
        arrivals = await old.fetchval("SELECT count(*) FROM arrivals")
    assert len(rows) > 1

    async with await Store.open(path) as upgraded:
        kept = await upgraded.fetchall("SELECT * FROM announcements ORDER BY id")
        assert [dict(row) | {"former_importer": None} for row in kept] == [
            dict(row) | {"former_importer": None} for row in rows[:-1]
        ]
        assert await upgraded.fetchval("SELECT count(*) FROM arrivals") == arrivals
        assert await upgraded.integrity_problems() == []
        added = await upgraded.insert(
            "INSERT INTO announcements (guild_id, importer_id, source, title, title_key, status, "
            "created_at) SELECT guild_id, id, 'member', 'New', 'new', 'queued', 0 FROM importers "
            "LIMIT 1",
            (),
        )
        assert added == newest + 1
