"""The copy of an item's card a queue post keeps for the edit saying how it was decided
(`decided_embeds`, without the line that it was on hold) quotes what its sender wrote: it is
kept while the item is held (it may be decided where its card can no longer be rendered) or
from its decision, and goes once the post says so, with a forget quoted in it, or with the
sweep should the edit never come."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from bot.delivery import Channel, Outgoing, Sent
from bot.modqueue import LET_GO_AFTER, MODQUEUE_REFRESH_JOB
from bot.showcase import NOMINATION_KIND
from bot.store import Store
from tests.modqueue_harness import DALE, GUILD, MODERATOR, MODS, REJECTED, ROSA, Queue
from tests.old_schema import migrations_up_to


async def copies(queue: Queue) -> list[str | None]:
    rows = await queue.store.fetchall("SELECT decided_embeds FROM modqueue_posts")
    return [row["decided_embeds"] for row in rows]


async def held_and_posted(queue: Queue, *joining: int) -> int:
    """Dale's nomination (and those `joining` it) of a build a moderator locked, posted on
    hold; its id."""
    nomination = await queue.showcase.nominate(queue.build, DALE, "Lovely camper")
    for member_id in joining:
        await queue.showcase.nominate(queue.build, member_id, "My own words")
    await queue.store.execute(
        "UPDATE builds SET locked_at = 1, locked_by = ? WHERE id = ?", (MODERATOR, queue.build.id)
    )
    await queue.post()
    return nomination.id


async def rejected(queue: Queue, ref_id: int, *, shown: bool) -> None:
    await queue.modqueue.reject(GUILD, NOMINATION_KIND, ref_id, MODERATOR, "Not yet")
    await queue.modqueue.decided(
        GUILD, NOMINATION_KIND, ref_id, REJECTED, shown=shown, outcome="rejected"
    )


async def test_a_held_items_card_is_kept_and_goes_once_its_post_shows_the_decision(
    queue: Queue,
) -> None:
    ref_id = await held_and_posted(queue)
    [kept] = await copies(queue)
    assert kept is not None

    await rejected(queue, ref_id, shown=True)  # the answer to the click edits the post

    assert await copies(queue) == [None]


async def test_a_forget_of_a_nominator_quoted_takes_the_copy_at_once(queue: Queue) -> None:
    await held_and_posted(queue, ROSA)
    assert await copies(queue) != [None]  # the post shows Rosa's reason, kept in the copy

    async with queue.store.transaction():
        await queue.showcase.member_data().forget(GUILD, ROSA, False)

    assert await copies(queue) == [None]  # the edit that follows keeps it anew


async def test_the_sweep_takes_the_copy_of_a_post_whose_edit_never_came(queue: Queue) -> None:
    ref_id = await held_and_posted(queue)
    await rejected(queue, ref_id, shown=False)  # its edit waits; Discord never takes it
    await queue.modqueue.let_go_of_decided()
    queue.clock.advance(LET_GO_AFTER + timedelta(days=1))

    await queue.modqueue.let_go_of_decided()

    assert await copies(queue) == [None]  # kept for the words naming its moderator


async def test_a_hold_lifted_as_its_post_goes_out_leaves_no_hold_on_the_decided_post(
    queue: Queue,
) -> None:
    """Rendered on hold, the hold lifted before the post's place is kept, then decided before
    the edit the lift asked for: the decision's edit carries the card without the hold all the
    same, rendered as the item is decided rather than from whether its post showed a hold."""
    nomination = await queue.showcase.nominate(queue.build, DALE)
    await queue.store.execute("UPDATE builds SET locked_at = 1, locked_by = ?", (MODERATOR,))
    send = queue.sender.send

    async def sent_as_the_lock_lifts(message: Outgoing, *, nonce: str) -> Sent:
        # Rendered while the build was locked: on hold.
        await queue.store.execute("UPDATE builds SET locked_at = NULL, locked_by = NULL")
        return await send(message, nonce=nonce)

    queue.sender.send = sent_as_the_lock_lifts  # type: ignore[method-assign]
    await queue.post()

    await rejected(queue, nomination.id, shown=False)

    assert await copies(queue) != [None]  # the card its edit carries


@pytest.mark.parametrize("held_when", ["rendered", "on its way"])
async def test_an_item_held_and_decided_as_its_first_post_goes_out_keeps_its_card_for_the_edit(
    queue: Queue, held_when: str
) -> None:
    """Held (as its post is rendered, or after), then decided before the post's place is kept:
    neither the render nor the decision found a post to keep the card on, and the post, once
    kept, reads an item decided. The decision's edit carries the card all the same, without
    the hold."""
    nomination = await queue.showcase.nominate(queue.build, DALE, "Lovely camper")
    lock = "UPDATE builds SET locked_at = 1, locked_by = ?"
    if held_when == "rendered":
        await queue.store.execute(lock, (MODERATOR,))
    send = queue.sender.send

    async def decided_as_it_goes_out(message: Outgoing, *, nonce: str) -> Sent:
        queue.sender.send = send  # type: ignore[method-assign]
        if held_when == "on its way":
            await queue.store.execute(lock, (MODERATOR,))
        await rejected(queue, nomination.id, shown=False)
        return await send(message, nonce=nonce)

    queue.sender.send = decided_as_it_goes_out  # type: ignore[method-assign]
    await queue.post()  # the post, then the decision's edit it brings forward

    [sent] = [message for message, _ in queue.sender.sent if message.to == Channel(MODS)]
    held_on_post = 1 if held_when == "rendered" else 0
    assert [len(embed["fields"]) for embed in sent.embeds] == [held_on_post]
    decided = await queue.modqueue.decided_post(GUILD, NOMINATION_KIND, nomination.id)
    assert decided is not None
    assert decided.words == REJECTED
    assert [(embed["title"], embed["fields"]) for embed in decided.embeds] == [
        (sent.embeds[0]["title"], [])
    ]


async def test_0055_lets_go_of_copies_whose_edit_was_made_and_renders_held_posts_again(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    posts = [  # ref id, decision, shows_hold, a copy, an edit waiting
        (1, "Rejected by <@13>; a member will be told why.", 0, "[]", False),
        (2, "Rejected by <@13>; a member will be told why.", 1, "[]", True),
        (3, None, 1, None, False),
        (4, None, 0, None, False),
    ]
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0054", 54)) as old:
        await old.execute("INSERT INTO guilds (guild_id) VALUES (?)", (GUILD,))
        for ref_id, decision, shows_hold, copy, waiting in posts:
            await old.execute(
                "INSERT INTO modqueue_posts (guild_id, kind, ref_id, channel_id, message_id, "
                "decision, shows_hold, decided_embeds) VALUES (?, 'nomination', ?, 5, ?, ?, ?, ?)",
                (GUILD, ref_id, ref_id, decision, shows_hold, copy),
            )
            if waiting:
                await old.execute(
                    "INSERT INTO jobs (guild_id, kind, key, due_at, created_at) "
                    "VALUES (?, ?, ?, 0, 0)",
                    (GUILD, MODQUEUE_REFRESH_JOB, f"nomination:{ref_id}:decided:1"),
                )

    async with await Store.open(path) as store:
        rows = await store.fetchall("SELECT * FROM modqueue_posts ORDER BY ref_id")
        jobs = await store.fetchall("SELECT key, payload FROM jobs ORDER BY key")
        columns = await store.fetchall("PRAGMA table_info(modqueue_posts)")

    assert [row["decided_embeds"] for row in rows] == [None, "[]", None, None]
    assert "shows_hold" not in [column["name"] for column in columns]
    assert [(job["key"], json.loads(job["payload"])) for job in jobs] == [
        ("nomination:2:decided:1", {}),
        ("nomination:3:0055", {"kind": "nomination", "ref_id": 3}),
    ]
