"""The truck line follows the spec: the words a spec change contradicts are rewritten, the rest
kept as typed; a chassis code another truck's is refused."""

from __future__ import annotations

import pytest

from bot.builds.truck_line import require_code_agrees, truck_following
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
