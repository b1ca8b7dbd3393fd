"""How the sandbox console picks an autocomplete choice from what a person typed: with a few
requests to the bot however long the text, and by a part of the name the list shows when only
one choice holds it."""

from __future__ import annotations

from sandbox.console import Console
from sandbox.interactions import APPLICATION_COMMAND, AUTOCOMPLETE
from sandbox.state import Json

from .conftest import says


def _interactions(console: Console, kind: int) -> list[Json]:
    return [
        payload
        for event, payload in console.loopback.dispatched
        if event == "INTERACTION_CREATE" and payload["type"] == kind
    ]


def _option_sent(console: Console, option: str) -> str:
    """The value of `option` the console last sent the bot with a command."""
    options = _interactions(console, APPLICATION_COMMAND)[-1]["data"]["options"]
    while options and "options" in options[0]:  # through the subcommand
        options = options[0]["options"]
    return next(option_["value"] for option_ in options if option_["name"] == option)


async def test_a_long_pasted_value_asks_the_bots_autocomplete_a_few_times(
    console: Console,
) -> None:
    await says(console, "/build start title:Acty camper truck:1993 Honda Acty HA4 4WD")
    before = len(_interactions(console, AUTOCOMPLETE))

    await console.run("/build show build:" + "word " * 1_000)

    asked = len(_interactions(console, AUTOCOMPLETE)) - before
    assert asked <= 3


async def test_a_choice_is_picked_by_a_part_of_its_shown_name_only_one_holds(
    console: Console,
) -> None:
    await says(console, "/build start title:Acty camper truck:1993 Honda Acty HA4 4WD")
    await says(console, "as Dale /build start title:Hijet dump truck:1999 Daihatsu Hijet S110P")

    shown = await says(console, "/build show build:Acty camper")

    assert _option_sent(console, "build") == "1"
    assert shown.startswith("build: picked “#1 Acty camper — 1993 Honda Acty HA4 4WD”")
    assert "ACTY CAMPER" in shown.upper()


async def test_a_part_several_shown_names_hold_picks_none_and_lists_them(
    console: Console,
) -> None:
    await says(console, "/build start title:Acty camper truck:1993 Honda Acty HA4 4WD")
    await says(console, "as Dale /build start title:Acty dump truck:1995 Honda Acty HA4")

    shown = await says(console, "/build show build:Acty")

    assert _option_sent(console, "build") == "Acty"  # as typed, as Discord sends text not picked
    listing = shown.split("\n\n")[0].splitlines()
    # Typed text may be what the bot wants (a glossary term): the line says what is sent.
    assert listing[0] == (
        "build: “Acty” is in 2 of the choices listed; none is picked, so the bot gets “Acty” "
        "as typed (name one to pick it):"
    )
    assert [line.strip() for line in listing[1:]] == [
        "#2 Acty dump — 1995 Honda Acty HA4",
        "#1 Acty camper — 1993 Honda Acty HA4 4WD",
    ]


async def test_help_says_a_choice_is_named_by_a_part_only_it_shows(console: Console) -> None:
    assert "a part of\n" in await says(console, "help")
    assert "no other choice shows (build:Acty camper)" in console.last_output


async def test_an_option_is_completed_with_the_options_typed_after_it(console: Console) -> None:
    # As Discord's client does: the update list of the build named, whichever comes first.
    await says(console, "/build start title:Acty camper truck:1993 Honda Acty HA4 4WD")
    await says(console, "/build update text:Roof rack on build:1 cost:120")

    listed = await says(console, "as Marcus /build delete-update update:? build:1")

    [asked] = _interactions(console, AUTOCOMPLETE)[-1:]
    [subcommand] = asked["data"]["options"]
    assert {"name": "build", "type": 3, "value": "1"} in subcommand["options"]
    assert "Roof rack on" in listed


async def test_a_number_the_bot_suggests_nothing_for_is_sent_as_typed(console: Console) -> None:
    # The tester's lines: "2" is in the date of update #1, which the console used to delete.
    await says(console, "/build start title:Rosa One truck:1993 Honda Acty HA4")
    await says(console, "as Dale /build start title:Dale truck:2003 Honda Acty HA7")
    await says(console, "/build update text:first post build:1 cost:13.00")
    await says(console, "/build update text:second post build:1 cost:5")
    await says(console, "/build delete-update update:#2 build:1")
    await says(console, "click Delete it")  # an update with a cost is asked about first

    await console.run("/build delete-update update:2 build:1")

    assert console.last_output.startswith(
        "update: sent “2” as typed: the bot suggested nothing for it."
    )
    assert "first post" in await says(console, "/build delete-update update:? build:1")


async def test_a_number_is_never_picked_by_a_part_of_a_shown_name(console: Console) -> None:
    # "3" is in "1993": build #1 is no build #3.
    await says(console, "/build start title:Rosa One truck:1993 Honda Acty HA4")

    await console.run("/build show build:3")

    assert _option_sent(console, "build") == "3"
    assert "picked" not in console.last_output
    assert console.last_output.startswith("build: sent “3” as typed")


async def test_a_number_picks_the_choice_whose_value_it_is(console: Console) -> None:
    await says(console, "/build start title:Rosa One truck:1993 Honda Acty HA4")

    shown = await says(console, "/build show build:1")

    assert _option_sent(console, "build") == "1"
    assert "ROSA ONE" in shown.upper()
    assert "as typed" not in shown


async def test_a_part_of_a_name_is_no_pick_from_a_list_offered_for_less_than_was_typed(
    console: Console,
) -> None:
    # The bot suggests nothing for "camper — 1993" (no title or truck holds it); the list for
    # "camper" shows it in one name, but a member who typed it in Discord was never shown that.
    await says(console, "/build start title:Acty camper truck:1993 Honda Acty HA4 4WD")

    await console.run("/build show build:camper — 1993")

    assert _option_sent(console, "build") == "camper — 1993"
    assert "picked" not in console.last_output


async def test_text_sent_as_typed_names_what_the_bot_suggested_for_it(console: Console) -> None:
    # In Discord the member sees the suggestions; here they are told them, to name one.
    await console.run("/timezone set tz:america/los")

    assert console.last_output.startswith(
        "tz: sent “america/los” as typed; the bot suggested “America/Los_Angeles” for it: name "
        "one to pick it."
    )


async def test_a_removed_term_is_looked_up_as_typed_not_as_the_term_it_starts(
    console: Console,
) -> None:
    # "keitora" is the start of "keitora-ichi", one word: the tester's lookup of the term a
    # moderator removed was answered with the market, and no word said so.
    await says(console, "as Marcus /glossary-mod remove term:keitora")

    answer = await says(console, "/glossary lookup term:keitora")

    assert _option_sent(console, "term") == "keitora"
    assert "No entry for “keitora”" in answer
    assert answer.startswith("term: sent “keitora” as typed; the bot suggested ")


async def test_a_choice_picked_by_the_first_words_of_its_name_is_said(console: Console) -> None:
    await says(console, "as Tammy /meetup create title:Kei Day when:sat 10am location:Moab")

    shown = await says(console, "/meetup info meetup:Kei Day")

    assert shown.startswith(
        "meetup: picked “Kei Day (#1) — Sat Dec 5, 10:00 AM MST”, the one choice whose name "
        "starts with “Kei Day”."
    )


async def test_text_that_is_none_of_a_fixed_lists_choices_is_refused_naming_those_holding_it(
    console: Console,
) -> None:
    # Discord's client sends only a choice picked from a fixed list; the console answered in
    # the loopback's words: "option 'category' must be one of 'class', …, not 'auc'".
    sent = len(_interactions(console, APPLICATION_COMMAND))

    assert not await console.run("/glossary browse category:auc")
    assert console.last_output == (
        "✗ category takes one of its choices, as Discord's client lists them: “auc” is none "
        "of them; auction holds it (category:auction). Nothing was sent."
    )
    assert not await console.run("/glossary browse category:nonsense")
    assert console.last_output == (
        "✗ category takes one of its choices, as Discord's client lists them: “nonsense” is "
        "none of class, body, drive, parts, paper, auction, org, culture and model. Nothing "
        "was sent."
    )
    assert len(_interactions(console, APPLICATION_COMMAND)) == sent


async def test_a_part_one_choice_holds_picks_the_bots_first_choice_listed_ahead_of_it(
    console: Console,
) -> None:
    # The bot lists the Carry first for its own romaji, kyarī; only the Super Carry's shown
    # name holds the word, and the tester was shown the Super Carry's card.
    for typed in ("kyarī", "kyari", "Ｋｙａｒｉ"):
        answer = await says(console, f"/glossary lookup term:{typed}")

        assert _option_sent(console, "term") == "suzukicarry"  # the choice's value
        assert answer.startswith(
            f"term: picked “Suzuki Carry — キャリイ — Carry”, the bot's first choice for "
            f"“{typed}”, listed ahead of “sūpā kyarī — スーパーキャリイ — Super Carry”, the one "
            "choice that shows it."
        )
        assert "SUZUKI CARRY" in answer


async def test_help_names_the_bots_first_choice_rule_with_an_example_that_works(
    console: Console,
) -> None:
    assert "(term:kyarī picks the Carry)" in await says(console, "help")

    assert "SUZUKI CARRY" in await says(console, "/glossary lookup term:kyarī")


async def test_a_part_only_the_bots_first_choice_holds_still_picks_it(console: Console) -> None:
    shown = await says(console, "/glossary lookup term:Super Carry")

    assert shown.startswith("term: picked “sūpā kyarī — スーパーキャリイ — Super Carry”")


async def test_a_moderator_editing_by_the_carrys_romaji_gets_the_carrys_form(
    console: Console,
) -> None:
    form = await says(console, "as Marcus /glossary-mod edit term:kyarī")

    assert "  1 Headword: Suzuki Carry" in form
