"""The parts ledger reads in one order, through the loopback: its parts by category, in the
order its totals name the categories, and by when they were added within one."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import forum_build


async def test_the_parts_list_in_the_order_of_its_totals(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    for name, cost, category in (
        ("Lift kit", "800", "suspension"),
        ("Tyres", "450", "other"),
        ("Light bar", "90", "lighting"),
        ("Free sticker", "0", "other"),
        ("Shocks", "200", "suspension"),
    ):
        await loopback.slash(
            "build part add", name=name, cost=cost, category=category, where=thread
        )

    [embed] = (await loopback.slash("build part list", build="1")).embeds
    assert embed["description"].split("\n") == [
        "`1` Lift kit — suspension — $800.00",
        "`5` Shocks — suspension — $200.00",
        "`3` Light bar — lighting — $90.00",
        "`2` Tyres — other — $450.00",
        "`4` Free sticker — other — $0.00",
    ]
    assert [f["name"] for f in embed["fields"]] == ["suspension", "lighting", "other", "Total"]
