"""Reading a feed's bytes: refuse DTDs and entities first, then let feedparser read them.

feedparser is given the bytes already fetched (as a stream, so it never fetches anything
itself), and only after defusedxml has walked the document refusing any DTD, entity
declaration or external reference, so a "billion laughs" costs one refusal instead of memory.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

from bot.feeds.fetcher import FeedError
from bot.feeds.links import link_key, link_key_of_0056
from bot.invisible import parted, visible
from bot.models import default_lines

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
# Encodings expat cannot read are still ASCII-compatible for markup (Shift_JIS, EUC-JP…), so
# the DTD check falls back to looking for the declarations in the raw bytes.
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)


@dataclass(frozen=True)
class FeedItem:
    key: str  # from the item's id, else its listing's link, else its title; never its date
    title: str
    link: str | None
    summary: str
    published: datetime | None  # shown, never used to decide what is new
    # The keys an item known by its listing had before (`old_keys`), for the seen keys stored
    # then; none for one whose key it always was.
    old_keys: tuple[str, ...] = ()
    # Its key while its web-address id's anchor (`#top`) was kept in it, until 0063
    # (`anchored_key`); None for an item whose key kept none.
    anchored_key: str | None = None
    # Its key while its id's worded anchor (`#honda-acty`) was dropped from it, from 0063
    # (`unanchored_key`), one key for every item of the page; None for an item keyed so still.
    unanchored_key: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    items: tuple[FeedItem, ...]  # in the feed's order
    nameless: int = 0  # entries with no title, link or id: nothing to show or know them by


def parse_feed(body: bytes) -> ParsedFeed:
    """The feed in `body`, or `FeedError` saying why it cannot be read."""
    if _HTML_START.match(body):
        raise FeedError("The address serves a web page, not an RSS or Atom feed.")
    refuse_declarations(body)
    parsed = feedparser.parse(io.BytesIO(body), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version"):
        raise FeedError("The address does not serve an RSS or Atom feed.")
    items = tuple(item for entry in parsed.entries if (item := _item(entry)) is not None)
    title = _plain(parsed.feed.get("title", ""))
    return ParsedFeed(title, items, nameless=len(parsed.entries) - len(items))


def refuse_declarations(body: bytes) -> None:
    """`FeedError` when `body` is not well-formed XML or declares a DTD or entities."""
    try:
        defused_fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise FeedError(_DECLARES) from None
    except (ParseError, ValueError) as error:
        # expat reads only a few encodings; for the others (Shift_JIS, EUC-JP: markup is
        # ASCII in them) a declaration is looked for in the bytes, and feedparser judges the rest.
        unreadable_encoding = isinstance(error, ValueError) or "encoding" in str(error)
        if _DECLARATION.search(body):
            raise FeedError(_DECLARES) from None
        if unreadable_encoding:
            return
        line, column = error.position
        raise FeedError(
            f"The feed is not well-formed XML (line {line}, column {column})."
        ) from None


_DECLARES = "The feed declares a DTD or entities, which feeds are not read with."


def item_key(entry_id: str | None, link: str | None, title: str) -> str:
    """A stable key for an item: its id (opaque, as feed readers take a guid), or its
    listing's `link_key`, so a feed that rewrites the link (tracking parameters, http or
    https, a trailing slash) is not taken to list a new item; or its title. An id that is a
    web address is the listing's too, and feeds add tracking parameters to it as to links;
    its fragment is kept, since feeds tell items on one page apart by it (`news#1`,
    `stock#honda-acty-red`), but for a place in any page (`#top`, `#comments`), which a site
    adds to or changes on the same listing."""
    if entry_id and not _web_address(entry_id):
        return _hashed(f"id:{entry_id.strip()}")
    if entry_id:
        fragment = urlsplit(entry_id.strip()).fragment
        kept = fragment and not _in_page(fragment)
        return _hashed(f"link:{link_key(entry_id)}" + (f"#{fragment}" if kept else ""))
    if link:
        return _hashed(f"link:{link_key(link)}")
    return _hashed(f"title:{title.strip()}\n")


def old_keys(entry_id: str | None, link: str | None, title: str) -> tuple[str, ...]:
    """The keys an item known by its listing had before, where they differ from its key now:
    its raw link's (until 0056) or web-address id's (until its listing keyed it), and its
    listing's as 0056 keyed it (`link_key_of_0056`: without an id's fragment, nor a `ref` in
    lowercase letters, so several items may share it)."""
    if entry_id:
        if not _web_address(entry_id):
            return ()
        raw = _hashed(f"id:{entry_id.strip()}")
        listing = entry_id
    elif link:
        raw = _hashed(f"link:{link.strip()}")
        listing = link
    else:
        return ()
    keys = dict.fromkeys((raw, _hashed(f"link:{link_key_of_0056(listing)}")))
    keys.pop(item_key(entry_id, link, title), None)
    return tuple(keys)


def anchored_key(entry_id: str | None) -> str | None:
    """An item's key while a web-address id's anchor was kept in it (until 0063: `#top` told
    the same listing apart); None when its key then is its key now. No other item had it, so
    it is looked for among every key stored, not only those an earlier rule marked."""
    if not entry_id or not _web_address(entry_id):
        return None
    fragment = urlsplit(entry_id.strip()).fragment
    if not fragment or not _in_page(fragment):
        return None
    return _hashed(f"link:{link_key(entry_id)}#{fragment}")


def unanchored_key(entry_id: str | None) -> str | None:
    """An item's key while a web-address id's anchor without a digit was dropped from it
    (from 0063), so the items one page told apart by worded anchors shared it; None when its
    key then is its key now."""
    if not entry_id or not _web_address(entry_id):
        return None
    fragment = urlsplit(entry_id.strip()).fragment
    if not fragment or _in_page(fragment) or any(character.isdigit() for character in fragment):
        return None
    return _hashed(f"link:{link_key(entry_id)}")


# Anchors that are a place in any page, not an item on it: those of page layouts (WordPress,
# Blogger, Disqus, skip links).
_IN_PAGE_ANCHORS = frozenset(
    {
        *("top", "bottom", "content", "main", "main-content", "maincontent", "primary"),
        *("comments", "comment", "respond", "reply", "disqus_thread", "more", "page"),
        *("header", "footer", "nav", "navigation", "skip", "start", "body", "article"),
    }
)


def _in_page(fragment: str) -> bool:
    return fragment.casefold() in _IN_PAGE_ANCHORS


def _web_address(entry_id: str) -> bool:
    return urlsplit(entry_id.strip()).scheme.lower() in ("http", "https")


def _hashed(basis: str) -> str:
    return hashlib.sha256(basis.encode()).hexdigest()


def _item(entry: Any) -> FeedItem | None:
    title = _plain(entry.get("title", ""))
    link = entry.get("link") or None
    entry_id = entry.get("id") or None
    if not (title or link or entry_id):
        return None  # nothing to show and nothing to know it by
    return FeedItem(
        key=item_key(entry_id, link, title),
        old_keys=old_keys(entry_id, link, title),
        anchored_key=anchored_key(entry_id),
        unanchored_key=unanchored_key(entry_id),
        title=title or (link or "Untitled"),
        link=link,
        summary=_plain(entry.get("summary", "")),
        published=_when(entry.get("published_parsed") or entry.get("updated_parsed")),
    )


def _plain(markup: str) -> str:
    """Text as members will read it: no markup, and none of the characters that show nothing
    or turn round what follows (a feed is nobody to refuse, so they are dropped; a zero-width
    space between words is the space it stands for: `item_words`)."""
    text = html.unescape(_TAG.sub(" ", markup or ""))
    return _SPACE.sub(" ", visible(item_words(text))).strip()


def item_words(text: str) -> str:
    """An item's text (a feed's, or typed by its importer) with a zero-width space between two
    words read as a space, as alerts read theirs (`parted`): but inside a name of the model
    list (`Hi\u200bjet`) it is dropped, as alerts drop it."""
    return parted(text, lambda word: _folded(word) in _model_names())


@cache
def _model_names() -> frozenset[str]:
    """The model list's names of each line, in every spelling it gives (`hijet`, `haizetto`)."""
    return frozenset(
        _folded(name)
        for line in default_lines()
        for name in (line.model, line.kana, line.romaji, *line.aliases)
        if name
    )


def _folded(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold()


def _when(parsed: Any) -> datetime | None:
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, TypeError):
        return None
