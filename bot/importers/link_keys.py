"""Feed items compared with the importer's announcements for repeats, by their listing
(`link_key`). The key is computed when comparing, never stored: the stored link is what was
given."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from bot.feeds.links import link_key


def repeated_in(
    rows: Iterable[sqlite3.Row], title_key: str, link: str | None, *, first: bool
) -> bool:
    """Whether a feed item known by `title_key` and `link` repeats one of `rows` (the
    importer's announcements, live or taken down, with their `source`, `title_key` and
    `link`): a typed one by its title key, the rest by their link's `link_key` (a feed item's
    own only on a feed's `first` poll, which starts over without its record of the items it
    showed)."""
    wanted = None if link is None else link_key(link)
    return any(
        (row["source"] == "member" and row["title_key"] == title_key)
        or (
            wanted is not None
            and row["link"] is not None
            and (row["source"] != "feed" or first)
            and link_key(row["link"]) == wanted
        )
        for row in rows
    )
