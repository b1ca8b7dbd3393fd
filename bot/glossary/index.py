"""The in-memory index that finds glossary entries however a member types a term.

Pure: no SQL, no discord. The glossary cache loads entries (the built-ins, a guild's own terms,
truck model codes) into a `GlossaryIndex` that the service asks. Every key and every query goes
through `bot.japanese.normalize`, so macrons, kana, width, spacing and romaji variants are already
equal before any comparison is made.

Tiers, best first: exact headword, exact other form (alias, kanji, kana, romaji), prefix of a key,
substring of a key, typo (optimal-string-alignment distance, so a swapped pair is one edit).
Within a tier: fewer edits, then more popular, then spelt as the query was before folding
(kiiro is kiiro nanbā before kirokubo, though both keys start with kiro), then shorter key, then
alphabetical.

How far a typo may go (`max_edits`) grows with the query: up to 3 normalised characters it must
be exact, 4-6 allows one edit, 7-11 two, longer three. So "pste" is two edits from "site" and
finds nothing, while "keitoar" is one edit (a swap) from "keitora".

`lookup` only answers when it can be sure; fuzzy and partial matches *suggest*, they do not
silently pick an entry for an ordinary English word ("rice", "truck", "tokyo"):
- an exact key (headword or any other form) wins;
- a prefix wins only when one entry has it, it is at least `MIN_PREFIX_PICK` (5) normalised
  characters long, and it begins the entry's headword or one of its Japanese forms (kanji, kana,
  romaji): "sanpo" is sanpō-biraki, but "truck" (the start of nidai's alias "truck bed") and
  "kuro" only suggest;
- a typo candidate wins only when the query has at least `MIN_FUZZY_PICK` (6) normalised
  characters, enough letters to carry the evidence, and the candidate is *clearly ahead*: every
  other entry needs at least `FUZZY_MARGIN` (one) more edit than it does ("shakken" is shaken,
  "tokyo" only suggests nōkyō);
- a model code after its emissions prefix (GD-DA52T) is its chassis code's entry, and a prefix
  alone (3BA-) the entry on emissions codes, when no key is the query itself;
- a substring never wins. Substrings are found within one word of a form, never across the words
  of a multi-word alias ("tyre" is not in "heavy du|ty re|ar springs"), and in an alias only at
  the start of one of its words, as search finds them.
Everything else becomes "did you mean" suggestions (up to three); one- and two-character
queries get exact answers only, or in Japanese the one entry whose Japanese form they begin
as a suggestion (凹 of 凹み).

`search` ranks an entry's own names (headword, aliases, Japanese forms) above its meaning, and
typo neighbours last (a slip in the first letter only when no other slip is near); when nothing
matched, the meanings with a word a few edits from a query word ("inspecton"). Below a whole
name typed, the entries whose meaning is about a query word (its gloss's head, `gloss_head`)
come first, among names only partly matched and among meanings alike: "inspection" lists
shaken (…roadworthiness inspection) before shuppinhyō (the auction sheet). Names and
meanings match on word boundaries: a name exactly, by its start, or by the start of one of an
alias's words (inside a word only for headwords and Japanese forms, which do not space their
words: in search from one kanji on, 検 finds 車検 and 軽 軽トラ; and a query with two kanji
or more finds the words of kanji that keep some of its kanji in order, as Japanese shortens
words: 四輪駆動 finds 四駆, 車検切れ 車検, which lookup only suggests), in search,
autocomplete and lookup's suggestions alike, these two from three characters on (shorter
ones list popular terms, or suggest none); a meaning word must equal a query word, or start
with it when the query word has at least `MIN_MEANING_PREFIX` (4, words.py) letters ("inspect" finds
"inspection", "bed" only "bed"). So
"rice" finds neither "hammer price" nor "the price", but "price" finds both.
A query whose whole names nothing, such as romaji beside kanji ("keitora 軽トラ"), is searched
word by word (`_names_of_words`): the entries more of its words name first.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from itertools import islice
from typing import Literal

from bot.glossary.entries import GlossaryEntry
from bot.glossary.keys import IndexKeys, substring_searchable
from bot.glossary.ranking import SHORT_QUERY, Ranking, Starts, note_starts
from bot.glossary.typos import PREFIX_SCAN, Slips, beginning_with
from bot.glossary.words import MeaningWords, meaning_words
from bot.japanese import normalize, spelling
from bot.limits import AUTOCOMPLETE_CHOICES

MIN_NEAR = 3  # shorter queries that match no key exactly get no answer and no suggestions
MIN_PREFIX_PICK = 5  # a unique prefix of a Japanese form answers from 5 characters
MIN_FUZZY_PICK = 6  # a typo match answers from 6 characters; shorter queries only suggest
FUZZY_MARGIN = 1  # edits the runner-up must trail by before a typo match is taken as the answer
SUGGESTIONS = 3
SUBSTRING_SCAN = 300
MIN_ABBREVIATED = 3  # characters a query needs before words of its kanji are found for it
# Candidates re-ranked by how the query was spelt (see `_as_spelt_first`): enough for any list
# shown, a bound on what a folded query costs.
SPELLING_SCAN = 100
WORDS_SEARCHED = 5  # of a query that names nothing as a whole, searched each alone
# A model code as papers print it, its emissions code before the hyphen: GD-DA52T, 3BA-DA16T.
# The prefix is one to three letters or digits; the code after it may be left out ("3BA-").
_EMISSIONS_PREFIXED = re.compile(r"\s*(?P<prefix>[0-9a-z]{1,3})\s*[-‐‑−–]\s*(?P<code>\S*)\s*", re.I)
# A prefix typed alone reads as an emissions code only in the codes' own shapes (3BA, GD, EBD):
# "air-" or "4-" is a word cut short, not a code.
_EMISSIONS_CODE_ALONE = re.compile(r"[0-9][A-Za-z]{2}|[A-Z]{1,3}")
# An alias of the entry that explains emissions codes: a prefix typed alone finds it.
EMISSIONS_ENTRY_ALIAS = "emissions prefix"


class MatchKind(IntEnum):
    """How a query met an entry; lower is a better match."""

    HEADWORD = 0
    ALIAS = 1
    PREFIX = 2
    SUBSTRING = 3
    FUZZY = 4
    MEANING = 5


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked result: which entry, how it matched, and the normalised key it matched on."""

    entry: GlossaryEntry
    kind: MatchKind
    key: str = ""
    distance: int = 0

    @property
    def matched(self) -> Literal["term", "meaning"]:
        return "meaning" if self.kind is MatchKind.MEANING else "term"


@dataclass(frozen=True, slots=True)
class Match:
    """A lookup's answer: the entry when it is certain, otherwise "did you mean" suggestions."""

    entry: GlossaryEntry | None
    kind: MatchKind | None = None
    suggestions: tuple[GlossaryEntry, ...] = ()
    # The emissions code typed before the chassis code `entry` is ("GD" of GD-DA52T), "" when
    # the query was no such model code.
    emissions_prefix: str = ""

    @property
    def found(self) -> bool:
        return self.entry is not None


NO_MATCH = Match(None)


# A ranked candidate: (kind, edits, -popularity, key length, headword, entry index, key).
# Plain tuples sort in C, which keeps a 100,000-entry autocomplete inside its budget.
_Candidate = tuple[int, int, int, int, str, int, str]


class GlossaryIndex:
    """Finds glossary entries by any written form, by prefix, substring, typo or meaning words."""

    def __init__(self, entries: Iterable[GlossaryEntry]) -> None:
        self._entries = tuple(entries)
        self._unranked = self  # what `ranked_by` ranks, from copies too
        self._folded = [entry.headword.casefold() for entry in self._entries]
        self._keys = IndexKeys()
        # (key, entry) of headwords and Japanese forms: the keys a unique prefix may answer with.
        self._names: set[tuple[str, int]] = set()
        # The 1- and 2-character starts of each entry's headword key, and of its other keys,
        # each with the length of the shortest of those keys it starts.
        self._starts: list[tuple[Starts, Starts]] = []
        for index, entry in enumerate(self._entries):
            self._index_entry(index, entry)
        self._keys.seal()
        self._meanings = MeaningWords(entry.meaning for entry in self._entries)
        self._rank(Ranking.alphabetical(self._folded, self._starts))

    def _index_entry(self, index: int, entry: GlossaryEntry) -> None:
        headword = normalize(entry.headword)
        starts: tuple[dict[str, int], dict[str, int]] = ({}, {})
        if headword:
            self._keys.add(headword, MatchKind.HEADWORD, index, entry.headword)
            note_starts(starts[0], headword)
        for form in (entry.headword, entry.kanji, entry.kana, entry.romaji):
            if form:
                self._names.add((normalize(form), index))
        for form in entry.other_forms():
            key = normalize(form)
            if key and key != headword:
                self._keys.add(key, MatchKind.ALIAS, index, form)
                note_starts(starts[1], key)
        others = tuple((s, n) for s, n in starts[1].items() if s not in starts[0])
        self._starts.append((tuple(starts[0].items()), others))

    def _rank(self, ranking: Ranking) -> None:
        self._ranking = ranking
        self._popularity = ranking.popularity  # read for every candidate: one lookup fewer

    def ranked_by(self, lookups: Mapping[str, int]) -> GlossaryIndex:
        """A copy, sharing this index's key structures, that ranks entries by how often members
        looked them up (`lookups`: entry key → count), more first.

        Only the looked-up entries move: the rest keep the unranked order, so a copy costs what
        the looked-up entries do, not what the whole glossary does (about 1.3 s at 100,000
        entries, while the cache re-ranks every POPULARITY_REFRESH for a busy server). Many
        servers can each rank one shared index this way.
        """
        base = self._unranked
        counts = {
            index: count
            for key, count in lookups.items()
            if count > 0
            for kind, index in base._keys.owners.get(key, ())
            if kind == MatchKind.HEADWORD
        }
        if not counts:
            return base
        ranked = copy.copy(base)
        ranked._rank(base._ranking.ranked_by(counts, base._folded, base._starts))
        return ranked

    @property
    def entries(self) -> tuple[GlossaryEntry, ...]:
        return self._entries

    def written(self) -> dict[str, tuple[GlossaryEntry, ...]]:
        """Each key the entries' headwords and other forms spell, with the entries written that
        way: a server's `Spellings`, without normalising every form again."""
        entries, owners = self._entries, self._keys.owners
        return {key: tuple(entries[i] for _, i in found) for key, found in owners.items()}

    # --- public queries ------------------------------------------------------------------------

    def lookup(self, query: str) -> Match:
        """The entry `query` names, or suggestions when it names none for certain."""
        key = normalize(query)
        if not key:
            return NO_MATCH
        exact = self._exact(key)
        if exact:
            return Match(self._entry(exact[0]), MatchKind(exact[0][0]), self._entries_of(exact[1:]))
        return self._emissions_prefixed(query) or self._near_match(query, key)

    def autocomplete(self, query: str, limit: int = AUTOCOMPLETE_CHOICES) -> list[Hit]:
        """Up to `limit` entries for a partly typed query, best first."""
        key = normalize(query)
        if not key and query.strip():  # only emoji or punctuation: nothing is like it
            return []
        exact = self._exact(key)
        if len(key) <= SHORT_QUERY:
            return self._hits(exact + self._popular(key, limit), limit)
        found = exact + self._prefix(key)
        if len(self._distinct(found)) < limit:  # otherwise substrings would rank below the cut
            found += self._substring(key)
        # Typo neighbours only fill a short list, and not under a term typed exactly right.
        if not exact and len(self._distinct(found)) < limit:
            found += self._fuzzy(key, Slips.KEEPING_INITIAL)
        return self._hits(self._as_spelt_first(found, query, key), limit)

    def search(self, text: str, limit: int = 10) -> list[Hit]:
        """Entries whose names or meaning match `text`: names first, then meaning, then typos."""
        key = normalize(text)
        exact = self._exact(key)
        words = set(meaning_words(text))
        names = self._as_spelt_first(self._by_name(key, exact, limit), text, key)
        names = self._about_first(names, words)
        if not names:
            names, exact = self._names_of_words(text, limit)
        meanings, every_word_found = self._meaning_hits(words, limit)
        ranked = self._first_per_entry(self._hits(names, limit) + meanings)
        # As in autocomplete, typo neighbours are no answer to a term typed exactly right, nor
        # to English typed right: words that meanings have, each of them ("inspection", but not
        # "ammer price"). Measuring them was most of such a search's cost at 100,000 entries.
        if len(ranked) < limit and not exact and not every_word_found:
            # Slips in the first letter, the rarest kind, only when no other slip is near:
            # their keys made up half a typo search's cost at 100,000 entries.
            common = self._fuzzy(key, Slips.KEEPING_INITIAL_NEAREST)
            typos = common or self._fuzzy(key, Slips.OF_INITIAL)
            ranked = self._first_per_entry(ranked + self._hits(typos, limit))
        # A slip in an English word: "inspecton" finds the meanings that have "inspection" (not
        # the names "inspection" also finds, which a slip does not reach).
        if not ranked:
            ranked = self._misspelt_meaning_hits(text, limit)
        return ranked[:limit]

    # --- lookup decisions ----------------------------------------------------------------------

    def _emissions_prefixed(self, query: str) -> Match | None:
        """The chassis code after an emissions prefix (GD-DA52T is the DA52T), as the
        emissions-code entry tells members to read one; a prefix alone ("3BA-") is that entry.
        None when `query` is no such code."""
        written = _EMISSIONS_PREFIXED.fullmatch(unicodedata.normalize("NFKC", query))
        if written is None:
            return None
        if not written["code"]:
            if not _EMISSIONS_CODE_ALONE.fullmatch(written["prefix"]):
                return None
            about = self._exact(normalize(EMISSIONS_ENTRY_ALIAS))
            return Match(self._entry(about[0]), MatchKind.ALIAS) if about else None
        code = [c for c in self._exact(normalize(written["code"])) if c[0] == MatchKind.HEADWORD]
        if not code or self._entry(code[0]).category != "model":
            return None
        return Match(self._entry(code[0]), MatchKind.HEADWORD, emissions_prefix=written["prefix"])

    def _near_match(self, query: str, key: str) -> Match:
        if len(key) < MIN_NEAR:
            return self._only_name_begun(query, key)
        prefixes = self._as_spelt_first(self._prefix(key), query, key)
        prefix = self._distinct(prefixes)
        if len(prefix) == 1 and len(key) >= MIN_PREFIX_PICK and self._reaches_a_name(prefixes):
            return Match(self._entry(prefix[0]), MatchKind.PREFIX)
        substring = []
        if len(prefix) < SUGGESTIONS:
            substring = self._distinct(self._as_spelt_first(self._substring(key), query, key))
        near = prefix + substring
        if len(near) < SUGGESTIONS:
            near += self._distinct(self._abbreviated(key))
        if len(near) >= SUGGESTIONS:  # typo candidates could neither win nor be suggested
            return Match(None, suggestions=self._entries_of(near))
        fuzzy = self._distinct(self._fuzzy(key, Slips.ANY))
        if not near and len(key) >= MIN_FUZZY_PICK and _clearly_ahead(fuzzy):
            return Match(self._entry(fuzzy[0]), MatchKind.FUZZY, self._entries_of(fuzzy[1:]))
        return Match(None, suggestions=self._entries_of(near + fuzzy))

    def _only_name_begun(self, query: str, key: str) -> Match:
        """For a query too short to look near: the entry whose name alone it begins, offered,
        when typed in Japanese (凹 of 凹み), as autocomplete offers it. Latin letters this few
        begin too many names to mean one."""
        if unicodedata.normalize("NFKC", query).isascii():
            return NO_MATCH
        names = [c for c in self._prefix(key) if (c[6], c[5]) in self._names]
        begun = self._distinct(names)
        return Match(None, suggestions=self._entries_of(begun)) if len(begun) == 1 else NO_MATCH

    def _by_name(self, key: str, exact: list[_Candidate], limit: int) -> list[_Candidate]:
        """What search finds by the names of entries for `key`, whose `exact` matches are given."""
        # One kanji is a word (軽, 検): what it begins is found, as what holds it is.
        names = exact + self._prefix(key) if len(key) >= 2 or not key.isascii() else exact
        # Each tier ranks below the ones before it, so the costly ones are only searched while
        # the list is short: their entries would fall below the cut.
        if len(self._distinct(names)) < limit:
            names += self._substring(key)
        if not exact and len(self._distinct(names)) < limit:
            names += self._abbreviated(key)
        return names

    def _names_of_words(self, text: str, limit: int) -> tuple[list[_Candidate], list[_Candidate]]:
        """For a query that names nothing as a whole, the names its first `WORDS_SEARCHED` words
        find, each alone ("keitora 軽トラ", romaji and kanji), the entries more of them find
        first; and the exact matches among them. A word in kana or kanji finds what it begins or
        is in, as a query does: Japanese does not space its words, so it was typed as a name.
        Romaji or English must be a whole name ("shaken"): their words are found in meanings
        already, and a word that only begins a name ("truck", of "truck bed") would rank each
        such name above them."""
        typed = text.split()
        if len(typed) < 2:
            return [], []
        found: list[_Candidate] = []
        exact: list[_Candidate] = []
        words: dict[int, int] = {}  # entry → how many words found it
        for key in dict.fromkeys(filter(None, map(normalize, typed[:WORDS_SEARCHED]))):
            own = self._exact(key)
            exact += own
            named = own if key.isascii() else self._by_name(key, own, limit)
            for candidate in self._distinct(named):
                words[candidate[5]] = words.get(candidate[5], 0) + 1
                found.append(candidate)
        return sorted(found, key=lambda c: (-words[c[5]], c)), exact

    def _reaches_a_name(self, candidates: list[_Candidate]) -> bool:
        """Whether a candidate's key is a headword or Japanese form, not an (English) alias."""
        return any((c[6], c[5]) in self._names for c in candidates)

    def _entry(self, candidate: _Candidate) -> GlossaryEntry:
        return self._entries[candidate[5]]

    def _entries_of(self, candidates: list[_Candidate]) -> tuple[GlossaryEntry, ...]:
        return tuple(self._entry(c) for c in self._distinct(candidates)[:SUGGESTIONS])

    # --- candidate tiers -----------------------------------------------------------------------

    def _candidate(self, kind: int, edits: int, index: int, key: str) -> _Candidate:
        return (kind, edits, self._popularity[index], len(key), self._folded[index], index, key)

    def _exact(self, key: str) -> list[_Candidate]:
        owners = self._keys.owners.get(key, ())
        return sorted(self._candidate(kind, 0, index, key) for kind, index in owners)

    def _prefix(self, key: str) -> list[_Candidate]:
        found = []
        for other in beginning_with(self._keys.ordered, key, PREFIX_SCAN):
            if other != key:
                found += self._owned(MatchKind.PREFIX, 0, other)
        return sorted(found)

    def _substring(self, key: str) -> list[_Candidate]:
        """Keys with a word that contains `key` (keys that start with it are prefixes).

        An alias matches only where one of its words starts with `key`: "rice" is inside
        "hammer price" but is no word of it. A headword or Japanese form still matches inside a
        word, since Japanese does not space its words ("biraki" in "sanpō-biraki", 検 in 車検).
        """
        if not substring_searchable(key):
            return []
        keys = self._keys
        word_start: dict[str, bool] = {}  # key → whether `key` starts one of its words
        for word in islice(keys.containing(key), SUBSTRING_SCAN):
            starts = word.startswith(key)
            for other in keys.words[word]:
                if not other.startswith(key):
                    word_start[other] = word_start.get(other, False) or starts
        return sorted(
            self._candidate(MatchKind.SUBSTRING, 0, index, other)
            for other, starts in word_start.items()
            for _, index in keys.owners[other]
            if starts or (other, index) in self._names
        )

    def _abbreviated(self, key: str) -> list[_Candidate]:
        """For a query of three characters or more, two of them kanji, the keys with a word of
        kanji that keeps some of them in order: one that shortens it (四駆 for 四輪駆動) or that
        it holds (車検 in 車検切れ), those leaving out fewest characters first."""
        if len(key) < MIN_ABBREVIATED or sum(not char.isascii() for char in key) < 2:
            return []
        return sorted(
            self._candidate(MatchKind.SUBSTRING, len(key) - len(word), index, other)
            for word in self._keys.abbreviating(key, SUBSTRING_SCAN)
            for other in self._keys.words[word]
            for _, index in self._keys.owners[other]
        )

    def _fuzzy(self, key: str, slips: Slips) -> list[_Candidate]:
        """Keys within `max_edits` of `key` (see `TypoBuckets`). Autocomplete runs on every
        keystroke and measures only the common slips, leaving one in the first letter to
        lookup; search measures those only when no other typo is near."""
        return sorted(
            c
            for other, distance in self._keys.typos.nearest(key, slips=slips).items()
            for c in self._owned(MatchKind.FUZZY, distance, other)
        )

    def _owned(self, kind: MatchKind, edits: int, key: str) -> list[_Candidate]:
        return [self._candidate(kind, edits, index, key) for _, index in self._keys.owners[key]]

    def _popular(self, start: str, limit: int) -> list[_Candidate]:
        indexes = self._ranking.beginning(start)
        return [self._candidate(MatchKind.PREFIX, 0, i, start) for i in indexes[: limit + 1]]

    def _meaning_hits(self, words: set[str], limit: int) -> tuple[list[Hit], bool]:
        """Entries by how many of the query's meaning `words` their meaning has, those about one
        of them (`gloss_head`) first among as many, and whether some meaning has each of them
        as a whole word: one that only begins a word ("engi" of "engine") may be a slip."""
        counts: dict[int, int] = {}
        for word in words:
            for index in self._meanings.entries_with(word):
                counts[index] = counts.get(index, 0) + 1
        head = self._meanings.head
        best = sorted(
            counts, key=lambda i: (-counts[i], head(i) not in words, self._popularity[i], i)
        )[:limit]
        hits = [Hit(self._entries[i], MatchKind.MEANING) for i in best]
        return hits, bool(words) and all(word in self._meanings for word in words)

    def _misspelt_meaning_hits(self, text: str, limit: int) -> list[Hit]:
        """Entries whose meaning has each word of `text`, or a word a few edits from it: one
        near word alone is no evidence ("lorem ipsum dolor" is not about a door). The first
        word that matches nothing ends the search."""
        matching: set[int] | None = None
        for word in set(meaning_words(text)):
            found = self._meanings.entries_with(word) | self._meanings.entries_near(word)
            matching = found if matching is None else matching & found
            if not matching:
                return []
        best = sorted(matching or (), key=lambda i: (self._popularity[i], i))[:limit]
        return [Hit(self._entries[i], MatchKind.MEANING) for i in best]

    # --- ranking -------------------------------------------------------------------------------

    def _about_first(self, candidates: list[_Candidate], words: set[str]) -> list[_Candidate]:
        """`candidates` (ranked) with the entries whose meaning is about one of the query's
        meaning `words` (`gloss_head`) before the rest of those only part of a name matched:
        searching "inspection" lists shaken (Japan's compulsory … inspection) before
        shuppinhyō, whose alias "inspection sheet" begins with it but which is an auction
        sheet. A whole name typed still ranks first. Whole words only: the start of a head is
        no evidence ("condition" is not what air conditioning is about)."""
        if not words:
            return candidates
        head = self._meanings.head
        return sorted(candidates, key=lambda c: c[0] > MatchKind.ALIAS and head(c[5]) not in words)

    def _as_spelt_first(
        self, candidates: list[_Candidate], query: str, key: str
    ) -> list[_Candidate]:
        """`candidates` (ranked) with, among equally good ones, those whose forms hold the query
        as it was spelt first. Folding makes kiiro and kiro one key, so that either spelling
        finds either term; but a member who typed kiiro meant 黄色 (kiiro) before 記録 (kiroku).
        Only a query that folding changed is re-ranked: for the rest the order is the same."""
        spelt = spelling(query)
        if spelt == key:
            return candidates
        head = sorted(
            candidates[:SPELLING_SCAN],
            key=lambda c: (c[0], c[1], c[2], not self._spelt_with(c[5], spelt)),
        )
        return head + candidates[SPELLING_SCAN:]

    def _spelt_with(self, index: int, spelt: str) -> bool:
        entry = self._entries[index]
        return any(spelt in spelling(form) for form in (entry.headword, *entry.other_forms()))

    @staticmethod
    def _distinct(candidates: list[_Candidate]) -> list[_Candidate]:
        """The best candidate of each entry, in the order given."""
        seen: set[int] = set()
        best = []
        for candidate in candidates:
            if candidate[5] not in seen:
                seen.add(candidate[5])
                best.append(candidate)
        return best

    def _hits(self, candidates: list[_Candidate], limit: int) -> list[Hit]:
        return [
            Hit(self._entries[c[5]], MatchKind(c[0]), c[6], c[1])
            for c in self._distinct(candidates)[:limit]
        ]

    @staticmethod
    def _first_per_entry(hits: list[Hit]) -> list[Hit]:
        seen: set[str] = set()
        first = []
        for hit in hits:
            if hit.entry.headword not in seen:
                seen.add(hit.entry.headword)
                first.append(hit)
        return first


def _clearly_ahead(fuzzy: list[_Candidate]) -> bool:
    """Whether the nearest typo candidate beats every other entry by FUZZY_MARGIN edits."""
    if not fuzzy:
        return False
    return len(fuzzy) == 1 or fuzzy[1][1] - fuzzy[0][1] >= FUZZY_MARGIN
