"""How the moderation queue reads: an item's card and post, a /modqueue page's list, and the
words of a rejection, on its post and to its senders."""

from __future__ import annotations

import discord

from bot.client import KeitoraBot
from bot.delivery import Channel, Outgoing
from bot.limits import (
    EMBED_DESCRIPTION,
    EMBED_FIELD_VALUE,
    EMBED_TITLE,
    MESSAGE_CONTENT,
    fit,
    join_within,
)
from bot.modqueue import (
    Decision,
    ModQueue,
    QueueItem,
    QueuePage,
    QueueSource,
    RejectedBefore,
    decision_buttons,
    mentioned,
)
from cogs._text import echo, quoted
from cogs.builds_views import moderator_of

QUEUE_TITLE = "Moderation queue"  # how a /modqueue page is told from other lists
ON_HOLD = "On hold"  # the name of a held item's field on its card
SENT_BEFORE = "Sent before"  # the name of the field saying an item repeats a rejected one
FOR_DECIDING = (ON_HOLD, SENT_BEFORE)  # a card's fields that go once its item is decided
# How long a decision's words may be on its post: room is left for a moderator beaten to the
# item to read them after "That importer announcement was already decided: ". A reason of 500
# characters each escaped ("*" as "\*") fits whole.
DECISION_SHOWN = MESSAGE_CONTENT - 100


def queue_of(interaction: discord.Interaction) -> ModQueue:
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    return bot.services.modqueue


def item_embed(label: str, item: QueueItem) -> discord.Embed:
    embed = discord.Embed(
        title=fit(echo(item.title), EMBED_TITLE),
        url=item.link,
        description=fit(echo(item.body), EMBED_DESCRIPTION) or None,
        timestamp=item.created_at,
    )
    embed.set_author(name=fit(f"{label} from {item.submitted_by}", 256))
    if item.image_url:
        embed.set_image(url=item.image_url)
    if item.on_hold:
        embed.add_field(name=ON_HOLD, value=on_hold_text(item.on_hold), inline=False)
    if item.repeats:
        embed.add_field(name=SENT_BEFORE, value=repeats_text(label, item.repeats), inline=False)
    embed.set_footer(text=f"{item.kind} #{item.ref_id}")
    return embed


def repeats_text(label: str, before: RejectedBefore) -> str:
    """What a moderator reads of the rejected item a new one repeats word for word: which (by
    its source's `label`, as the card's author line and a decision's export name it), when, by
    whom (a mention, which pings nobody in an embed) and why."""
    by = f"<@{before.rejected_by}>" if before.rejected_by else "a moderator"
    return fit(
        f"The same as {label.lower()} #{before.ref_id}, {rejected_when(before)} by {by}: "
        f"{echo(before.reason)}",
        EMBED_FIELD_VALUE,
    )


def rejected_when(before: RejectedBefore) -> str:
    """When the item a new one repeats was rejected, as Discord shows a time to each reader."""
    return f"rejected {discord.utils.format_dt(before.rejected_at, 'R')}"


def on_hold_text(on_hold: str) -> str:
    """What a moderator may do with an item held back (`QueueItem.on_hold`)."""
    return fit(
        f"{echo(on_hold)}: it can be rejected, or approved once that changes.", EMBED_FIELD_VALUE
    )


def decided_embeds(post: discord.Message | None) -> list[discord.Embed] | None:
    """The embeds of a queue `post` once its item is decided: its item's card without the
    lines only deciding it needed (`FOR_DECIDING`: that it was on hold, since nothing holds a
    decided item; that it repeats a rejected one, naming that one's moderator where nothing
    would un-name them once forgotten); None when there is no such line to drop (the post's
    embeds stay as they are)."""
    embeds = [] if post is None else [embed.copy() for embed in post.embeds]
    changed = [embed for embed in embeds if any(f.name in FOR_DECIDING for f in embed.fields)]
    for embed in changed:
        kept = [field for field in embed.fields if field.name not in FOR_DECIDING]
        embed.clear_fields()
        for field in kept:
            embed.add_field(name=field.name, value=field.value, inline=field.inline)
    return embeds if changed else None


def queue_card(source: QueueSource, item: QueueItem, channel_id: int) -> Outgoing:
    """The mod-queue channel's message for a new item, with its Approve / Reject buttons."""
    return Outgoing(
        Channel(channel_id),
        embeds=(item_embed(source.label, item).to_dict(),),
        buttons=decision_buttons(
            item.kind, item.ref_id, item.revision, held=item.on_hold is not None
        ),
    )


def rejected(moderator_id: int, decision: Decision) -> str:
    """A rejection's words on its post: who rejected it, and why, so that every moderator can
    see the reason its sender was given."""
    said = f"Rejected by <@{moderator_id}>; {decision.outcome}\nReason: {echo(decision.reason)}"
    return fit(said, DECISION_SHOWN)


def rejection_notice(label: str, title: str, reason: str, server: str | None) -> str:
    """The DM telling a sender their item was rejected, and why, naming the server as every
    moderator's DM does."""
    return (
        f"{moderator_of(server)} did not approve your {label.lower()} {quoted(title)}.\n"
        f"Reason: {echo(reason)}"
    )


def pending_embed(page: QueuePage) -> discord.Embed:
    """One page of the queue: a line per item, and how many wait in all."""
    if not page.items:
        return discord.Embed(title=QUEUE_TITLE, description="Nothing is waiting.")
    lines = [
        f"`{item.kind} #{item.ref_id}` {fit(echo(item.title), 80)} — "
        f"{sent_by(item)}, {discord.utils.format_dt(item.created_at, 'R')}"
        + (f" — **on hold:** {fit(echo(item.on_hold), 80)}" if item.on_hold else "")
        + (
            f" — **the same as #{item.repeats.ref_id}, {rejected_when(item.repeats)}**"
            if item.repeats
            else ""
        )
        for item in page.items
    ]
    embed = discord.Embed(title=QUEUE_TITLE, description=join_within(lines, 4000))
    waiting = f"{page.waiting:,}{'' if page.counted_all else '+'} waiting"
    if page.has_previous or page.has_next:
        first, last = page.before + 1, page.before + len(page.items)
        waiting += f" · showing {first:,}" + (f"–{last:,}" if last > first else "")
    return embed.set_footer(text=waiting)


def sent_by(item: QueueItem) -> str:
    """Who sent the item, named as /glossary-mod suggestions names a suggester: by mention (a
    name in Discord, which pings nobody in an embed), after the source's own name for them when
    it has one (an importer's business); the source's words alone once its senders are
    forgotten."""
    ids = item.submitter_ids
    if not ids:
        return fit(echo(item.submitted_by), 40)
    if item.counted_only:
        return mentioned(ids)
    return f"{fit(echo(item.submitted_by), 40)} ({mentioned(ids)})"
