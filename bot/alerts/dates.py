"""Dates in what members and items write: when a truck comes (`due march`, `landing 2027`,
`ETA Dec 2026`) and when it was listed (`listed 2026-11-30`). A date is no model year, and
alerts have no condition on one."""

from __future__ import annotations

import re

from bot.alerts.spellings import MAX_PHRASE, text_words
from bot.errors import UserError
from bot.limits import plain_quote

# A month's name, as dates and first registrations give it ("Dec. 1995").
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"[0-3]?[0-9](?:st|nd|rd|th)?"
# Words saying when a truck comes or was listed, and what may stand between them and the date
# ("due in late March", "ETA: end of May").
_WHEN = (
    r"(?:arrives|arriving|arrival|listed|available|eta|ships|shipping|in\s+port|due|landing"
    r"|lands|landed|expected)\s*:?(?:\s+(?:on|in|from|by|for|around|early|mid|late|end\s+of))*"
)
# A date an item's words give ("listed 2026-11-30", "arrives 11/30/2026", "Nov 30, 2026") dates
# the listing, not the truck: its year is no model year. A year and month alone ("1998-02", "May
# 1998", "03/1995") are left to be read, as a listing gives a truck's first registration so,
# unless a word before them says when the truck comes ("arrives 12/2026", "ETA: Dec 2026").
_DATE = re.compile(
    r"(?<![\w/.-])(?:"
    r"[0-9]{4}([-/.])[01]?[0-9]\1[0-3]?[0-9]"  # 2026-11-30, 2026/11/30
    r"|[0-3]?[0-9]([-/.])[0-3]?[0-9]\2[0-9]{4}"  # 11/30/2026, 30.11.2026
    rf"|{MONTH}\s+{_DAY},?\s+[0-9]{{4}}"  # Nov 30, 2026
    rf"|{_DAY}\s+{MONTH},?\s+[0-9]{{4}}"  # 30 November 2026
    rf"|{_WHEN}\s+(?:[01]?[0-9][-/.]|{MONTH}\s+)[0-9]{{4}}"  # arrives 12/2026
    r")(?![0-9])"
)
# A year alone after such a word ("landing 2026", "Arriving: 1995 Hijet"): when the truck comes
# if it is recent (a kei truck of last year or this one is no import), else the truck's own.
_WHEN_YEAR = re.compile(rf"(?<!\w){_WHEN}\s+(?P<year>[0-9]{{4}})(?![\w/.-])", re.I)
# When a truck comes, as an alert might say it: a month ("due march"), a month and year, a
# month's number and year ("arrives 12/2026"), a season or the next week or month.
_WHEN_SAID = re.compile(
    rf"(?<!\w){_WHEN}\s+(?:{MONTH}(?:\s+[0-9]{{4}})?|[01]?[0-9][-/.][0-9]{{4}}"
    r"|(?:spring|summer|fall|autumn|winter)(?:\s+[0-9]{4})?|next\s+(?:week|month))(?![\w/])",
    re.I,
)


def without_dates(folded: str, this_year: int) -> str:
    """`folded` (an item's words, folded) with the dates it gives blanked out."""
    return _WHEN_YEAR.sub(lambda m: _blank_if_date(m, this_year), _DATE.sub(" ", folded))


def _blank_if_date(match: re.Match[str], this_year: int) -> str:
    return " " if _is_when(match, this_year) else match[0]


def _is_when(match: re.Match[str], this_year: int) -> bool:
    return int(match["year"]) >= this_year - 1


def check_no_date(query: str, this_year: int) -> str:
    """Refuse a new alert's text (outside quotes) saying when a truck comes: alerts have no
    condition on dates, and its words would be waited for, or its year read as a model year."""
    found = _WHEN_SAID.search(query) or next(
        (m for m in _WHEN_YEAR.finditer(query) if _is_when(m, this_year)), None
    )
    if found is None:
        return query
    said = " ".join(found[0].split())
    # A quoted phrase is at most MAX_PHRASE words: a longer one is only to be left out.
    quoted = f', or put it in quotes, "{said}", to watch for those words'
    raise UserError(
        f"{plain_quote(said)} says when a truck comes, and alerts have no condition on dates: "
        "each tells you as an item goes out. Leave it out"
        f"{quoted if len(text_words(said)) <= MAX_PHRASE else ''}."
    )
