"""Small words (in, the, on, for, with…) in a new alert: left out, as an item need not hold them
(an arrival in TX says "Texas", seldom "in"; "great farm truck" is for `hijet for the farm`); but
before a word that says nothing of a truck alone (`EMPTY_ALONE`: `hijet on the way` would wait
for any "way", `carry for sale` for any "sale"), they are what the member means, so they are kept
as the phrase they make with it (up to `MAX_PHRASE` words, the last small words), with a word that
leads into them (`out of stock`), whatever other words stand around it."""

from __future__ import annotations

import re
from typing import NamedTuple

from bot.alerts.amounts import ROUGH_WORDS
from bot.alerts.places import TYPED_STATE_CODE
from bot.alerts.query import FIELDS_PATTERN, FILLER_WORDS, OPS_PATTERN, as_condition
from bot.alerts.spellings import MAX_PHRASE, text_words
from bot.alerts.tokens import outside_quotes, tokens
from bot.states import state_name

# OR and AND are left to be refused or dropped as such. "With" is no word a search holds
# (`carry with trailer` is for "comes with a trailer" too), though a kept alert's stays.
SMALL = (FILLER_WORDS - {"or", "and"}) | {"with"}
# Words that alone say nothing of a truck, and many items hold in another sense ("no way",
# "stock tires", "road legal", "hand brake", "state inspection"), but with small words before
# them say where a truck is or how it is sold (`on the way`, `for sale`, `in stock`, `on hand`,
# `on site`, `on the road`, `to order`, `on hold`, `on request`, `on the lot`, `out of state`).
# Any other word is searched for alone: an item says "farm truck" of `for the farm`, "trailer
# included" of `on a trailer`.
EMPTY_ALONE = frozenset(
    {"way", "sale", "stock", "hand", "site", "road", "order", "hold", "request", "lot", "state"}
)
# Words that lead into such a phrase by the small words after them (`out of stock`, `by the
# way`, `up for sale`): the phrase's, not left loose before it; before small words that make
# none (`out of japan`, `up for auction`) they are left out with them, saying no more alone than
# they do. Before other small words they lead into nothing, being the word before's (`pop up
# in texas`, a pop up camper; `sold out in texas`), and stay.
_LEADS = {
    "out": frozenset({"of", "for"}),
    "by": frozenset({"the", "a", "an"}),
    "up": frozenset({"for"}),
}
# Words that put a place near another (`hijet near Dallas`): an item names the place, seldom
# its "near", so they are left out before a word, whatever it is, as small words are before most,
# before an exclusion (`hijet near -dump`: no place), and with nothing after them (`hijet
# state:CO near`). Before a number they are left out too once amounts are read (`around 5k` is
# refused as one): the number left is a place or a count (`near 90210`, `around 2 owners`).
_PLACE = r"near(?:\s+to)?|nearby|around|close\s+to|in\s+the\s+(?:area|vicinity)\s+of"
# Where the member is (`near me`, `around here`, `in my area`): no item names it. `ME` in
# capitals is Maine, as `near CO` is Colorado, and is a place like any other.
_WHERE_I_AM = rf"(?:{_PLACE}|in)\s+(?:(?-i:[mM]e)|you|here|my\s+(?:area|location|town|city))"
# What is left out, in the order typed: where the member is, whole; a place word, as above; and
# a word saying a number is rough (`hijet about 1995`, `~ 1995`, `about 2 owners`) before a number
# or a condition said with one, as `around` is (before an amount it is refused: `about 5k`), an
# item naming the year or count seldom saying "about" (before a word it is one: `about town`).
# A state's code after a place word or `in` (`hijet in CO`) is the state (`bot.alerts.places`):
# its name is kept, the place word left out. Before a word saying how a truck is kept it is no
# state: `in OK condition`.
_KEPT_HOW = r"condition|cond|shape|order|running|working"
_LEFT_OUT_BEFORE = re.compile(
    rf"(?<!\S)(?:{_WHERE_I_AM}[.,;!?]*(?!\S)"
    rf"|(?P<place>{_PLACE}|in)\s+(?P<state>{TYPED_STATE_CODE})(?=[.,;!?]*(?:\s|$))(?!\s+(?:{_KEPT_HOW})\b)"
    rf"|(?:{_PLACE})(?=\s+[^\W_]|\s+-|\s*$)"
    rf"|(?:{ROUGH_WORDS})(?=\s+(?:[0-9]|(?:{FIELDS_PATTERN})(?:{OPS_PATTERN}))))",
    re.I,
)


class SmallWords(NamedTuple):
    left_out: tuple[str, ...]  # as typed
    phrases: tuple[str, ...]  # the words kept as one phrase each, as typed
    # A word leading into a phrase with no room left in it (`out` of `out of the way`), left
    # out, and the phrase, as typed: quoting the four words would be refused.
    no_room: tuple[tuple[str, str], ...] = ()


def small_words(query: str) -> SmallWords:
    """What becomes of `query`'s small words outside quotes (see the module)."""
    return _read(query)[1]


def without_small_words(query: str) -> str:
    """`query` with its small words left out, or kept as the phrases they make."""
    return _read(query)[0]


def _read(query: str) -> tuple[str, SmallWords]:
    if all(token.text.casefold() in SMALL for token in tokens(query) if not token.quoted):
        return query, SmallWords((), ())  # nothing else to watch for: refused as such
    left_out: list[str] = []
    phrases: list[str] = []
    no_room: list[tuple[str, str]] = []

    def left_out_before(match: re.Match[str]) -> str:
        if match["state"]:
            left_out.append(match["place"])
            return state_name(match["state"].upper())
        left_out.append(match[0])
        return ""

    def part_read(part: str) -> str:
        part = _LEFT_OUT_BEFORE.sub(left_out_before, part)
        kept: list[str] = []
        run: list[str] = []
        for word in part.split(" "):
            if _is_word(word) and word.casefold() in SMALL:
                run.append(word)
                continue
            if run and _is_word(word) and " ".join(text_words(word)) in EMPTY_ALONE:
                phrase = run[len(run) - (MAX_PHRASE - 1) :]
                lead = kept.pop() if _leads_into(kept, run) else None
                # A lead with no room in the phrase (`out of the way`) says nothing loose
                # either: it is left out, as small words before the longest phrase are.
                left_out.extend(run[: len(run) - len(phrase)])
                if lead and len(run) < MAX_PHRASE - 1:
                    phrase = [lead, *phrase]
                phrases.append(" ".join([*phrase, word]))
                if lead and len(run) >= MAX_PHRASE - 1:
                    no_room.append((lead, phrases[-1]))
                kept.append(f'"{phrases[-1]}"')
            else:
                if _leads_into(kept, run):
                    left_out.append(kept.pop())
                left_out.extend(run)
                kept.append(word)
            run = []
        left_out.extend(run)
        return " ".join(kept)

    read = outside_quotes(query, part_read)
    return " ".join(read.split()), SmallWords(tuple(left_out), tuple(phrases), tuple(no_room))


def _leads_into(kept: list[str], run: list[str]) -> bool:
    """Whether the last word kept leads into the small words of `run` (see `_LEADS`)."""
    return bool(kept and run) and run[0].casefold() in _LEADS.get(kept[-1].casefold(), ())


def _is_word(part: str) -> bool:
    """A bare word of an alert: neither left out nor a condition."""
    return bool(part) and part[0] not in '-"“”„＂' and as_condition(part) is None
