"""A meetup's length typed where its time goes ("1.5 hours", "for an hour and a half"):
refused in the member's own words, pointing to the duration option."""

from __future__ import annotations

import re

from bot.errors import UserError
from bot.when.words import NUMBER_WORDS, any_of

_COUNT = rf"\d{{1,2}}(?:\.\d+)?|{any_of(NUMBER_WORDS)}|an?"
# Two digits at most: "1930 hours" and "14:30 hrs" are times on the 24-hour clock; "18h" too.
_LENGTH = (
    rf"(?:half\s+an?\s+hour|(?:{_COUNT})(?:\s+and\s+a\s+half)?\s*(?:hours?|hrs?|minutes?|mins?)"
    r"(?:\s+and\s+a\s+half)?)(?!\w)"
)
# "in 1.5 hours" and "2 hours from now" say when: that long from now, read by the day's reader.
_FROM_NOW = re.compile(
    rf"(?<![\w.:])(?:in\s+{_LENGTH}|{_LENGTH}\s+from\s+(?:now|today)(?!\w))", re.I | re.A
)
_LONG = re.compile(rf"(?<![\w.:])(?:for\s+)?{_LENGTH}", re.I | re.A)


# "2 hours ago", "3 days ago": counted back from now, so passed.
_AGO = re.compile(
    rf"(?<![\w.:])(?P<length>(?:{_COUNT})\s*(?:hours?|hrs?|minutes?|mins?|days?|weeks?))\s+ago"
    r"(?!\w)",
    re.I | re.A,
)


def refuse_length(text: str) -> None:
    """Refuse a length in `text` not counted from now ("2 hours", "sat 10am for 1.5 hours"):
    a member typing one most likely meant the meetup's length, which has its own option. One
    counted back ("2 hours ago") has passed."""
    typed = " ".join(text.split())
    if ago := _AGO.search(typed):
        raise UserError(
            f"“{ago[0]}” has passed: give when the meetup starts, ahead, like in "
            f"{ago['length']} or sat 10am."
        )
    length = _LONG.search(_FROM_NOW.sub(" ", typed))
    if length is None:
        return
    alone = length[0] == typed
    from_now = f"; or, for that long from now, write in {length[0]}" if alone else ""
    raise UserError(
        f"“{length[0]}” is how long, not when: give the meetup's length in the duration "
        f"option (in minutes), and here when it starts, like sat 10am{from_now}."
    )
