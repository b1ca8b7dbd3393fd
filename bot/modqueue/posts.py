"""The mod-queue channel's posts: their buttons, where they are kept, and the words that name
who decided."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from bot.delivery import Button
from bot.limits import listed
from bot.modqueue.items import FollowsApproval, QueueSource
from bot.privacy.posts import PostedMessage, QueuePost
from bot.store import Store

# Who decided an item, on its post, once that moderator was forgotten.
FORGOTTEN_MODERATOR = "a moderator"

# The one item a row of modqueue_posts is about.
ITEM_WHERE = "WHERE guild_id = ? AND kind = ? AND ref_id = ?"


# How a decided post names its moderator: "Rejected by <@id>; …".
DECIDER = re.compile(r" by <@(\d+)>")
# How a decision's words begin, before anything of its item: who decided, named or not.
DECIDED_BY = re.compile(rf"^(?:Approved|Rejected) by (?:<@\d+>|{FORGOTTEN_MODERATOR})")
# The line a rejection's words end with: the moderator's reason, their own words.
REASON_LINE = "\nReason: "

# What became of a decided item, kept as data beside its words (`modqueue_posts.outcome`).
Outcome = Literal["approved", "rejected", "removed"]
# Who took an approved item down since (`modqueue_posts.taken_down_by`).
TakenDownBy = Literal["moderator", "importer"]
# The words `ModQueue.taken_down` adds to an approval's, by who took the item down.
TAKEN_DOWN_WORDS: dict[TakenDownBy, str] = {
    "moderator": "Taken down since by a moderator.",
    "importer": "Taken down since by its importer.",
}


def decider_named(text: str) -> int | None:
    """The member a decided post's words name as the moderator who decided (the first named
    so, "Rejected by <@id>; …"); None when they name nobody so."""
    match = DECIDER.search(text)
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


def followed_by(words: str, outcome: str) -> str:
    """An approval's `words` (`approval_words`) with what followed it now, `outcome`, in place
    of what followed it then; who approved stays as they are named (a forget un-names them)."""
    approved, _, _ = words.partition("; ")
    return f"{approved}; {outcome}"


async def as_followed(
    source: QueueSource, guild_id: int, ref_id: int, words: str, outcome: Outcome | None
) -> str:
    """The words of a decision about to be recorded, an approval's saying what followed it as
    its source stores that now (`FollowsApproval`): one recorded after it happened (its click
    still being answered, or its post on its way) says so too, whatever process records it.
    Other words as they are."""
    if outcome != "approved" or not isinstance(source, FollowsApproval):
        return words
    followed = await source.followed(guild_id, ref_id)
    return words if followed is None else followed_by(words, followed)


def queue_post_key(kind: str, ref_id: int) -> str:
    return f"{kind}:{ref_id}"


async def withdrawn_posts(
    store: Store, guild_id: int, kind: str, ref_ids: Iterable[int]
) -> frozenset[PostedMessage]:
    """Where the mod-queue channel's posts of these items are, of those posted already, for
    their source to have them deleted as the items leave the queue or go (inside the forget's
    or the deletion's transaction; an item not posted yet never will be once it is gone, and
    one whose post is on its way has it deleted by `posted`). A waiting item's place is let go
    of; a decided one's row stays, a record of its moderator's decision, with nothing of the
    item it showed (`bare_decision`), marked as deleted: nothing edits it again."""
    found: set[PostedMessage] = set()
    for ref_id in ref_ids:
        where = (guild_id, kind, ref_id)
        row = await store.fetchone(
            f"SELECT channel_id, message_id, decision FROM modqueue_posts {ITEM_WHERE} "
            "AND post_deleted = 0",
            where,
        )
        if row is None:
            continue
        found.add(PostedMessage(row["channel_id"], row["message_id"]))
        if row["decision"] is None:
            await store.execute(f"DELETE FROM modqueue_posts {ITEM_WHERE}", where)
            continue
        await store.execute(
            "UPDATE modqueue_posts SET decision = ?, decided_embeds = NULL, post_deleted = 1 "
            f"{ITEM_WHERE}",
            (bare_decision(row["decision"]), *where),
        )
    return frozenset(found)


def bare_decision(words: str) -> str:
    """A decision's words with nothing of the item it was about, whose sender or build may be
    gone: who decided ("Rejected by <@id>"), and a rejection's reason, the moderator's own
    words."""
    decided = DECIDED_BY.match(words)
    _, line, reason = words.partition(REASON_LINE)
    return f"{decided[0] if decided else 'Decided'}.{line}{reason}"


async def waiting_posts(
    store: Store, guild_id: int, kind: str, ref_ids: Iterable[int]
) -> frozenset[QueuePost]:
    """The posts of these items that were sent, for a forget that changed the items to have
    them rendered again: the card kept of a waiting one (`CardCopies`), which may quote the
    forgotten member, goes at once, and the edit keeps it anew as the item reads then."""
    ref_ids = list(ref_ids)
    for ref_id in ref_ids:
        await store.execute(
            f"UPDATE modqueue_posts SET decided_embeds = NULL {ITEM_WHERE} AND decision IS NULL",
            (guild_id, kind, ref_id),
        )
    return await sent_posts(store, guild_id, kind, ref_ids)


async def sent_posts(
    store: Store, guild_id: int, kind: str, ref_ids: Iterable[int]
) -> frozenset[QueuePost]:
    """The posts of these items that were sent, and not deleted since."""
    found: set[QueuePost] = set()
    for ref_id in ref_ids:
        row = await store.fetchone(
            f"SELECT channel_id, message_id FROM modqueue_posts {ITEM_WHERE} AND post_deleted = 0",
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


@dataclass(frozen=True)
class DecidedPost:
    """How a decided item's post is to read: its decision's `words`, and its item's card
    rendered as it was decided without the line that it was on hold (`embeds`, Discord's embed
    objects, kept by `CardCopies`); empty when the post's embeds stay as they are."""

    words: str
    embeds: tuple[Mapping[str, Any], ...] = ()


async def record_decision(
    store: Store,
    guild_id: int,
    kind: str,
    ref_id: int,
    words: str,
    outcome: Outcome | None,
    *,
    unless_recorded: bool = False,
) -> bool:
    """Keep on the item's post how it was decided; False when it has no post kept, or (when
    `unless_recorded`: a decision taken while the post was on its way) one that records a
    decision already."""
    only = " AND decision IS NULL" if unless_recorded else ""
    return bool(
        await store.execute(
            "UPDATE modqueue_posts SET decided_by = ?, decision = ?, outcome = ?, "
            f"taken_down_by = NULL {ITEM_WHERE}{only}",
            (decider_named(words), words, outcome, guild_id, kind, ref_id),
        )
    )


async def record_take_down(
    store: Store, guild_id: int, kind: str, ref_id: int, words: str, by: TakenDownBy | None
) -> bool:
    """Add `words` to the decision the item's post keeps, and who took it down; False when it
    keeps none."""
    return bool(
        await store.execute(
            "UPDATE modqueue_posts SET decision = decision || ' ' || ?, taken_down_by = ? "
            f"{ITEM_WHERE} AND decision IS NOT NULL",
            (words, by, guild_id, kind, ref_id),
        )
    )


async def record_followed(
    store: Store,
    guild_id: int,
    kind: str,
    ref_id: int,
    outcome: str,
    *,
    table: str = "modqueue_posts",
) -> bool:
    """Have the approval the item's post keeps (or `table`, as `follow_unposted` has it) say
    what followed it now (`followed_by`), unless it was taken down since; False when it keeps
    no such approval."""
    row = await store.fetchone(
        f"SELECT decision FROM {table} {ITEM_WHERE} AND outcome = 'approved' "
        "AND taken_down_by IS NULL AND decision IS NOT NULL",
        (guild_id, kind, ref_id),
    )
    if row is None:
        return False
    words = followed_by(row["decision"], outcome)
    await store.execute(
        f"UPDATE {table} SET decision = ? {ITEM_WHERE}", (words, guild_id, kind, ref_id)
    )
    return True


# How a rejection's words say its senders are to be told why (`ModQueue._reject`), until
# their DMs went out (`record_told`).
TO_BE_TOLD = " will be told why."
# What became of a sender forgotten while their rejection's DM waited to be sent: the forget
# deleted it, and nothing names them by then.
FORGOTTEN_FIRST = "asked to be forgotten before being told"
# How the words name the senders a forget took out of "to be told" while the others' DMs wait
# (`GoneSenders`), by how each one's DM had gone.
_TOLD_ALREADY = "told already"
_REFUSED = "whose DMs Discord refused"
_FORGOTTEN_FIRST_WHO = f"who {FORGOTTEN_FIRST}"
_GONE = re.compile(rf"(\d+) ({_TOLD_ALREADY}|{_REFUSED}|{_FORGOTTEN_FIRST_WHO})")
# What a rejection's words still saying its senders are to be told why hold.
_STILL_TO_BE_TOLD = TO_BE_TOLD.removesuffix(".")
# `TO_BE_TOLD`, with the senders gone so far ("…, but for 1 told already."), or as words kept
# before those were counted read: "… 1 of them asked to be forgotten before being told."
_TO_BE_TOLD_SO_FAR = re.compile(
    re.escape(_STILL_TO_BE_TOLD)
    + rf"(?:, but for (?P<gone>[^.]+)\.|\.(?: (?P<forgotten>\d+) of them {FORGOTTEN_FIRST}\.)?)"
)


@dataclass(frozen=True)
class GoneSenders:
    """A rejection's senders forgotten while the others' DMs waited, by how their own DM had
    gone: `told` (delivered), `refused` by Discord, or not sent yet (`forgotten_first`, never
    sent now). The forget deletes their DMs' records, so its words are the only record of them
    left, until they say how every DM went."""

    told: int = 0
    refused: int = 0
    forgotten_first: int = 0

    def with_dm(self, state: str | None) -> GoneSenders:
        """These, and one more whose DM (its job) was in `state`; as they are for a DM being
        sent now, or none."""
        if state == "done":
            return replace(self, told=self.told + 1)
        if state == "failed":
            return replace(self, refused=self.refused + 1)
        if state == "pending":
            return replace(self, forgotten_first=self.forgotten_first + 1)
        return self

    def but_for(self, *, with_told: bool) -> list[str]:
        """How the words name them after "but for" ("1 whose DMs Discord refused"); those
        told too when `with_told` (the others are still to be)."""
        counted = [
            (self.told if with_told else 0, _TOLD_ALREADY),
            (self.refused, _REFUSED),
            (self.forgotten_first, _FORGOTTEN_FIRST_WHO),
        ]
        return [f"{count} {words}" for count, words in counted if count]


def _gone_in(found: re.Match[str]) -> GoneSenders:
    """The senders gone that words still to be told of (`_TO_BE_TOLD_SO_FAR`) count."""
    if found["forgotten"]:
        return GoneSenders(forgotten_first=int(found["forgotten"]))
    counts = {words: int(count) for count, words in _GONE.findall(found["gone"] or "")}
    return GoneSenders(
        counts.get(_TOLD_ALREADY, 0),
        counts.get(_REFUSED, 0),
        counts.get(_FORGOTTEN_FIRST_WHO, 0),
    )


async def record_told(store: Store, guild_id: int, kind: str, ref_id: int, told: str) -> bool:
    """Have the rejection the item's post keeps (and one of an item never posted) say how its
    senders' DMs went, `told` ("was told why.") in place of `TO_BE_TOLD` (and of the senders
    gone it kept); False when neither keeps words still saying that."""
    return await _to_be_told_said(store, guild_id, kind, ref_id, f" {told}")


async def record_gone_senders(
    store: Store, guild_id: int, kind: str, ref_id: int, gone: GoneSenders
) -> bool:
    """Have the rejection say still that its senders will be told why, but for those `gone`
    (`gone_senders`), as its post and the moderator's export read meanwhile: a sender
    forgotten is not among those to be told, nor one told already."""
    said = f"{_STILL_TO_BE_TOLD}, but for {listed(gone.but_for(with_told=True))}."
    return await _to_be_told_said(store, guild_id, kind, ref_id, said)


async def gone_senders(store: Store, guild_id: int, kind: str, ref_id: int) -> GoneSenders:
    """The rejection's senders forgotten while the others' DMs waited, as its words keep them
    until they say how every DM went."""
    for table in ("modqueue_posts", "modqueue_decisions"):
        words = await _rejection_words(store, table, guild_id, kind, ref_id)
        found = _TO_BE_TOLD_SO_FAR.search(_bots_part(words or ""))
        if found:
            return _gone_in(found)
    return GoneSenders()


def _bots_part(words: str) -> str:
    """A decision's words before the moderator's reason, which may say anything."""
    return words.partition(REASON_LINE)[0]


async def _rejection_words(
    store: Store, table: str, guild_id: int, kind: str, ref_id: int
) -> str | None:
    """The words of the item's rejection `table` (one of the queue's own) keeps, if any."""
    return await store.fetchval(
        f"SELECT decision FROM {table} {ITEM_WHERE} AND outcome = 'rejected'",
        (guild_id, kind, ref_id),
    )


async def _to_be_told_said(store: Store, guild_id: int, kind: str, ref_id: int, said: str) -> bool:
    """`said` in place of the rejection's `TO_BE_TOLD` (with the senders gone it kept), where
    its post or its words kept without a post still say it."""
    changed = False
    for table in ("modqueue_posts", "modqueue_decisions"):
        words = await _rejection_words(store, table, guild_id, kind, ref_id)
        if words is None:
            continue
        bots, line, reason = words.partition(REASON_LINE)
        if not _TO_BE_TOLD_SO_FAR.search(bots):
            continue
        words = _TO_BE_TOLD_SO_FAR.sub(lambda _: said, bots, count=1) + line + reason
        await store.execute(
            f"UPDATE {table} SET decision = ? {ITEM_WHERE}", (words, guild_id, kind, ref_id)
        )
        changed = True
    return changed


async def to_be_told_naming(store: Store, guild_id: int, member_id: int) -> list[tuple[str, int]]:
    """The items (kind, ref_id) whose rejections name the member and say still that their
    senders are to be told why (`TO_BE_TOLD`, or but for some gone), posted or not."""
    rows = await store.fetchall(
        "SELECT kind, ref_id FROM modqueue_posts WHERE guild_id = ?1 AND outcome = 'rejected' "
        "AND decision LIKE ?2 AND instr(decision, ?3) UNION SELECT kind, ref_id FROM "
        "modqueue_decisions WHERE guild_id = ?1 AND outcome = 'rejected' AND decision LIKE ?2 "
        "AND instr(decision, ?3)",
        (guild_id, naming(member_id), _STILL_TO_BE_TOLD),
    )
    return [(row["kind"], row["ref_id"]) for row in rows]


async def reopen_post(store: Store, guild_id: int, kind: str, ref_id: int) -> bool:
    """Forget the decision the item's post keeps (it waits again); False when it keeps none."""
    return bool(
        await store.execute(
            "UPDATE modqueue_posts SET decided_by = NULL, decision = NULL, outcome = NULL, "
            "taken_down_by = NULL, decided_embeds = NULL, left_queue_at = NULL "
            f"{ITEM_WHERE} AND decision IS NOT NULL",
            (guild_id, kind, ref_id),
        )
    )


async def record_post(
    store: Store, guild_id: int, kind: str, ref_id: int, sent: PostedMessage
) -> None:
    """Keep where the item's post went; a post sent again for the same item replaces it,
    waiting."""
    await store.execute(
        "INSERT INTO modqueue_posts (guild_id, kind, ref_id, channel_id, message_id) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, kind, ref_id) DO UPDATE "
        "SET channel_id = excluded.channel_id, message_id = excluded.message_id, "
        "left_queue_at = NULL, decided_by = NULL, decision = NULL, outcome = NULL, "
        "taken_down_by = NULL, decided_embeds = NULL, post_deleted = 0",
        (guild_id, kind, ref_id, sent.channel_id, sent.message_id),
    )


async def sent_decision(store: Store, guild_id: int, kind: str, ref_id: int, words: str) -> None:
    """The item's post says it was decided with `words` now (edited, or answered on it): the
    copy of its card kept for that (`CardCopies`), which quotes what its sender wrote, goes,
    unless the post is to say otherwise since."""
    await store.execute(
        f"UPDATE modqueue_posts SET decided_embeds = NULL {ITEM_WHERE} AND decision = ?",
        (guild_id, kind, ref_id, words),
    )


async def decided_post(store: Store, guild_id: int, kind: str, ref_id: int) -> DecidedPost | None:
    """How the item's post is to read once decided; None while it waits, or when that is not
    known."""
    row = await store.fetchone(
        f"SELECT decision, decided_embeds FROM modqueue_posts {ITEM_WHERE}",
        (guild_id, kind, ref_id),
    )
    if row is None or row["decision"] is None:
        return None
    return DecidedPost(row["decision"], tuple(json.loads(row["decided_embeds"] or "[]")))
