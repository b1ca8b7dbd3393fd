"""A rough year and where the member is, through the loopback: `hijet about 1995` and `hijet
near me` are no longer waiting for the words "about" and "me", so a 1995 Hijet's arrival in
Colorado DMs both, as it does `hijet state:CO near`; `hijet ~5k` is refused as `hijet about 5k`
is, and nothing is kept. Asserted on what the bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_alert_ranges import alert_reply, dms_sent
from .test_held_forms import sent
from .test_importers import (
    arrive,
    loopback,  # noqa: F401 (the fixture)
    server_ready,
)
from .test_reminders import settled


async def test_a_rough_year_and_near_me_meet_a_truck_of_that_year_there(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika, rosa, hank = (loopback.member(name) for name in ("Mika", "Rosa", "Hank"))
    rough = await alert_reply(loopback, "hijet about 1995", mika)
    assert "matches “hijet about 1995”, read as: hijet · year = 1995 (" in rough["content"], rough
    assert "“about” is left out, as a small word an item need not hold" in rough["content"]
    near = sent(await loopback.slash("alerts add", keywords="hijet near me", actor=rosa))
    assert "matches “hijet near me”, read as: hijet (" in near["content"], near
    assert "“near me” is left out" in near["content"], near
    state = sent(await loopback.slash("alerts add", keywords="hijet state:CO near", actor=hank))
    assert "read as: hijet · state = CO (" in state["content"], state

    assert "on its way" in await arrive(loopback, 1995, price="5500", state="CO")
    await loopback.wait_until(
        lambda: all(loopback.dms(member) for member in (mika, rosa, hank)),
        within=10,
        what="three DMs",
    )
    await settled(keitora, "alert.dm")
    for member, typed in ((mika, "hijet about 1995"), (rosa, "hijet near me")):
        [dm] = dms_sent(loopback, member)
        assert dm["content"] == f"Your alert `{typed}` matched this from **Kei Imports**:", dm


async def test_a_tilde_before_an_amount_is_refused_as_about_is(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    dale = loopback.member("Dale")
    # A tilde is sent escaped, so Discord shows it rather than striking text through.
    for typed, said in (("hijet about 5k", "about 5k"), ("hijet ~5k", "\\~5k")):
        refused = await alert_reply(loopback, typed, dale)
        assert refused["content"] == (
            f"“{said}” gives no bound: say under 5k or over 5k, or give both ends of a range."
        ), refused
    listed = sent(await loopback.slash("alerts list", actor=dale))
    assert "You have no alerts" in listed["content"], listed
