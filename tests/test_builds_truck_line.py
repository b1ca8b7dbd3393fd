"""The truck line follows the spec: the words a spec change contradicts are rewritten, the rest
kept as typed; a chassis code another truck's is refused."""

from __future__ import annotations

import pytest

from bot.builds.truck_line import (
    naming_code,
    require_code_agrees,
    spec_after,
    truck_following,
    with_code_truck,
)
from bot.builds.values import Spec
from bot.errors import UserError

YEAR = 2026


@pytest.mark.parametrize(
    ("truck", "spec", "line"),
    [
        ("1994 Suzuki Carry DA51T", Spec(year=1993), "1993 Suzuki Carry DA51T"),
        ("Hijet S83P '91 Jumbo", Spec(year=1992), "Hijet S83P 1992 Jumbo"),
        ("Suzuki Carry, 4x4", Spec(make="Daihatsu", model="Hijet"), "Daihatsu Hijet, 4x4"),
        ("Suzuki Carry 4x4", Spec(make="Suzuki", model="Carry", drive="2WD"), "Suzuki Carry 2WD"),
        ("Suzuki Carry Jumbo", Spec(model="Carry Jumbo", year=1999), "Suzuki Carry Jumbo"),
        ("my red truck", Spec(make="Honda", model="Acty"), "my red truck"),
        # A model of the old make the data does not know goes with it: the line is written anew.
        (
            "1994 Toyota Corolla",
            Spec(year=1994, make="Suzuki", model="Carry", model_code="DA51T"),
            "1994 Suzuki Carry DA51T",
        ),
        # The model in kana is the model the line names: nothing to rewrite.
        ("1994 Suzuki Carry DA51T", Spec(model="キャリイ"), "1994 Suzuki Carry DA51T"),
    ],
)
def test_the_line_says_what_the_spec_says(truck: str, spec: Spec, line: str) -> None:
    assert truck_following(truck, spec, YEAR) == line


def test_a_word_not_found_writes_the_line_from_the_spec() -> None:
    spec = Spec(year=1994, make="Suzuki", model="Carry", drive="2WD")
    assert truck_following("1994 スズキ キャリイ 4駆", spec, YEAR) == "1994 Suzuki Carry 2WD"


def test_a_code_of_another_truck_is_refused() -> None:
    with pytest.raises(UserError, match="DA51T is a Suzuki Carry's, so build #1 cannot be a "):
        require_code_agrees(1, Spec(make="Toyota", model="Corolla", model_code="DA51T"))
    require_code_agrees(1, Spec(make="Suzuki", model="Carry Jumbo", model_code="DA51T"))
    require_code_agrees(1, Spec(make="Toyota", model="Corolla", model_code="AE86"))


@pytest.mark.parametrize("model", ["キャリイ", "キャリー", "carry"])
def test_a_model_written_in_kana_or_lower_case_is_the_model_its_code_is(model: str) -> None:
    require_code_agrees(1, Spec(make="Suzuki", model=model, model_code="DA51T"))


@pytest.mark.parametrize(
    ("truck", "spec", "changes", "after"),
    [
        # Alone, a code of the truck the build is fills in only what its spec lacks.
        ("1994 Suzuki", Spec(make="Suzuki"), {"model_code": "DA51T"}, ("Suzuki", "Carry")),
        ("Carry", Spec(model="キャリイ"), {"model_code": "DA51T"}, ("Suzuki", "キャリイ")),
        ("1994 Corolla", Spec(year=1994), {"model_code": "DA51T"}, ("Suzuki", "Carry")),
        # Beside a make or model given, it brings the other.
        (
            "1994 Toyota Corolla",
            Spec(make="Toyota"),
            {"make": "Suzuki", "model_code": "DA51T"},
            ("Suzuki", "Carry"),
        ),
        # A code the data does not know brings nothing, nor changes what is known.
        (
            "1994 Suzuki Carry",
            Spec(make="Suzuki", model="Carry"),
            {"model_code": "XY1"},
            ("Suzuki", "Carry"),
        ),
    ],
)
def test_a_known_code_brings_the_make_and_model_the_build_lacks(
    truck: str, spec: Spec, changes: dict[str, object], after: tuple[str | None, str | None]
) -> None:
    filled = spec_after(spec, with_code_truck(1, truck, spec, changes, YEAR))
    assert (filled.make, filled.model, filled.model_code) == (*after, changes["model_code"])


@pytest.mark.parametrize(
    ("truck", "spec"),
    [
        ("1994 Toyota Corolla", Spec(make="Toyota")),
        ("my truck", Spec(make="Daihatsu", model="Hijet")),  # the spec says, the line not
        ("1999 Daihatsu Hijet S110P", Spec()),  # the line says, the spec not
    ],
)
def test_a_code_alone_of_another_truck_than_the_builds_is_refused(truck: str, spec: Spec) -> None:
    with pytest.raises(UserError, match="DA51T is a Suzuki Carry's, not a "):
        with_code_truck(1, truck, spec, {"model_code": "DA51T"}, YEAR)


@pytest.mark.parametrize(
    ("truck", "code", "line"),
    [
        ("1994 Suzuki Carry", "DA51T", "1994 Suzuki Carry DA51T"),
        ("1994 Suzuki Carry DA51T", "DA51T", "1994 Suzuki Carry DA51T"),
        ("1994 Suzuki Carry", "XY1", "1994 Suzuki Carry"),  # unknown: it may be in the line
        ("x" * 96, "DA51T", "x" * 96),  # no room
    ],
)
def test_a_known_code_given_is_named_by_the_line(truck: str, code: str, line: str) -> None:
    assert naming_code(truck, code, YEAR) == line
