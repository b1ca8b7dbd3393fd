"""A moderator's reason for rejecting a build's nominations is kept as long as they stand (later
repeats' queue cards show it): the moderator's /privacy export holds it, as the decision's note."""

from __future__ import annotations

from bot.showcase import NOMINATION_KIND
from tests.modqueue_harness import DALE, GUILD, MODERATOR, Queue

REASON = "The cover photo is of someone else's truck, as <@42> said"


async def test_the_moderators_export_holds_the_reason_they_wrote(queue: Queue) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE)
    await queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, MODERATOR, REASON)
    stored = await queue.store.fetchval(
        "SELECT rejection_reason FROM showcase_nominations WHERE id = ?", (nomination.id,)
    )
    assert stored == REASON

    exported = await queue.showcase.member_data().export(MODERATOR)

    [decision] = exported["showcase_moderation"][GUILD]
    # A mention typed in it is put in words, as the queue's exported decisions are.
    assert decision["reason"] == "The cover photo is of someone else's truck, as a member said"
    assert decision["action"].startswith("decided a nomination: ")
