"""US states an alert or an item names by their two letters: after a place word (`hijet in CO`,
`near tx`) in an alert, after a comma or `in`, or before a ZIP code, in an item (`Denver, CO`,
`in CO 80202`), where a place is written (not `4WD, HI-LO` or `in OK shape`). Read as the
state's name, which an arrival in the state holds too (its state is read into its text), so an
alert waits for the state in feed items as in arrivals; a `state:` condition would pass every
feed item by (they carry no state). Elsewhere two letters are a word (`Kei Truck Co.`)."""

from __future__ import annotations

import re

from bot.states import US_STATES, state_name

# Case is kept for the codes however the pattern around them is matched.
STATE_CODE = rf"(?-i:{'|'.join(sorted(US_STATES))})"
# Codes that are also words after `in` (`in or`, `in ok shape`, `hi`, `la`, `pa`): a state in
# an alert only in capitals; the others in any case (`hijet in tx`).
_WORDS_TOO = frozenset({"IN", "OR", "ME", "OK", "HI", "OH", "DE", "LA", "PA", "MA", "AL", "ID"})
TYPED_STATE_CODE = rf"{STATE_CODE}|(?i:{'|'.join(sorted(US_STATES - _WORDS_TOO))})"
# In an item, a code is a place where one is written: after a comma, `in` or `near` with no
# hyphen or slash going on (`4WD, HI-LO` is a gearbox's), or before a ZIP code. One that is
# also a word (`in OK shape`, `Hijet, OR Acty`, `dump, IN STOCK`) only before a ZIP code or
# at a clause's end after a comma (`Hilo, HI.`, `Tulsa, OK, pick up only`).
_PLAIN_CODE = rf"(?-i:{'|'.join(sorted(US_STATES - _WORDS_TOO))})"
_CLAUSE_END = r"(?=[ \t]*(?:[.,;:!?)\]\n]|$))"
_NAMED_IN_ITEM = re.compile(
    rf"(?:,|\bin|\bnear)\s+({_PLAIN_CODE})(?![\w/-])"
    rf"|,\s+({STATE_CODE}){_CLAUSE_END}"
    rf"|\b({STATE_CODE})\s+\d{{5}}\b",
    re.I,
)


def states_named(text: str) -> list[str]:
    """The names of the states an item's `text` writes by their codes (see the module)."""
    return [state_name("".join(codes)) for codes in _NAMED_IN_ITEM.findall(text)]
