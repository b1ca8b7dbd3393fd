"""The English words of glossary meanings, and which entries' meanings hold each: what search
finds when a query names no term (see `GlossaryIndex.search`). Pure: no SQL, no discord."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from bot.glossary.typos import PREFIX_SCAN, Slips, TypoBuckets, beginning_with

MIN_MEANING_PREFIX = 4  # shorter meaning words match whole words only: "ac" must not find "acty"

_WORD = re.compile(r"[a-z0-9]+")
# The marks NFKD takes off accented letters: gone, "nōhan" is one word, as lookup folds it.
_COMBINING_MARKS = re.compile("[\u0300-\u036f]")
_STOPWORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "how", "i",
    "in", "is", "it", "its", "me", "mean", "means", "meaning", "my", "no", "not", "of", "on",
    "or", "that", "the", "this", "to", "was", "what", "with", "word", "you", "your",
))  # fmt: skip

# Where a meaning's first phrase ends: what follows a clause mark is said about the word it
# glosses, not the word.
_PHRASE_END = re.compile(r"[.:;()!?\u2013\u2014]")
# A word, its possessive left out ("japan's" has no word "s" after "japan"), or a comma.
_PHRASE_TOKEN = re.compile(r"([a-z0-9]+)(?:['\u2019][a-z]+)?|,")
# Words that begin what is said after the head of a phrase: "the cargo bed | of a truck",
# "a vehicle | that has had only one owner", "ramps | for rolling a tiller", "a cover |
# fitted over the torii". Participles in -ed are listed, as glosses use them: the ending alone
# would cut "a tipping bed" at its bed.
_AFTER_HEAD = frozenset((
    "about", "across", "after", "against", "along", "around", "as", "at", "because", "before",
    "behind", "between", "built", "by", "fitted", "for", "found", "from", "given", "if", "in",
    "into",
    "known", "like", "made", "mounted", "of", "offered", "on", "onto", "over", "paid",
    "printed", "shown", "so", "sold", "stretched", "than", "that", "to", "under", "via",
    "when", "where", "whereas", "which", "while", "who", "whom", "whose", "with", "within",
    "without", "written",
))  # fmt: skip
# Words that name a word, after which "for"/"of" gives what the word means: "Everyday Japanese
# for a kei truck" glosses a kei truck, "the name of a Hijet grade" a grade.
_NAMING = frozenset((
    "english", "japanese", "name", "nickname", "slang", "term", "word",
))  # fmt: skip
_NAMED = frozenset(("for", "of"))
# "What Japanese listings call the 'year'": an article after these begins the name given.
_CALLING = frozenset(("call", "calls"))
# An article straight after a head begins a clause said of it, its "that" left out: "the
# limits | a vehicle must meet", "the tax | a kei vehicle's owner pays".
_ARTICLES = frozenset(("a", "an", "the"))


def meaning_words(text: str) -> list[str]:
    """English words for meaning search: lower case, no stop words, a plural s dropped."""
    return [word for word in map(_searched_as, _WORD.findall(_folded(text))) if word]


def _folded(text: str) -> str:
    """`text` in lower case, full-width letters made ASCII and accents taken off, as lookup's
    keys are (`bot.japanese.normalize`), but with its spaces: words split where they end, not
    at a macron ("Shōwa" is one word, not "sh" + "wa")."""
    if text.isascii():  # most meanings: NFKD would cost the index's build for nothing
        return text.lower()
    return _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()


def _searched_as(word: str) -> str:
    """A lower-case word as meaning search keeps it: "" for a stop word, a plural s dropped."""
    if word in _STOPWORDS:
        return ""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]  # "dents" finds "dent"; crude, but the same on both sides
    return word


def gloss_head(meaning: str) -> str:
    """The word a meaning glosses its term as, as `meaning_words` writes it: the head of its
    first phrase ("inspection" of "Japan's compulsory periodic roadworthiness inspection; …",
    "sheet" of "The auction sheet: …", "bed" of "The cargo bed of a truck"); "" when it has none.
    English puts the head last in its phrase, before what is said of it: a preposition, a
    relative word, a participle with words after it ("a certificate | proving …"), or a comma
    after two words ("power steering, written PS"; "the full, unclipped word" goes on), or an
    article ("the limits a vehicle must meet"). A word for a word is glossed by what follows
    it: "Everyday Japanese for a kei truck" is about a truck."""
    end = _PHRASE_END.search(meaning)
    tokens = _PHRASE_TOKEN.findall(_folded(meaning[: end.start()] if end else meaning))
    head, said, last = "", 0, len(tokens) - 1
    for position, token in enumerate(tokens):
        if not token:  # a comma
            if said >= 2:
                break
        elif position and (
            (token in _NAMED and tokens[position - 1] in _NAMING)
            or (token in _ARTICLES and tokens[position - 1] in _CALLING)
        ):
            head, said = "", 0
        elif head and (
            token in _AFTER_HEAD
            or token in _ARTICLES
            or (token.endswith("ing") and position < last and tokens[position + 1])
        ):
            break
        elif word := _searched_as(token):
            head, said = word, said + 1
    return head


class MeaningWords:
    """Each word of the meanings, with the positions of the entries whose meaning has it, and
    each meaning's head (`gloss_head`)."""

    def __init__(self, meanings: Iterable[str]) -> None:
        found: dict[str, set[int]] = {}
        heads: list[str] = []
        for index, meaning in enumerate(meanings):
            for word in meaning_words(meaning):
                found.setdefault(word, set()).add(index)
            heads.append(gloss_head(meaning))
        # A head is one of its meaning's words: kept as the same text, not a copy per entry.
        same = {word: word for word in found}
        self._heads = [same.get(head, head) for head in heads]
        # Tuples, not sets, for the garbage collector's sake (see `IndexKeys`).
        self._words = {word: tuple(indexes) for word, indexes in found.items()}
        self._vocabulary = sorted(self._words)
        self._misspelt = TypoBuckets(self._vocabulary)

    def __contains__(self, word: str) -> bool:
        """Whether some meaning has `word` as a whole word."""
        return word in self._words

    def entries_with(self, word: str) -> set[int]:
        """The entries whose meaning has `word`, or (from `MIN_MEANING_PREFIX` letters) a word
        it begins."""
        if len(word) < MIN_MEANING_PREFIX:
            return set(self._words.get(word, ()))
        found: set[int] = set()
        for other in beginning_with(self._vocabulary, word, PREFIX_SCAN):
            found.update(self._words[other])
        return found

    def head(self, index: int) -> str:
        """The head of the meaning of the entry at `index` (see `gloss_head`), "" when none."""
        return self._heads[index]

    def entries_near(self, word: str) -> set[int]:
        """The entries whose meaning has a word a slip or two from `word`."""
        near = self._misspelt.nearest(word, slips=Slips.KEEPING_INITIAL_NEAREST)
        return {index for other in near for index in self._words[other]}
