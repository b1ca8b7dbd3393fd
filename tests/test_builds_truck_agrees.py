"""A truck line names one truck: its chassis code agrees with the make and model its words
name, and a new line clears the spec's model or code it contradicts."""

from __future__ import annotations

import pytest

from bot.builds.truck_line import renamed_spec, require_line_agrees
from bot.builds.values import Spec
from bot.errors import UserError
from bot.trucks import parse_truck, read_by_code_alone

YEAR = 2026


@pytest.mark.parametrize(
    "line",
    ["1994 Suzuki Carry DA51T", "DA51T", "Carry Jumbo DA51T", "1994 Suzuki DA51T", "my DA51T"],
)
def test_a_code_of_the_truck_named_or_of_none_named_is_taken(line: str) -> None:
    require_line_agrees(parse_truck(line, YEAR))


@pytest.mark.parametrize(
    ("line", "named"),
    [("1994 Toyota Corolla DA51T", "Toyota"), ("Daihatsu Hijet DA51T", "Daihatsu Hijet")],
)
def test_a_code_of_another_truck_is_refused(line: str, named: str) -> None:
    with pytest.raises(UserError, match=f"DA51T is a Suzuki Carry's, not a {named}'s"):
        require_line_agrees(parse_truck(line, YEAR))


CARRY = Spec(make="Suzuki", model="Carry", model_code="DA51T", year=1994, lift="2 in")


@pytest.mark.parametrize(
    ("line", "after"),
    [
        ("1999 Carry", Spec("Suzuki", "Carry", "DA51T", 1999, lift="2 in")),
        ("1999", Spec("Suzuki", "Carry", "DA51T", 1999, lift="2 in")),
        ("Suzuki Carry 4x4", Spec("Suzuki", "Carry", "DA51T", 1994, "4WD", lift="2 in")),
        ("1999 Daihatsu Hijet", Spec("Daihatsu", "Hijet", None, 1999, lift="2 in")),
        ("Honda", Spec("Honda", None, None, 1994, lift="2 in")),
        ("Hijet S83P", Spec("Daihatsu", "Hijet", "S83P", 1994, lift="2 in")),
    ],
)
def test_a_new_line_keeps_what_it_does_not_contradict(line: str, after: Spec) -> None:
    assert renamed_spec(CARRY, parse_truck(line, YEAR)) == after


@pytest.mark.parametrize(
    ("line", "unread"),
    [
        ("1994 Corolla DA51T", ("Corolla",)),
        ("Ford Ranger, 4x4 DA51T '94", ("Ford", "Ranger")),
        ("my DA51T 平成6年", ("my",)),
    ],
)
def test_a_line_read_by_its_code_alone_names_the_words_that_name_no_known_truck(
    line: str, unread: tuple[str, ...]
) -> None:
    read = read_by_code_alone(line)
    assert read is not None
    assert (read.code, read.make, read.model, read.unread) == ("DA51T", "Suzuki", "Carry", unread)


@pytest.mark.parametrize(
    "line", ["DA51T", "1994 Suzuki DA51T", "Carry Jumbo DA51T", "1994 Corolla", "4WD DA51T 1994"]
)
def test_a_line_whose_words_name_the_truck_or_nothing_else_is_not_read_by_code_alone(
    line: str,
) -> None:
    assert read_by_code_alone(line) is None
