"""Readings the decoder shares with the rest of the bot: a chassis code as /eligibility finds it,
and an era date as /eligibility reads it, where nothing else on a sheet reads the token."""

from __future__ import annotations

import pytest

from bot.auction import decode_sheet
from bot.eligibility import era_date


def test_a_chassis_code_after_its_emissions_prefix_names_the_truck() -> None:
    decode = decode_sheet("4 B EBD-DA63T")

    assert decode.model is not None
    assert (decode.model.model.code, decode.model.prefix) == ("DA63T", "EBD")
    assert decode.unknown == ()


def test_a_chassis_code_alone_has_no_prefix() -> None:
    decode = decode_sheet("4 B HA4")

    assert decode.model is not None
    assert (decode.model.model.code, decode.model.prefix) == ("HA4", "")


@pytest.mark.parametrize(
    ("typed", "read"),
    [("H13.5", "May 2001"), ("平成13年5月", "May 2001"), ("H13", "2001"), ("R2.3", "March 2020")],
)
def test_an_era_date_is_read_as_eligibility_reads_it(typed: str, read: str) -> None:
    decode = decode_sheet(f"4 B {typed}")

    assert decode.date is not None
    assert decode.date.date.text == read
    assert decode.unknown == ()


@pytest.mark.parametrize("typed", ["H2", "R3", "H40.5"])
def test_a_code_shaped_token_or_no_real_era_date_stays_unread(typed: str) -> None:
    # H2 is a letter and a level, as some house's damage code; Heisei had no year 40.
    decode = decode_sheet(f"4 B {typed}")

    assert decode.date is None
    assert decode.unknown == (typed,)


def test_era_date_is_none_for_text_of_no_era() -> None:
    assert era_date("1998") is None
    assert era_date("hello") is None
    assert era_date("H13.5") is not None


@pytest.mark.parametrize(
    ("sheet", "truck", "inspection"),
    [
        ("4 B 車検 R7.3 年式 H13.5", "H13.5", ("車検 R7.3", "March 2025")),
        ("4 B 年式 H13.5 車検満了 令和7年3月", "H13.5", ("車検満了 令和7年3月", "March 2025")),
        ("4 B 車検残 R9.3", None, ("車検残 R9.3", "March 2027")),
        ("4 B 車検証有効期限 R7.3", None, ("車検証有効期限 R7.3", "March 2025")),
        ("4 B 有効期間の満了する日 R7.3", None, ("有効期間の満了する日 R7.3", "March 2025")),
        ("4 B 車検切れ R5.3", None, ("車検切れ R5.3", "March 2023")),
        ("4 B 車検 R7.3 満了 R7.3 H13.5", "H13.5", ("車検 R7.3", "March 2025")),
    ],
)
def test_a_date_after_shaken_is_the_inspections_never_the_trucks(
    sheet: str, truck: str | None, inspection: tuple[str, str]
) -> None:
    # Read as the truck's, an inspection running to 2025 would date a 2001 truck 2025 and send
    # the member to /eligibility with it.
    decode = decode_sheet(sheet)

    assert (decode.date.token if decode.date else None) == truck
    assert decode.inspection is not None
    assert (decode.inspection.token, decode.inspection.date.text) == inspection
    assert decode.unknown == ()


@pytest.mark.parametrize("months", ["5か月", "5ヶ月", "5ヵ月", "5カ月"])
def test_months_spaced_after_shaken_left_are_one_word_with_it(months: str) -> None:
    decode = decode_sheet(f"4 B 車検残 {months}", {"車検残": "Inspection left."}.get)

    assert [word.token for word in decode.words] == [f"車検残 {months}"]
    assert decode.unknown == ()
