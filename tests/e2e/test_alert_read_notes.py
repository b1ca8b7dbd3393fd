"""What a reply to /alerts add says of a reading a member may not have meant, through the
loopback: a bare `$` amount read as a price up to it, a word or bound another says already left
out, small words left out or kept as the phrase they make. Asserted on what the bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

import pytest

from sandbox import Loopback

from .conftest import RunningBot
from .test_held_forms import sent
from .test_importers import loopback, server_ready  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("keywords", "read_as", "note"),
    [
        (
            "hijet $5k",
            "hijet · price ≤ $5,000",
            " $5k is read as a price up to $5k: for one of at least $5k, say over $5k; to watch "
            'for the words, put them in quotes, as "$5k".',
        ),
        (
            "hijet 4x4 4wd",
            "hijet, 4x4",
            " “4wd” is left out: it means what “4x4” does.",
        ),
        (
            "hijet price<=5k price<=4k",
            "hijet · price ≤ $4,000",
            " price ≤ $5,000 is left out: price ≤ $4,000 says more.",
        ),
        (
            "hijet in texas",
            "hijet, texas",
            " “in” is left out, as a small word an item need not hold: to keep it, put the "
            "words in quotes, as a phrase.",
        ),
        (
            "hijet on the way",
            'hijet, "on the way"',
            " “on the way” is read as one phrase, as an item writes it: “way” alone says "
            "nothing of a truck, and many items hold it in another sense.",
        ),
        (
            "hijet for the farm",
            "hijet, farm",
            " “for” and “the” are left out, as small words an item need not hold: to keep them, "
            "put the words in quotes, as a phrase.",
        ),
        (
            "hijet out of the way",
            'hijet, "of the way"',
            " “out” is left out of “out of the way”: a phrase is at most 3 words, and an item "
            "holding it holds “of the way”.",
        ),
    ],
)
async def test_the_reply_says_how_it_read_what_may_not_have_been_meant(
    keitora: RunningBot, loopback: Loopback, keywords: str, read_as: str, note: str
) -> None:
    await server_ready(loopback, trusted=True)
    saved = sent(
        await loopback.slash("alerts add", keywords=keywords, actor=loopback.member("Mika"))
    )
    assert saved["flags"] & 64, saved
    assert f"read as: {read_as} (" in saved["content"], saved["content"]
    assert saved["content"].endswith(note), saved["content"]
