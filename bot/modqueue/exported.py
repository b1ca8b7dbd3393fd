"""A member's part of the queue's decision words, as their /privacy export shows it: each item
by what it was ("glossary suggestion “tenbin”"), how it was decided, and people as the rest of
the export names them ("you", "a moderator", "a member"), never by a mention or a code."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.clock import from_unix
from bot.links import message_link
from bot.modqueue.items import NamesItems, QueueSource
from bot.modqueue.posts import DECIDER, FORGOTTEN_MODERATOR, naming
from bot.privacy import Rows, Sections, instant_text, member_rows
from bot.store import Store

# What became of an item, as recorded with its decision (`outcome`); one not recorded reads as
# plainly decided.
_STATES = {"approved": "approved", "rejected": "rejected", "removed": "removed with its importer"}
# Who took an approved item down since, as recorded by `ModQueue.taken_down`.
_TAKEN_DOWN = {"moderator": "a moderator", "importer": "its importer"}
# Senders as `mentioned` lists them ("<@1>, <@2> and <@3>", "<@1>, <@2>, <@3> and 2 more"), or
# as it did before ("<@1>, <@2>"). Each after no backslash: member text quoted in the words is
# inert, a backslash before its "<".
_MENTIONED = re.compile(r"(?<!\\)<@!?\d+>(?:(?:, | and )<@!?\d+>)*(?: and (\d+) more)?")
_MENTION = re.compile(r"<@!?(\d+)>")
# A decided post deleted with what it showed (`withdrawn_posts`), in place of its link.
POST_DELETED = "deleted, as it showed what was deleted since"
# What `echo` adds to make member text inert for Discord, which a file shows as typed, undone
# exactly and only there. discord.py's escape_markdown puts a backslash before a backslash,
# before each of _\~|*` and a line's starting >, # or indent and "-", and before a whole
# [link](…); it leaves URLs as typed. `echo` then puts one before a Discord code's "<".
# Read left to right, a backslash pair is one typed; a URL, or a link's text, is kept as it is,
# but for that "<".
_ESCAPED = re.compile(
    r"(?P<url><[^: >]+:/[^ >]+>|(?:https?|steam)://[^\s<]+[^<.,:;\"'\]\s])"
    r"|\\(?P<link>\[.+\]\(.+\))"
    r"|\\(?P<char>[_\\~|*`<>#\[])"
    r"|\\(?=\s*-)"
)
_CODE = re.compile(r"\\<(?=[#:/]|a:|t:|id:|@[!&]?\d{1,16}>)")
# `echo`'s zero-width space after the @ of @everyone, @here and a mention of any id (words
# stored before it took every id that way hold a backslash before a short id's "<" instead).
_UNPINGED = re.compile(r"@\u200b(?=everyone|here|[!&]?\d+)")
# @everyone and @here, given that space back once the words read as typed: a file pings nobody,
# but members paste its words back into Discord, where they would ping the whole server.
_PINGS = re.compile(r"@(?=everyone|here)")
# Discord's codes left once the words read as typed, the bot's own (a channel, a time) and
# those in member text alike: a member, a role, a channel, a time; one typed escaped too, since
# a file shows it as a code all the same.
_CODE_LEFT = re.compile(
    r"\\?<(?:@!?(?P<member>\d+)|(?P<role>@&\d+)|(?P<channel>#\d+)|t:(?P<at>-?\d+)(?::[a-zA-Z])?)>"
)


async def export_member(
    store: Store, member_id: int, sources: Mapping[str, QueueSource]
) -> Sections:
    """The decision words naming the member, as the posts' rows and the decisions on items never
    posted keep them: the decisions they took, and the rejections that name them as a sender
    told why."""
    named = (member_id, naming(member_id))
    posted = await member_rows(
        store,
        "SELECT guild_id, kind, ref_id, channel_id, message_id, decided_by, decision, outcome, "
        "taken_down_by, post_deleted FROM modqueue_posts WHERE decided_by = ? OR decision LIKE ? "
        "ORDER BY kind, ref_id",
        named,
    )
    unposted = await member_rows(
        store,
        "SELECT guild_id, kind, ref_id, decided_by, decision, outcome, taken_down_by, "
        "decided_at FROM modqueue_decisions WHERE decided_by = ? OR decision LIKE ? "
        "ORDER BY kind, ref_id",
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
        "state": decided_state(row["outcome"], row["taken_down_by"]),
        "decided_by": "you" if str(row["decided_by"]) == str(member_id) else FORGOTTEN_MODERATOR,
        "decision": decision_read_by(words, member_id),
    }
    if "message_id" in row:
        read["post"] = (
            POST_DELETED
            if row["post_deleted"]
            else message_link(guild_id, row["channel_id"], row["message_id"])
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


def decided_state(outcome: str | None, taken_down_by: str | None) -> str:
    """What became of an item in words, from what its decision recorded (`outcome`,
    `taken_down_by`), never from its words."""
    state = _STATES.get(outcome or "", "decided")
    taken = _TAKEN_DOWN.get(taken_down_by or "")
    return state if taken is None else f"{state}, then taken down by {taken}"


def decision_read_by(words: str, member_id: int) -> str:
    """Decision words with the member as "you", the moderator who decided as "a moderator",
    other senders counted ("a member", "you and 2 other members"), channels and times in
    words, and member text quoted in them (a reason) as it was typed but for Discord's codes in
    it, put in words alike: made inert for Discord, its mentions are not read as the bot's own
    (a reason's "<@id>" names no sender), yet a file shows them as raw codes. @everyone and
    @here keep the zero-width space after their @, as on the post: pasted back, they ping
    nobody."""

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

    read = _MENTIONED.sub(senders, DECIDER.sub(decider, words))
    # A sender told, read as "you" (the first: the bot's words come before a reason).
    read = read.replace("; you was told why.", "; you were told why.", 1)
    typed = _UNPINGED.sub("@", _ESCAPED.sub(_typed, read))
    in_words = _CODE_LEFT.sub(lambda match: _code_in_words(match, member_id), typed)
    return _PINGS.sub("@\u200b", in_words)


def reasons_read_by(rows_by_server: Mapping[int, Rows], member_id: int) -> None:
    """A moderator's rejection reasons (each row's `reason`) as the queue's decisions are
    exported: a mention or code typed in them in words ("you", "a member", "a role", "a
    channel"), never a mention."""
    for rows in rows_by_server.values():
        for row in rows:
            if row.get("reason") is not None:
                row["reason"] = decision_read_by(row["reason"], member_id)


def _code_in_words(match: re.Match[str], member_id: int) -> str:
    """A code in words: one typed in member text (a moderator's "see <@id>") as the bot's own,
    since it would name another member by their id, or ping whoever pasted it into Discord."""
    if match["member"] is not None:
        return "you" if int(match["member"]) == member_id else "a member"
    if match["role"] is not None:
        return "a role"
    if match["channel"] is not None:
        return "a channel"
    return instant_text(from_unix(int(match["at"])))


def _typed(match: re.Match[str]) -> str:
    if match["url"] is not None:
        return match["url"]
    if match["link"] is not None:
        return _CODE.sub("<", match["link"])
    return match["char"] or ""
