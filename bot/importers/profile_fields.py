"""What a moderator types for an importer's profile, checked as registration and edits check it:
its name, website and US state, and the word that removes a website, a state or a feed."""

from __future__ import annotations

import re

import httpx

from bot.errors import UserError
from bot.feeds.guard import literal_address, refusal_reason
from bot.invisible import require_seen
from bot.limits import plain_quote, refuse_mention, require_length, require_shown
from bot.states import state_code

MAX_NAME = 80
MAX_URL = 512
MIN_REASON, MAX_REASON = 3, 500  # a suspension's reason
NONE = "none"  # typed for a website, state or feed: the profile has none from now on
# What else reads as none: a member turning their feed off types "off" as readily as "none".
_NONE_WORDS = frozenset({NONE, "off", "remove"})
_SPACE = re.compile(r"\s+")
_HTTPS = re.compile(r"https://[^\s/?#@]+\.[^\s/?#@]+(?:[/?#]\S*)?", re.IGNORECASE)


def parse_state(text: str | None) -> str | None:
    """A US state or territory code, from the code or the name (`tx`, `Texas` → `TX`); None
    for none; `UserError` otherwise."""
    if text is None or not text.strip():
        return None
    code = state_code(text)
    if code is None:
        raise UserError(
            f"{plain_quote(text)} is not a US state; give its two letters, like TX, or its name."
        )
    return code


def checked_name(name: str) -> str:
    checked = _SPACE.sub(" ", require_length("The importer's name", name, MAX_NAME))
    if not any(ch.isalnum() for ch in checked):
        # Members find an importer by its name, and a blank-looking one reads as none.
        raise UserError("The importer's name needs a letter or a digit, not only symbols.")
    shown = require_shown("The importer's name", checked, MAX_NAME)  # Hangul fillers are letters
    # It stands on every card and alert DM: it must read as it is stored.
    return refuse_mention("The importer's name", require_seen("importer's name", shown))


def is_none(text: str) -> bool:
    """Whether `text` asks for none: the website, state or feed it is typed for removed."""
    return text.strip().casefold() in _NONE_WORDS


def parse_state_or_none(text: str) -> str | None:
    """A state as at registration, or None when a moderator typed `none` to remove it."""
    return None if is_none(text) else parse_state(text)


def parse_https_or_none(text: str) -> str | None:
    """A website as at registration, or None when a moderator typed `none` to remove it."""
    if is_none(text):
        return None
    url = parse_https("The website", text)
    if url is None:
        raise UserError(f"Give the new website (https://…), or {NONE} to remove it.")
    return url


def parse_https(label: str, text: str | None, *, limit: int = MAX_URL) -> str | None:
    """An https:// link as members paste it, or None for none; `UserError` otherwise."""
    if text is None or not text.strip():
        return None
    url = text.strip()
    if len(url) > limit:
        raise UserError(f"{label} is {len(url):,} characters; the limit is {limit:,}.")
    if not _HTTPS.fullmatch(url):
        raise UserError(f"{label} must be an https:// link, such as https://kei.example/trucks.")
    try:
        address = literal_address(httpx.URL(url).host)
    except httpx.InvalidURL:
        raise UserError(f"{label} is not a link that can be opened.") from None
    if address is not None and refusal_reason(address) is not None:
        raise UserError(f"{label} must be an https:// link to a public site, not to an address.")
    return url
