"""Lines a newcomer types by mistake, or to see what breaks: each gets an answer in words, never
an internal error, and nothing is sent that Discord's client would not have sent."""

from __future__ import annotations

import asyncio
import io
import sys

import pytest

from sandbox import session
from sandbox.console import Console
from sandbox.session import run_script

from .conftest import says

LONG_MEANING = "m" * 1025


@pytest.mark.parametrize("blank", ['""', '" "', "''"])
async def test_a_blank_label_presses_nothing(console: Console, blank: str) -> None:
    await says(console, "/build start title:Precious truck:1995 Honda Acty")
    await says(console, "/privacy forget")

    assert not await console.run(f"click {blank}")

    assert console.last_output.startswith("✗ Say what to click")
    assert "#Precious" in await says(console, "messages #builds")


@pytest.mark.parametrize("line", ["//", "/ /", "as Mika //", "in #general //", "/ / /"])
async def test_a_line_of_slashes_asks_for_a_command(console: Console, line: str) -> None:
    assert not await console.run(line)

    assert console.last_output == "✗ Type a command after the slash: /help"


async def test_a_message_longer_than_discord_takes_is_refused_in_words(console: Console) -> None:
    assert not await console.run("say " + "x" * 5000)

    assert "2,000 characters" in console.last_output
    assert "5,000" in console.last_output
    assert "Error" not in console.last_output
    assert "x" * 100 not in await says(console, "messages")


async def test_a_form_fields_bounds_are_told_in_words(console: Console) -> None:
    await says(console, "as Marcus /glossary-mod add")

    assert not await console.run(f"as Marcus submit 1:kei 4:body Meaning:{LONG_MEANING}")

    assert "None" not in console.last_output
    assert "takes at most 1024 characters" in console.last_output


async def test_a_one_field_form_is_told_to_take_the_whole_text(console: Console) -> None:
    await says(console, "/build start title:Acty camper truck:1993 Honda Acty HA4 4WD")
    await says(console, "as Dale /showcase nominate build:1 reason:Nice")
    await says(console, "as Marcus messages #mod-queue")

    form = await says(console, "as Marcus click Reject")

    assert "field 2" not in form
    assert "submit some text" in form


async def test_a_word_the_console_does_not_know_is_quoted_as_typed(console: Console) -> None:
    assert not await console.run("as Mika Mika Mika")
    assert "I don't know “Mika”" in console.last_output

    assert not await console.run("@Mika")
    assert "I don't know “@Mika”" in console.last_output


async def test_a_command_discord_lists_only_for_a_permission_is_said_to_be_hidden(
    console: Console,
) -> None:
    # Tammy organizes meetups but may not manage messages: Discord hides /glossary-mod from her,
    # unless an admin allowed it for her in the server's settings, which the sandbox lacks.
    hidden = await says(console, "as Tammy /glossary-mod add")

    assert hidden.startswith("Discord does not list /glossary-mod for Tammy")
    assert "Manage Messages" in hidden
    assert "Only moderators" in hidden  # the bot's own check, as after an admin's allowing
    for allowed in ("Marcus", "Akiko"):
        assert "form" in (shown := await says(console, f"as {allowed} /glossary-mod add"))
        assert "does not list" not in shown


async def test_terminal_escapes_in_a_message_are_shown_inert(console: Console) -> None:
    written: list[str] = []
    console.write = written.append

    await says(console, "say hi \x1b[31mred\x07")

    assert "\x1b" not in written[-1]
    assert "\x07" not in written[-1]
    assert "hi ␛[31mred␇" in written[-1]


async def test_a_script_lines_terminal_escapes_are_echoed_inert(console: Console) -> None:
    written: list[str] = []
    console.write = written.append

    await run_script(console, "say \x1b[2Jcleared\n")

    assert not any("\x1b" in text for text in written)
    assert "\n» say ␛[2Jcleared" in written


async def test_an_attachment_that_is_no_regular_file_is_told_so(console: Console) -> None:
    assert not await console.run("/build update text:hi photo:/dev/zero")

    assert "there is no file" not in console.last_output
    assert "/dev/zero is not a regular file" in console.last_output


async def test_a_forum_whose_posts_were_all_deleted_has_none_left(console: Console) -> None:
    await says(console, "/build start title:Precious truck:1995 Honda Acty")
    await says(console, "/build delete build:1")
    await says(console, "click Delete it")

    listed = await says(console, "messages #builds")

    assert "none yet" not in listed
    assert "Posts: none" in listed


async def test_members_tells_that_the_importer_role_alone_registers_no_one(
    console: Console,
) -> None:
    listed = await says(console, "members")

    assert (
        "Yoshi (Importer role, not registered: a moderator registers importers with "
        "/importer-mod register name:… member:Yoshi)"
    ) in listed
    await says(console, "as Marcus /importer-mod register name:Kei Imports member:Yoshi")
    assert "Yoshi (Importer)\n" in await says(console, "members")


async def test_the_banner_says_private_feed_addresses_are_allowed_here_alone(
    console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[str] = []
    console.write = written.append
    monkeypatch.setattr(sys, "stdin", io.StringIO("quit\n"))

    assert await asyncio.wait_for(session._interactive(console, files_kept=True), 5) == 0

    [line] = [line for line in written[0].splitlines() if "Feeds" in line]
    assert "127.0.0.1" in line
    assert "sandbox only" in line


async def test_a_feed_on_a_link_local_address_is_refused_in_the_sandbox_too(
    console: Console,
) -> None:
    await says(console, "as Marcus /importer-mod register name:Kei Imports member:Yoshi")

    refused = await says(
        console, "as Yoshi /importer feed url url:http://169.254.169.254/latest/meta-data"
    )

    assert "link-local" in refused


async def test_a_choice_no_one_can_pick_is_told_with_the_names_the_list_shows(
    console: Console,
) -> None:
    assert not await console.run("as Akiko /setup unset setting:bogus")

    assert "meetups channel" in console.last_output
    assert "channel:meetups" not in console.last_output
