"""Reading what a person types at the sandbox console: words, button labels, form fields.

A person types on a plain keyboard: labels match whatever their case and accents
("shakensho" finds the button "shakenshō"), and a button or form field may also be named by
its position, as the console numbers them.
"""

from __future__ import annotations

import contextlib
import difflib
import re
import shlex
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from sandbox.invoke import BUTTON
from sandbox.state import Json

# Combining diacritical marks (macrons, acute accents…): folded away. Kana's voicing marks
# lie outside this block and stay, so ガ never matches カ.
_DIACRITICS = re.compile("[\u0300-\u036f]")
# A form field named at the start of a value: a label in quotes, or a word without spaces.
_FIELD = re.compile(r'(?:^|(?<=\s))(?:"([^"]+)"|([^\s:"]+)):')
# How long a value may be to be repeated, in quotes, in a refusal of the option after it.
HINTED = 60
# How alike a `word:` and an option's name are (difflib's ratio) for the word to be taken for a
# typo of the name: "keyword" (0.93), "pubilc" (0.83) and "titel" (0.8) are; "drive" for
# "keywords" (0.31) is not.
TYPO_LIKENESS = 0.75
# The shortest start of an option's name taken for that name cut short ("key" for "keywords").
MIN_PREFIX = 3
# An option named in a slash command line: `name:` at its start or after a space; in capitals
# (`Title:`) only when it is one of the command's own (see `_key`).
_OPTION = re.compile(r"(?:^|(?<=\s))([A-Za-z0-9_-]+):")
# The minutes of a time typed in text (the 30 of "3:30", "3:30pm"), not a year or a count.
_MINUTES = re.compile(r"[0-5][0-9](?![0-9])")


def fold(text: str) -> str:
    """`text` as a person may type it: without case, accents or repeated spaces."""
    bare = _DIACRITICS.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(unicodedata.normalize("NFC", bare).casefold().split())


def bare(text: str) -> str:
    """`text` folded, and without punctuation: "link https" for the label "Link (https://…)",
    which nobody types as shown."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def in_words(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return " and ".join([", ".join(items[:-1]), items[-1]] if items[:-1] else items)


def words_of(text: str) -> list[str]:
    """Words, with "quoted words" kept together; a lone quote (as in Don't) is a letter."""
    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


def clickable_by(
    components: list[Json], words: list[str], *, held: bool = False
) -> tuple[Json, list[str]] | None:
    """The button or menu `words` name among `components`, and the words left as menu choices.

    The longest run of leading words that is a label (or custom_id, or 1-based position) wins;
    a button takes no choices, so a button label followed by more words does not count.
    `held` looks instead for the one button whose label holds all of `words` (see `holding`).
    """
    if held:
        found = holding(components, words)
        return (found[0], []) if len(found) == 1 else None
    for length in range(len(words), 0, -1):
        key, rest = " ".join(words[:length]), words[length:]
        for component in components:
            labels = [fold(component[k]) for k in ("label", "placeholder") if component.get(k)]
            named = key == component.get("custom_id") or fold(key) in labels
            if named and not (component["type"] == BUTTON and rest):
                return component, rest
        if length == 1 and key.isdigit() and 1 <= int(key) <= len(components):
            component = components[int(key) - 1]
            if not (component["type"] == BUTTON and rest):
                return component, rest
    return None


def holding(components: list[Json], words: list[str]) -> list[Json]:
    """The buttons whose label holds `words` as whole words, whatever their case, accents and
    punctuation: "camper carry" is in "#1 Camper Carry", "approve" in "Approve glossary #1" (a
    moderator's list of suggestions; the queue card's own buttons are "Approve" and "Reject").
    A number alone is a position, never a part of a label."""
    key = bare(" ".join(words))
    if not key or key.isdigit():
        return []
    return [
        component
        for component in components
        if component["type"] == BUTTON and f" {key} " in f" {bare(component.get('label') or '')} "
    ]


def command_parts(body: str) -> tuple[str, str | None, str]:
    """A slash command line, without its slash: the command's path, the name of the first
    option given (None when there is none) and the text of the options."""
    first = _OPTION.search(body)
    if first is None:
        return body.strip(), None, ""
    return body[: first.start()].strip(), _key(first), body[first.start() :]


class OptionLineError(ValueError):
    """A slash command line Discord's client could not have sent: `problem` is "twice" (an option
    given twice), "unknown" (a name the command lacks) or "unclosed" (a quoted value never
    closed); for an unknown name, `quoted` is how the text would go in quotes and `nearest` the
    command's option it is likely a typo of."""

    def __init__(
        self, name: str, problem: str, quoted: str = "", nearest: str | None = None
    ) -> None:
        super().__init__(f"{problem} option {name}")
        self.name, self.problem, self.quoted, self.nearest = name, problem, quoted, nearest


def option_values(text: str, names: Collection[str], texts: Collection[str] = ()) -> dict[str, str]:
    """The options `text` gives, by name: `name:value`, each value running to the next option.

    A `word:` written as an option is (`extra:1`, not the `9:` of `9:30` nor the `https:` of a
    link) must be one of the command's own option `names`, each given once, as Discord's client
    offers no other; a value in quotes (`keywords:"model:hijet drive:4wd"`) is text whatever it
    holds. A `word:` after the last option given, when that one takes text (its name is in
    `texts`), is part of that text (`keywords:hijet drive:4x4`) unless it looks like a typo of
    an option's name. Any other `word:` starts an option whatever it is, so that it is
    reported, not swallowed. Raises OptionLineError.
    """
    starts: list[re.Match[str]] = []
    quoted_to = 0  # the end of the quoted value being read: no option starts before it
    for match in _OPTION.finditer(text):
        name = _key(match)
        if match.start() < quoted_to:
            continue
        if name not in names and name != match.group(1):
            continue  # `Club:` in `title:Run Club:2` is text, as a capital names no option
        if name not in names:
            if _written_as_option(text, match):
                likely = nearest(name, names)
                if likely is None and _in_last_text(text, match, starts, names, texts):
                    continue
                again = _given_again(text, match, starts, names)
                if again is not None:
                    # The word is text of an option typed twice (`keywords:a drive:4x4
                    # keywords:b`): the option twice is what went wrong.
                    raise OptionLineError(again, "twice")
                raise OptionLineError(name, "unknown", _quoted_hint(text, starts, names), likely)
            if starts:
                continue
        if any(_key(start) == name for start in starts):
            raise OptionLineError(name, "twice")
        if text.startswith('"', match.end()):
            quoted_to = _quote_end(text, match.end(), names)
            if not quoted_to:
                raise OptionLineError(name, "unclosed")
        starts.append(match)
    ends = [match.start() for match in starts[1:]] + [len(text)]
    return {
        _key(match): _unquoted(text[match.end() : end].strip())
        for match, end in zip(starts, ends[: len(starts)], strict=True)
    }


def _key(match: re.Match[str]) -> str:
    """The option a `name:` names: Discord's option names are lowercase, and its client finds
    them however they are typed."""
    return match.group(1).lower()


def _in_last_text(
    text: str,
    match: re.Match[str],
    starts: list[re.Match[str]],
    names: Collection[str],
    texts: Collection[str],
) -> bool:
    """Whether `match` falls in the value of the last option given, one that takes text: no
    option of the command follows it, so nothing else could have been meant."""
    return (
        bool(starts)
        and _key(starts[-1]) in texts
        and not any(_key(later) in names for later in _OPTION.finditer(text, match.end()))
    )


def _given_again(
    text: str, match: re.Match[str], starts: list[re.Match[str]], names: Collection[str]
) -> str | None:
    """The first option given before `match` that the rest of the line gives again."""
    given = {_key(start) for start in starts}
    later = (_key(m) for m in _OPTION.finditer(text, match.end()) if _key(m) in given)
    return next(later, None)


def nearest(name: str, names: Collection[str]) -> str | None:
    """The option `name` is likely a typo of: one a letter or two away (`keyword`, `pubilc`),
    or one it starts (`key` for `keywords`)."""
    starting = sorted(n for n in names if len(name) >= MIN_PREFIX and n.startswith(name))
    close = difflib.get_close_matches(name, sorted(names), n=1, cutoff=TYPO_LIKENESS)
    return (starting or close or [None])[0]


def _quote_end(text: str, start: int, names: Collection[str]) -> int:
    """Where the value quoted from `start` ends (0: never): after the first quote that is
    followed by the next of the command's options or by the end, so that the value may hold
    quotes of its own (`keywords:"model:"hijet jumbo" state:TX"`)."""
    for close in range(start + 1, len(text)):
        if text[close] != '"':
            continue
        rest = text[close + 1 :]
        if not rest.strip():
            return close + 1
        following = _OPTION.match(text, close + 1 + len(rest) - len(rest.lstrip()))
        if rest[0].isspace() and following and _key(following) in names:
            return close + 1
    return 0


def _written_as_option(text: str, match: re.Match[str]) -> bool:
    after = text[match.end() : match.end() + 1]
    return match.group(1)[0].isalpha() and bool(after) and not after.isspace() and after != "/"


def _quoted_hint(text: str, starts: list[re.Match[str]], names: Collection[str]) -> str:
    """The option being typed, its value in quotes up to the next of the command's options."""
    if not starts:
        return ""
    last = starts[-1]
    later = (m.start() for m in _OPTION.finditer(text, last.end()) if _key(m) in names)
    value = text[last.end() : next(later, len(text))].strip()
    # A long value is not repeated whole: the refusal would bury what it says.
    return f'{_key(last)}:"{value if len(value) <= HINTED else "…"}"'


def _unquoted(value: str) -> str:
    return value[1:-1] if len(value) > 1 and value[0] == value[-1] == '"' else value


def choice_for(typed: str, choices: list[Json]) -> str | None:
    """The value of the autocomplete choice `typed` picks, or None when it picks none: the
    choice it names (`choice_named`) or, failing that, the one whose name it starts."""
    choice = choice_named(typed, choices) or choice_started(typed, choices)
    return str(choice["value"]) if choice else None


def choice_named(typed: str, choices: list[Json]) -> Json | None:
    """The choice `typed` is the value or the shown name of, in any case."""
    folded = fold(typed)
    by_value = (c for c in choices if typed == str(c["value"]))
    by_name = (c for c in choices if folded == fold(c["name"]))
    return next(by_value, None) or next(by_name, None)


def choice_started(typed: str, choices: list[Json]) -> Json | None:
    """The choice whose shown name `typed` is the first words of, when no other name starts
    with them ("Kei Day" for "Kei Day — Sat Dec 5, 10:00 AM MST"; "keitora" is no first word
    of "keitora-ichi"). A choice whose name is its value suggests text to type, so shorter
    text stays what it is."""
    folded = fold(typed)
    started = [
        c for c in choices if c["name"] != str(c["value"]) and _words_at(fold(c["name"]), folded, 0)
    ]
    return started[0] if len(started) == 1 else None


def choices_holding(typed: str, choices: list[Json]) -> list[Json]:
    """The choices whose shown name holds `typed` as whole words (a build's title in "#12 Acty
    camper — …"; "keitora" is a part of the one word "keitora-ichi", not held).

    A choice whose name is its value suggests text to type, which holds what was typed only
    because it goes on from it: it is no choice picked.
    """
    folded = fold(typed)
    return [
        choice
        for choice in choices
        if folded and choice["name"] != str(choice["value"]) and _holds_words(choice, folded)
    ]


def _holds_words(choice: Json, folded: str) -> bool:
    name = fold(choice["name"])
    return any(_words_at(name, folded, at) for at in range(len(name)))


def _in_word(char: str) -> bool:
    """Whether `char` is a part of a word: a hyphen or an underscore joins its parts
    ("keitora-ichi" is one word)."""
    return bool(char) and (char.isalnum() or char in "-_")


def _words_at(text: str, words: str, at: int) -> bool:
    """Whether `words` is found in `text` at `at` as whole words, not a part of one there."""
    end = at + len(words)
    if not words or text[at:end] != words:
        return False
    cut_before = at > 0 and _in_word(text[at - 1]) and _in_word(words[0])
    cut_after = _in_word(text[end : end + 1]) and _in_word(words[-1])
    return not cut_before and not cut_after


class StrayField(ValueError):
    """A form line names, after a field of the form, a field the form does not have."""


class AmbiguousField(ValueError):
    """A form line names a field by the start of a label that more than one field's starts with."""


class RepeatedField(ValueError):
    """A form line names one field twice: only one of its values could be sent."""


@dataclass(frozen=True, slots=True)
class FormField:
    custom_id: str
    label: str
    value: str  # what it holds now: the bot's prefilled value
    required: bool
    placeholder: str = ""  # the greyed hint Discord's client shows while the field is empty


def form_values(text: str, fields: list[FormField]) -> dict[str, str]:
    """The fields `text` changes, by custom_id: `3:value`, `Label:value`, `"A label":value`.

    A label matches whatever its case, accents and punctuation, and so does its start when no
    other field's label starts so (`kanji:` for "Kanji (kana)"); a start that several do is
    refused with AmbiguousField. A value runs to the next field name, or in quotes to its
    closing quote (`1:"  x  "` keeps its spaces); `\\n` in it is a line break. Raises
    ValueError, saying which fields there are, when `text` does not start with one,
    StrayField when it names one the form does not have after one it has, and RepeatedField
    when it names one twice.
    """

    def field_named(key: str, *, started: bool = True) -> FormField | None:
        """The field `key` names; by the start of its label too while `started`."""
        if key.isdigit():
            return fields[int(key) - 1] if 1 <= int(key) <= len(fields) else None
        whole = [f for f in fields if key == f.custom_id or bare(key) == bare(f.label)]
        start = bare(key)
        begun = [f for f in fields if started and start and bare(f.label).startswith(start)]
        if whole or len(begun) == 1:
            return (whole or begun)[0]
        if not begun:
            return None
        named = in_words([f"{fields.index(f) + 1} {f.label}" for f in begun])
        raise AmbiguousField(
            f"“{key}” starts the labels of fields {named}: type more of the one you mean, or "
            "its number; nothing was sent."
        )

    def is_time(match: re.Match[str]) -> bool:
        # "opens at 3:30" names no field 3, but "2:1996-1998" names field 2: a time's minutes
        # are two digits, a year four.
        minutes = _MINUTES.match(text, match.end())
        return match.start() > 0 and (match.group(2) or "").isdigit() and minutes is not None

    def quote_end(start: int) -> int:
        """Where a value quoted from `start` ends (0: it is not quoted): after the first
        quote followed by the end or by the next field, so the value may hold quotes."""
        if not text.startswith('"', start):
            return 0
        for close in range(start + 1, len(text)):
            rest = text[close + 1 :]
            following = _FIELD.match(rest.lstrip())
            if text[close] == '"' and (
                not rest.strip()
                or (
                    rest[0].isspace()
                    and following is not None
                    and field_named(following.group(1) or following.group(2)) is not None
                )
            ):
                return close + 1
        return 0

    def names_a_field(match: re.Match[str]) -> bool:
        # `Body:text` is written as a field is; `see: the manual` and `https://…` are text.
        key, after = match.group(1) or match.group(2), text[match.end() : match.end() + 1]
        plain = key.replace("_", "").replace("-", "").isalnum() or match.group(1) is not None
        return plain and bool(after) and not after.isspace() and after != "/"

    def no_field(name: str) -> str:
        listing = ", ".join(f"{number} {f.label}" for number, f in enumerate(fields, start=1))
        return (
            f"The form has no field “{name}”; name one by number or label, as in "
            f"submit 1:text. Its fields: {listing}"
        )

    text = text.strip()
    if not text:
        return {}
    named: list[tuple[re.Match[str], FormField]] = []
    stray: list[re.Match[str]] = []
    quoted_to = 0  # the end of the quoted value being read: no field starts before it
    for match in _FIELD.finditer(text):
        if match.start() < quoted_to or is_time(match):
            continue
        # The start of a label names a field only where it is written as one: `me: too` in a
        # value is text.
        started = match.start() == 0 or names_a_field(match)
        found = field_named(match.group(1) or match.group(2), started=started)
        if found is not None:
            named.append((match, found))
            quoted_to = quote_end(match.end())
        elif names_a_field(match):
            stray.append(match)
    if not named or named[0][0].start() != 0:
        first = (words_of(text) or [text])[0].partition(":")[0]
        with contextlib.suppress(AmbiguousField):
            if not named and field_named(first) is not None:
                # `submit 2 Carry`: the field is named, only its colon is missing.
                raise ValueError(
                    f"Put a colon after the field “{first}”, then its value: submit {first}:text. "
                    "Nothing was sent."
                )
        raise ValueError(no_field(first))
    if stray:
        # Taken as text, `Body:…` would land in the field before it; nothing is sent.
        raise StrayField(no_field(stray[0].group(1) or stray[0].group(2)))
    seen: set[str] = set()
    for match, found in named:
        if found.custom_id in seen:
            number = fields.index(found) + 1
            raise RepeatedField(
                f"Field {number} {found.label} is named twice ({match.group(0)} again); each "
                "field takes one value: nothing was sent."
            )
        seen.add(found.custom_id)
    ends = [match.start() for match, _ in named[1:]] + [len(text)]
    return {
        # Quotes delimit a value, as they do a slash command's option, keeping spaces inside.
        found.custom_id: _unquoted(text[match.end() : end].strip()).replace("\\n", "\n")
        for (match, found), end in zip(named, ends, strict=True)
    }
