"""What a reply to /alerts add says of a reading a member may not have meant, through the
loopback: a bare `$` amount read as a price up to it. Asserted on what the bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_held_forms import sent
from .test_importers import loopback, server_ready  # noqa: F401 (the fixture)


async def test_a_bare_dollar_amount_is_said_to_be_read_as_a_price_up_to_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika = loopback.member("Mika")
    saved = sent(await loopback.slash("alerts add", keywords="hijet $5k", actor=mika))
    assert saved["flags"] & 64, saved
    assert "read as: hijet · price ≤ $5,000 (" in saved["content"], saved["content"]
    assert saved["content"].endswith(
        " $5k is read as a price up to $5k: for one of at least $5k, say over $5k; to watch "
        'for the words, put them in quotes, as "$5k".'
    ), saved["content"]
