"""A member's own zone cleared (`/timezone set tz:none`), so the times they type are read in
the server's zone again, following it when an admin changes it. Kept beside `MemberSettings`
(bot/meetups/members.py), which owns the member_settings table, to be folded into it."""

from __future__ import annotations

from bot.store import Store


async def clear_member_zone(store: Store, guild_id: int, member_id: int) -> bool:
    """Drop the member's own zone; whether they had one. Their other settings stay."""
    changed = await store.execute(
        "UPDATE member_settings SET timezone = NULL "
        "WHERE guild_id = ? AND member_id = ? AND timezone IS NOT NULL",
        (guild_id, member_id),
    )
    return bool(changed)
