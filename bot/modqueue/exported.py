"""A member's part of the queue's decision words, as their /privacy export shows it: each item
by what it was ("glossary suggestion “tenbin”"), how it was decided, and people as the rest of
the export names them ("you", "a moderator", "a member"), never by a mention or a code."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.clock import from_unix
from bot.modqueue.items import NamesItems, QueueSource
from bot.modqueue.posts import FORGOTTEN_MODERATOR, naming
from bot.privacy import Sections, instant_text, member_rows
from bot.store import Store

# How decision words begin, by what became of the item (`approval_words`, `ModQueue.reject`,
# an importer's removal); words the queue does not know read as plainly decided.
_STATES = {"Approved": "approved", "Rejected": "rejected", "Removed": "removed with its importer"}
# Added to an approval's words once the announcement was taken down, or back by its importer
# (`ModQueue.taken_down`): "Taken down since by a moderator.".
_TAKEN_DOWN = re.compile(r"Taken (down|back) since by (a moderator|its importer)")
_DECIDER = re.compile(r" by <@!?(\d+)>")
# Senders as `mentioned` lists them: "<@1>, <@2>, <@3> and 2 more".
# Each after no backslash: member text quoted in the words is inert, a backslash before its "<".
_MENTIONED = re.compile(r"(?<!\\)<@!?\d+>(?:, <@!?\d+>)*(?: and (\d+) more)?")
_MENTION = re.compile(r"<@!?(\d+)>")
_CHANNEL = re.compile(r"(?<!\\)<#\d+>")
_TIMESTAMP = re.compile(r"(?<!\\)<t:(-?\d+)(?::[a-zA-Z])?>")
# What made member text inert for Discord (Markdown and "<" escaped, a space in "@everyone"),
# which a file shows as typed.
_ESCAPED = re.compile(r"\\([^\w\s])")
_UNPINGED = "\u200b"


async def export_member(
    store: Store, member_id: int, sources: Mapping[str, QueueSource]
) -> Sections:
    """The decision words naming the member, as the posts' rows and the decisions on items never
    posted keep them: the decisions they took, and the rejections that name them as a sender
    told why."""
    named = (member_id, naming(member_id))
    posted = await member_rows(
        store,
        "SELECT guild_id, kind, ref_id, channel_id, message_id, decided_by, decision "
        "FROM modqueue_posts WHERE decided_by = ? OR decision LIKE ? ORDER BY kind, ref_id",
        named,
    )
    unposted = await member_rows(
        store,
        "SELECT guild_id, kind, ref_id, decided_by, decision, decided_at FROM modqueue_decisions "
        "WHERE decided_by = ? OR decision LIKE ? ORDER BY kind, ref_id",
        named,
    )
    return {
        "queue_posts_decided": {
            guild_id: [await _read(row, guild_id, member_id, sources) for row in rows]
            for guild_id, rows in posted.items()
        },
        "queue_decisions_unposted": {
            guild_id: [await _read(row, guild_id, member_id, sources) for row in rows]
            for guild_id, rows in unposted.items()
        },
    }


async def _read(
    row: dict[str, Any], guild_id: int, member_id: int, sources: Mapping[str, QueueSource]
) -> dict[str, Any]:
    """A row as the member reads it: the item, its state, who decided it and the words its post
    says; a post by its link, which Discord's ids make."""
    words = row["decision"]
    read: dict[str, Any] = {
        "item": await item_named(sources, guild_id, row["kind"], int(row["ref_id"])),
        "state": decided_state(words),
        "decided_by": "you" if str(row["decided_by"]) == str(member_id) else FORGOTTEN_MODERATOR,
        "decision": decision_read_by(words, member_id),
    }
    if "message_id" in row:
        read["post"] = (
            f"https://discord.com/channels/{guild_id}/{row['channel_id']}/{row['message_id']}"
        )
    if "decided_at" in row:
        read["decided_at"] = row["decided_at"]
    return read


async def item_named(
    sources: Mapping[str, QueueSource], guild_id: int, kind: str, ref_id: int
) -> str:
    """What the item was, in words: as its source names it, else by its kind and number (an
    item gone, or a source that names none)."""
    source = sources.get(kind)
    if source is None:
        return f"a moderation queue item #{ref_id}"
    if isinstance(source, NamesItems) and (name := await source.named(guild_id, ref_id)):
        return name
    return f"{source.label.lower()} #{ref_id}"


def decided_state(words: str) -> str:
    state = next((said for start, said in _STATES.items() if words.startswith(start)), "decided")
    taken = _TAKEN_DOWN.search(words)
    return state if taken is None else f"{state}, then taken {taken[1]} by {taken[2]}"


def decision_read_by(words: str, member_id: int) -> str:
    """Decision words with the member as "you", the moderator who decided as "a moderator",
    other senders counted ("a member", "you and 2 other members"), channels and times in
    words, and member text quoted in them (a reason) as it was typed: made inert for Discord,
    its mentions are not read as the bot's own."""

    def decider(match: re.Match[str]) -> str:
        return " by you" if int(match[1]) == member_id else f" by {FORGOTTEN_MODERATOR}"

    def senders(match: re.Match[str]) -> str:
        ids = [int(found) for found in _MENTION.findall(match[0])]
        others = len(ids) + int(match[1] or 0) - (member_id in ids)
        counted = "a member" if others == 1 else f"{others} members"
        if member_id not in ids:
            return counted
        if not others:
            return "you"
        return f"you and {'another member' if others == 1 else f'{others} other members'}"

    read = _MENTIONED.sub(senders, _DECIDER.sub(decider, words))
    read = _CHANNEL.sub("a channel", read)
    read = _TIMESTAMP.sub(lambda match: instant_text(from_unix(int(match[1]))), read)
    return _ESCAPED.sub(r"\1", read).replace(_UNPINGED, "")
