"""How the sandbox console reads a line: `as` and `in` alone going back to the defaults, names
quoted alike in every command, a slash command's options given twice or misspelt, and what a
member may look at."""

from __future__ import annotations

import re

import pytest

from sandbox.console import Console
from sandbox.driver import DEFAULT_ACTOR
from sandbox.lines import (
    AmbiguousField,
    FormField,
    OptionLineError,
    RepeatedField,
    form_values,
    option_values,
)
from sandbox.session import run_script

from .conftest import says

THREAD = "/build start title:Cancelled · Thread two truck:1993 Honda Acty HA4 4WD"


async def test_as_or_in_alone_goes_back_to_the_default_person_and_channel(
    console: Console,
) -> None:
    assert "until the next `as` alone" in await says(console, "as Marcus")
    assert "until the next `in` alone" in await says(console, "in #builds")

    assert f"You are {DEFAULT_ACTOR} again" in await says(console, "as")
    assert "You are in #general again" in await says(console, "in")
    assert (console.actor, console.where) == (DEFAULT_ACTOR, "general")


async def test_a_name_is_quoted_alike_in_every_command(console: Console) -> None:
    await says(console, THREAD)

    quoted = await says(console, 'messages "#Cancelled · Thread two"')
    bare = await says(console, "messages #Cancelled · Thread two")
    assert await says(console, 'in "#Cancelled · Thread two"')
    assert console.where == "Cancelled · Thread two"

    assert "CANCELLED · THREAD TWO" in quoted.upper()
    assert bare == quoted
    assert "(no DMs)" in await says(console, 'dms "Mika"')


async def test_an_unclosed_quote_is_reported_as_such(console: Console) -> None:
    for line in ('in "#Dale Acty /build show', 'messages "#Dale Acty', 'as "Dale /help'):
        assert not await console.run(line)
        assert "never closed" in console.last_output, line
        assert '#"' not in console.last_output


async def test_an_option_given_twice_is_refused(console: Console) -> None:
    assert not await console.run("/glossary lookup term:keitora term:shaken")

    assert console.last_output == (
        "✗ term: is given twice; Discord's client sends each option once: /glossary lookup term:…"
    )


async def test_an_option_the_command_lacks_is_refused_unless_the_value_is_quoted(
    console: Console,
) -> None:
    assert not await console.run("/glossary lookup term:kei extra:1 public:true")
    assert console.last_output == (
        "✗ /glossary lookup has no option extra; its options are: term, public "
        '(a value holding “name:” goes in quotes: term:"kei extra:1")'
    )

    saved = await says(console, '/alerts add keywords:"model:hijet drive:4wd state:TX"')
    assert "model:hijet drive:4wd state:TX" in saved


def test_option_values_keep_times_links_and_quoted_text() -> None:
    names = {"text", "when"}
    assert option_values('when:9:30 text:"see: a b:c" ', names) == {
        "when": "9:30",
        "text": "see: a b:c",
    }
    assert option_values("text:at https://x.example/a 5:45", names) == {
        "text": "at https://x.example/a 5:45"
    }
    # A value quoted whole may hold quotes of its own, as an alert's field condition does.
    assert option_values('text:"model:"hijet jumbo" state:TX" when:now', names) == {
        "text": 'model:"hijet jumbo" state:TX',
        "when": "now",
    }


async def test_messages_shows_only_a_channel_the_person_can_view(console: Console) -> None:
    assert not await console.run("as Mika messages #mod-queue")

    assert console.last_output == (
        "✗ Mika cannot view #mod-queue: Discord shows a channel only to members who may view "
        "it, as Akiko and Marcus may (as Marcus messages #mod-queue)."
    )
    assert await says(console, "as Marcus messages #mod-queue")


def test_a_word_the_command_lacks_after_its_last_text_option_stays_in_that_text() -> None:
    names, texts = {"keywords"}, {"keywords"}
    assert option_values("keywords:hijet drive:4x4 state:TX", names, texts) == {
        "keywords": "hijet drive:4x4 state:TX"
    }
    meetup = {"title", "when", "location"}
    assert option_values("title:Run when:9:30 location:Diner note:cash", meetup, meetup) == {
        "title": "Run",
        "when": "9:30",
        "location": "Diner note:cash",
    }


@pytest.mark.parametrize(
    ("line", "names", "texts"),
    [
        # Not the last option given: an option of the command follows, so it was meant as one.
        ("title:Run drive:4x4 when:9:30", {"title", "when"}, {"title", "when"}),
        # The option being read takes no text.
        ("term:kei public:yes drive:4x4", {"term", "public"}, {"term"}),
        # Before any option.
        ("drive:4x4 keywords:hijet", {"keywords"}, {"keywords"}),
    ],
)
def test_a_word_the_command_lacks_is_refused_elsewhere(
    line: str, names: set[str], texts: set[str]
) -> None:
    with pytest.raises(OptionLineError) as refused:
        option_values(line, names, texts)
    assert refused.value.problem == "unknown"
    assert refused.value.name == "drive"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("keyword", "keywords"), ("keywrods", "keywords"), ("key", "keywords"), ("pubilc", "public")],
)
def test_a_word_close_to_an_option_name_is_refused_with_that_name(typed: str, meant: str) -> None:
    names = {"keywords", "public"}
    with pytest.raises(OptionLineError) as refused:
        option_values(f"keywords:hijet {typed}:4x4", names, names)
    assert (refused.value.name, refused.value.nearest) == (typed, meant)


async def test_an_alerts_filter_needs_no_quotes_and_a_typo_is_named(console: Console) -> None:
    assert "/alerts add keywords:hijet drive:4x4" in await says(console, "help")
    saved = await says(console, "/alerts add keywords:hijet drive:4x4 state:TX")
    assert "hijet drive:4x4 state:TX" in saved

    assert not await console.run("/glossary lookup term:kei pubilc:true")
    assert console.last_output == (
        "✗ /glossary lookup has no option pubilc; its options are: term, public "
        '(a value holding “name:” goes in quotes: term:"kei pubilc:true"). '
        "Did you mean public:?"
    )


FORM = [
    FormField("title", "Title", "", True),
    FormField("years", "Years", "", True),
    FormField("notes", "Notes", "", False),
]


def test_a_form_value_in_quotes_keeps_its_inner_spaces_without_the_quotes() -> None:
    assert form_values('1:"  x  " 2:"a 3:b"', FORM) == {"title": "  x  ", "years": "a 3:b"}


def test_a_form_field_named_after_a_value_ending_in_digits_starts_that_field() -> None:
    assert form_values("1:Hijet 2025 2:1996-1998 3:cab", FORM) == {
        "title": "Hijet 2025",
        "years": "1996-1998",
        "notes": "cab",
    }
    # A time is still text: "opens at 3:30" names no field 3.
    assert form_values("1:opens at 3:30 2:x", FORM) == {"title": "opens at 3:30", "years": "x"}


def test_a_form_field_named_twice_is_refused_as_an_option_given_twice_is() -> None:
    # Only one of the two values could be sent: which one the member meant is theirs to say.
    for typed in ("1:a 2:b title:c", "years:1 Years:2"):
        with pytest.raises(RepeatedField, match="named twice"):
            form_values(typed, FORM)


def test_an_option_given_twice_is_named_before_a_word_in_its_first_value() -> None:
    # `drive:` is text of the first keywords, but a second keywords: says what was meant.
    with pytest.raises(OptionLineError) as refused:
        option_values("keywords:hijet drive:4x4 keywords:b drive:2wd", {"keywords"}, {"keywords"})
    assert (refused.value.name, refused.value.problem) == ("keywords", "twice")


GLOSSARY_FORM = [
    FormField("term", "Term", "", True),
    FormField("kanji", "Kanji (kana)", "", False),
    FormField("meaning", "Meaning", "", True),
    FormField("mentions", "Mentions", "", False),
    FormField("more", "Rōmaji, aliases, see also (one per line)", "", False),
]


def test_a_form_field_is_named_by_the_start_of_its_label_whatever_its_case_and_macrons() -> None:
    typed = "KANJI:軽トラ ROMAJI:romaji: keitora\\naliases: mini truck ment:none"
    assert form_values(typed, GLOSSARY_FORM) == {
        "kanji": "軽トラ",
        # `romaji: keitora` is text: a word and a colon followed by a space names no field.
        "more": "romaji: keitora\naliases: mini truck",
        "mentions": "none",
    }
    # A whole label wins over a longer one it starts.
    assert form_values("term:kei", [*GLOSSARY_FORM, FormField("x", "Terms", "", False)]) == {
        "term": "kei"
    }


def test_the_start_of_two_labels_is_refused_naming_both() -> None:
    with pytest.raises(AmbiguousField) as refused:
        form_values("me:A pickup.", GLOSSARY_FORM)
    assert str(refused.value) == (
        "“me” starts the labels of fields 3 Meaning and 4 Mentions: type more of the one you "
        "mean, or its number; nothing was sent."
    )


async def test_submit_takes_the_start_of_a_field_label(console: Console) -> None:
    assert "the start of a label" in await says(console, "help")
    await says(console, "as Marcus /glossary-mod edit term:keitora")
    await says(console, "as Marcus submit MEAN:A small Japanese pickup.")
    assert "A small Japanese pickup." in await says(console, "/glossary lookup term:keitora")


@pytest.mark.parametrize("quit_line", ["quit", "QUIT", " Exit "])
async def test_a_script_ends_at_quit_as_the_console_does(console: Console, quit_line: str) -> None:
    written: list[str] = []
    console.write = written.append

    failed = await run_script(console, f"members\n{quit_line}\nno such line\n")

    assert failed == 0
    assert not any("no such line" in text for text in written)
    assert written[-1] == "\nThe whole script ran."


async def test_console_words_and_channel_names_are_read_in_any_case(console: Console) -> None:
    # Discord's client finds a channel however its name is cased, and a newcomer may well type
    # Help or Messages.
    await says(console, THREAD)

    assert (await says(console, "Help")).startswith("Type what a member would")
    assert "CANCELLED · THREAD TWO" in await says(console, 'Messages "#cancelled · thread two"')
    assert "Thread: #Cancelled · Thread two" in await says(
        console, 'IN "#CANCELLED · THREAD TWO" /build show'
    )
    assert await says(console, "As Marcus messages #Mod-Queue") == "(no messages in #mod-queue)"


def test_a_field_named_without_its_colon_is_told_to_add_one() -> None:
    fields = [
        FormField("guests", "Guests you bring", "0", True),
        FormField("t", "Truck", "", False),
    ]
    for line, named in (("2", "2"), ("2 Carry", "2"), ("guests 1", "guests")):
        told = f"Put a colon after the field “{named}”, then its value: submit {named}:text. "
        with pytest.raises(ValueError, match=re.escape(told + "Nothing was sent.")):
            form_values(line, fields)


def test_an_options_name_is_read_in_any_case_and_other_capitalised_words_are_text() -> None:
    names = {"title", "when", "location"}
    assert option_values("Title:Run Club:2 WHEN:9:30 location:Diner", names) == {
        "title": "Run Club:2",
        "when": "9:30",
        "location": "Diner",
    }
    with pytest.raises(OptionLineError):  # given twice, whatever the case
        option_values("title:Run Title:Walk", names)


async def test_a_command_is_named_in_any_case(console: Console) -> None:
    # Discord's names are lowercase; its client finds /Meetup List as /meetup list.
    listed = await says(console, "/Meetup List")
    assert "UPCOMING MEETUPS" in listed
    posted = await says(console, "as Tammy /meetup create Title:Run When:sat 10am Location:Moab")
    assert "Posted “Run” (meetup #1)" in posted


async def test_a_script_saved_with_a_byte_order_mark_runs(console: Console) -> None:
    # Windows' Notepad starts a UTF-8 file with one; the first line is still a line.
    console.write = lambda text: None

    assert await run_script(console, "\ufeffmembers\r\nhelp\r\n") == 0


async def test_members_and_help_refuse_words_after_them_saying_what_they_take(
    console: Console,
) -> None:
    assert not await console.run("members extra")
    assert console.last_output == (
        "✗ members takes nothing after it (“extra” is left over): members alone lists who "
        "is in the demo server, with their roles."
    )
    assert not await console.run("help me")
    assert console.last_output == (
        "✗ help takes nothing after it (“me” is left over): help alone lists every line I "
        "understand, and /help topic:NAME is the bot's own help on one part of it "
        "(/help topic:? lists them)."
    )
