"""Rows in every table that holds a member's id, for a member and for someone else, in one server:
what the privacy tests export, forget and compare."""

from __future__ import annotations

from typing import Any

from bot.store import Store

NOW = 1_795_000_000  # 2026-11-18, before the tests' clock
LATER = NOW + 30 * 86400  # meetups still to come


async def seed_server(store: Store, guild: int, member: int, other: int) -> None:
    """`member` and `other` each own, answer, suggest, vote… in `guild`; the rows of one never
    name the other, so forgetting one leaves the other's rows as they were."""
    for person, partner in ((member, other), (other, member)):
        await _seed_person(store, guild, person, partner)


async def _seed_person(store: Store, guild: int, person: int, partner: int) -> None:
    async def insert(sql: str, *params: Any) -> int:
        return await store.insert(sql, params)

    await insert(
        "INSERT INTO member_settings (guild_id, member_id, timezone, reminders, reminder_minutes) "
        "VALUES (?, ?, 'America/Denver', 0, 90)",
        guild,
        person,
    )
    meetup = await insert(
        "INSERT INTO meetups (guild_id, organizer_id, title, location, zone, start_local, "
        "starts_at, created_at) VALUES (?, ?, 'Kei Truck Day', 'Moab', 'UTC', '2026-12-18T10:00', "
        "?, ?)",
        guild,
        person,
        LATER,
        NOW,
    )
    if await _has_column(store, "meetup_earlier_rules", "rrule"):  # 0026 on
        await insert(
            "INSERT INTO meetup_earlier_rules (meetup_id, rrule, start_local, replaced_at) "
            "VALUES (?, 'FREQ=WEEKLY', '2026-11-06T10:00', ?)",
            meetup,
            NOW,
        )
    occurrence = await insert(
        "INSERT INTO occurrences (meetup_id, original_start, starts_at) VALUES (?, ?, ?)",
        meetup,
        LATER,
        LATER,
    )
    if await _has_column(store, "occurrences", "cancel_reason"):  # 0046 on
        await insert(
            "INSERT INTO occurrences (meetup_id, original_start, starts_at, cancelled_at, "
            "cancel_reason) VALUES (?, ?, ?, ?, 'Snow on the pass')",
            meetup,
            LATER + 7 * 86400,
            LATER + 7 * 86400,
            NOW,
        )
    await insert(  # a date moved an hour on its own
        "INSERT INTO occurrences (meetup_id, original_start, starts_at) VALUES (?, ?, ?)",
        meetup,
        LATER + 14 * 86400,
        LATER + 14 * 86400 + 3600,
    )
    await insert(
        "INSERT INTO rsvps (occurrence_id, member_id, status, guests, truck, queued_seq, "
        "updated_at) VALUES (?, ?, 'going', 1, 'Hijet S110P', 1, ?)",
        occurrence,
        person,
        NOW,
    )
    await insert(
        "INSERT INTO meetup_templates (guild_id, name, name_key, saved_by, title, location, zone, "
        "duration_minutes, saved_at) VALUES (?, ?, ?, ?, 'Kei Truck Day', 'Moab', 'UTC', 180, ?)",
        guild,
        f"Day {person}",
        f"day {person}",
        person,
        NOW,
    )
    await insert(
        "INSERT INTO glossary_entries (guild_id, key, entry, updated_by, updated_at) "
        'VALUES (?, ?, \'{"headword": "x"}\', ?, ?)',
        guild,
        f"term{person}",
        person,
        NOW,
    )
    await insert(
        "INSERT INTO glossary_history (guild_id, key, action, actor_id, at, after) "
        "VALUES (?, ?, 'add', ?, ?, '{}')",
        guild,
        f"term{person}",
        person,
        NOW,
    )
    suggestion = await insert(
        "INSERT INTO glossary_suggestions (guild_id, member_id, term, meaning, status, created_at, "
        "decided_by, decided_at) VALUES (?, ?, ?, 'a balance pole', 'rejected', ?, ?, ?)",
        guild,
        person,
        f"tenbin{person}",
        NOW,
        person,
        NOW,
    )
    if await _has_column(store, "modqueue_posts", "decided_by"):  # 0025 on
        await insert(
            "INSERT INTO modqueue_posts (guild_id, kind, ref_id, channel_id, message_id, "
            "decided_by, decision) VALUES (?, 'glossary', ?, 7000, ?, ?, ?)",
            guild,
            suggestion,
            8000 + suggestion,
            person,
            f"Rejected by <@{person}>; a member will be told why.",
        )
    build = await insert(
        "INSERT INTO builds (guild_id, owner_id, title, truck, created_at, last_activity_at, "
        "locked_at, locked_by) VALUES (?, ?, 'Camper', '1994 Suzuki Carry DA51T', ?, ?, ?, ?)",
        guild,
        person,
        NOW,
        NOW,
        NOW,
        person,
    )
    await insert(
        "INSERT INTO build_tags (guild_id, build_id, tag) VALUES (?, ?, 'camper')", guild, build
    )
    await insert(
        "INSERT INTO build_updates (guild_id, build_id, author_id, text, created_at) "
        "VALUES (?, ?, ?, 'New tyres', ?)",
        guild,
        build,
        person,
        NOW,
    )
    await insert(
        "INSERT INTO build_parts (guild_id, build_id, name, category, cost_cents, added_by, "
        "created_at) VALUES (?, ?, 'Lift kit', 'suspension', 45000, ?, ?)",
        guild,
        build,
        person,
        NOW,
    )
    await insert(
        "INSERT INTO showcase_posts (guild_id, build_id, featured_by, created_at) "
        "VALUES (?, ?, ?, ?)",
        guild,
        build,
        person,
        NOW,
    )
    await insert(
        "INSERT INTO showcase_nominations (guild_id, build_id, nominated_by, status, created_at, "
        "decided_by, decided_at) VALUES (?, ?, ?, 'featured', ?, ?, ?)",
        guild,
        build,
        person,
        NOW,
        person,
        NOW,
    )
    if await _has_column(store, "showcase_nomination_decisions", "decided_by"):  # 0064 on
        await insert(  # a decision whose nominations went since
            "INSERT INTO showcase_nomination_decisions (guild_id, decided_by, status, "
            "decided_at) VALUES (?, ?, 'dismissed', ?)",
            guild,
            person,
            NOW,
        )
    ballot = await insert(
        "INSERT INTO showcase_ballots (guild_id, opened_by, opened_at, closed_at) "
        "VALUES (?, ?, ?, ?)",
        guild,
        person,
        NOW,
        NOW,
    )
    await insert(
        "INSERT INTO showcase_candidates (guild_id, ballot_id, build_id, position) "
        "VALUES (?, ?, ?, 1)",
        guild,
        ballot,
        build,
    )
    await insert(
        "INSERT INTO showcase_votes (guild_id, ballot_id, member_id, build_id, voted_at) "
        "VALUES (?, ?, ?, ?, ?)",
        guild,
        ballot,
        person,
        build,
        NOW,
    )
    importer = await insert(
        "INSERT INTO importers (guild_id, name, name_key, member_id, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        guild,
        f"Kei Imports {person}",
        f"kei imports {person}",
        person,
        NOW,
    )
    await insert(
        "INSERT INTO importer_feeds (importer_id, guild_id, url) VALUES (?, ?, ?)",
        importer,
        guild,
        f"https://imports{person}.example/feed",
    )
    await insert(
        "INSERT INTO announcements (guild_id, importer_id, source, title, title_key, status, "
        "created_at, decided_by, decided_at) VALUES (?, ?, 'member', 'Hijets in', 'hijets in', "
        "'rejected', ?, ?, ?)",
        guild,
        importer,
        NOW,
        person,
        NOW,
    )
    await insert(
        "INSERT INTO alerts (guild_id, member_id, query, created_at) VALUES (?, ?, 'hijet 4wd', ?)",
        guild,
        person,
        NOW,
    )
    job = await insert(
        "INSERT INTO jobs (guild_id, kind, key, payload, due_at, state, created_at, finished_at) "
        "VALUES (?, 'alert.dm', ?, json_object('member_id', ?), ?, 'done', ?, ?)",
        guild,
        f"{guild}:{person}",
        person,
        NOW,
        NOW,
        NOW,
    )
    await insert(
        "INSERT INTO deliveries (job_id, user_id, message_id, at) VALUES (?, ?, 1, ?)",
        job,
        person,
        NOW,
    )
    await insert(
        "INSERT INTO jobs (guild_id, kind, key, payload, due_at, state, created_at) "
        "VALUES (?, 'alert.dm', ?, json_object('member_id', ?), ?, 'pending', ?)",
        guild,
        f"{guild}:{person}:next",
        person,
        NOW + 60,
        NOW,
    )


async def _has_column(store: Store, table: str, column: str) -> bool:
    """Whether the schema the store was opened with (an older one, for an upgrade's test) has
    the column."""
    return any(row["name"] == column for row in await store.fetchall(f"PRAGMA table_info({table})"))
