"""The titles of a server's builds: for what names a build by its title (a ballot's
candidates), matched as a member would read them, which SQL cannot. The form titles are
compared in, that no two of a member's builds read alike, is `bot.names.title_key`."""

from __future__ import annotations

from bot.store import Store


class BuildTitles:
    """`BuildService` is one."""

    _store: Store

    async def titles(self, guild_id: int) -> dict[int, str]:
        """Every build of the server's title, by id."""
        rows = await self._store.fetchall(
            "SELECT id, title FROM builds WHERE guild_id = ?", (guild_id,)
        )
        return {row["id"]: row["title"] for row in rows}
