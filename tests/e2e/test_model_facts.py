"""The model facts of data/models.toml and the auction-sheet marks as members meet them through
the loopback: a Toyota Pixis code in /eligibility, an arrival of a code whose years are
unconfirmed, and the automatic and mileage marks /auction decode explains."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from datetime import UTC, datetime

from sandbox import Loopback

from .conftest import RunningBot
from .test_importers import (
    arrive,
    loopback,  # noqa: F401 (the fixture)
    server_ready,
    settle,
)


async def test_eligibility_knows_the_pixis_truck_codes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    keitora.clock.set(datetime(2026, 11, 25, 18, 0, tzinfo=UTC))
    choices = await loopback.autocomplete("eligibility", "model", "s500")
    assert [choice["value"] for choice in choices] == ["S500P", "S500J", "S500U"]

    reply = await loopback.slash("eligibility", manufactured="2015-06", model="S500U")
    sent = reply.record.callback_body["data"]["embeds"][0]
    assert sent["title"] == "US 25-year import date: built June 2015 (S500U)"
    model = next(field["value"] for field in sent["fields"] if field["name"] == "Model")
    assert model.startswith("**S500U** — Toyota Pixis (2014–present), 2WD/4WD\n")


async def test_an_arrival_of_an_unconfirmed_code_is_taken_outside_its_guessed_years(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # The S200P's 1999-2007 rest on no page: a 2008 S200P may be right, so it is not refused,
    # and the choices offered give those years as a guess.
    await server_ready(loopback, trusted=True)
    guessed = "S200P — Daihatsu Hijet (1999–2007?, unconfirmed)"
    offered = await loopback.autocomplete(
        "importer arrival",
        "model_code",
        "s200",
        actor=loopback.member("Yoshi"),
        make="Daihatsu",
        model="Hijet",
        year=2008,
    )
    assert offered[0] == {"name": guessed, "value": "S200P"}
    asked = await loopback.autocomplete("eligibility", "model", "s200")
    assert asked[0] == {"name": guessed, "value": "S200P"}
    reply = await arrive(loopback, 2008, model_code="S200P")
    assert "on its way" in reply, reply
    [card] = await settle(loopback, "announcements", 1, "the arrival card")
    assert card.embeds[0]["title"] == "2008 Daihatsu Hijet S200P 4WD"

    refused = await arrive(loopback, 1995, make="Suzuki", model="Carry", model_code="DA63T")
    assert "The Suzuki Carry DA63T was built 2002–2013, not in 1995" in refused, refused


async def test_auction_marks_read_as_japanese_sheets_use_them(
    keitora: RunningBot, loopback: Loopback
) -> None:
    reply = await loopback.slash("auction decode", sheet="4 B AT 45000km*")
    fields = {
        f["name"]: f["value"] for f in reply.record.callback_body["data"]["embeds"][0]["fields"]
    }
    assert fields["Equipment"].startswith("**AT** Automatic")
    assert "others as FAT or FA/T; CAT or CA marks a column shift" in fields["Equipment"]
    assert "Records show the odometer was tampered with (メーター改ざん車)" in fields["Mileage"]

    replaced = await loopback.slash("auction decode", sheet="4 B $45000km")
    fields = {
        f["name"]: f["value"] for f in replaced.record.callback_body["data"]["embeds"][0]["fields"]
    }
    assert fields["Mileage"].startswith("45,000 km\n")
    assert "The meter was replaced: the reading adds the old meter's distance" in fields["Mileage"]
