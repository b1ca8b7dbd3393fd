"""The normalised keys of a glossary index and the structures that search them: which entries
own a key, the keys in sorted order for prefix ranges, each word of each form for substrings, and
the typo buckets. `GlossaryIndex` (index.py) ranks what these find.

Pure: no SQL, no discord.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

from bot.glossary.typos import TypoBuckets
from bot.japanese import normalize

MIN_SUBSTRING = 3  # shorter substrings match half the glossary: not worth ranking
PIECE_LENGTHS = (MIN_SUBSTRING, MIN_SUBSTRING + 1)  # of the word pieces substrings are found by
_ASCII = frozenset(map(chr, range(128)))


@dataclass(slots=True)
class IndexKeys:
    """The normalised keys and the structures that search them.

    `add` fills lists and sets; `seal` turns them into tuples. The garbage collector skips a
    tuple that holds only strings and numbers, while it walks every list and set on each full
    collection: at 100,000 entries their 700,000 made each one stop the bot for about 0.6 s
    (0.1 s as tuples).
    """

    owners: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)  # (kind, entry)
    ordered: list[str] = field(default_factory=list)  # sorted, for prefix ranges
    # Each word of each form, normalised alone, with the keys it is a word of: substrings are
    # searched within words so that "tyre" does not match across "heavy du|ty re|ar springs".
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ordered_words: list[str] = field(default_factory=list)
    # Piece length -> each piece of that many characters of a word -> the positions in
    # `ordered_words` of the words that hold it, ascending. Scanning all words for a substring
    # cost autocomplete about 1.5 ms at 100,000 entries; checking only the words of the
    # query's rarest 3-character piece, about 0.1 ms, and of its rarest 4-character piece
    # (about a tenth as many words), 0.02 ms. Arrays, since the garbage collector does not
    # walk them.
    pieces: dict[int, dict[str, array[int]]] = field(default_factory=dict)
    typos: TypoBuckets = field(default_factory=lambda: TypoBuckets(()))
    adding_owners: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    adding_words: dict[str, set[str]] = field(default_factory=dict)

    def add(self, key: str, kind: int, index: int, form: str) -> None:
        owners = self.adding_owners.setdefault(key, [])
        if all(owner != index for _, owner in owners):
            owners.append((int(kind), index))  # an enum member would keep the tuple tracked
        for word in form.split():
            word_key = normalize(word)
            if word_key:
                self.adding_words.setdefault(word_key, set()).add(key)

    def seal(self) -> None:
        self.owners = {key: tuple(owners) for key, owners in self.adding_owners.items()}
        self.words = {word: tuple(keys) for word, keys in self.adding_words.items()}
        self.adding_owners, self.adding_words = {}, {}
        self.ordered = sorted(self.owners)
        self.ordered_words = sorted(self.words)
        for length in PIECE_LENGTHS:
            slots_by_piece: dict[str, list[int]] = {}
            for slot, word in enumerate(self.ordered_words):
                for piece in _pieces(word, length):
                    slots_by_piece.setdefault(piece, []).append(slot)
            self.pieces[length] = {p: array("I", slots) for p, slots in slots_by_piece.items()}
        # Each kanji alone, too: one kanji is a word of its own (検), which a shorter search
        # may look for inside a form.
        slots_by_kanji: dict[str, list[int]] = {}
        for slot, word in enumerate(self.ordered_words):
            for kanji in _pieces(word, 1) - _ASCII:
                slots_by_kanji.setdefault(kanji, []).append(slot)
        self.pieces[1] = {k: array("I", slots) for k, slots in slots_by_kanji.items()}
        self.typos = TypoBuckets(self.ordered)

    def containing(self, key: str) -> Iterator[str]:
        """The words that contain `key`, in sorted order: a key of 3 characters or more, or a
        shorter one with a kanji (see `substring_searchable`)."""
        if len(key) < MIN_SUBSTRING:
            by_piece, pieces = self.pieces[1], _pieces(key, 1) - _ASCII
        else:
            length = min(len(key), PIECE_LENGTHS[-1])
            by_piece, pieces = self.pieces[length], _pieces(key, length)
        postings = [by_piece[piece] for piece in pieces if piece in by_piece]
        if not pieces or len(postings) < len(pieces):
            return  # a piece no word holds: no word holds the key
        for slot in min(postings, key=len):
            word = self.ordered_words[slot]
            if key in word:
                yield word

    def abbreviating(self, key: str, scan: int) -> Iterator[str]:
        """The words of two kanji or more, all kanji, that keep some of the kanji of `key` in
        order: the way Japanese shortens a word (四駆 of 四輪駆動, 車検証 of 自動車検査証).
        Only the first `scan` words holding one of its kanji are examined."""
        by_kanji = self.pieces.get(1, {})
        slots = sorted({slot for kanji in set(key) for slot in by_kanji.get(kanji, ())})
        for slot in slots[:scan]:
            word = self.ordered_words[slot]
            if 2 <= len(word) < len(key) and _in_order(word, key):
                yield word


def _in_order(word: str, key: str) -> bool:
    """Whether every character of `word` is in `key`, in the same order, and none is ASCII."""
    rest = iter(key)
    return not _ASCII.intersection(word) and all(char in rest for char in word)


def substring_searchable(key: str) -> bool:
    """Whether a key is long enough to be looked for inside words: 3 characters, or fewer with
    a kanji in them (keys hold only ASCII letters and digits besides kanji)."""
    return len(key) >= MIN_SUBSTRING or not key.isascii()


def _pieces(word: str, length: int) -> set[str]:
    return {word[i : i + length] for i in range(len(word) - length + 1)}
