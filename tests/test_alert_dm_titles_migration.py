"""Migration 0067 fills in the title of the alert DMs recorded before 0064 kept it, from their
announcements still up, as the DM showed it: a member's /privacy export named such a DM's
announcement `title: null` for as long as its record is kept (60 days). One taken down since, or
gone as its DM was recorded, keeps none: its words were its importer's to take back."""

from __future__ import annotations

from pathlib import Path

from bot.alerts import AlertService
from bot.clock import ManualClock
from bot.jobs import JobQueue
from bot.store import Store
from tests.old_schema import migrations_up_to

GUILD, IMPORTER_MEMBER, MIKA = 1001, 600, 701
DM_CHANNEL, OLD_DM, NEWER_DM = 9001, 9002, 9003
LIVE, KEPT_AFTER_REMOVAL, TAKEN_DOWN, GONE_WHEN_SENT = 11, 12, 13, 14


async def test_0067_fills_in_the_titles_of_old_alert_dms_whose_announcements_are_up(
    tmp_path: Path, clock: ManualClock
) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0066", 66)) as old:
        importer = await old.insert(
            "INSERT INTO importers (guild_id, name, name_key, member_id, created_at) "
            "VALUES (?, 'Kei Imports', 'kei imports', ?, 0)",
            (GUILD, IMPORTER_MEMBER),
        )
        for ref, title, importer_id, former in (
            (LIVE, "Hijet Jumbo in Houston", importer, None),
            (KEPT_AFTER_REMOVAL, "Carry dump bed", None, "Old Kei Co"),
        ):
            await old.execute(
                "INSERT INTO announcements (id, guild_id, importer_id, source, title, title_key, "
                "status, created_at, former_importer) VALUES (?, ?, ?, 'member', ?, ?, "
                "'posting', 0, ?)",
                (ref, GUILD, importer_id, title, title.casefold(), former),
            )
        # The old DM's records, as 0064 left them: no title. TAKEN_DOWN's announcement was
        # deleted when taken down; GONE_WHEN_SENT's before its DM was recorded.
        for position, (ref, taken_down_by) in enumerate(
            [
                (LIVE, None),
                (KEPT_AFTER_REMOVAL, None),
                (TAKEN_DOWN, "importer"),
                (GONE_WHEN_SENT, None),
            ]
        ):
            await old.execute(
                "INSERT INTO alert_dm_matches (guild_id, member_id, channel_id, message_id, "
                "position, announcement_id, queries, sent_at, taken_down_by) "
                "VALUES (?, ?, ?, ?, ?, ?, '[\"hijet\"]', 100, ?)",
                (GUILD, MIKA, DM_CHANNEL, OLD_DM, position, ref, taken_down_by),
            )
        # A DM recorded since 0064 keeps the title it was recorded with.
        await old.execute(
            "INSERT INTO alert_dm_matches (guild_id, member_id, channel_id, message_id, "
            "position, announcement_id, queries, sent_at, title) "
            "VALUES (?, ?, ?, ?, 0, ?, '[\"hijet\"]', 200, 'Hijet Jumbo in Houston')",
            (GUILD, MIKA, DM_CHANNEL, NEWER_DM, LIVE),
        )

    async with await Store.open(path) as upgraded:
        alerts = AlertService(upgraded, clock, JobQueue(upgraded, clock))
        exported = await alerts.dms.export_member(MIKA)

    titles = [(row["message_id"], row["announcement_id"], row["title"]) for row in exported[GUILD]]
    assert titles == [
        (OLD_DM, LIVE, "Hijet Jumbo in Houston"),
        (OLD_DM, KEPT_AFTER_REMOVAL, "Carry dump bed"),
        (OLD_DM, TAKEN_DOWN, None),
        (OLD_DM, GONE_WHEN_SENT, None),
        (NEWER_DM, LIVE, "Hijet Jumbo in Houston"),
    ]
