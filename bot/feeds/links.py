"""Links compared for repeats: the same listing is written many ways (a trailing slash,
tracking parameters, http or https, `www.`, a fragment, the host's letter case), and a feed
item must be known by its listing however its feed writes it, both among the feed's own items
(its seen keys) and against the importer's announcements."""

from __future__ import annotations

import re
from collections.abc import Callable
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
    return _listing(link, _tracking)


def link_key_of_0056(link: str) -> str:
    """`link_key` as the release of 0056 had it, dropping a `ref` of lowercase letters
    whatever it named, for the seen keys it stored: a poll finds the items they were of by
    it, and keys them anew (`bot.feeds.parsing.old_keys`). None is stored by the releases
    since: this can go once every feed was polled after the upgrade."""
    return _listing(link, _tracking_in_0056)


def _listing(link: str, tracking: Callable[[str, str], bool]) -> str:
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
        if not tracking(name, value)
    )
    return f"{host}{parts.path.rstrip('/')}" + (f"?{urlencode(query)}" if query else "")


# `ref` is tracking when it names where a visitor came from (`?ref=rss`, `?ref=Twitter`);
# dealer sites also name their stock with it (`?ref=123`, `?ref=hijet-jumbo`), and two trucks
# must never share a key: only these names are dropped, any other value is kept.
_REF_SOURCES = frozenset(
    {
        "rss",
        "atom",
        "feed",
        "home",
        "homepage",
        "newsletter",
        "email",
        "twitter",
        "facebook",
        "instagram",
        "linkedin",
        "reddit",
        "pinterest",
        "tiktok",
        "youtube",
        "google",
        "bing",
        "producthunt",
        "hackernews",
    }
)


def _tracking(name: str, value: str) -> bool:
    lowered = name.lower()
    if lowered == "ref":
        return value.casefold() in _REF_SOURCES
    return lowered.startswith("utm_") or lowered in _TRACKING


_REF_IN_LETTERS = re.compile(r"[a-z][a-z_.-]*")


def _tracking_in_0056(name: str, value: str) -> bool:
    if name.lower() == "ref":
        return _REF_IN_LETTERS.fullmatch(value) is not None
    return _tracking(name, value)
