"""Words and conditions of an alert that another of its own says already, left out of it as
it is read: `4wd` beside `4x4` (its other spelling), `price<=5k` beside `price<=4k` (the tighter
bound on the same side). Either way the alert matches what it matched; the reply says which
were left out, so the reading shows what the member meant once."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from bot.alerts.spellings import needs_of, word_concepts

if TYPE_CHECKING:  # `query` reads an alert with these
    from bot.alerts.query import Condition


class Merged(NamedTuple):
    """A word or condition an alert's other one says already, left out of it."""

    left_out: str  # the word, or the condition described
    kept: str
    is_word: bool


def merged_words(words: list[str]) -> tuple[tuple[str, ...], list[Merged]]:
    """`words` with each another means already (`4wd` after `4x4`, as its other spelling) left
    out, and those that are not the same word twice (`4wd 4WD`). One is only where matching
    reads the two as one: by `word_concepts` (a phrase holding another spelling of its concept,
    `"dump bed"`, is not its word, `dump`), and only where what the words need together is the
    same without it (`kei kei truck` keeps both: the first `kei` alone would make a phrase of
    `kei truck` and be met by "軽トラ")."""
    kept: list[str] = []
    merged: list[Merged] = []
    needs = set(needs_of(tuple(words)))
    for at, word in enumerate(words):
        meant = word_concepts(word)
        same = next((other for other in kept if word_concepts(other) == meant), None)
        if same is None or set(needs_of((*kept, *words[at + 1 :]))) != needs:
            kept.append(word)
        elif same != word:
            merged.append(Merged(word, same, is_word=True))
    return tuple(kept), merged


def merged_conditions(
    conditions: list[Condition],
) -> tuple[tuple[Condition, ...], list[tuple[Condition, Condition]]]:
    """`conditions` with each bound another bound of its field on the same side says already
    left out (`price<=5k` beside `price<=4k`), the tighter kept where the first stood; the
    same condition twice is the one, with nothing to say."""
    kept: list[Condition] = []
    merged: list[tuple[Condition, Condition]] = []
    for condition in conditions:
        side = _SIDES.get(condition.op)
        at = next(
            (
                at
                for at, other in enumerate(kept)
                if other == condition
                or (side and other.field == condition.field and _SIDES.get(other.op) == side)
            ),
            None,
        )
        if at is None:
            kept.append(condition)
            continue
        other = kept[at]
        if other == condition:
            continue
        tighter, looser = (
            (condition, other) if _tighter(condition, other, side) else (other, condition)
        )
        kept[at] = tighter
        merged.append((looser, tighter))
    return tuple(kept), merged


# Which side of a number field's value a bound holds; `:` is no bound.
_SIDES = {"<": "most", "<=": "most", ">": "least", ">=": "least"}


def _tighter(condition: Condition, other: Condition, side: str | None) -> bool:
    """Whether `condition` says more than `other`, a bound on the same side of its field."""
    value, other_value = float(condition.value), float(other.value)
    if value == other_value:
        return condition.op in ("<", ">")
    return value < other_value if side == "most" else value > other_value
