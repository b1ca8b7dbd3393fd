"""Alerts as members type them, through the loopback: `Hijet '95-'99 under 5k` is saved as a
model-year range and a price, the reply says how it was read (`12-16` read as model years
said in words), and the list, the DM and a removal
show it as typed; an accented word finds the plain one. Asserted on what the bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_alert_ranges import alert_reply, dms_sent
from .test_held_forms import sent
from .test_importers import (
    announce,
    arrive,
    loopback,  # noqa: F401 (the fixture)
    server_ready,
)
from .test_reminders import settled


async def test_an_alert_is_read_as_meant_said_back_and_listed_as_typed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika = loopback.member("Mika")
    typed = "Hijet '95-'99 under 5k"
    saved = await alert_reply(loopback, typed, mika)
    assert saved["content"].startswith(
        "Saved. I will DM you when an arrival card (only those give a price, grade, state…) "
        f"matches “{typed}”, read as: hijet · year 1995–1999 · price ≤ $5,000 ("
    ), saved["content"]
    year = sent(await loopback.slash("alerts add", keywords="carry 1996", actor=mika))
    assert "matches “carry 1996”, read as: carry · year = 1996 (" in year["content"], year
    assert year["content"].endswith(
        "shows them). 1996 is read as a model year: to watch for the number itself, put it in "
        'quotes, as "1996".'
    ), year["content"]
    assert "a model year" not in saved["content"], saved  # '95-'99 says a year already
    assert "model years" not in saved["content"], saved
    # Two bare two-digit ends may be other numbers: read as model years, and said so.
    ranged = sent(await loopback.slash("alerts add", keywords="kei truck 12-16", actor=mika))
    assert "read as: kei, truck · year 2012–2016 (" in ranged["content"], ranged
    assert ranged["content"].endswith(
        "shows them). 12-16 is read as model years 2012–2016: to watch for the numbers "
        'themselves, put them in quotes, as "12-16".'
    ), ranged["content"]

    listed = sent(await loopback.slash("alerts list", actor=mika))
    assert listed["content"].splitlines()[1:] == [
        f"• {typed}",
        "• carry 1996",
        "• kei truck 12-16",
    ], listed

    assert "on its way" in await arrive(loopback, 1997, price="4500")
    await loopback.wait_until(lambda: loopback.dms(mika), within=10, what="Mika's DM")
    await settled(keitora, "alert.dm")
    [dm] = dms_sent(loopback, mika)
    assert dm["content"] == f"Your alert `{typed}` matched this from **Kei Imports**:", dm

    removed = sent(await loopback.slash("alerts remove", alert="1", actor=mika))
    assert removed["content"] == f"Removed the alert “{typed}”.", removed


async def test_an_accented_word_finds_the_plain_one(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika = loopback.member("Mika")
    saved = sent(await loopback.slash("alerts add", keywords="hijét dump", actor=mika))
    assert "matches “hijét dump”, read as: hijet, dump (" in saved["content"], saved
    await announce(loopback, "ＨＩＪＥＴ dump arrived", link="https://kei.example/dump")
    await loopback.wait_until(lambda: loopback.dms(mika), within=10, what="Mika's DM")
    await settled(keitora, "alert.dm")
    [dm] = dms_sent(loopback, mika)
    assert dm["content"] == "Your alert `hijét dump` matched this from **Kei Imports**:", dm
