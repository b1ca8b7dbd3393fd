"""A moderation queue as the bot wires it, for the tests of its posts: a showcase nomination
source, the outbox sending to a recording sender, and an editor standing in for Discord's edits."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.builds import Build
from bot.clock import ManualClock
from bot.delivery import Channel, Outgoing
from bot.jobs import JobQueue, JobRunner, TryAgain
from bot.modqueue import (
    MODQUEUE_REFRESH_JOB,
    TOLD_EDIT,
    ModQueue,
    QueueItem,
    QueueSource,
    decision_buttons,
    withdrawn_posts,
)
from bot.privacy.posts import PostedMessage, QueuePost
from bot.showcase import NOMINATION_KIND, ShowcaseService
from bot.store import Store
from tests.test_delivery import RecordingSender

GUILD, OWNER, DALE, ROSA, MODERATOR, HANK, MIKA = 1, 10, 11, 12, 13, 14, 15
MODS = 55  # the mod-queue channel


def card(source: QueueSource, item: QueueItem, channel_id: int) -> Outgoing:
    """The item in words, with the buttons the discord layer's card gives it and an embed
    holding a field for its hold (cogs/modqueue_card_views.py)."""
    held = [] if item.on_hold is None else [{"name": "On hold", "value": item.on_hold}]
    return Outgoing(
        Channel(channel_id),
        content=f"{item.title}\n{item.body}",
        embeds=({"title": item.title, "fields": held},),
        buttons=decision_buttons(item.kind, item.ref_id, item.revision),
    )


@dataclass
class Editor:
    """The discord layer's edit of a sent queue post: its card as the item reads now, none
    once the item is decided; Discord answers 503 to the next `busy` edits."""

    modqueue: ModQueue
    edits: list[tuple[QueuePost, str]] = field(default_factory=list)
    sent: list[Outgoing] = field(default_factory=list)  # each edit's card, as Discord gets it
    busy: int = 0

    async def refresh_queue_post(self, guild_id: int, post: QueuePost) -> None:
        if self.busy:
            self.busy -= 1
            raise TryAgain("Discord answered 503")
        rendered = await self.modqueue.card_of(
            card, guild_id, post.kind, post.ref_id, post.channel_id
        )
        if rendered is not None:
            self.edits.append((post, rendered.content))
            self.sent.append(rendered)


@dataclass
class Queue:
    store: Store
    clock: ManualClock
    jobs: JobQueue
    runner: JobRunner
    sender: RecordingSender
    modqueue: ModQueue
    showcase: ShowcaseService
    build: Build
    editor: Editor

    async def post(self) -> PostedMessage:
        """Send the posts due; where the last one went."""
        await self.runner.run_due()
        return PostedMessage(MODS, 9000 + len(self.sender.sent))

    async def withdraw(self, ref_id: int) -> frozenset[PostedMessage]:
        async with self.store.transaction():  # as a forget does
            return await withdrawn_posts(self.store, GUILD, NOMINATION_KIND, [ref_id])

    async def kept(self) -> list[tuple[int, int]]:
        rows = await self.store.fetchall("SELECT ref_id, message_id FROM modqueue_posts")
        return [tuple(row) for row in rows]


REJECTED = f"Rejected by <@{MODERATOR}>; a member will be told why."


async def refreshes_waiting(queue: Queue) -> list[str]:
    """The edits of queue posts waiting, but those saying a rejection's senders were told
    (`told_edits_waiting`), which follow every rejection."""
    keys = await queue.jobs.pending_keys(MODQUEUE_REFRESH_JOB, "")
    return [key for key in keys if not key.startswith(TOLD_EDIT)]


async def told_edits_waiting(queue: Queue) -> list[str]:
    """The edits waiting to say a rejection's senders were told why."""
    return await queue.jobs.pending_keys(MODQUEUE_REFRESH_JOB, TOLD_EDIT)
