"""A moderator may not approve an item they sent in themselves: another moderator decides it,
or an admin (Manage Server), who is there in every server and may decide their own. Rejecting
one's own item takes back only one's own words, and stays open to them."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.showcase import NOMINATION_KIND
from tests.modqueue_harness import GUILD, HANK, MODERATOR, Queue


async def test_a_moderator_may_not_approve_their_own_item(queue: Queue) -> None:
    nomination = await queue.showcase.nominate(queue.build, MODERATOR, "Great bed")

    with pytest.raises(UserError) as refused:
        await queue.modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, MODERATOR)

    assert str(refused.value) == (
        f"You sent in showcase nomination #{nomination.id} yourself, so another moderator "
        "decides it (or an admin with Manage Server); you may still reject it."
    )
    assert await queue.modqueue.waiting(GUILD, NOMINATION_KIND, nomination.id)


async def test_an_admin_may_approve_their_own_item(queue: Queue) -> None:
    nomination = await queue.showcase.nominate(queue.build, MODERATOR, "Great bed")

    decision = await queue.modqueue.approve(
        GUILD, NOMINATION_KIND, nomination.id, MODERATOR, own_allowed=True
    )

    assert decision.item.ref_id == nomination.id


async def test_another_moderator_may_approve_it(queue: Queue) -> None:
    nomination = await queue.showcase.nominate(queue.build, MODERATOR, "Great bed")

    decision = await queue.modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, HANK)

    assert decision.item.ref_id == nomination.id


async def test_the_sender_may_reject_their_own(queue: Queue) -> None:
    nomination = await queue.showcase.nominate(queue.build, MODERATOR, "Great bed")

    await queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, MODERATOR, "Not yet")

    assert await queue.showcase.pending_by_build(GUILD, 10) == []
