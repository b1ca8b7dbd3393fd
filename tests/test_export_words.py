"""A member's export reads as they know their data: what Keitora keeps as 0 and 1 is true and
false, and a status is in words that say what it means to them, never an internal code."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from bot.client import Services
from bot.importers import IMPORTER_POST_JOB
from bot.store import Store
from tests.privacy_seed import seed_server

GUILD, MEMBER, OTHER = 1001, 501, 502
# A yes-or-no the export works out itself, not a column of the schema.
WORKED_OUT_FLAGS = {"refused"}


async def exported(services: Services) -> dict[str, Any]:
    file = await services.privacy.export(MEMBER)
    assert file is not None
    return json.loads(file.data)["servers"][str(GUILD)]  # type: ignore[no-any-return]


def schema_flags(path: str) -> set[str]:
    """Every column the schema holds to 0 and 1."""
    with sqlite3.connect(path) as connection:
        sql = " ".join(
            row[0]
            for row in connection.execute("SELECT sql FROM sqlite_master WHERE type = 'table'")
        )
    return set(re.findall(r"\b(\w+) IN \(0, 1\)", sql))


async def test_every_yes_or_no_is_true_or_false(services: Services, store: Store) -> None:
    await seed_server(store, GUILD, MEMBER, OTHER)
    flags = schema_flags(str(store.path)) | WORKED_OUT_FLAGS
    assert {"reminders", "trusted", "featured", "diff_lock", "hi_lo"} <= flags
    await store.execute("UPDATE builds SET diff_lock = 1, hi_lo = 0 WHERE owner_id = ?", (MEMBER,))

    server = await exported(services)

    found = {
        (section, name): value
        for section, rows in server.items()
        if isinstance(rows, list)
        for row in rows
        for name, value in row.items()
        if name in flags
    }
    assert found == {
        ("settings", "reminders"): False,
        ("builds", "diff_lock"): True,
        ("builds", "hi_lo"): False,
        ("builds", "featured"): False,
        ("importer_profile", "trusted"): False,
        ("direct_messages", "refused"): False,
    }
    assert {type(value) for value in found.values()} == {bool}  # 0 == False, but not in JSON


async def test_statuses_read_as_words(services: Services, store: Store) -> None:
    await seed_server(store, GUILD, MEMBER, OTHER)
    await store.execute("UPDATE rsvps SET status = 'declined' WHERE member_id = ?", (MEMBER,))
    await store.execute(
        "UPDATE showcase_nominations SET status = 'dismissed' WHERE nominated_by = ?", (MEMBER,)
    )
    await store.execute(
        "UPDATE glossary_suggestions SET status = 'pending', decided_at = NULL WHERE member_id = ?",
        (MEMBER,),
    )

    server = await exported(services)

    assert [row["status"] for row in server["rsvps"]] == ["can't go"]
    assert [row["status"] for row in server["showcase_nominations"]] == ["not featured"]
    assert [row["status"] for row in server["glossary_suggestions"]] == ["waiting for a moderator"]
    [announced] = server["importer_announcements"]
    assert (announced["status"], announced["source"]) == (
        "rejected by a moderator",
        "/importer announce",
    )
    assert [row["status"] for row in server["announcements_decided"]] == ["rejected"]


async def test_an_approved_announcement_says_whether_it_was_posted(
    services: Services, store: Store
) -> None:
    await seed_server(store, GUILD, MEMBER, OTHER)
    importer, announcement = (
        await store.fetchone(
            "SELECT importers.id, announcements.id FROM announcements JOIN importers "
            "ON importers.id = importer_id WHERE member_id = ?",
            (MEMBER,),
        )
    ) or (0, 0)
    await store.execute(
        "UPDATE announcements SET status = 'posting', source = 'arrival' WHERE id = ?",
        (announcement,),
    )

    async def reads() -> tuple[str, str]:
        server = await exported(services)
        [announced] = server["importer_announcements"]
        [decided] = server["announcements_decided"]
        return announced["status"], decided["status"]

    # Sent long ago: the post job is gone.
    assert await reads() == ("posted", "approved")
    key = f"{importer}:{announcement}"
    for state, status in (
        ("done", "posted"),
        # Being sent: not shown yet (once sent, its delivery says so, whatever the job's state).
        ("claimed", "approved, and is on its way to the announcements channel"),
        ("pending", "approved, and is on its way to the announcements channel"),
        ("failed", "approved, but could not be posted"),
    ):
        await store.execute("DELETE FROM jobs WHERE kind = ?", (IMPORTER_POST_JOB,))
        await store.execute(
            "INSERT INTO jobs (kind, key, due_at, state, lease_until, guild_id, created_at) "
            "VALUES (?, ?, 0, ?, ?, ?, 0)",
            (IMPORTER_POST_JOB, key, state, 1 if state == "claimed" else None, GUILD),
        )
        assert await reads() == (status, "approved"), state
    # A suspension holds the pending post back: it goes out only if that is lifted.
    await store.execute("UPDATE jobs SET state = 'pending' WHERE kind = ?", (IMPORTER_POST_JOB,))
    await store.execute("UPDATE importers SET suspended_at = 1 WHERE id = ?", (importer,))
    assert await reads() == (
        "approved, but is held back by the suspension and was never posted",
        "approved",
    )


async def test_a_glossary_edit_holds_the_entry_before_and_after_not_json_in_a_string(
    services: Services, store: Store
) -> None:
    await store.execute("INSERT INTO guilds (guild_id) VALUES (?)", (GUILD,))
    await store.execute(
        "INSERT INTO glossary_history (guild_id, key, action, actor_id, at, before, after) "
        "VALUES (?, 'tenbin', 'edit', ?, 1795000000, ?, ?)",
        (
            GUILD,
            MEMBER,
            json.dumps({"headword": "tenbin", "meaning": "a pole"}),
            json.dumps({"headword": "tenbin", "meaning": "a balance pole"}),
        ),
    )

    [edit] = (await exported(services))["glossary_edits"]

    assert edit["action"] == "edited"
    assert edit["before"] == {"headword": "tenbin", "meaning": "a pole"}
    assert edit["after"] == {"headword": "tenbin", "meaning": "a balance pole"}


async def test_a_repeat_rule_reads_in_words_beside_the_rule_kept(
    services: Services, store: Store
) -> None:
    await seed_server(store, GUILD, MEMBER, OTHER)  # an earlier rule: weekly from a Friday
    await store.execute(
        "UPDATE meetups SET rrule = 'FREQ=MONTHLY;BYDAY=1SA', start_local = '2026-12-05T10:00' "
        "WHERE organizer_id = ?",
        (MEMBER,),
    )

    server = await exported(services)

    [meetup] = server["meetups_organised"]
    assert (meetup["rrule"], meetup["repeats"]) == (
        "FREQ=MONTHLY;BYDAY=1SA",
        "the first Saturday of every month at 10:00 AM",
    )
    [rule] = server["meetup_earlier_rules"]
    assert (rule["rrule"], rule["repeats"]) == ("FREQ=WEEKLY", "every Friday at 10:00 AM")


async def test_an_alert_dm_says_which_alerts_it_was_for_and_that_its_channel_is_the_dm(
    services: Services, store: Store
) -> None:
    await seed_server(store, GUILD, MEMBER, OTHER)
    await store.execute(
        "INSERT INTO alert_dm_matches (guild_id, member_id, channel_id, message_id, position, "
        "announcement_id, queries, sent_at, title) "
        "VALUES (?, ?, 7001, 7002, 0, 4, ?, 1795000000, 'Hijet Jumbo arrived')",
        (GUILD, MEMBER, json.dumps(["hijet 4wd", "carry under $5k"])),
    )

    [dm] = (await exported(services))["alert_dms"]

    assert dm == {
        "announcement_id": 4,
        "title": "Hijet Jumbo arrived",
        "alerts_met": ["hijet 4wd", "carry under $5k"],
        "dm_channel_id": 7001,
        "message_id": 7002,
        "sent_at": "2026-11-18T11:06:40+00:00",
    }


async def test_a_locked_build_says_who_locked_it_and_why_as_its_card_does(
    services: Services, store: Store
) -> None:
    await seed_server(store, GUILD, MEMBER, OTHER)  # the member locked their own build
    [mine] = (await exported(services))["builds"]
    assert (mine["locked_by"], mine["lock_reason"]) == ("you", None)
    await store.execute(
        "UPDATE builds SET locked_by = ?, lock_reason = 'Spam photos' WHERE owner_id = ?",
        (OTHER, MEMBER),
    )

    [build] = (await exported(services))["builds"]

    assert (build["locked_by"], build["lock_reason"]) == ("a moderator", "Spam photos")


async def test_a_nomination_a_moderator_decided_says_how(services: Services, store: Store) -> None:
    await seed_server(store, GUILD, MEMBER, OTHER)  # the member featured their nomination

    def decided(server: dict[str, Any]) -> list[str]:
        return [
            row["action"]
            for row in server["showcase_moderation"]
            if row["action"].startswith("decided a nomination:")
        ]

    assert decided(await exported(services)) == ["decided a nomination: featured"]
    await store.execute(
        "UPDATE showcase_nominations SET status = 'dismissed' WHERE decided_by = ?", (MEMBER,)
    )
    assert decided(await exported(services)) == ["decided a nomination: not featured"]
