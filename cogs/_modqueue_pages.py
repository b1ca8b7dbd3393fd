"""Reading a /modqueue page back from its message: its buttons' custom ids say what it lists
and where it starts, so a page turns and refreshes from the message alone."""

from __future__ import annotations

import re

import discord

from bot.modqueue import QueueMark


def matches_on(message: discord.Message, template: str | re.Pattern[str]) -> list[re.Match[str]]:
    """How the custom ids of `message`'s buttons of one kind match its `template` (a dynamic
    item's)."""
    found = []
    for row in message.components:
        for component in getattr(row, "children", ()):
            match = re.fullmatch(template, getattr(component, "custom_id", None) or "")
            if match is not None:
                found.append(match)
    return found


def mark_in(match: re.Match[str]) -> QueueMark:
    return QueueMark(int(match["at"]), match["kind"], int(match["id"]))
