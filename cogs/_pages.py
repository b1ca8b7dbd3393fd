"""Previous / Next buttons of a paged reply, whose page rides in each button's custom_id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import discord

from bot.client import stateless_view


def page_button(way: str, custom_id: str, disabled: bool) -> discord.ui.Button[Any]:
    return discord.ui.Button(
        label="Previous" if way == "previous" else "Next", custom_id=custom_id, disabled=disabled
    )


def page_buttons(
    make: Callable[[str, int, bool], discord.ui.Item[Any]], page: int, pages: int
) -> discord.ui.View | None:
    """Previous and Next, or nothing when everything fits on one page."""
    if pages <= 1:
        return None
    return stateless_view(
        [make("previous", page - 1, page <= 1), make("next", page + 1, page >= pages)]
    )
