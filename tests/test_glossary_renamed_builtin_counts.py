"""0070: the renamed built-in's lookup count and word-of-the-day record follow it to its new key,
as 0066 moved its entries and history."""

from __future__ import annotations

from pathlib import Path

from bot.store import Store
from tests.old_schema import migrations_up_to

GUILD, OTHER_GUILD = 1001, 1002


async def test_0070_moves_the_lookup_count_and_daily_record_of_the_renamed_builtin(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0069", 69)) as old:
        for guild in (GUILD, OTHER_GUILD):
            await old.execute("INSERT OR IGNORE INTO guilds (guild_id) VALUES (?)", (guild,))
        await old.execute(
            "INSERT INTO glossary_lookups (guild_id, key, count) VALUES "
            "(?1, 'inakanoporushe', 40), (?2, 'inakanoporushe', 5), (?2, 'nodonoporushe', 3)",
            (GUILD, OTHER_GUILD),
        )
        await old.execute(
            "INSERT INTO glossary_daily_shown (guild_id, key, shown_on) VALUES "
            "(?1, 'inakanoporushe', '2026-11-20'), (?2, 'inakanoporushe', '2026-11-21'), "
            "(?2, 'nodonoporushe', '2026-12-01')",
            (GUILD, OTHER_GUILD),
        )
    async with await Store.open(path) as upgraded:
        lookups = await upgraded.fetchall(
            "SELECT guild_id, key, count FROM glossary_lookups ORDER BY guild_id"
        )
        shown = await upgraded.fetchall(
            "SELECT guild_id, key, shown_on FROM glossary_daily_shown ORDER BY guild_id"
        )
    # Counts add up under the new key; a day the new key was shown itself stands.
    assert [tuple(row) for row in lookups] == [
        (GUILD, "nodonoporushe", 40),
        (OTHER_GUILD, "nodonoporushe", 8),
    ]
    assert [tuple(row) for row in shown] == [
        (GUILD, "nodonoporushe", "2026-11-20"),
        (OTHER_GUILD, "nodonoporushe", "2026-12-01"),
    ]
