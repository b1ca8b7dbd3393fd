"""What became of a queue item is kept as data when it is decided (approved, rejected or
removed with its importer, and taken down since by whom), and a /privacy export reads it
there: words a moderator typed, or a title quoted in an outcome, never change it. 0052 reads
it once from the words of decisions taken before, at their start and end only."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.client.interactions import echo
from bot.modqueue import TakenDownBy, approval_words
from bot.modqueue.exported import export_member
from bot.showcase import NOMINATION_KIND
from bot.store import Store
from tests.modqueue_harness import DALE, GUILD, MODERATOR, Queue
from tests.old_schema import migrations_up_to

SECTIONS = ("queue_posts_decided", "queue_decisions_unposted")


async def states(queue: Queue) -> list[str]:
    """The states of the moderator's decisions, as their export reads them."""
    exported = await export_member(queue.store, MODERATOR, {})
    return [row["state"] for section in SECTIONS for row in exported[section].get(GUILD, [])]


@pytest.mark.parametrize("posted", [False, True])
async def test_a_reason_quoting_a_take_down_leaves_a_rejection_rejected(
    queue: Queue, posted: bool
) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE)
    if posted:
        await queue.post()
    reason = "Duplicate. Taken down since by a moderator, see #rules"
    decision = await queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, MODERATOR, reason)
    words = f"Rejected by <@{MODERATOR}>; {decision.outcome}\nReason: {echo(reason)}"
    await queue.modqueue.decided(
        GUILD, NOMINATION_KIND, nomination.id, words, shown=False, outcome="rejected"
    )

    assert await states(queue) == ["rejected"]


@pytest.mark.parametrize("posted", [False, True])
async def test_a_title_quoting_a_take_back_leaves_an_approval_approved(
    queue: Queue, posted: bool
) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE)
    if posted:
        await queue.post()
    await queue.modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, MODERATOR)
    words = approval_words(MODERATOR, "“Taken back since by its importer” is on its way.")
    await queue.modqueue.decided(
        GUILD, NOMINATION_KIND, nomination.id, words, shown=False, outcome="approved"
    )

    assert await states(queue) == ["approved"]


@pytest.mark.parametrize(
    ("by", "state"),
    [
        ("moderator", "approved, then taken down by a moderator"),
        ("importer", "approved, then taken down by its importer"),
    ],
)
async def test_an_approval_taken_down_since_says_by_whom(
    queue: Queue, by: TakenDownBy, state: str
) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE)
    await queue.post()
    await queue.modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, MODERATOR)
    approved = approval_words(MODERATOR, "it is featured.")
    await queue.modqueue.decided(
        GUILD, NOMINATION_KIND, nomination.id, approved, shown=False, outcome="approved"
    )

    await queue.modqueue.taken_down(GUILD, NOMINATION_KIND, nomination.id, by)

    assert await states(queue) == [state]


async def test_0052_reads_the_outcome_of_earlier_decisions_at_the_start_and_end_of_their_words(
    tmp_path: Path,
) -> None:
    moderator = f"<@{MODERATOR}>"
    rows = [
        (f"Approved by {moderator}; it is on its way.", "approved", None),
        (
            "Approved by a moderator; it is on its way. Taken down since by its importer.",
            "approved",
            "importer",
        ),
        (
            f"Approved by {moderator}; it is on its way. Taken down since by a moderator.",
            "approved",
            "moderator",
        ),
        # A take-down is of an approval, and only as `ModQueue.taken_down` ends the words.
        (
            f"Rejected by {moderator}; a member will be told why.\nReason: Taken down since by "
            "a moderator.",
            "rejected",
            None,
        ),
        (
            f"Approved by {moderator}; “Taken down since by a moderator.” is on its way.",
            "approved",
            None,
        ),
        (f"Removed with “Kei Imports” by {moderator}; it will not be posted.", "removed", None),
        ("Something the queue never said. Approved by nobody.", None, None),
    ]
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0051", 51)) as old:
        await old.execute("INSERT INTO guilds (guild_id) VALUES (?)", (GUILD,))
        for ref_id, (words, _, _) in enumerate(rows, start=1):
            await old.execute(
                "INSERT INTO modqueue_posts (guild_id, kind, ref_id, channel_id, message_id, "
                "decided_by, decision) VALUES (?, 'retired', ?, 5, ?, ?, ?)",
                (GUILD, ref_id, ref_id, MODERATOR, words),
            )
            await old.execute(
                "INSERT INTO modqueue_decisions (guild_id, kind, ref_id, decided_by, decision, "
                "decided_at) VALUES (?, 'retired', ?, ?, ?, 0)",
                (GUILD, ref_id, MODERATOR, words),
            )

    async with await Store.open(path) as upgraded:
        for table in ("modqueue_posts", "modqueue_decisions"):
            read = await upgraded.fetchall(
                f"SELECT outcome, taken_down_by FROM {table} ORDER BY ref_id"
            )
            assert [tuple(row) for row in read] == [row[1:] for row in rows], table


async def test_a_decision_says_what_became_of_its_item_never_left_to_its_words(
    queue: Queue,
) -> None:
    """Every path deciding an item says its outcome: words reworded tomorrow ("Featured by …")
    would otherwise be kept as deciding nothing, and exported as plainly "decided"."""
    nomination = await queue.showcase.nominate(queue.build, DALE)
    await queue.post()
    await queue.modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, MODERATOR)
    words = approval_words(MODERATOR, "it is featured.")

    with pytest.raises(TypeError, match="outcome"):
        await queue.modqueue.decided(  # type: ignore[call-arg]
            GUILD, NOMINATION_KIND, nomination.id, words, shown=False
        )
