"""The drive a member writes beside their truck (4WD, 4x4, AWD, 2WD, 4駆) read into the spec's
Drive, as the year, make, model and code are."""

from __future__ import annotations

import pytest

from bot.builds import DRIVES
from bot.trucks import parse_truck


@pytest.mark.parametrize(
    ("typed", "drive"),
    [
        ("1994 Suzuki Carry DA51T 4WD", "4WD"),
        ("1994 Suzuki Carry DA51T 4wd", "4WD"),
        ("Hijet S83P 4x4", "4WD"),
        ("Hijet S83P 4X4", "4WD"),
        ("Hijet S83P 4×4", "4WD"),
        ("Sambar AWD '96", "4WD"),
        ("Acty HA3, 2WD", "2WD"),
        ("Acty HA3 (2wd)", "2WD"),
        ("Carry 4x2", "2WD"),
        ("Carry 4-wd", "4WD"),
        ("91 carry four wheel drive", "4WD"),
        ("Carry 4 wheel drive", "4WD"),
        ("Hijet two-wheel drive", "2WD"),
        # As written in Japan: full-width letters, and 4駆 / 2駆 for the drive, spaced or not.
        ("キャリイ ４ＷＤ", "4WD"),
        ("キャリイ4WD", "4WD"),
        ("ハイゼット 4駆", "4WD"),
        ("ハイゼット四駆", "4WD"),
        ("アクティ 2駆", "2WD"),
        # Nothing said, or both said: the spec's Drive is left for the member to set.
        ("1994 Suzuki Carry DA51T", None),
        ("Carry 2WD converted to 4WD", None),
        # Not a drive: digits and letters of something else.
        ("Carry 14WDX", None),
        ("Hijet S83P 24x4", None),
    ],
)
def test_the_drive_typed_with_the_truck_is_read(typed: str, drive: str | None) -> None:
    truck = parse_truck(typed, 2026)
    assert truck.drive == drive
    assert drive is None or drive in DRIVES


def test_the_drive_leaves_the_rest_of_the_reading_as_it_was() -> None:
    truck = parse_truck("1994 Suzuki Carry DA51T 4WD", 2026)

    assert (truck.year, truck.make, truck.model, truck.model_code) == (
        1994,
        "Suzuki",
        "Carry",
        "DA51T",
    )
