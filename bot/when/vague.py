"""Words that put off saying when ("asap", "tbd", "later"), typed where a meetup's time goes:
refused with why, and an example in the zone the time would have been read in."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.dates import clock_text
from bot.errors import UserError
from bot.when.changes import day_text
from bot.when.zone import Zone
from bot.zones import zone_label

_VAGUE = re.compile(r"(?:right\s+)?now|asap|tb[ad]|soon|later", re.I | re.A)
_EXAMPLE_HOUR = 19  # an evening, when most meetups that are not morning ones start


def refuse_vague(words: str, text: str, now: datetime, zone: Zone | None) -> None:
    """Refuse `words` (the time read, its zone taken out) that put off saying when, quoting
    the member's `text`, with tomorrow evening as the example in `zone` (as typed, if it was),
    or in UTC when no zone is known: which zone to name is the second thing to fix."""
    if not _VAGUE.fullmatch(words):
        return
    unknown = ""
    if zone is None:
        zone = Zone("UTC", UTC, "UTC")
        unknown = (
            " I don't know your time zone: name it in place of UTC (7pm PT), or set it with "
            "/timezone set."
        )
    tomorrow = now.astimezone(zone.tz).date() + timedelta(days=1)
    evening = datetime(tomorrow.year, tomorrow.month, tomorrow.day, _EXAMPLE_HOUR)
    # "my time" is kept as typed, without the zone it was read as: the example says that.
    typed = f"tomorrow {_EXAMPLE_HOUR - 12}pm {zone.typed.split(' (')[0]}".rstrip()
    raise UserError(
        f"“{text.strip()}” doesn't say when: a meetup needs a date and a time, so that members "
        f"know when to come. Give both, like {typed} ({day_text(tomorrow)} "
        f"{clock_text(evening)}, {zone_label(zone.name)}).{unknown}"
    )
