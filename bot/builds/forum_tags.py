"""Whether a server has been told that its builds forum's tags could not be created: said once,
on the first post that lacks them, and news again once the forum changes."""

from __future__ import annotations

from bot.clock import Clock, unix
from bot.setup import SettingChange
from bot.store import Store


class ForumTagNotices:
    """The build_settings table; `BuildService` is one."""

    _store: Store
    _clock: Clock

    async def first_tag_refusal(self, guild_id: int) -> bool:
        """True the first time a server's forum tags could not be created since the builds
        forum last changed, so it is said once, not on every post."""
        changed = await self._store.execute(
            "INSERT INTO build_settings (guild_id, tag_refusal_said_at) VALUES (?, ?) "
            "ON CONFLICT (guild_id) DO NOTHING",
            (guild_id, unix(self._clock.now())),
        )
        return changed > 0

    async def forum_changed(self, guild_id: int) -> None:
        """The builds forum changed (its tags, its permissions, or another forum was chosen):
        missing tags are news again, said on the next post that lacks them."""
        await self._store.execute("DELETE FROM build_settings WHERE guild_id = ?", (guild_id,))

    async def on_setting_changed(self, change: SettingChange) -> None:
        if change.setting == "channel:builds":
            await self.forum_changed(change.guild_id)
