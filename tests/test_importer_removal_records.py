"""0032 remakes the announcements table so a removed importer's posted announcements outlive
it: every row and child is kept, and an id once given out is never given out again. 0039 gives
those of an importer removed before it the key of their post, from their post job."""

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
        later = {"former_importer": None, "former_post_key": None}  # 0032, 0039
        later |= {"channel_id": None, "message_id": None}  # 0058
        later |= {"counts_toward_limit": None}  # 0061
        assert [dict(row) | later for row in kept] == [dict(row) | later for row in rows[:-1]]
        assert await upgraded.fetchval("SELECT count(*) FROM arrivals") == arrivals
        assert await upgraded.integrity_problems() == []
        added = await upgraded.insert(
            "INSERT INTO announcements (guild_id, importer_id, source, title, title_key, status, "
            "created_at) SELECT guild_id, id, 'member', 'New', 'new', 'queued', 0 FROM importers "
            "LIMIT 1",
            (),
        )
        assert added == newest + 1


async def test_0039_gives_a_removed_importers_posted_announcements_the_key_of_their_post(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0038", 38)) as old:
        importer = await old.insert(
            "INSERT INTO importers (guild_id, name, name_key, member_id, created_at) "
            "VALUES (?, 'Kei Imports', 'kei imports', ?, 0)",
            (GUILD, FIRST),
        )
        kept, forgotten = [
            await old.insert(
                "INSERT INTO announcements (guild_id, importer_id, source, title, title_key, "
                "status, created_at) VALUES (?, ?, 'member', ?, ?, 'posting', 0)",
                (GUILD, importer, title, title.casefold()),
            )
            for title in ("Acty", "Carry")
        ]
        # Only the first's post job is still kept; one whose key merely ends in the second's
        # id is another announcement's.
        for key in (f"{importer}:{kept}", f"{importer}:1{forgotten}"):
            await old.execute(
                "INSERT INTO jobs (guild_id, kind, key, due_at, state, created_at) "
                "VALUES (?, 'importer.post', ?, 0, 'done', 0)",
                (GUILD, key),
            )
        await old.execute("UPDATE announcements SET former_importer = 'Kei Imports'")
        await old.execute("DELETE FROM importers WHERE id = ?", (importer,))

    async with await Store.open(path) as upgraded:
        rows = await upgraded.fetchall(
            "SELECT id, importer_id, former_post_key FROM announcements ORDER BY id"
        )
        assert [tuple(row) for row in rows] == [
            (kept, None, f"{importer}:{kept}"),
            (forgotten, None, None),
        ]
