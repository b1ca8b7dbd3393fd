"""Ranges and months as members say them, through the loopback: `hijet 3-5k` is saved as
$3,000 to $5,000 and `grade 4 to 5` as the range of grades; `grade 4 or 5` is pointed to
`grade:4` and `grade:5`; `grade S` and `december 1995` are refused quoting what was typed, and
nothing is kept; `1995 until 2000` is a range and `thru 2000` a bound, `from 2000` and `2000 thru`
are refused with what to say, and an OR's advice keeps the other words. Asserted on the replies
the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_alert_ranges import alert_reply


async def test_ranges_and_months_are_read_as_said(keitora: RunningBot, loopback: Loopback) -> None:
    mika = loopback.member("Mika")

    async def reply(keywords: str) -> str:
        body = await alert_reply(loopback, keywords, mika)
        return str(body["content"])

    assert "read as: hijet · price $3,000–$5,000" in await reply("hijet 3-5k")
    assert "read as: hijet · grade 4–5" in await reply("hijet grade 4 to 5")
    assert await keitora.store.fetchval("SELECT count(*) FROM alerts") == 2
    either = await reply("carry grade 4 or 5")
    assert "one for “carry grade:4” and one for “carry grade:5”" in either, either
    letter = await reply("carry grade S")
    assert letter.startswith("“grade S”: a grade condition takes a number"), letter
    month = await reply("carry december 1995")
    assert month == (
        "“december 1995” is a month: alerts match a model year, not its month, so give the "
        "year alone, as 1995."
    ), month
    assert await keitora.store.fetchval("SELECT count(*) FROM alerts") == 2
    assert await reply("acty from 2000") == (
        "“from 2000” could be the model year 2000 or 2000 and newer: say year:2000 for the one "
        "model year, or 2000+ for it and newer."
    )
    assert await reply("hijet 2000 thru") == (
        "“2000 thru” has no end: say 2000+ for 2000 or newer, or give both ends, as 2000-2004."
    )
    either = await reply("hijet or carry under 5k")
    assert "one for “hijet under 5k” and one for “carry under 5k”" in either, either
    assert await keitora.store.fetchval("SELECT count(*) FROM alerts") == 2
    assert "read as: hijet · year 1995–2000" in await reply("hijet 1995 until 2000")
    assert "read as: carry · year ≤ 2000" in await reply("carry thru 2000")
