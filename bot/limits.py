"""Discord's hard limits in one place, and the helpers that make text respect them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Final

from bot.errors import UserError
from bot.invisible import shown_text

MESSAGE_CONTENT = 2000
MESSAGE_NONCE = 25
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
EMBED_FIELD_NAME = 256
EMBED_FIELD_VALUE = 1024
EMBED_FOOTER = 2048
EMBED_URL = 2048
EMBED_TOTAL = 6000
AUTOCOMPLETE_CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100
BUTTONS_PER_ROW = 5
BUTTON_LABEL = 80
CUSTOM_ID = 100
# Bytes of files on one message, for a server without boosts (Discord's smallest upload limit).
ATTACHMENT_MAX = 10 * 1024 * 1024

ELLIPSIS = "…"

# What Discord shows as a member, role or channel in typed text, and "@everyone" or "@here",
# which reads as a ping to whoever sees it even where nobody is pinged.
_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)(?!\w)", re.IGNORECASE)
# Discord's links to a server's own pages (`<id:browse>`: its channels, onboarding, guide, linked
# roles) and to a slash command (`</build start:123>`), which it draws as names that take whoever
# clicks them there: in a member's text they would pass for the server's own links. Emoji and
# timestamps go nowhere.
_NAVIGATION = re.compile(
    r"<id:(?:customize|browse|guide|linked-roles(?::\d+)?)>|</[^<>]+:\d+>", re.IGNORECASE
)


def holds_mention(text: str) -> bool:
    """Whether `text` holds a mention of a member, role or channel, of everyone or here, or a
    link to a slash command or to a server's page (what Discord's own docs call a command's
    mention, and its guild navigation)."""
    return _MENTION.search(text) is not None or _NAVIGATION.search(text) is not None


# A link, bare ("https://…", "www.…") or masked ("[click](…)"), which shows as a link to wherever
# it points rather than as the words of a name.
_LINK = re.compile(r"\b[a-z][a-z0-9+.-]*://|\bwww\.\w|\]\(", re.IGNORECASE)


def holds_link(text: str) -> bool:
    """Whether `text` holds a link, bare or masked."""
    return _LINK.search(text) is not None


def refuse_mention(label: str, text: str) -> str:
    """`text`, refused when, called `label` ("The title"), it holds a mention or a link to a
    command or a server's page (`holds_mention`), in the words every such refusal shares."""
    if holds_mention(text):
        raise UserError(
            f"{label} may not hold mentions (everyone, here, a member, a role), channels, or "
            "links to commands or to the server's pages."
        )
    return text


def fit(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - len(ELLIPSIS)].rstrip() + ELLIPSIS


def fit_words(text: str, limit: int) -> str:
    """`fit`, the cut falling where a reader can tell it is one: after a whole word, and before
    a parenthesis the kept text would leave open. Text without spaces (Japanese) is cut at a
    character."""
    if len(text) <= limit:
        return text
    kept = text[: limit - len(ELLIPSIS)]
    if not text[len(kept)].isspace() and (space := kept.rstrip().rfind(" ")) > 0:
        kept = kept[:space]
    opened = max(kept.rfind("("), kept.rfind("（"))
    if opened > max(kept.rfind(")"), kept.rfind("）")):
        kept = kept[:opened]
    return kept.rstrip(" ,;:") + ELLIPSIS


def plain_quote(text: str) -> str:
    """Member text quoted in a refusal: plain “…”, never Markdown; the error path in the
    discord layer escapes it."""
    return f"“{fit(text, 60)}”"


def require_length(label: str, text: str, limit: int, *, minimum: int = 1) -> str:
    """Return `text` stripped, or refuse it with a message naming the field and its limit."""
    stripped = text.strip()
    if len(stripped) < minimum:
        raise UserError(f"{label} cannot be empty.")
    if len(stripped) > limit:
        raise UserError(f"{label} is {len(stripped):,} characters; the limit is {limit:,}.")
    return stripped


# Characters that show nothing yet are not whitespace to Python: the blank letters and the blank
# Braille cell that stand in for an empty name where one is required.
_BLANK_LOOKING: Final = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Unicode's whitespace, controls and formatting characters (zero-width spaces, joiners, emoji
# variation selectors' kin), and marks that combine with nothing, show nothing either.
_SHOWING_NOTHING: Final = ("Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Me")


def require_shown(label: str, text: str, limit: int) -> str:
    """`text` stripped within `limit` (as `require_length`), refused when none of it shows: a
    title, name or update of invisible characters could be neither seen nor picked."""
    return _shown(label, require_length(label, text, limit))


def checked_reason(label: str, text: str, limit: int, *, minimum: int = 1) -> str:
    """A moderator's words a member reads ("The reason" of a rejection, a lock, a suspension;
    "The note" of a feature), on one line: what shows nothing dropped (`shown_text`) before its
    length is counted, since a DM reading "Reason: " and nothing after tells its member
    nothing; refused where a character would turn round the bot's own text after it."""
    shown = " ".join(shown_text(label.removeprefix("The ").lower(), text).split())
    if text.strip():
        _shown(label, shown)
    if shown and len(shown) < minimum:
        raise UserError(f"{label} is too short: give at least {minimum} characters.")
    return require_length(label, shown, limit)


def one_line(label: str, text: str, limit: int, *, minimum: int = 1) -> str:
    """`text` as a name reads (a title, a place, a truck): on one line, each run of spaces,
    tabs and line breaks one space, and within `limit` so counted; else a refusal. Something
    typed must show (see `require_shown`)."""
    line = require_length(label, " ".join(text.split()), limit, minimum=minimum)
    return _shown(label, line) if line else line


def _shown(label: str, text: str) -> str:
    if all(
        char in _BLANK_LOOKING or unicodedata.category(char) in _SHOWING_NOTHING for char in text
    ):
        raise UserError(
            f"{label} shows nothing: it holds only invisible characters. "
            "Type letters, digits or emoji."
        )
    return text


def listed(items: Sequence[str]) -> str:
    """Items as a sentence lists them: `A`, `A and B`, `A, B and C` (none: empty)."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def join_within(lines: Sequence[str], limit: int) -> str:
    """Lines joined by newlines, dropping (and counting) whole lines from the end to fit."""
    text = "\n".join(lines)
    if len(text) <= limit or len(lines) == 1:
        return fit(text, limit)
    tail_room = len(f"\n…and {len(lines)} more")
    kept: list[str] = []
    used = 0
    for line in lines:
        cost = len(line) + (1 if kept else 0)
        if used + cost + tail_room > limit:
            if not kept:
                kept.append(fit(line, limit - tail_room))
            break
        kept.append(line)
        used += cost
    return "\n".join(kept) + f"\n…and {len(lines) - len(kept)} more"
