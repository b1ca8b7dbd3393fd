"""The model facts of data/models.toml as members meet them through the loopback: a Toyota
Pixis code in /eligibility."""

from __future__ import annotations

from datetime import UTC, datetime

from sandbox import Loopback

from .conftest import RunningBot


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
