"""A moderator's /privacy export lists each nomination decision of theirs once, however many
members nominated the build, and keeps it once the nominations are gone (their members
forgotten, their build deleted), naming nothing of them, as the queue keeps the decision's
words (`queue_posts_decided`); a forget of the moderator takes it."""

from __future__ import annotations

from typing import Any

from bot.showcase import NOMINATION_KIND
from tests.modqueue_harness import DALE, GUILD, MODERATOR, ROSA, Queue

NOT_FEATURED = "decided a nomination: not featured"
GONE = "decided a nomination since deleted: not featured"


async def decisions(queue: Queue, member_id: int = MODERATOR) -> list[dict[str, Any]]:
    """The member's showcase_moderation entries about nominations."""
    exported = await queue.showcase.member_data().export(member_id)
    rows = exported["showcase_moderation"].get(GUILD, [])
    return [row for row in rows if row["action"].startswith("decided a nomination")]


async def rejected(queue: Queue, *nominators: int) -> None:
    """The build nominated by `nominators`, its nominations rejected by the moderator."""
    nominations = [await queue.showcase.nominate(queue.build, who) for who in nominators]
    lead = nominations[0].id
    await queue.modqueue.reject(GUILD, NOMINATION_KIND, lead, MODERATOR, "Not yet")


async def forgotten(queue: Queue, member_id: int) -> None:
    async with queue.store.transaction():
        await queue.showcase.member_data().forget(GUILD, member_id, True)


async def test_a_decision_on_a_build_several_nominated_is_listed_once(queue: Queue) -> None:
    await rejected(queue, DALE, ROSA)

    [decision] = await decisions(queue)

    assert (decision["action"], decision["build_id"]) == (NOT_FEATURED, queue.build.id)


async def test_a_decision_outlives_its_nominators_naming_nothing_of_them(queue: Queue) -> None:
    await rejected(queue, DALE, ROSA)

    await forgotten(queue, DALE)
    [decision] = await decisions(queue)
    assert decision["action"] == NOT_FEATURED  # Rosa's nomination still stands for it
    await forgotten(queue, ROSA)

    [decision] = await decisions(queue)
    assert decision["action"] == GONE
    assert (decision["build_id"], decision["build_title"]) == (None, None)


async def test_a_decision_outlives_its_deleted_build(queue: Queue) -> None:
    await rejected(queue, DALE)

    async with queue.store.transaction():
        await queue.showcase.privacy.build_leaving(GUILD, queue.build.id)
        await queue.store.execute("DELETE FROM builds WHERE id = ?", (queue.build.id,))

    assert [row["action"] for row in await decisions(queue)] == [GONE]


async def test_the_moderators_forget_takes_the_decisions_kept(queue: Queue) -> None:
    await rejected(queue, DALE)
    await forgotten(queue, DALE)

    await forgotten(queue, MODERATOR)

    assert await decisions(queue) == []
