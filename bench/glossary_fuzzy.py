"""Glossary matching at scale: the in-memory GlossaryIndex (rapidfuzz) against SQLite FTS5 trigram.

Run: `python -m bench.glossary_fuzzy [--keys 100000]` from the repository root. Builds the
built-in glossary plus synthetic entries, then prints p50/p99 latency per query class for
- rapidfuzz: `GlossaryIndex.lookup` and `.autocomplete` (dict for exact keys, bisect over sorted
  keys for prefixes, a trigram index of words for substrings, and rapidfuzz OSA distance with a
  score cut-off over the keys of a near length that start like the query);
- fts5: the same lookup steps done in SQLite (indexed key column for exact and prefix, an FTS5
  trigram table whose OR-of-trigrams query ranks typo candidates, rescored with OSA distance).
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.glossary import GlossaryEntry, GlossaryIndex, load_glossary, max_edits
from bot.japanese import normalize

# Synthetic headwords are 2-4 romaji syllables, one or two words, like real glossary terms.
SYLLABLES = tuple(
    re.findall(
        r"[a-z]+",
        """
    ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ma mi mu me mo
    ya yu yo ra ri ru re ro wa ga gi gu ge go ja ju jo ba bi bu be bo pa pi pu pe po n kyo sha
    sho cha ryo
""",
    )
)
ENGLISH = tuple(
    re.findall(
        r"[a-z]+",
        """
    truck bed gate engine frame rust grade sheet plate cab farm dump light van road tax export
    paper date year model code wheel drive gear lock spring roof door seat
""",
    )
)
NONSENSE = ("asdfgh", "zzzz", "pste", "🚚🚚", "@everyone", "qwertyuiop", "xkcdxkcd", "a" * 5000)


def synthetic_entries(count: int, rng: random.Random) -> list[GlossaryEntry]:
    entries, seen = [], set()
    while len(entries) < count:
        words = [
            "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(rng.randint(1, 2))
        ]
        headword = " ".join(words)
        if normalize(headword) in seen:
            continue
        seen.add(normalize(headword))
        meaning = " ".join(rng.choices(ENGLISH, k=8))
        entries.append(GlossaryEntry(headword=headword, meaning=meaning, category="culture"))
    return entries


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word) - 1)
    edits = (
        word[:i] + word[i + 1 :],  # dropped letter
        word[:i] + word[i + 1] + word[i] + word[i + 2 :],  # swapped pair
        word[:i] + rng.choice("aeiouknst") + word[i + 1 :],  # wrong letter
    )
    return rng.choice(edits)


def query_classes(entries: Sequence[GlossaryEntry], rng: random.Random) -> dict[str, list[str]]:
    words = [e.headword for e in rng.sample(list(entries), 300)]
    long_words = [w for w in (normalize(w) for w in words) if len(w) >= 6]
    return {
        "exact": words,
        "prefix": [w[: rng.randint(2, 5)] for w in long_words],
        "typo": [typo(w, rng) for w in long_words],
        "nonsense": list(NONSENSE) * 20,
        "one-letter": [rng.choice("abcdefghijklmnopqrstuvwxyz軽") for _ in range(200)],
    }


class Fts5Glossary:
    """The same lookup steps in SQLite, to compare with the in-memory index."""

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE TABLE keys(key TEXT, entry INTEGER)")
        self.db.execute("CREATE VIRTUAL TABLE grams USING fts5(key, tokenize='trigram')")
        rows = [
            (normalize(form), n)
            for n, entry in enumerate(entries)
            for form in (entry.headword, *entry.other_forms())
        ]
        self.db.executemany("INSERT INTO keys VALUES (?, ?)", rows)
        self.db.execute("INSERT INTO grams(key) SELECT DISTINCT key FROM keys")
        self.db.execute("CREATE INDEX keys_key ON keys(key)")

    def lookup(self, query: str) -> list[str]:
        key = normalize(query)
        if not key:
            return []
        sql = "SELECT key FROM keys WHERE key = ? OR (key > ? AND key < ?) LIMIT 25"
        found = [row[0] for row in self.db.execute(sql, (key, key, key + "\uffff"))]
        return found or self.typo_candidates(key)

    def typo_candidates(self, key: str) -> list[str]:
        grams = {key[i : i + 3] for i in range(len(key) - 2)}
        if not grams or not max_edits(len(key)):
            return []
        match = " OR ".join('"' + gram.replace('"', '""') + '"' for gram in grams)
        sql = "SELECT key FROM grams WHERE grams MATCH ? ORDER BY rank LIMIT 200"
        candidates = [row[0] for row in self.db.execute(sql, (match,))]
        cutoff = max_edits(len(key))
        near = process.extract(key, candidates, scorer=OSA.distance, score_cutoff=cutoff)
        return [choice for choice, _, _ in near]


def typo_recall(
    index: GlossaryIndex, fts: Fts5Glossary, entries: Sequence[GlossaryEntry], rng: random.Random
) -> str:
    """How often the entry a one-typo query was made from is among the first 25 candidates."""
    sample = [normalize(e.headword) for e in rng.sample(list(entries), 300)]
    pairs = [(typo(word, rng), word) for word in sample if len(word) >= 6]
    indexed = sum(
        word in {normalize(hit.entry.headword) for hit in index.autocomplete(query)}
        for query, word in pairs
    )
    trigram = sum(word in fts.typo_candidates(normalize(query))[:25] for query, word in pairs)
    return f"typo recall in the first 25 of {len(pairs)}: rapidfuzz {indexed}, fts5 {trigram}"


def percentiles(run: Callable[[str], object], queries: list[str]) -> tuple[float, float]:
    for query in queries[:20]:
        run(query)  # warm caches
    timings = []
    for query in queries:
        start = time.perf_counter()
        run(query)
        timings.append((time.perf_counter() - start) * 1000)
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return cuts[49], cuts[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=100_000, help="synthetic entries to add")
    args = parser.parse_args()
    rng = random.Random(2024)
    entries = [*load_glossary(), *synthetic_entries(args.keys, rng)]

    started = time.perf_counter()
    index = GlossaryIndex(entries)
    built_index = time.perf_counter() - started
    started = time.perf_counter()
    fts = Fts5Glossary(entries)
    built_fts = time.perf_counter() - started
    print(f"{len(entries):,} entries; build: index {built_index:.1f} s, fts5 {built_fts:.1f} s\n")

    operations: dict[str, Callable[[str], object]] = {
        "rapidfuzz lookup": index.lookup,
        "rapidfuzz autocomplete": index.autocomplete,
        "fts5 lookup": fts.lookup,
        "normalize only": normalize,
    }
    print(typo_recall(index, fts, entries, rng), "\n")
    classes = query_classes(entries, rng)
    print(f"{'approach':<24}{'class':<12}{'p50 ms':>9}{'p99 ms':>9}")
    for name, run in operations.items():
        for query_class, queries in classes.items():
            p50, p99 = percentiles(run, queries)
            print(f"{name:<24}{query_class:<12}{p50:>9.3f}{p99:>9.3f}")


if __name__ == "__main__":
    main()
