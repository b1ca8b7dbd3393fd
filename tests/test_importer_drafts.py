"""An announcement's draft as its form is checked: characters that reorder or hide text are
refused in the title, naming the field, and in the text those that reorder it; every problem of
a draft is told at once, not one per round."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.importers.values import AnnouncementDraft, check_draft

LINK, IMAGE = "https://kei.example/hijet", "https://kei.example/hijet.jpg"


@pytest.mark.parametrize(
    ("title", "hidden"),
    [
        ("Hijet \u202egpj.exe", "U+202E (right-to-left override)"),
        ("Hijet \u2066dump\u2069 arrived", "U+2066 (left-to-right isolate)"),
        ("Hijet\u200f arrived", "U+200F (right-to-left mark)"),
        ("Hi\u200bjet arrived", "U+200B (zero width space)"),
        ("Hijet\u2060 arrived", "U+2060 (word joiner)"),
        ("\ufeffHijet arrived", "U+FEFF (zero width no-break space)"),
        ("Hi\u00adjet arrived", "U+00AD (soft hyphen)"),
        ("Hijet\x1b[31m arrived", "U+001B"),
        ("Hijet \U000e0041rrived", "U+E0041 (tag latin capital letter a)"),
        ("Hi\u200djet arrived", "U+200D (zero width joiner)"),
    ],
)
def test_a_title_with_a_hidden_or_reordering_character_is_refused_naming_it(
    title: str, hidden: str
) -> None:
    with pytest.raises(UserError) as refused:
        check_draft(AnnouncementDraft(title, "4WD dump", LINK))
    assert refused.value.message.startswith("The title may not hold "), refused.value.message
    assert hidden in refused.value.message, refused.value.message


@pytest.mark.parametrize(
    "title",
    [
        "Hijet arrived 👨\u200d🔧",  # a mechanic: emoji joined by U+200D
        # Scotland's flag: tag characters after a black flag.
        "Hijet for 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f fans",
        "Hijet ❤\ufe0f arrived",  # a variation selector
        "ハイゼット・ジャンボ入荷",
    ],
)
def test_emoji_sequences_in_a_title_are_kept(title: str) -> None:
    assert check_draft(AnnouncementDraft(title, "", LINK)).title == title


def test_text_that_reorders_what_follows_is_refused_naming_the_text() -> None:
    with pytest.raises(
        UserError, match=r"^The text may not hold U\+202E \(right-to-left override\)"
    ):
        check_draft(AnnouncementDraft("Hijet arrived", "Call \u202e5551234", LINK))


def test_invisible_characters_in_the_text_are_dropped() -> None:
    typed = "\ufeffHi\u200bjet 4WD,\u00a0dump\u2060 bed.\nA/C 👨\u200d🔧 \x00works."
    checked = check_draft(AnnouncementDraft("Hijet arrived", typed, LINK))
    assert checked.body == "Hijet 4WD,\u00a0dump bed.\nA/C 👨\u200d🔧 works."


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


def test_a_text_one_character_over_the_card_is_told_in_the_singular() -> None:
    def shown(text: str) -> int:  # the text one character past the card's 4,096
        return 4_097 if text.startswith("_") else len(text)

    with pytest.raises(UserError) as refused:
        check_draft(AnnouncementDraft("Hijet arrived", "_" * 2_049, LINK), shown=shown)
    assert refused.value.message.endswith("Shorten it by about 1 character."), refused.value.message
