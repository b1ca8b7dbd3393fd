"""An importer's name, an arrival's fields and an announcement's title holding a mention are
refused through the loopback, ephemerally, and nothing is registered or posted; an arrival
whose make is not its model's is refused too. Asserted on what the bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_importers import loopback, posts_to, server_ready  # noqa: F401


async def test_a_mention_in_a_name_or_an_arrival_is_refused_and_nothing_changes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    refused = await loopback.slash(
        "importer-mod register",
        name="@everyone Imports",
        member=loopback.member("Rosa"),
        actor=loopback.member("Marcus"),
    )
    assert refused.ephemeral
    assert refused.text.startswith("The importer's name may not hold mentions"), refused.text

    yoshi = loopback.member("Yoshi")
    arrival = await loopback.slash(
        "importer arrival",
        make="Daihatsu",
        model="Hijet <@&5>",
        year=1999,
        notes="@here call now",
        actor=yoshi,
    )
    assert arrival.ephemeral
    assert "The model may not hold mentions" in arrival.text, arrival.text
    assert "The notes may not hold mentions" in arrival.text, arrival.text
    wrong = await loopback.slash(
        "importer arrival", make="Suzuki", model="Hijet", year=1997, actor=yoshi
    )
    assert "“Hijet” is a Daihatsu Hijet, not a “Suzuki”" in wrong.text, wrong.text

    assert posts_to(loopback, "announcements") == []
    assert await keitora.store.fetchval("SELECT count(*) FROM importers") == 1
