"""What /alerts add tells a member of three readings, through the loopback:
a word beside its own phrase (`-"dump bed" -dump`) is kept and not called said already; a
number a measure follows (`1500 hours`) is no price; and an amount with `ish` is asked about
as one with a tilde is, not refused as if no digits were given. Asserted on what the bot
sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_alert_ranges import alert_reply
from .test_held_forms import sent
from .test_importers import loopback, server_ready  # noqa: F401 (the fixture)


async def test_alerts_add_keeps_a_phrases_word_reads_measures_and_asks_rough_amounts(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika = loopback.member("Mika")
    both = await alert_reply(loopback, 'hijet -"dump bed" -dump', mika)
    assert 'read as: hijet · not "dump bed" · not dump' in both["content"], both["content"]
    assert "left out" not in both["content"], both["content"]
    hours = sent(await loopback.slash("alerts add", keywords="kubota 1500 hours", actor=mika))
    assert "read as: kubota, 1500, hours" in hours["content"], hours["content"]
    assert "price" not in hours["content"], hours["content"]
    rough = await alert_reply(loopback, "hijet $5000ish", mika)
    assert rough["content"] == (
        "“$5000ish” gives no bound: say under $5000 or over $5000, or give both ends of a range."
    ), rough["content"]
    listed = sent(await loopback.slash("alerts list", actor=mika))
    assert "$5000ish" not in listed["content"], listed["content"]
