"""An announcement's draft as its form is checked: every problem of a draft is told at once,
not one per round."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.importers.values import AnnouncementDraft, check_draft

LINK, IMAGE = "https://kei.example/hijet", "https://kei.example/hijet.jpg"


def test_every_problem_of_a_draft_is_told_at_once() -> None:
    draft = AnnouncementDraft("!!!", "x" * 4001, "kei.example/hijet", LINK)
    with pytest.raises(UserError) as refused:
        check_draft(draft)
    assert refused.value.message.splitlines() == [
        "The announcement has 4 problems:",
        "• The title needs some words, not only symbols.",
        "• The text is 4,001 characters; the limit is 4,000.",
        "• The link must be an https:// link, such as https://kei.example/trucks.",
        "• The image URL must end in .png, .jpg, .jpeg, .gif or .webp.",
    ]


def test_one_problem_is_told_as_it_is() -> None:
    with pytest.raises(UserError) as refused:
        check_draft(AnnouncementDraft("Hijet arrived", "", LINK, "https://kei.example/a.txt"))
    assert refused.value.message == "The image URL must end in .png, .jpg, .jpeg, .gif or .webp."


def test_a_good_draft_is_kept_as_typed() -> None:
    checked = check_draft(AnnouncementDraft("  Hijet   arrived ", " 4WD dump ", LINK, IMAGE))
    assert checked == AnnouncementDraft("Hijet arrived", "4WD dump", LINK, IMAGE)
