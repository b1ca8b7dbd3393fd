"""The mod-queue channel's posts: their buttons, where they are kept, and the words that name
who decided."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.delivery import Button
from bot.privacy.posts import PostedMessage, QueuePost
from bot.store import Store

# Who decided an item, on its post, once that moderator was forgotten.
FORGOTTEN_MODERATOR = "a moderator"

# The one item a row of modqueue_posts is about.
ITEM_WHERE = "WHERE guild_id = ? AND kind = ? AND ref_id = ?"


# How a decided post names its moderator: "Rejected by <@id>; …".
_DECIDER = re.compile(r" by <@(\d+)>")


def decider_named(text: str) -> int | None:
    """The member a decided post's words name as the moderator who decided (the first named
    so, "Rejected by <@id>; …"); None when they name nobody so."""
    match = _DECIDER.search(text)
    return None if match is None else int(match[1])


def unnamed_decision(text: str, moderator_id: int) -> str | None:
    """A decided post's words with the moderator who decided it no longer named ("Rejected by
    a moderator; …"); None when they do not name them so. Only the decider's place changes,
    not a mention elsewhere in the outcome."""
    named = f" by <@{moderator_id}>"
    if named not in text:
        return None
    return text.replace(named, f" by {FORGOTTEN_MODERATOR}")


def unnamed_words(text: str, member_id: int) -> str | None:
    """A decision's words naming the member nowhere: as the moderator who decided, "a
    moderator" (`unnamed_decision`); anywhere else (a sender told of a rejection), "a member".
    None when they do not name them. Member text quoted in them is inert, its mentions
    broken, so only the bot's own are changed."""
    unnamed = unnamed_decision(text, member_id) or text
    unnamed = unnamed.replace(f"<@{member_id}>", "a member")
    return None if unnamed == text else unnamed


def naming(member_id: int) -> str:
    """A LIKE pattern for words that mention the member."""
    return f"%<@{member_id}>%"


def approval_words(moderator_id: int, outcome: str) -> str:
    """How an approval reads on its post, naming its moderator; `outcome` says what followed."""
    return f"Approved by <@{moderator_id}>; {outcome}"


def queue_post_key(kind: str, ref_id: int) -> str:
    return f"{kind}:{ref_id}"


async def withdrawn_posts(
    store: Store, guild_id: int, kind: str, ref_ids: Iterable[int]
) -> frozenset[PostedMessage]:
    """Where the mod-queue channel's posts of these items are, of those posted already, let
    go of as the items leave the queue (for their source to withdraw them inside the forget's
    transaction; an item not posted yet never will be once it is gone, and one whose post is
    on its way has it deleted by `posted`)."""
    found: set[PostedMessage] = set()
    for ref_id in ref_ids:
        row = await store.fetchone(
            f"DELETE FROM modqueue_posts {ITEM_WHERE} RETURNING channel_id, message_id",
            (guild_id, kind, ref_id),
        )
        if row is not None:
            found.add(PostedMessage(row["channel_id"], row["message_id"]))
    return frozenset(found)


async def waiting_posts(
    store: Store, guild_id: int, kind: str, ref_ids: Iterable[int]
) -> frozenset[QueuePost]:
    """The posts of these items that were sent, for a forget that changed the items to have
    them rendered again."""
    found: set[QueuePost] = set()
    for ref_id in ref_ids:
        row = await store.fetchone(
            f"SELECT channel_id, message_id FROM modqueue_posts {ITEM_WHERE}",
            (guild_id, kind, ref_id),
        )
        if row is not None:
            found.add(QueuePost(kind, ref_id, row["channel_id"], row["message_id"]))
    return frozenset(found)


def decision_buttons(
    kind: str, ref_id: int, revision: int = 0, *, held: bool = False
) -> tuple[Button, ...]:
    """The Approve and Reject buttons of one item; the discord layer answers their ids. An item
    `held` (`QueueItem.on_hold`) has Reject alone: its approval cannot succeed, and its post is
    rendered again once the hold lifts."""
    reject = Button("Reject", decision_id("reject", kind, ref_id, revision))
    if held:
        return (reject,)
    return (Button("Approve", decision_id("approve", kind, ref_id, revision)), reject)


def decision_id(action: str, kind: str, ref_id: int, revision: int) -> str:
    """A decision button's custom id, carrying the revision it was rendered from; revision 0 is
    left out, so an item never changed keeps the id its buttons had before revisions were
    carried."""
    return f"modq:{action}:{kind}:{ref_id}" + (f":{revision}" if revision else "")
