"""Migration 0068 gives each Build of the Month DM stored as the one kind showcase.ballot_dm
the kind of what it told, read from its key: a member's /privacy export named all three (a vote
freed, a ballot called off, a win) "a Build of the Month vote of yours freed or voided, or your
build's win or ballot called off". A forget still finds them all, by payload or by key."""

from __future__ import annotations

from pathlib import Path

from bot.clock import ManualClock
from bot.jobs import JobQueue
from bot.privacy.direct_messages import name_direct_messages
from bot.store import Store
from tests.old_schema import migrations_up_to

GUILD, MIKA, DM_CHANNEL, MESSAGE = 1001, 701, 9001, 9002
FREED = "a Build of the Month vote of yours freed, its build having left the ballot"
CALLED_OFF = "a Build of the Month ballot you voted in or your build was on, called off"
WON = "your build's Build of the Month win"


async def test_0068_names_each_stored_ballot_dm_by_what_it_told_and_a_forget_finds_them(
    tmp_path: Path, clock: ManualClock
) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0067", 67)) as old:
        await old.execute("INSERT INTO guilds (guild_id) VALUES (?)", (GUILD,))
        to_come = f'{{"user_id": {MIKA}}}'
        for key, payload, state, due_at in (
            (f"3:freed:2:{MIKA}", to_come, "pending", 100),
            (f"4:called_off:{MIKA}", to_come, "pending", 200),
            # Sent, and skipped (she voted again): their payloads let go of when finished.
            ("5:won:7", "{}", "done", 50),
            (f"6:freed:8:{MIKA}", "{}", "done", 60),
        ):
            await old.execute(
                "INSERT INTO jobs (guild_id, kind, key, payload, due_at, state, created_at, "
                "finished_at) VALUES (?, 'showcase.ballot_dm', ?, ?, ?, ?, 0, ?)",
                (GUILD, key, payload, due_at, state, None if state == "pending" else due_at),
            )
        await old.execute(
            "INSERT INTO deliveries (job_id, user_id, message_id, at) "
            "SELECT id, ?, ?, 50 FROM jobs WHERE key = '5:won:7'",
            (MIKA, MESSAGE),
        )

    async with await Store.open(path) as upgraded:
        jobs = JobQueue(upgraded, clock)
        name_direct_messages(jobs)
        part = jobs.member_data()
        exported = await part.export(MIKA)
        sent = [row["kind"] for row in exported["direct_messages"][GUILD]]
        coming = [row["kind"] for row in exported["direct_messages_to_come"][GUILD]]
        assert (sent, coming) == ([WON], [FREED, CALLED_OFF])

        await part.forget(GUILD, MIKA, False)
        assert await upgraded.fetchval("SELECT count(*) FROM jobs") == 0
