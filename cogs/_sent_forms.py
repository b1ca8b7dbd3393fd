""" "Fix the form" that outlives a restart: the refusal of a form shows what was sent in it, box
by box under the boxes' labels, and the button under the refusal reads it back from the message
Discord hands the click (`interaction.message`), so nothing is held in memory. The embed keeps
every box whole: the longest form (an announcement: 256 + 4,000 + two links) fits in the 6,000
characters Discord allows an embed (5,369 at most, labels and marks counted).

Discord trims the whitespace around a field's value and refuses a blank one, so a box is sent
in chunks each marked, at an edge that is whitespace or invisible, with a zero-width space
(which Discord keeps): read back, one mark at each edge comes off, and the box is as typed,
spaces, newlines and all. An edge that is a typed zero-width space is marked too, so no mark
is ever mistaken for text. An empty box sends no field."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Mapping
from typing import Any

import discord

from bot.client import inert_quotes, respond, stateless_view
from bot.errors import UserError
from bot.limits import EMBED_FIELD_VALUE

SENT_TITLE = "What you sent"
MARK = "\u200b"
_CHUNK = EMBED_FIELD_VALUE - 2 * len(MARK)  # room for a mark at each end


def sent_embed(labels: Mapping[str, str], typed: Mapping[str, str]) -> discord.Embed:
    """The boxes `typed` (by name) under their `labels`; a long box runs over several fields."""
    embed = discord.Embed(title=SENT_TITLE)
    for name, label in labels.items():
        text = typed.get(name, "")
        for start in range(0, len(text), _CHUNK):
            embed.add_field(name=label, value=_marked(text[start : start + _CHUNK]), inline=False)
    return embed


def _marked(chunk: str) -> str:
    return f"{_mark(chunk[0])}{chunk}{_mark(chunk[-1])}"


def _mark(edge: str) -> str:
    return MARK if edge.isspace() or not edge.isprintable() else ""


def _unmarked(value: str) -> str:
    return value.removeprefix(MARK).removesuffix(MARK)


def sent_in(labels: Mapping[str, str], message: discord.Message | None) -> dict[str, str]:
    """The boxes a refusal `message` shows (`sent_embed`), by name; a box left empty is ""."""
    names = {label: name for name, label in labels.items()}
    typed = dict.fromkeys(labels, "")
    for embed in message.embeds[:1] if message else ():
        for field in embed.fields:
            if (name := names.get(field.name or "")) is not None:
                typed[name] += _unmarked(field.value or "")
    return typed


async def refuse_with_fix(
    interaction: discord.Interaction,
    error: UserError,
    sent: discord.Embed,
    fix: discord.ui.Item[Any] | None,
) -> None:
    """The refusal of a form, what was `sent` in it, and its "Fix the form" button `fix`; with
    none (no form sent again could change what was refused), what was typed shows, to copy."""
    buttons = {} if fix is None else {"view": stateless_view([fix])}
    await respond(interaction, inert_quotes(error.message), embed=sent, **buttons)


def fix_button(custom_id: str) -> discord.ui.Button[Any]:
    return discord.ui.Button(
        label="Fix the form", style=discord.ButtonStyle.primary, custom_id=custom_id
    )


class HeldPages:
    """The /modqueue pages refused forms were sent from, while their refusal waits for a fix:
    the fixed form shows its answer on the page too. A page's token outlives no restart, so
    after one a fix answers in place only; the oldest pages are let go past `most`."""

    def __init__(self, most: int = 100) -> None:
        self._pages: OrderedDict[Hashable, discord.Interaction] = OrderedDict()
        self._most = most

    def hold(self, key: Hashable, page: discord.Interaction) -> None:
        self._pages[key] = page
        self._pages.move_to_end(key)
        while len(self._pages) > self._most:
            self._pages.popitem(last=False)

    def pop(self, key: Hashable, client: discord.Client) -> discord.Interaction | None:
        """The page held under `key` by `client`: one an earlier bot in this process held (a
        process that restarts its bot, as the tests do) went with that bot's session."""
        page = self._pages.pop(key, None)
        return page if page is not None and page.client is client else None
