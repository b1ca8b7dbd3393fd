"""Reading what a person types at the sandbox console: words, button labels, form fields.

A person types on a plain keyboard: labels match whatever their case and accents
("shakensho" finds the button "shakenshō"), and a button or form field may also be named by
its position, as the console numbers them.
"""

from __future__ import annotations

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
# An option named in a slash command line: `name:` at its start or after a space.
_OPTION = re.compile(r"(?:^|(?<=\s))([a-z0-9_-]+):")


def fold(text: str) -> str:
    """`text` as a person may type it: without case, accents or repeated spaces."""
    bare = _DIACRITICS.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(unicodedata.normalize("NFC", bare).casefold().split())


def bare(text: str) -> str:
    """`text` folded, and without punctuation: "link https" for the label "Link (https://…)",
    which nobody types as shown."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def words_of(text: str) -> list[str]:
    """Words, with "quoted words" kept together; a lone quote (as in Don't) is a letter."""
    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


def clickable_by(
    components: list[Json], words: list[str], *, by_start: bool = False
) -> tuple[Json, list[str]] | None:
    """The button or menu `words` name among `components`, and the words left as menu choices.

    The longest run of leading words that is a label (or custom_id, or 1-based position) wins;
    a button takes no choices, so a button label followed by more words does not count.
    `by_start` looks instead for the one button whose label starts with all of `words`
    ("Approve" for "Approve announcement #1").
    """
    if by_start:
        key = fold(" ".join(words))
        starting = [
            c
            for c in components
            if c["type"] == BUTTON and _starts_with_words(fold(c.get("label") or ""), key)
        ]
        return (starting[0], []) if len(starting) == 1 else None
    for length in range(len(words), 0, -1):
        key, rest = " ".join(words[:length]), words[length:]
        for component in components:
            labels = [component.get(k) or "" for k in ("label", "placeholder")]
            named = key == component.get("custom_id") or fold(key) in map(fold, labels)
            if named and not (component["type"] == BUTTON and rest):
                return component, rest
        if length == 1 and key.isdigit() and 1 <= int(key) <= len(components):
            component = components[int(key) - 1]
            if not (component["type"] == BUTTON and rest):
                return component, rest
    return None


def command_parts(body: str) -> tuple[str, str | None, str]:
    """A slash command line, without its slash: the command's path, the name of the first
    option given (None when there is none) and the text of the options."""
    first = _OPTION.search(body)
    if first is None:
        return body.strip(), None, ""
    return body[: first.start()].strip(), first.group(1), body[first.start() :]


def option_values(text: str, names: Collection[str]) -> dict[str, str]:
    """The options `text` gives, by name: `name:value`, each value running to the next option.

    Only the command's own option `names` start an option; any other `word:` (the `9:` of
    `9:30`, the `drive:` of `model:hijet drive:4wd`) belongs to the value being typed. The first
    `word:` starts an option whatever it is, so that a misspelt name is reported, not swallowed.
    """
    matches = [m for i, m in enumerate(_OPTION.finditer(text)) if i == 0 or m.group(1) in names]
    ends = [match.start() for match in matches[1:]] + [len(text)]
    return {
        match.group(1): text[match.end() : end].strip()
        for match, end in zip(matches, ends[: len(matches)], strict=True)
    }


def choice_for(typed: str, choices: list[Json]) -> str | None:
    """The value of the autocomplete choice `typed` picks, or None when it picks none.

    A choice is picked by its value, by its shown name, or by the first words of its name when
    no other name starts with them ("Kei Day" for "Kei Day — Sat Dec 5, 10:00 AM MST"). A
    choice whose name is its value suggests text to type, so shorter text stays what it is.
    """
    folded = fold(typed)
    by_value = [c for c in choices if typed == str(c["value"])]
    by_name = [c for c in choices if folded == fold(c["name"])]
    by_start = [
        c
        for c in choices
        if c["name"] != str(c["value"]) and _starts_with_words(fold(c["name"]), folded)
    ]
    picked = by_value or by_name or (by_start if len(by_start) == 1 else [])
    return str(picked[0]["value"]) if picked else None


def choices_holding(typed: str, choices: list[Json]) -> list[Json]:
    """The choices whose shown name holds `typed` (a build's title in "#12 Acty camper — …").

    A choice whose name is its value suggests text to type, which holds what was typed only
    because it goes on from it: it is no choice picked.
    """
    folded = fold(typed)
    return [
        choice
        for choice in choices
        if folded and choice["name"] != str(choice["value"]) and folded in fold(choice["name"])
    ]


def _starts_with_words(text: str, start: str) -> bool:
    rest = text.removeprefix(start)
    return bool(start) and rest != text and not rest[:1].isalnum()


class StrayField(ValueError):
    """A form line names, after a field of the form, a field the form does not have."""


@dataclass(frozen=True, slots=True)
class FormField:
    custom_id: str
    label: str
    value: str  # what it holds now: the bot's prefilled value
    required: bool


def form_values(text: str, fields: list[FormField]) -> dict[str, str]:
    """The fields `text` changes, by custom_id: `3:value`, `Label:value`, `"A label":value`.

    A value runs to the next field name; `\\n` in it is a line break. Raises ValueError, saying
    which fields there are, when `text` does not start with one, and StrayField when it names
    one the form does not have after one it has.
    """

    def field_named(key: str) -> FormField | None:
        if key.isdigit():
            return fields[int(key) - 1] if 1 <= int(key) <= len(fields) else None
        return next((f for f in fields if key == f.custom_id or bare(key) == bare(f.label)), None)

    def is_time(match: re.Match[str]) -> bool:  # "opens at 3:30" names no field 3
        after = text[match.end() : match.end() + 1]
        return match.start() > 0 and (match.group(2) or "").isdigit() and after.isdigit()

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
    for match in _FIELD.finditer(text):
        if is_time(match):
            continue
        found = field_named(match.group(1) or match.group(2))
        if found is not None:
            named.append((match, found))
        elif names_a_field(match):
            stray.append(match)
    if not named or named[0][0].start() != 0:
        raise ValueError(no_field((words_of(text) or [text])[0].partition(":")[0]))
    if stray:
        # Taken as text, `Body:…` would land in the field before it; nothing is sent.
        raise StrayField(no_field(stray[0].group(1) or stray[0].group(2)))
    ends = [match.start() for match, _ in named[1:]] + [len(text)]
    return {
        found.custom_id: text[match.end() : end].strip().replace("\\n", "\n")
        for (match, found), end in zip(named, ends, strict=True)
    }
