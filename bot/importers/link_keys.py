"""Links compared for repeats: the same listing is written many ways (a trailing slash,
tracking parameters, http or https, `www.`, a fragment, the host's letter case), and a feed
item repeating an announcement must be known by its listing however its feed writes it. The
key is computed when comparing, never stored: the stored link is what was given."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit

# Query parameters that say who sent a visitor, not which page: dropped from the key.
_TRACKING = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "_ga",
    }
)
_DEFAULT_PORTS = (None, 80, 443)


def link_key(link: str) -> str:
    """`kei.example/jumbo?stock=2`: the link without its scheme, `www.`, default port,
    trailing slash, fragment and tracking parameters, its host lowercased and its query
    sorted. The path keeps its case: sites may tell pages apart by it. A link that is no URL
    is its own key."""
    parts = urlsplit(link.strip())
    try:
        port = parts.port
    except ValueError:  # a port that is no number
        return link.strip()
    if not parts.hostname:
        return link.strip()
    host = parts.hostname.removeprefix("www.")
    if port not in _DEFAULT_PORTS:
        host = f"{host}:{port}"
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _tracking(name)
    )
    return f"{host}{parts.path.rstrip('/')}" + (f"?{urlencode(query)}" if query else "")


def _tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in _TRACKING


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
