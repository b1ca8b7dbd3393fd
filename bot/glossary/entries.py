"""Glossary entries: what one is, the built-in ones, the key each is stored under, what makes one
unusable, and an entry as JSON.

Built-ins (data/glossary.toml plus the model lines and codes of data/models.toml) are in every
server and never copied into the database. Every key goes through `bot.japanese.normalize`, so
macrons, kana, width, spacing and romaji variants of a headword share one key.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any, Protocol

from rapidfuzz.distance import OSA

from bot.glossary.forms import is_reading
from bot.invisible import held, invisible, turns_round
from bot.japanese import kana_romaji, normalize
from bot.limits import (
    CHOICE_VALUE,
    CUSTOM_ID,
    EMBED_FIELD_VALUE,
    holds_link,
    holds_mention,
    plain_quote,
)
from bot.models import ModelLine, TruckModel, default_lines, default_models

BUILTIN_GLOSSARY = Path(__file__).resolve().parents[2] / "data" / "glossary.toml"
SCHEMA_VERSION = 1
CATEGORIES = ("class", "body", "drive", "parts", "paper", "auction", "org", "culture", "model")
HEADWORD_MAX = CHOICE_VALUE  # a headword is offered as an autocomplete choice
MEANING_MAX = EMBED_FIELD_VALUE
# Aliases and see-also, joined with ", ", together: they share one box of the edit form (3,000
# characters with the romaji and the line names), which Discord refuses to open over-filled.
LISTS_MAX = 2000
# A term breaks no line; the meaning may keep its line breaks and tabs (which `invisible` keeps).
_LINE_BREAKS = frozenset("\n\r\t")
# A key rides in button custom_ids after "glossary:look:"; the rest of the room is a margin.
KEY_MAX = CUSTOM_ID - 20

# A refusal names this many more of an entry's spellings other terms have, then counts the rest.
SPELLINGS_NAMED = 5
_LIST_FIELDS = ("aliases", "see_also")
_REQUIRED = ("headword", "meaning", "category")


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One glossary term, as shipped in data/glossary.toml or added by a guild's moderators."""

    headword: str
    meaning: str
    category: str
    kanji: str = ""
    kana: str = ""
    romaji: str = ""
    aliases: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    unverified: bool = False
    source: str = ""

    def other_forms(self) -> tuple[str, ...]:
        """Every way to write the term besides its headword: kanji, kana, romaji and aliases."""
        return tuple(f for f in (self.kanji, self.kana, self.romaji, *self.aliases) if f)


_FIELD_ORDER = tuple(GlossaryEntry.__dataclass_fields__)
_FIELDS = frozenset(_FIELD_ORDER)
# What other glossaries call a field ("term" for the headword), and how alike a misspelt field
# must be to one (meening, alias) for an import error to name it.
_FIELDS_ELSEWHERE = {
    "term": "headword",
    "word": "headword",
    "definition": "meaning",
    "gloss": "meaning",
    "reading": "kana",
}
_FIELD_SLIP = 0.8


def entry_key(headword: str) -> str:
    """The key an entry is stored and found under: its headword, normalised."""
    return normalize(headword)


def with_romaji(entry: GlossaryEntry) -> GlossaryEntry:
    """`entry`, with the romaji of its headword when that is typed only in kana and no romaji
    was given: shown beside it, as the built-ins' is, and searched as one of its forms."""
    romaji = "" if entry.romaji else kana_romaji(entry.headword)
    return replace(entry, romaji=romaji) if romaji else entry


# --- the built-ins -------------------------------------------------------------------------------


def english_name(entry: GlossaryEntry) -> str:
    """The first alias that names `entry` in English, "" when none does: in Latin letters, not
    its own romaji spelt another way ("kei tora" of keitora), and not a slip from it
    ("midoshippu" of middoshippu) unless a space or a capital shows it is English ("kei van"
    of kei ban, "Jumbo" of janbo). Those spellings, like a kanji or kana alias, are for the
    members who type them."""
    romaji = {normalize(entry.headword), normalize(entry.romaji)} - {""}
    return next((alias for alias in entry.aliases if _is_english(alias, romaji)), "")


def _is_english(alias: str, romaji: set[str]) -> bool:
    key = normalize(alias)
    if not alias.isascii() or key in romaji:
        return False
    written_as_english = " " in alias or not alias.islower()
    return written_as_english or all(OSA.distance(key, own, score_cutoff=1) > 1 for own in romaji)


def load_glossary(path: Path = BUILTIN_GLOSSARY) -> tuple[GlossaryEntry, ...]:
    """Parse and validate a glossary file; a bad file raises ValueError naming the entry."""
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    if document.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(f"{path.name}: schema_version must be {SCHEMA_VERSION}")
    return tuple(
        _parse_entry(raw, f"{path.name} entry {n}")
        for n, raw in enumerate(document.get("entry", []), 1)
    )


def _parse_entry(raw: dict[str, Any], where: str) -> GlossaryEntry:
    if unknown := unknown_fields(raw):
        raise ValueError(f"{where}: {unknown}")
    try:
        entry = GlossaryEntry(
            **{
                **raw,
                "aliases": tuple(raw.get("aliases", ())),
                "see_also": tuple(raw.get("see_also", ())),
            }
        )
    except TypeError as error:
        raise ValueError(f"{where}: {error}") from None
    problem = entry_problem(entry)
    if problem:
        raise ValueError(f"{where} ({entry.headword!r}): {problem}")
    return entry


# Where a model entry comes from when its code or line cites no source tags of its own.
MODELS_SOURCE = "data/models.toml"


def model_entry(model: TruckModel) -> GlossaryEntry:
    """A chassis code as a glossary entry of category "model", linked to its model line; an
    unverified code's years are a guess, and read as one, as its line's listing says them."""
    doubt = " (unconfirmed)" if model.unverified else ""
    engine = f", {model.engine}" if model.engine else ""
    return GlossaryEntry(
        headword=model.code,
        meaning=f"{model.name} chassis code, built {model.years}{doubt}, {model.drive}{engine}. "
        + model.note,
        category="model",
        aliases=(f"{model.name} {model.code}", f"{model.model} {model.code}"),
        see_also=(model.name,),
        unverified=model.unverified,
        source=model.source or MODELS_SOURCE,
    )


def line_entry(line: ModelLine) -> GlossaryEntry:
    """A model line as a glossary entry of category "model" that lists its codes by years."""
    listing = "; ".join(_code_group(group) for group in _same_years(line.codes))
    return GlossaryEntry(
        headword=line.name,
        meaning=line.note + (f" Chassis codes by years: {listing}." if listing else ""),
        category="model",
        kanji=line.kana,
        kana=line.kana,
        romaji=line.romaji,
        aliases=tuple(_capitalised(alias, _proper_names(line)) for alias in line.aliases),
        see_also=(*line.see_also, *(model.code for model in line.codes)),
        source=line.source or MODELS_SOURCE,
    )


def _proper_names(line: ModelLine) -> dict[str, str]:
    """The names a model line's make, model and note write with capitals (Daihatsu, Hijet,
    Autozam), by their casefolded form; a word the note also writes in lower case (Truck of
    "Pixis Truck", and truck) is no name."""
    words = re.findall(r"[^\W\d_]+", f"{line.make} {line.model} {line.note}")
    lower = {word for word in words if word.islower()}
    return {w.casefold(): w for w in words if w[0].isupper() and w.casefold() not in lower}


def _capitalised(alias: str, names: dict[str, str]) -> str:
    """`alias` with the names in it written as the line writes them: models.toml keeps its
    aliases in lower case, while a card shows them (lookups fold case anyway)."""
    return re.sub(r"[^\W\d_]+", lambda word: names.get(word[0].casefold(), word[0]), alias)


def _same_years(models: Iterable[TruckModel]) -> list[list[TruckModel]]:
    """Runs of consecutive codes built over the same years: a generation and its sibling codes."""
    return [list(run) for _, run in groupby(models, key=lambda m: (m.year_from, m.year_to))]


def _code_group(models: list[TruckModel]) -> str:
    """A run of codes as text: "DA51T, DB51T, DD51T 1991–1999 (DD51T unconfirmed)"."""
    doubtful = [m.code for m in models if m.unverified]
    if not doubtful:
        doubt = ""
    elif len(doubtful) == len(models):
        doubt = " (unconfirmed)"
    else:
        doubt = f" ({', '.join(doubtful)} unconfirmed)"
    return f"{', '.join(m.code for m in models)} {models[0].years}{doubt}"


@cache
def builtin_entries() -> tuple[GlossaryEntry, ...]:
    """The shipped terms, the model lines and every model code; a code never shadows a written
    term. A term a model line names in its see-also links back to that line."""
    lines = default_lines()
    backlinks: dict[str, list[str]] = {}
    for line in lines:
        for term in line.see_also:
            backlinks.setdefault(entry_key(term), []).append(line.name)
    written = [*load_glossary(), *map(line_entry, lines)]
    terms = [_link_back(entry, backlinks.get(entry_key(entry.headword), ())) for entry in written]
    taken = {entry_key(entry.headword) for entry in terms}
    models = [model_entry(m) for m in default_models() if entry_key(m.code) not in taken]
    return (*terms, *models)


@cache
def _chassis_code_keys() -> frozenset[str]:
    return frozenset(entry_key(model.code) for model in default_models())


def is_chassis_code(entry: GlossaryEntry) -> bool:
    """Whether `entry` is one of data/models.toml's chassis codes (S80P), which a model line
    lists by the dozen among its see-also."""
    return entry.category == "model" and entry_key(entry.headword) in _chassis_code_keys()


def _link_back(entry: GlossaryEntry, names: Iterable[str]) -> GlossaryEntry:
    missing = [name for name in names if name not in entry.see_also]
    return replace(entry, see_also=(*entry.see_also, *missing)) if missing else entry


# --- validation ----------------------------------------------------------------------------------


# A member, role, channel, custom emoji, command or timestamp as Discord writes it in typed text:
# its numbers are ids, which a search would otherwise match as words ("<@1>" finding "1"), and
# which in a term would show as someone's name, not the word. A term named "@everyone" is refused
# too (`holds_mention`): shown inert, it still reads as a ping to whoever sees it.
DISCORD_REFERENCE = re.compile(r"<(?:@[!&]?|#|a?:\w+:|/[^<>]+:|t:-?)\d+(?::[tTdDfFR])?>")


MENTIONS_HELD = (
    "may not hold mentions (everyone, here, a member, a role), channels, custom emoji, "
    "timestamps, or links to commands or to the server's pages"
)


# A link (`holds_link`) as a term would show as a link to wherever it points rather than as a
# word, and no lookup is typed that way.
LINK_HELD = "may not be a link: the glossary finds words"
# Quoted as typed: romaji there (kei) is the slip to point out, and where it belongs.
READING_HELD = (
    "holds more than hiragana or katakana: type the reading in kana (けいとら), and romaji in "
    "the term"
)


def text_problem(text: str, *, lines: bool = False) -> str | None:
    """What keeps one text of an entry from reading as it is stored, or None: a character that
    shows nothing (`bot.invisible`) or, unless `lines`, breaks a line; or a mention, which shows
    as someone's name (embeds show it too) or reads as a ping."""
    found = invisible(text)
    if found:
        return f"may not hold {_invisible_named(text[found[0]])}"
    if not lines and (broken := next((char for char in text if char in _LINE_BREAKS), None)):
        return f"may not hold {_invisible_named(broken)}"
    if holds_mention(text) or DISCORD_REFERENCE.search(text):
        return MENTIONS_HELD
    return None


def _invisible_named(char: str) -> str:
    # One that turns round what follows says so, as every other field's refusal does.
    return held(char) if turns_round(char) else f"the invisible character U+{ord(char):04X}"


def field_problem(field: str, text: str) -> str | None:
    """What keeps `text` from being an entry's `field` (a `GlossaryEntry` field name: "headword",
    "kana", "meaning"…), or None. The one check of each text, whichever way it comes into the
    glossary: suggested, added, approved, edited or imported."""
    if problem := text_problem(text, lines=field == "meaning"):
        return problem
    if field == "meaning":  # a meaning may point to where to read more
        return None
    if holds_link(text):
        return LINK_HELD
    if field == "kana" and text.strip() and not is_reading(text.strip()):
        # The moderator's form carries kana back only as a reading: anything else would land in
        # the kanji.
        return f"{plain_quote(text)} {READING_HELD}"
    return None


def entry_problem(entry: GlossaryEntry) -> str | None:
    """What makes an entry unusable (hidden characters or mentions, empty or over-long fields,
    unknown category), or None."""
    texts = (entry.headword, entry.kanji, entry.kana, entry.romaji, *entry.aliases, *entry.see_also)
    if not all(isinstance(text, str) for text in (*texts, entry.meaning, entry.source)):
        return "text fields must be strings"
    for field, named, values in (
        ("headword", "its headword", (entry.headword,)),
        ("kanji", "its kanji", (entry.kanji,)),
        ("kana", "its kana", (entry.kana,)),
        ("romaji", "its romaji", (entry.romaji,)),
        ("aliases", "an alias", entry.aliases),
        ("see_also", "a see-also", entry.see_also),
        ("meaning", "its meaning", (entry.meaning,)),
    ):
        if problem := next(filter(None, (field_problem(field, t) for t in values)), None):
            return f"{named} {problem}"
    if not normalize(entry.headword):
        return "headword has no letters, digits, kana or kanji"
    # Lookup drops emoji and punctuation: such a spelling, shown, would find nothing.
    if blank := next((form for form in entry.other_forms() if not normalize(form)), None):
        return f"{plain_quote(blank)} has no letters, digits, kana or kanji to be looked up by"
    if not entry.meaning.strip():
        return "meaning is empty"
    if entry.category not in CATEGORIES:
        return f"category must be one of {', '.join(CATEGORIES)}"
    if any(len(text) > HEADWORD_MAX for text in texts):
        return f"headword, forms and aliases must be at most {HEADWORD_MAX} characters"
    if len(", ".join(entry.aliases)) + len(", ".join(entry.see_also)) > LISTS_MAX:
        return f"aliases and see also must be at most {LISTS_MAX:,} characters in all"
    if len(entry.meaning) > MEANING_MAX:
        return f"meaning must be at most {MEANING_MAX} characters"
    if not isinstance(entry.unverified, bool):
        return "unverified must be true or false"
    return None


# A meaning of a letter or two, or one that only spells the term again ("x": "y", "gomi":
# "ゴミ"), tells a reader nothing. The meaning's longest word is what counts: most glosses are
# one word ("tiller", "4WD"), Japanese writes a sentence without spaces, and letters strewn apart
# ("x - y 1 2 3") say nothing; nor does one letter held down ("aaa") or a number alone ("1998").
MEANING_MIN_LETTERS = 3
_WORD = re.compile(r"[^\W_]+")


def meaning_problem(meaning: str, names: Iterable[str]) -> str | None:
    """What keeps `meaning` from saying what the term written as `names` (its headword or
    term, kana and kanji) means, worded to follow "the meaning"; None when it says something.
    A member's suggestion and a moderator's save are held to it alike; an import is not (a
    file a server exported before this rule must import whole)."""
    long_enough = [word for word in _WORD.findall(meaning) if len(word) >= MEANING_MIN_LETTERS]
    if not long_enough:
        return (
            f"needs a word of at least {MEANING_MIN_LETTERS} letters or digits (a kana or kanji "
            "counts as one)"
        )
    if not any(map(_is_word, long_enough)):
        return f"{plain_quote(meaning)} holds no word: say what the term means"
    names = [name for name in names if name]
    if entry_key(meaning) in {entry_key(name) for name in names}:
        return f"only repeats the term {plain_quote(names[0])}: say what it means"
    return None


def _is_word(letters: str) -> bool:
    """Whether a run of letters and digits has a letter and is not one character held down."""
    return any(char.isalpha() for char in letters) and len(set(letters.casefold())) > 1


def save_problem(
    entry: GlossaryEntry, known: Collection[str], builtins: Collection[str]
) -> str | None:
    """What keeps `entry` from being saved in a server whose entry keys are `known`, or None."""
    problem = entry_problem(entry)
    if problem:
        return problem
    key = entry_key(entry.headword)
    if len(key) > KEY_MAX:
        return f"the headword is too long to be a term (at most {KEY_MAX} letters)"
    # A built-in is a valid link even where the server hid it: display leaves hidden links
    # out, and the link comes back to life if the built-in is restored.
    missing = [
        t
        for t in entry.see_also
        if entry_key(t) not in known and entry_key(t) not in builtins and entry_key(t) != key
    ]
    if missing:
        return f"see also names terms not in the glossary: {', '.join(missing)[:200]}"
    return None


@lru_cache(maxsize=16_384)
def _keys(entry: GlossaryEntry) -> tuple[str, frozenset[str]]:
    # Entries are immutable and the built-ins are checked at every add: each is normalised once.
    own = entry_key(entry.headword)
    return own, frozenset(key for key in map(entry_key, entry.other_forms()) if key and key != own)


def _spelling_keys(entry: GlossaryEntry) -> frozenset[str]:
    return _keys(entry)[1]


def new_spellings(entry: GlossaryEntry, before: GlossaryEntry | None) -> frozenset[str]:
    """The keys `entry` is written as (headword and other forms) that `before`, the entry as
    stored (None: a new one), was not."""
    own, others = _keys(entry)
    written = others | {own}
    return written if before is None else written - _keys(before)[1] - {_keys(before)[0]}


def spellings(entries: Iterable[GlossaryEntry]) -> dict[str, GlossaryEntry]:
    """The keys that entries' other forms (kanji, kana, romaji, aliases) spell, each with the
    first entry written that way."""
    taken: dict[str, GlossaryEntry] = {}
    for entry in entries:
        for key in _spelling_keys(entry):
            taken.setdefault(key, entry)
    return taken


def written_keys(entry: GlossaryEntry) -> tuple[str, ...]:
    """The keys `entry` is written as: its headword's, then its other forms' (see `Spellings`)."""
    own, others = _keys(entry)
    return (own, *others)


class Owners(Protocol):
    """Which entries are written as a key: a server's `Spellings`, or an import's view of them."""

    def get(self, key: str, default: Sequence[GlossaryEntry], /) -> Sequence[GlossaryEntry]: ...


def spellings_taken(
    entry: GlossaryEntry,
    owners: Owners,
    before: GlossaryEntry | None = None,
) -> list[tuple[str, str, GlossaryEntry]]:
    """Each way `entry` is written that another entry is written already (`owners`, see
    `Spellings`), as (field, what was typed, that entry), its headword first. Lookup answers a
    spelling two entries share with one of them: 軽トラ given to jibaiseki would answer members
    typing 軽トラ with jibaiseki, not keitora. Keys are compared, so a spelling that only reads
    the same (ｹｲﾄﾗ, KEITORA, 軽とら) is caught too; the entry whose headword it is is named
    before one that only has it as a spelling, since lookup answers with that one.

    `before` is the entry as stored (an edit): a spelling it had already is kept, so that a clash
    stored before this rule locks neither entry against other edits.
    """
    own, new = entry_key(entry.headword), new_spellings(entry, before)
    taken = []
    for field, form in (("its headword", entry.headword), *_named_forms(entry)):
        key = entry_key(form)
        others = [o for o in owners.get(key, ()) if entry_key(o.headword) != own]
        if key in new and others:
            owner = next((o for o in others if entry_key(o.headword) == key), others[0])
            taken.append((field, form, owner))
    return taken


def spelling_problem(
    entry: GlossaryEntry,
    owners: Owners,
    before: GlossaryEntry | None = None,
) -> str | None:
    """Why `entry` may not be written the way another entry is (see `spellings_taken`), or
    None."""
    taken = spellings_taken(entry, owners, before)
    if not taken:
        return None
    if taken[0][0] == "its headword":
        # The new headword would win every lookup of it (a headword ranks first).
        name = plain_quote(taken[0][2].headword)
        return (
            f"it is already a way to write {name}, which members would no longer find by it; "
            f"edit {name} instead, or take that spelling out of it first"
        )
    # All of them at once: a moderator fixing one at a time would be refused again and again.
    problem = _form_taken(*taken[0])
    more = [plain_quote(form) for _, form, _ in taken[1:]]
    if len(more) > SPELLINGS_NAMED:
        more = [*more[:SPELLINGS_NAMED], f"{len(more) - SPELLINGS_NAMED} more"]
    if more:
        listed = more[0] if len(more) == 1 else f"{', '.join(more[:-1])} and {more[-1]}"
        problem += f"; other terms have {listed} too"
    return problem


def _form_taken(field: str, form: str, owner: GlossaryEntry) -> str:
    name, key = plain_quote(owner.headword), entry_key(form)
    if entry_key(owner.headword) == key:
        what, cure = f"the term {name}", " (a see-also links to a term)"
    else:
        what, cure = f"a way to write {name}", f", or take it out of {name} first"
    written = next(f for f in (owner.headword, *owner.other_forms()) if entry_key(f) == key)
    if written == form:
        said = f"is already {what}"
    elif written == owner.headword:
        said = f"reads the same as {what}"
    else:
        said = f"reads the same as {plain_quote(written)}, {what}"
    return f"{field} {plain_quote(form)} {said}, which members who type it find; leave it out{cure}"


def _named_forms(entry: GlossaryEntry) -> Iterator[tuple[str, str]]:
    for field, form in (("its kanji", entry.kanji), ("its kana", entry.kana)):
        if form:
            yield field, form
    if entry.romaji:
        yield "its romaji", entry.romaji
    for alias in entry.aliases:
        yield "its alias", alias


# --- JSON ----------------------------------------------------------------------------------------


def entry_to_json(entry: GlossaryEntry, keep: Collection[str] = ()) -> dict[str, Any]:
    """The entry as export/storage JSON, leaving out empty optional fields (but those in `keep`)."""
    # Read field by field: `dataclasses.asdict` deep-copies every value, which made encoding a
    # 2,000-term import take most of a second inside its transaction.
    values = ((name, getattr(entry, name)) for name in _FIELD_ORDER)
    return {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in values
        if name in _REQUIRED or name in keep or value not in ("", (), False)
    }


def entry_from_json(raw: object) -> GlossaryEntry:
    """An entry from JSON; ValueError says which field is wrong. Content rules are checked later."""
    if not isinstance(raw, dict):
        raise ValueError("must be an object with headword, meaning and category")
    if unknown := unknown_fields(raw):
        raise ValueError(unknown)
    missing = [name for name in _REQUIRED if name not in raw]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if name in _LIST_FIELDS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{name} must be a list of texts")
            value = tuple(value)
        elif name == "unverified":
            if not isinstance(value, bool):
                raise ValueError("unverified must be true or false")
        elif not isinstance(value, str):
            raise ValueError(f"{name} must be text")
        values[name] = value
    return GlossaryEntry(**values)


def unknown_fields(raw: Collection[object]) -> str | None:
    """The fields of a file's entry `raw` that no entry has, each with the one it likely meant
    ("unknown field term (did you mean headword?)"), or None when it has none."""
    unknown = sorted(map(str, set(raw) - _FIELDS))
    if not unknown:
        return None
    free = sorted(_FIELDS - set(raw))  # a field given already is not the one meant

    def named(field: str) -> str:
        meant = _FIELDS_ELSEWHERE.get(field.lower())
        close = difflib.get_close_matches(field.lower(), free, n=1, cutoff=_FIELD_SLIP)
        meant = meant if meant in free else next(iter(close), None)
        return f"{field} (did you mean {meant}?)" if meant else field

    plural = "s" if len(unknown) > 1 else ""
    return f"unknown field{plural} {', '.join(map(named, unknown))}"


def entry_from_text(text: str | None) -> GlossaryEntry | None:
    """A stored entry column (JSON text; NULL for a hidden built-in) as an entry."""
    return None if text is None else entry_from_json(json.loads(text))


def entry_to_text(entry: GlossaryEntry | None) -> str | None:
    """An entry as the JSON text a database column stores (see `entry_from_text`)."""
    return None if entry is None else json.dumps(entry_to_json(entry), ensure_ascii=False)
