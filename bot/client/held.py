"""Forms that live in the bot's memory.

Every button Keitora posts is answered from its custom id alone, also after a restart. A form
(a modal) holds what it acts on in memory, so a restart, or the time the bot keeps it, forgets
it while the member still has it on screen. Discord then hears no answer and shows the member
only that something went wrong, and what they typed is lost. Its custom id carries
`HELD_PREFIX`, so a form that nothing in memory answered is told why, with what was typed
given back.
"""

from __future__ import annotations

import io
import secrets
from datetime import timedelta
from typing import Any

import discord

from bot.client.interactions import respond

HELD_PREFIX = "keitora-held:"
# A member may take a while over a form; past this its text comes back instead of being saved.
FORM_KEPT_FOR = timedelta(hours=1)  # "an hour" in `_give_back`
_ANSWERED = "keitora_held_answered"
_MESSAGE_MAX = 2000


def held_custom_id(name: str | None = None) -> str:
    """A custom id marked as held in memory: `name` when the caller needs a stable one (one open
    form per member), else a random one as discord.py would give."""
    return HELD_PREFIX + (name or secrets.token_hex(16))


def mark_answered(interaction: discord.Interaction) -> None:
    """Say that something held in memory took `interaction`. Called from `interaction_check`,
    which discord.py runs in the task it starts for the form or view before it dispatches the
    `interaction` event; asyncio runs tasks in the order they start, so `answer_if_forgotten`
    always sees the mark."""
    interaction.extras[_ANSWERED] = True


class HeldForm(discord.ui.Modal):
    """A form kept `FORM_KEPT_FOR`, and let go as soon as it is sent, since Discord closes a form
    once it is submitted (a refused one is offered again by its "Fix the form"). discord.py would
    otherwise keep every form a member opened and closed without sending, and every refused
    one, for as long as the bot runs."""

    def __init__(self, *, title: str, custom_id: str | None = None) -> None:
        super().__init__(
            title=title,
            timeout=FORM_KEPT_FOR.total_seconds(),
            custom_id=held_custom_id(custom_id),
        )

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        mark_answered(interaction)
        self.stop()
        return True


async def answer_if_forgotten(interaction: discord.Interaction) -> None:
    """Answer a held form or button that nothing in memory took any more."""
    data: dict[str, Any] = dict(interaction.data or {})
    custom_id = str(data.get("custom_id", ""))
    if not custom_id.startswith(HELD_PREFIX) or interaction.extras.get(_ANSWERED):
        return
    if interaction.type is discord.InteractionType.modal_submit:
        await _give_back(interaction, list(_typed(data.get("components", []))))
    else:
        await respond(
            interaction,
            "This button no longer works: Keitora keeps the form it reopens for 15 minutes, "
            "and not across a restart. Run the command again.",
        )


def _typed(components: list[dict[str, Any]]) -> list[str]:
    values: list[str] = []
    for component in components:
        if "components" in component:
            values += _typed(component["components"])
        elif "component" in component:  # a label wraps one input
            values += _typed([component["component"]])
        elif component.get("value"):
            values.append(str(component["value"]))
    return values


async def _give_back(interaction: discord.Interaction, typed: list[str]) -> None:
    said = (
        "Nothing was saved: this form was opened before Keitora last restarted, or more than "
        "an hour ago. Open it again"
    )
    if not typed:
        await respond(interaction, f"{said}.")
        return
    # In code blocks, so the text shows and copies as typed: no Markdown, mention or emoji.
    blocks = "\n".join(f"```\n{text}\n```" for text in typed)
    inline = f"{said} and copy in what you typed:\n{blocks}"
    if len(inline) <= _MESSAGE_MAX and not any("```" in text for text in typed):
        await respond(interaction, inline)
        return
    text = "\n\n".join(typed).encode()
    file = discord.File(io.BytesIO(text), filename="what-you-typed.txt")
    await respond(interaction, f"{said} and copy in what you typed (attached).", file=file)
