"""What /auction decode reads that the bot reads elsewhere or a member pastes around a sheet:
a model code with its emissions prefix and an era date (as /eligibility reads them), every
glossary word, the months left on the inspection, and text dressed in Discord's markdown."""

from __future__ import annotations

from sandbox import Loopback
from sandbox.state import Json

from .conftest import RunningBot


async def _decoded(loopback: Loopback, sheet: str) -> Json:
    """The embed the bot sent for `sheet`."""
    reply = await loopback.slash("auction decode", sheet=sheet)
    return reply.record.callback_body["data"]["embeds"][0]


def _field(embed: Json, name: str) -> str:
    return next(field["value"] for field in embed["fields"] if field["name"] == name)


def _names(embed: Json) -> list[str]:
    return [field["name"] for field in embed.get("fields", [])]


async def test_a_model_code_with_its_emissions_prefix_and_an_era_date_are_read(
    keitora: RunningBot, loopback: Loopback
) -> None:
    sent = await _decoded(loopback, "4.5 B A1 U2 S1 XX W1 GD-DA52T H13.5")

    assert not any(name.startswith("Not recognized") for name in _names(sent))
    truck = _field(sent, "Truck and date").splitlines()
    assert truck[0] == (
        "**GD-DA52T** Suzuki Carry chassis code DA52T (GD- is the emissions prefix), "
        "built 1999–2002, 2WD/4WD."
    )
    assert truck[1] == "**H13.5** May 2001. Heisei 13 (平成13年) is 2001: Heisei 1 was 1989."
    assert truck[2] == (
        "A sheet's date is usually 年式 (nenshiki), normally the first registration, which can "
        "be later than the build: `/eligibility manufactured:H13.5 model:DA52T` gives the "
        "latest date the US 25-year rule can apply from; the manufacture date (製造年月) on the "
        "papers gives the exact one."
    )
