"""Discord's hard limits in one place, and the helpers that make text respect them."""

from __future__ import annotations

from bot.errors import UserError

MESSAGE_CONTENT = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
EMBED_FIELD_NAME = 256
EMBED_FIELD_VALUE = 1024
EMBED_FOOTER = 2048
EMBED_AUTHOR = 256
EMBED_TOTAL = 6000
EMBEDS_PER_MESSAGE = 10
AUTOCOMPLETE_CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100
BUTTONS_PER_ROW = 5
ACTION_ROWS = 5
BUTTON_LABEL = 80
CUSTOM_ID = 100
SELECT_OPTIONS = 25
MODAL_TITLE = 45
TEXT_INPUT_LABEL = 45
TEXT_INPUT_VALUE = 4000
THREAD_NAME = 100
CHANNEL_TOPIC = 1024
INTERACTION_ACK_SECONDS = 3.0

ELLIPSIS = "…"


def fit(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - len(ELLIPSIS)].rstrip() + ELLIPSIS


def require_length(label: str, text: str, limit: int, *, minimum: int = 1) -> str:
    """Return `text` stripped, or refuse it with a message naming the field and its limit."""
    stripped = text.strip()
    if len(stripped) < minimum:
        raise UserError(f"{label} cannot be empty.")
    if len(stripped) > limit:
        raise UserError(f"{label} is {len(stripped):,} characters; the limit is {limit:,}.")
    return stripped
