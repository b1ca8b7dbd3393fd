"""Decisions as this process takes them: one at a time for each item, and the words of the
latest, for a moderator who comes second."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager

from bot.errors import UserError
from bot.modqueue.items import QueueItem, QueueSource
from bot.modqueue.posts import decided_post, unnamed_words
from bot.modqueue.unposted import unposted_words
from bot.store import Store
from bot.turns import Turns

ItemKey = tuple[int, str, int]  # guild id, kind, ref id
# How many decisions' words are kept: enough for every page a moderator may still have open.
KEPT = 500


class NotWaiting(UserError):
    """The item was decided or withdrawn before this click or form: `decision` says who
    decided it and how, when that is known; `posted`, how its post is to say so, as recorded
    with the decision (None when it was never posted, or that is not known)."""

    def __init__(self, message: str, decision: str | None, posted: str | None = None) -> None:
        super().__init__(message)
        self.decision = decision
        self.posted = posted


class Changed(UserError):
    """The item changed (its sender edited it, a nominated build was renamed) since the
    moderator's button was rendered: `item` is how it reads now, to be shown to them before
    they decide again."""

    def __init__(self, message: str, item: QueueItem) -> None:
        super().__init__(message)
        self.item = item


class Deciding:
    """Each item is decided by one moderator at a time, and the words of that decision are
    kept as soon as it is taken, so the moderator who clicked a moment later is told who beat
    them and how, rather than a source's bare "already decided". The words are kept also for
    items never posted (no mod-queue channel), which have no post to record them."""

    def __init__(self) -> None:
        self._turns: Turns[ItemKey] = Turns()
        self._words: dict[ItemKey, tuple[str, bool]] = {}  # the words, and whether final

    def turn(self, key: ItemKey) -> AbstractAsyncContextManager[None]:
        return self._turns.turn(key)

    def said(self, key: ItemKey, words: str, *, final: bool = True) -> None:
        """Keep how the item was decided, naming its moderator as "… by <@id>". Words not
        `final` are the source's, until the discord layer finishes the decision (a showcase
        post, which Discord may refuse, undoing the approval)."""
        self._words.pop(key, None)
        self._words[key] = (words, final)
        while len(self._words) > KEPT:
            del self._words[next(iter(self._words))]

    def unsay(self, key: ItemKey) -> None:
        """The item's decision was undone: it waits again, and its words tell nothing."""
        self._words.pop(key, None)

    def words(self, key: ItemKey, *, final: bool) -> str | None:
        """The words kept of the item's decision: only final ones, when `final`."""
        words, finished = self._words.get(key, (None, False))
        return words if finished or not final else None

    async def pending(
        self, store: Store, source: QueueSource, guild_id: int, ref_id: int
    ) -> QueueItem:
        """The item while it waits; refused with `NotWaiting` once decided or withdrawn, saying
        how when that is known: as its post or `modqueue_decisions` recorded it, or, before
        that, from these words. What is recorded comes first: it is committed, and only it
        says what happened since (taken down, what followed an approval)."""
        item = await source.item(guild_id, ref_id)
        if item is not None:
            return item
        that = f"That {source.label.lower()}"
        # A moderator clicking a list or form opened before another decided wants to know how.
        key = (guild_id, source.kind, ref_id)
        post = await decided_post(store, *key)
        posted = None if post is None else post.words
        decision = posted or await unposted_words(store, *key) or self.words(key, final=True)
        gone = decision is None and await source.gone(guild_id, ref_id)
        if decision is None and not gone:
            # Decided a moment ago and not finished yet (words that an approval undone since,
            # its showcase post refused, leaves behind tell nothing once the item is gone).
            decision = self.words(key, final=False)
        if decision is not None:
            raise NotWaiting(f"{that} was already decided: {decision}", decision, posted)
        how = "withdrawn" if gone else "decided, or withdrawn"
        raise NotWaiting(f"{that} is no longer waiting: it was {how}.", None)

    def unname(self, guild_id: int, member_id: int) -> None:
        """A forgotten member is named no more in the words kept of decisions: as the
        moderator who decided, or a sender told why."""
        for key, (words, final) in list(self._words.items()):
            unnamed = unnamed_words(words, member_id) if key[0] == guild_id else None
            if unnamed is not None:
                self._words[key] = (unnamed, final)


def require_seen(source: QueueSource, item: QueueItem, seen: int) -> None:
    """Refuse a decision taken on an earlier revision of the item than its own (`seen`, carried
    by the moderator's button or form): they would approve words they never read, or reject
    them, their sender reading the reason against words the moderator never saw.

    A rejection is held to it as strictly as an approval, whatever changed: the bot cannot tell
    which changes a free-text reason is about ("needs photos" and a new cover photo, "rude
    title" and a rename), and a change is often the sender's answer to what the reason says.
    The refusal shows the reason typed, to send again in one click once the change is seen."""
    if item.revision != seen:
        raise Changed(
            f"That {source.label.lower()} #{item.ref_id} has changed since you saw it; it "
            "reads as shown now. Look it over, then approve or reject it again.",
            item,
        )


def require_not_own(
    source: QueueSource, item: QueueItem, moderator_id: int, *, own_allowed: bool
) -> None:
    """Refuse a moderator's approval of an item they sent in: a second pair of eyes is what the
    queue is for. The bot cannot tell whether another moderator is there (it does not list a
    server's members), but an admin with Manage Server is, in every server, and may approve
    their own (`own_allowed`). Rejecting one's own takes back only one's own words."""
    if moderator_id in item.submitter_ids and not own_allowed:
        raise UserError(
            f"You sent in {source.label.lower()} #{item.ref_id} yourself, so another moderator "
            "decides it (or an admin with Manage Server); you may still reject it."
        )
