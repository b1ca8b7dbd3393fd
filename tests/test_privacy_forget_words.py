"""/privacy forget's confirmation and report say what happens to every part of a member's data
in words that hold for them: what they did as a moderator, an importer's posts (a moderator
takes them down), and build threads only when there were threads to delete."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.client import Services
from bot.store import Store
from cogs.privacy import forget_question, forget_report
from tests.privacy_seed import seed_server

GUILD, MEMBER, OTHER = 1001, 501, 502


def test_the_confirmation_says_what_becomes_of_a_moderators_work_and_an_importers_posts() -> None:
    asked = forget_question(datetime(2026, 12, 5, tzinfo=UTC), [])

    assert (
        "Your glossary suggestions and edits, meetups and templates you made, and what you "
        "decided as a moderator stay for the server with your name taken off (“a former "
        "member”, or “a moderator” on the moderation queue's posts)." in asked
    )
    assert "(what it posted stays in the announcements channel: a moderator can take it down)" in (
        asked
    )
    # The report counts them: the confirmation names them first.
    assert "votes, nominations, DMs still to come and the record of those sent, and any " in asked


async def test_the_report_counts_build_parts_and_speaks_of_no_threads_when_there_were_none(
    services: Services, store: Store
) -> None:
    await seed_server(store, GUILD, MEMBER, OTHER)  # a build never posted: no thread
    asked = await services.privacy.request_forget(GUILD, MEMBER)
    assert asked is not None

    done = forget_report(await services.privacy.forget(MEMBER, MEMBER, asked.id, keep_builds=False))

    assert "build parts (1), build updates (1), builds (1)" in done
    assert "thread" not in done
    # One entry added (its history, and the entry last edited by them) and one suggestion
    # rejected: counted as the member knows them, not by the rows that name them.
    assert "glossary edits (1), glossary suggestion decisions (1), glossary suggestions (1)" in done


async def test_a_forget_counts_what_the_member_did_on_others_builds(
    services: Services, store: Store
) -> None:
    await seed_server(store, GUILD, MEMBER, OTHER)
    others = await store.fetchval("SELECT id FROM builds WHERE owner_id = ?", (OTHER,))
    await store.execute("UPDATE builds SET locked_by = ? WHERE id = ?", (MEMBER, others))
    await store.execute(
        "INSERT INTO build_updates (guild_id, build_id, author_id, text, created_at) "
        "VALUES (?, ?, ?, 'Moved to the show', 0)",
        (GUILD, others, MEMBER),
    )
    asked = await services.privacy.request_forget(GUILD, MEMBER)
    assert asked is not None

    done = forget_report(await services.privacy.forget(MEMBER, MEMBER, asked.id, keep_builds=True))

    # Their own build is one build, its updates and parts in it; on another's build, each
    # update and lock is counted.
    assert "build locks (1), build updates (1), builds (1)" in done


async def test_one_alert_dm_reads_as_two_different_records_not_two_dms(
    services: Services, store: Store
) -> None:
    await seed_server(store, GUILD, MEMBER, OTHER)  # one alert DM sent, one still to come
    await store.execute(
        "INSERT INTO alert_dm_matches (guild_id, member_id, channel_id, message_id, position, "
        "announcement_id, queries, sent_at) VALUES (?, ?, 7, 1, 0, 1, '[\"hijet\"]', 0)",
        (GUILD, MEMBER),
    )
    asked = await services.privacy.request_forget(GUILD, MEMBER)
    assert asked is not None

    done = forget_report(await services.privacy.forget(MEMBER, MEMBER, asked.id, keep_builds=True))

    # The DM itself, and which announcement it listed (kept to edit the DM when that changes).
    assert "records of the DMs Keitora sent you (1)" in done
    assert "records of which announcements your alert DMs listed (1)" in done
    assert "alert DM records" not in done
