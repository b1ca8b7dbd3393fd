"""Whom an alert DM listing several announcements says they are from: never "verified
importers" while one of them is suspended, as its card no longer says verified."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.importers.values import Announcement
from cogs.importers_views import alert_dm_as_now


def posted(ref: int, importer_id: int, name: str) -> Announcement:
    return Announcement(
        ref,
        1,
        importer_id,
        name,
        "member",
        f"Hijet #{ref}",
        "",
        None,
        None,
        "posting",
        datetime.now(UTC),
    )


def test_a_list_from_several_importers_vouches_for_none_while_one_is_suspended() -> None:
    kei, yama = posted(1, 7, "Kei Imports"), posted(2, 8, "Yama Trucks")
    listed = alert_dm_as_now([(kei, ("hijet",)), (yama, ("hijet",))], 99)
    assert "from verified importers" in (listed.content or ""), listed.content
    suspended = replace(yama, importer_suspended=True)
    listed = alert_dm_as_now([(kei, ("hijet",)), (suspended, ("hijet",))], 99)
    assert "verified" not in (listed.content or ""), listed.content
    assert "from importers" in (listed.content or ""), listed.content
