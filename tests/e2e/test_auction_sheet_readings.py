"""What /auction decode reads that the bot reads elsewhere or a member pastes around a sheet:
a model code with its emissions prefix and an era date (as /eligibility reads them), every
glossary word, the months left on the inspection, and text dressed in Discord's markdown."""

from __future__ import annotations

import pytest

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


async def test_every_word_the_glossary_explains_is_shown_or_named(
    keitora: RunningBot, loopback: Loopback
) -> None:
    sent = await _decoded(loopback, "4 B 事故歴あり 車検残 5か月 4WD切替 PTOダンプ")

    words = _field(sent, "From this server's glossary")
    assert "more" not in words
    for token in ("**事故歴あり**", "**車検残 5か月**", "**4WD切替**", "**PTOダンプ**"):
        assert token in words
    assert len(words) <= 1024
    assert words.splitlines()[-1] == "`/glossary lookup` gives each in full."
    assert "+ 5か月 (5 months)" in words


async def test_words_past_the_fields_room_are_named_to_look_up(
    keitora: RunningBot, loopback: Loopback
) -> None:
    tokens = "事故歴あり 車検残 4WD切替 PTOダンプ 修復歴なし 下回りサビ 電動ダンプ 多目的ダンプ"
    sent = await _decoded(loopback, f"4 B {tokens} 農用スペシャル エアコン パワステ {tokens}")

    words = _field(sent, "From this server's glossary")
    last = words.splitlines()[-1]
    assert last.startswith("…and ")
    assert last.endswith(": `/glossary lookup` explains each.")
    shown = [line.split("**")[1] for line in words.splitlines()[:-1]]
    named = last.removeprefix("…and ").split(":")[0].split(", ")
    assert sorted(shown + named) == sorted(
        [*tokens.split(), "農用スペシャル", "エアコン", "パワステ"]
    )


async def test_months_after_shaken_remaining_are_read_with_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    for sheet in ("4 B 車検残 5か月", "4 B 車検残5ヶ月"):
        sent = await _decoded(loopback, sheet)

        assert not any(name.startswith("Not recognized") for name in _names(sent))
        line = _field(sent, "From this server's glossary")
        assert line.endswith(" + 5" + sheet.split("5")[1] + " (5 months)")


async def test_accident_and_repair_history_get_what_to_do(
    keitora: RunningBot, loopback: Loopback
) -> None:
    accident = (await _decoded(loopback, "4 B 事故歴あり"))["description"]
    assert "• Accident history declared (事故歴あり):" in accident
    none = (await _decoded(loopback, "4 B 事故歴なし"))["description"]
    assert "• No accident history declared (事故歴なし):" in none
    assert "• No structural repair, rust or heavy damage in what you pasted." in none
    repaired = (await _decoded(loopback, "4 B 修復歴あり"))["description"]
    assert "• Repair history declared (修復歴あり):" in repaired
    assert "No structural repair" not in repaired


async def test_text_in_a_spoiler_is_read_and_markdown_is_no_code(
    keitora: RunningBot, loopback: Loopback
) -> None:
    sent = await _decoded(loopback, "🚚🚚 @everyone <@&1>")
    assert sent["title"] == "Nothing recognized on this sheet"
    assert "damage" not in str(sent)

    bold = await _decoded(loopback, "**4.5** B ~~A1~~ __U2__")
    assert bold["description"].startswith("Grade 4.5, interior B. 2 damage marks")

    # A spoiler hides its text from other readers; the heavy rust in it is still the truck's.
    hidden = await _decoded(loopback, "4 B ||S2|| A1")
    assert hidden["description"].startswith("Grade 4, interior B. 2 damage marks")
    assert "S2" in hidden["description"]
    assert "No structural repair, rust or heavy damage" not in hidden["description"]


@pytest.mark.parametrize("sheet", ["4 B 84,000km*", "4 B 84,000 km*"])
async def test_a_mileage_is_echoed_as_typed(
    keitora: RunningBot, loopback: Loopback, sheet: str
) -> None:
    sent = await _decoded(loopback, sheet)

    mileage = _field(sent, "Mileage").splitlines()
    assert mileage[0] == "84,000 km"
    assert mileage[1].startswith("**84,000km\\*** ")
    assert "Mileage flagged (84,000km\\*)" in sent["description"]
