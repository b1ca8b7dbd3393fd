"""What an importer's name, an announcement's title and an arrival's fields may hold: no
mention (it would read as a ping on every card and alert DM, or draw a role's pill), as glossary
terms, alerts and builds refuse them; and an arrival's make and model name agree with each
other, as a model code is held to them."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.importers.arrivals import ArrivalDraft, check_arrival
from bot.importers.profile_fields import checked_name
from bot.importers.values import AnnouncementDraft, check_draft

MENTIONS = ("@everyone Imports", "Kei @here", "Kei <@&5> Imports", "Kei <@123> Imports")


@pytest.mark.parametrize("name", MENTIONS)
def test_an_importer_name_may_not_hold_a_mention(name: str) -> None:
    with pytest.raises(UserError) as refused:
        checked_name(name)
    assert str(refused.value) == (
        "The importer's name may not hold mentions (everyone, here, a member, a role), "
        "channels, or links to commands or to the server's pages."
    )


@pytest.mark.parametrize("title", MENTIONS)
def test_an_announcement_title_may_not_hold_a_mention(title: str) -> None:
    with pytest.raises(UserError, match="The title may not hold mentions"):
        check_draft(AnnouncementDraft(title, "Clean.", "https://kei.example/a"))


def test_an_arrivals_make_model_and_notes_may_not_hold_a_mention_each_told() -> None:
    draft = ArrivalDraft("Daihatsu @everyone", "Hijet <@&5>", 1999, notes="@here call now")
    with pytest.raises(UserError) as refused:
        check_arrival(draft, 2026)
    message = str(refused.value)
    assert message.startswith("The arrival has 3 problems:"), message
    for label in ("The make", "The model", "The notes"):
        assert f"{label} may not hold mentions" in message, message


def test_a_name_mentioning_nobody_passes() -> None:
    assert checked_name("Kei @ Home Imports") == "Kei @ Home Imports"
    checked = check_arrival(
        ArrivalDraft("Daihatsu", "Hijet", 1999, notes="email me@kei.example"), 2026
    )
    assert checked.notes == "email me@kei.example"


@pytest.mark.parametrize(
    ("make", "model", "line"),
    [
        ("Suzuki", "Hijet", "Daihatsu Hijet"),
        ("Honda", "Carry", "Suzuki Carry"),
        ("Daihatsu", "ハイゼット", ""),
    ],
)
def test_an_arrivals_make_is_held_to_its_model_name_without_a_code(
    make: str, model: str, line: str
) -> None:
    if not line:  # a Japanese name of the make's own model
        check_arrival(ArrivalDraft(make, model, 1999), 2026)
        return
    with pytest.raises(UserError) as refused:
        check_arrival(ArrivalDraft(make, model, 1999), 2026)
    assert (
        str(refused.value) == f"“{model}” is a {line}, not a “{make}”; check the make or the model."
    )


def test_a_make_or_model_the_data_does_not_know_is_not_held_to_the_other() -> None:
    check_arrival(ArrivalDraft("Daihatsu", "Hijet Jumbo", 1999), 2026)
    check_arrival(ArrivalDraft("Daihatsu", "Atrai", 1999), 2026)
    check_arrival(ArrivalDraft("Kei Works", "Hijet", 1999), 2026)
