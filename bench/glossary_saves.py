"""What a moderator's save costs in a server with many entries of its own: add, edit, a member's
suggestion and its approval, each checked against every other entry's spellings.

Run by hand: `python -m bench.glossary_saves [--entries 10000 100000] [--rounds N]`. For each
size it seeds one server through the import path (on top of the built-ins), starts a service on
that database as the bot does at start-up (`warm_up`), then times, through the service:
  - add: a new term with a kanji and an alias of its own;
  - edit: a synthetic term given a new alias (so the spelling check runs);
  - suggest: a member's new term with a kanji;
  - approve: that suggestion approved as an entry;
  - remove: the term the round added (what links to it is looked for first).
Each save holds the store's write lock while it checks: every other write of the bot waits.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import tempfile
import time
from collections.abc import Awaitable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from bench.glossary_latency import percentile, seed, synthetic_headwords
from bot.clock import ManualClock
from bot.glossary import GlossaryEntry, GlossaryService
from bot.store import Store

GUILD = 1
MODERATOR = 77
T = TypeVar("T")


def fresh_words(taken: set[str], count: int, rng: random.Random) -> list[str]:
    """Words no synthetic term uses, for the terms and aliases the saves write."""
    words: list[str] = []
    while len(words) < count:
        word = "".join(rng.choice("bcdfgjklmpvwxz") + rng.choice("aeiou") for _ in range(5))
        if word not in taken:
            taken.add(word)
            words.append(word)
    return words


async def measure(entries: int, rounds: int) -> dict[str, list[float]]:
    rng = random.Random(5)
    headwords = synthetic_headwords(entries, rng)
    words = iter(fresh_words(set(headwords), rounds * 5, rng))
    clock = ManualClock(datetime.now(UTC))
    timings: dict[str, list[float]] = {
        "add": [],
        "edit": [],
        "suggest": [],
        "approve": [],
        "remove": [],
    }
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "bench.sqlite3"
        async with await Store.open(database) as store:
            seconds = await seed(store, clock, GUILD, headwords)
        async with await Store.open(database) as store:
            service = GlossaryService(store, clock)
            started = time.perf_counter()
            await service.warm_up()
            ready = time.perf_counter() - started
            print(
                f"{entries:,} entries: seeded in {seconds:.1f} s, start-up (warm_up) {ready:.2f} s"
            )

            async def timed(kind: str, saving: Awaitable[T]) -> T:
                began = time.perf_counter()
                result = await saving
                timings[kind].append((time.perf_counter() - began) * 1000)
                return result

            for turn in range(rounds):
                word, kanji = next(words), f"試{turn}験"
                added = GlossaryEntry(
                    headword=word,
                    meaning="A bench term.",
                    category="parts",
                    kanji=kanji,
                    aliases=(next(words),),
                )
                await timed("add", service.add(GUILD, MODERATOR, added))
                target = rng.choice(headwords)
                entry = await service.entry(GUILD, target)
                changed = replace(entry, aliases=(next(words),))
                await timed("edit", service.edit(GUILD, MODERATOR, target, changed))
                member = 1000 + turn  # each member may have only a few suggestions waiting
                suggested = await timed(
                    "suggest",
                    service.suggest(GUILD, member, next(words), "A bench term.", kanji=f"案{turn}"),
                )
                approved = GlossaryEntry(
                    headword=suggested.term,
                    meaning=suggested.meaning,
                    category="parts",
                    kanji=suggested.kanji,
                )
                await timed(
                    "approve",
                    service.approve(GUILD, suggested.id, MODERATOR, approved),
                )
                await timed("remove", service.remove(GUILD, MODERATOR, word))
            await service.settle()
    return timings


async def main(sizes: list[int], rounds: int) -> None:
    logging.basicConfig(level=logging.ERROR)  # the store's slow-transaction warnings are noise
    results = {size: await measure(size, rounds) for size in sizes}
    print(f"\n{'save, in ms':<11} {'entries':>9} {'p50':>9} {'p99':>9} {'max':>9} {'n':>5}")
    for size, timings in results.items():
        for kind, samples in timings.items():
            ordered = sorted(samples)
            print(
                f"{kind:<11} {size:>9,} {percentile(ordered, 0.5):9.2f} "
                f"{percentile(ordered, 0.99):9.2f} {ordered[-1]:9.2f} {len(ordered):5d}"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=20, help="saves of each kind per size")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.entries, arguments.rounds))
