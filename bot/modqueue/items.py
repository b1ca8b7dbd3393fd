"""What waits in the moderation queue, as any source gives it, and how sources plug in."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from bot.clock import from_unix
from bot.delivery import Outgoing
from bot.limits import listed
from bot.privacy import FORMER_MEMBER
from bot.privacy.posts import QueuePost

KIND_PATTERN = r"[a-z][a-z_]{0,19}"  # what a custom id may carry as a kind
MENTIONED_SENDERS = 3  # of one item's senders (several members nominating one build)


def headcount(count: int) -> str:
    """How a source that has no name of its own for its senders counts them ("a member",
    "3 members"), for where mentions do not render (an embed's author)."""
    return "a member" if count == 1 else f"{count} members"


def mentioned(member_ids: Sequence[int]) -> str:
    """Senders by mention (a name in Discord) as a sentence lists them, the first few of many:
    "<@1> and <@2>", "<@1>, <@2>, <@3> and 2 more"."""
    mentions = [f"<@{member_id}>" for member_id in member_ids[:MENTIONED_SENDERS]]
    if len(member_ids) > MENTIONED_SENDERS:
        mentions.append(f"{len(member_ids) - MENTIONED_SENDERS} more")
    return listed(mentions)


@dataclass(frozen=True)
class RejectedBefore:
    """An item rejected before that a new one repeats word for word: the moderator deciding
    the new one reads which it was, when and by whom it was rejected, and why."""

    ref_id: int
    rejected_at: datetime
    rejected_by: int | None  # the moderator; None once they were forgotten
    reason: str

    @classmethod
    def stored(
        cls, ref_id: int, decided_at: int, decided_by: int | None, reason: str | None
    ) -> RejectedBefore:
        """A rejection as a source's table keeps it: unix time, the moderator's id (or
        `FORMER_MEMBER` once forgotten) and the reason, which older rows may lack."""
        rejected_by = None if decided_by in (None, FORMER_MEMBER) else decided_by
        return cls(ref_id, from_unix(decided_at), rejected_by, reason or "")


@dataclass(frozen=True)
class QueueItem:
    """One thing waiting for a moderator, as plain values any source can give."""

    kind: str
    ref_id: int
    title: str
    body: str
    submitter_id: int | None
    submitted_by: str  # who it is from, as the source names them ("Kei Imports")
    created_at: datetime
    link: str | None = None
    image_url: str | None = None
    # Others who sent in the same thing (several members nominating one build): one item for
    # all of them, and each is told of a rejection.
    co_submitter_ids: tuple[int, ...] = ()
    # Why it cannot be approved for now, though it can be rejected ("Kei Imports is
    # suspended"); None when nothing holds it.
    on_hold: str | None = None
    # Counts its sender's changes while it waits: an approval is of the revision the moderator
    # saw. 0 for a source whose items do not change.
    revision: int = 0
    # The latest item of its sender's rejected before that it repeats word for word; None
    # when none, or for a source that does not look.
    repeats: RejectedBefore | None = None

    @property
    def submitter_ids(self) -> tuple[int, ...]:
        first = () if self.submitter_id is None else (self.submitter_id,)
        return first + self.co_submitter_ids

    @property
    def counted_only(self) -> bool:
        """Whether its source names its senders only by how many they are (`headcount`), not
        as an importer's business is named: they are named by mention where mentions
        render."""
        return self.submitted_by == headcount(len(self.submitter_ids))


class QueueSource(Protocol):
    kind: str  # stable: stored in jobs and carried in button ids
    label: str  # "Importer announcement"

    async def pending(self, guild_id: int, limit: int) -> list[QueueItem]:
        """The oldest pending items first."""
        ...

    async def item(self, guild_id: int, ref_id: int) -> QueueItem | None:
        """The item while it is pending; None once decided or gone."""
        ...

    async def approve(self, guild_id: int, ref_id: int, moderator_id: int) -> str:
        """Approve once (`UserError` when already decided); returns what followed, a clause
        read after "Approved by …;"."""
        ...

    async def reject(self, guild_id: int, ref_id: int, moderator_id: int, reason: str) -> None:
        """Reject once (`UserError` when already decided), inside the queue's transaction (so
        without one of its own)."""
        ...

    async def gone(self, guild_id: int, ref_id: int) -> bool:
        """Whether the item is no more (withdrawn when its sender was forgotten), not merely
        decided."""
        ...


@runtime_checkable
class NamesItems(Protocol):
    """A source that names its items for a member's /privacy export, whatever became of them
    (the queue's rows keep only their kind and number)."""

    async def named(self, guild_id: int, ref_id: int) -> str | None:
        """What the item is, as a member knows it ("glossary suggestion “tenbin”"); None once
        it is gone."""
        ...


@runtime_checkable
class FollowsApproval(Protocol):
    """A source whose approval is followed by something its post is to say once it happened
    (an announcement's card posted), as the source stores it: read as each approval is
    recorded, so nothing waits in a process's memory for that."""

    async def followed(self, guild_id: int, ref_id: int) -> str | None:
        """What followed the item's approval by now, a clause read after "Approved by …;";
        None while nothing has beyond what the approval said."""
        ...


# How the discord layer words a queue post, and a rejection told to its submitter.
QueueCard = Callable[[QueueSource, QueueItem, int], Outgoing]  # ..., channel id
RejectionNotice = Callable[[str, str, str, str | None], str]  # label, title, reason, server


class QueuePostEditor(Protocol):
    """How the discord layer renders a sent queue post again: from its item while it waits,
    from its recorded decision once decided (nothing when that is not known, or the item was
    withdrawn); a 429 or 5xx raises `TryAgain`."""

    async def refresh_queue_post(self, guild_id: int, post: QueuePost) -> None: ...


@dataclass(frozen=True)
class Decision:
    item: QueueItem
    outcome: str  # what followed, to read after "Approved by …;" ("it is on its way …")
    reason: str = ""  # why it was rejected, as its sender reads it; empty for an approval
