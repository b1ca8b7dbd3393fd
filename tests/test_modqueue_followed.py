"""An approved announcement's queue post says it was posted, with a link to its card, from
what is stored: where the card went is read from the announcement as the approval is recorded,
so a restart after the card was posted, before the approval was recorded, loses nothing, and a
moderator clicking late is told only what was committed."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.delivery import Sent
from bot.importers import IMPORTER_POST_JOB, IMPORTER_PUBLISH_JOB
from bot.importers.announcements import ANNOUNCEMENT_KIND
from bot.modqueue import MODQUEUE_POST_JOB, MODQUEUE_REFRESH_JOB, NotWaiting, approval_words
from bot.modqueue.posts import queue_post_key, record_post
from bot.privacy.posts import PostedMessage, QueuePost
from tests.test_importers import (  # noqa: F401 (the fixture)
    ANNOUNCEMENTS,
    GUILD,
    MODERATOR,
    MODS,
    UNTRUSTED_MEMBER,
    Publisher,
    World,
    card,
    deliver,
    draft,
    wired,
    world,
)

CARD = 77  # the message of the announcement's card
POSTED = approval_words(
    MODERATOR,
    "it was posted in the announcements channel: "
    f"https://discord.com/channels/{GUILD}/{ANNOUNCEMENTS}/{CARD}",
)


async def queue_posted(world: World) -> int:
    """An untrusted importer's announcement whose queue post was sent; its id."""
    announced = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Acty"))
    ref = announced.announcement.id
    [post] = await world.jobs.claim_due(5, worker="t", kinds=[MODQUEUE_POST_JOB])
    await record_post(world.store, GUILD, ANNOUNCEMENT_KIND, ref, PostedMessage(MODS, 900))
    await world.jobs.done(post)
    return ref


async def approved_and_posted(world: World) -> tuple[int, str]:
    """An untrusted importer's announcement, its queue post sent, approved and its card
    posted (and kept) before the approval is recorded on the queue post; its id, and the words
    the approval's click answered with."""
    ref = await queue_posted(world)
    decision = await world.modqueue.approve(GUILD, ANNOUNCEMENT_KIND, ref, MODERATOR)
    handlers = world.announcements.handlers(card, Publisher())
    [post] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_POST_JOB])
    await deliver(world, post, CARD)
    [publish] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_PUBLISH_JOB])
    await handlers[IMPORTER_PUBLISH_JOB](publish)  # keeps where the card went
    return ref, approval_words(MODERATOR, decision.outcome)


async def test_an_approval_recorded_after_a_restart_says_its_card_was_posted(
    world: World,
) -> None:
    ref, answered = await approved_and_posted(world)
    assert answered.endswith("it is on its way to the announcements channel.")

    _, jobs, restarted, _, _ = wired(world.store, world.clock)
    await restarted.decided(GUILD, ANNOUNCEMENT_KIND, ref, answered, shown=True, outcome="approved")

    assert await restarted.decision_of(GUILD, ANNOUNCEMENT_KIND, ref) == POSTED
    # The click was answered with the words of that moment: an edit follows with these.
    prefix = f"{queue_post_key(ANNOUNCEMENT_KIND, ref)}:"
    assert await jobs.pending_keys(MODQUEUE_REFRESH_JOB, prefix) != []


async def test_a_late_click_is_not_told_of_a_posted_card_whose_record_rolled_back(
    world: World,
) -> None:
    ref = await queue_posted(world)
    decision = await world.modqueue.approve(GUILD, ANNOUNCEMENT_KIND, ref, MODERATOR)
    answered = approval_words(MODERATOR, decision.outcome)
    await world.modqueue.decided(
        GUILD, ANNOUNCEMENT_KIND, ref, answered, shown=True, outcome="approved"
    )

    with pytest.raises(RuntimeError):
        async with world.store.transaction():
            await world.modqueue.approval_followed(
                GUILD, ANNOUNCEMENT_KIND, ref, "it was posted in the announcements channel"
            )
            raise RuntimeError("the card's record failed")

    with pytest.raises(NotWaiting) as late:
        await world.modqueue.waiting(GUILD, ANNOUNCEMENT_KIND, ref)
    assert late.value.decision == answered


class Editor:
    """Stands in for the discord layer's edit of a sent queue post."""

    def __init__(self) -> None:
        self.edited: list[QueuePost] = []

    async def refresh_queue_post(self, guild_id: int, post: QueuePost) -> None:
        self.edited.append(post)


async def test_an_approval_taken_while_its_queue_post_was_on_its_way_says_its_card_was_posted(
    world: World,
) -> None:
    announced = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Acty"))
    ref = announced.announcement.id
    [on_its_way] = await world.jobs.claim_due(5, worker="t", kinds=[MODQUEUE_POST_JOB])
    decision = await world.modqueue.approve(GUILD, ANNOUNCEMENT_KIND, ref, MODERATOR)
    answered = approval_words(MODERATOR, decision.outcome)
    await world.modqueue.decided(
        GUILD, ANNOUNCEMENT_KIND, ref, answered, shown=False, outcome="approved"
    )
    handlers = world.announcements.handlers(card, Publisher())
    [post] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_POST_JOB])
    await deliver(world, post, CARD)
    [publish] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_PUBLISH_JOB])
    await handlers[IMPORTER_PUBLISH_JOB](publish)

    # A moderator clicking a list opened before is told it was posted…
    with pytest.raises(NotWaiting) as late:
        await world.modqueue.waiting(GUILD, ANNOUNCEMENT_KIND, ref)
    assert late.value.decision == POSTED
    # …and so is the queue post once it lands, by the edit that waited for it.
    async with world.store.transaction():
        await world.modqueue.posted(on_its_way, Sent(MODS, 900))
    await world.jobs.done(on_its_way)
    editor = Editor()
    [edit] = await world.jobs.claim_due(5, worker="t", kinds=[MODQUEUE_REFRESH_JOB])
    await world.modqueue.refresh_handler(editor)(edit)
    assert [post.message_id for post in editor.edited] == [900]
    assert await world.modqueue.decision_of(GUILD, ANNOUNCEMENT_KIND, ref) == POSTED
