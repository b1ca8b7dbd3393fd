"""0058 gives each posted announcement where its card went, from the outbox's record of its
post while that is kept: its own importer's post, or a removed importer's by its former key."""

from __future__ import annotations

from pathlib import Path

from bot.store import Store
from tests.old_schema import migrations_up_to

GUILD, MEMBER, CHANNEL = 222222222222222222, 601, 333333333333333333


async def test_0058_keeps_where_each_posted_card_went_from_the_records_still_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0057", 57)) as old:
        await old.execute("INSERT INTO guilds (guild_id) VALUES (?)", (GUILD,))
        importer = await old.insert(
            "INSERT INTO importers (guild_id, name, name_key, member_id, created_at) "
            "VALUES (?, 'Kei Imports', 'kei imports', ?, 0)",
            (GUILD, MEMBER),
        )
        posted, removed, purged, queued = [
            await old.insert(
                "INSERT INTO announcements (guild_id, importer_id, source, title, title_key, "
                "status, created_at) VALUES (?, ?, 'member', ?, ?, ?, 0)",
                (GUILD, importer, title, title.casefold(), status),
            )
            for title, status in (
                ("Acty", "posting"),
                ("Carry", "posting"),
                ("Hijet", "posting"),
                ("Minicab", "queued"),
            )
        ]
        await old.execute(
            "UPDATE announcements SET importer_id = NULL, former_importer = 'Old Imports', "
            "former_post_key = '9:' || id WHERE id = ?",
            (removed,),
        )
        # The posts of the first two are still recorded; the third's was purged.
        for key, message in ((f"{importer}:{posted}", 71), (f"9:{removed}", 72)):
            job = await old.insert(
                "INSERT INTO jobs (guild_id, kind, key, due_at, state, created_at) "
                "VALUES (?, 'importer.post', ?, 0, 'done', 0)",
                (GUILD, key),
            )
            await old.execute(
                "INSERT INTO deliveries (job_id, channel_id, message_id, at) VALUES (?, ?, ?, 0)",
                (job, CHANNEL, message),
            )

    async with await Store.open(path) as upgraded:
        rows = await upgraded.fetchall(
            "SELECT id, channel_id, message_id FROM announcements ORDER BY id"
        )
        assert [tuple(row) for row in rows] == [
            (posted, CHANNEL, 71),
            (removed, CHANNEL, 72),
            (purged, None, None),
            (queued, None, None),
        ]
        assert await upgraded.integrity_problems() == []
