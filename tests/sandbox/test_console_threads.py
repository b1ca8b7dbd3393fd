"""Threads at the sandbox console: named with spaces in quotes, shown archived or locked where
Discord's client shows them so, and a private one only to its members and thread managers."""

from __future__ import annotations

from sandbox.channels import new_thread
from sandbox.console import Console
from sandbox.lines import FormField, form_values
from sandbox.state import ChannelType

from .conftest import says

START = "/build start title:Sat Cruise truck:1993 Honda Acty HA4 4WD"


async def test_messages_reads_a_thread_whose_name_has_spaces_in_quotes(console: Console) -> None:
    await says(console, START)

    shown = await says(console, 'messages "#Sat Cruise"')

    assert "SAT CRUISE" in shown


async def test_an_archived_or_locked_thread_is_shown_so(console: Console) -> None:
    await says(console, START)
    await says(console, "/build start title:Open one truck:1999 Daihatsu Hijet S110P")
    thread = console.loopback.channel("Sat Cruise")
    await console.loopback.archive(thread, locked=True)

    listed = await says(console, "messages #builds")
    read = await says(console, 'messages "#Sat Cruise"')

    assert "Posts: #Sat Cruise (archived, locked), #Open one" in listed
    assert read.endswith("#Sat Cruise is archived and locked.")
    await console.loopback.archive(console.loopback.channel("Open one"))
    assert "#Open one (archived)" in await says(console, "messages #builds")


async def test_a_private_thread_is_listed_and_shown_only_to_those_who_may_see_it(
    console: Console,
) -> None:
    loopback = console.loopback
    general = loopback.world.channels[loopback.channel("general").id]
    name = "Swap meet planning"
    new_thread(loopback.core, general, name, ChannelType.PRIVATE_THREAD, thread_id=None, body={})

    assert name not in await says(console, "messages #general")  # Mika is not in it
    assert not await console.run(f'messages "#{name}"')
    assert f"Mika cannot view #{name}" in console.last_output
    assert f"#{name}" in await says(console, "as Marcus messages #general")  # a moderator


def test_a_form_field_is_named_by_its_label_without_its_punctuation() -> None:
    fields = [
        FormField("title", "Title", "", True),
        FormField("link", "Link (https://…)", "", False),
    ]

    by_words = form_values('Title:Hijet "link https":https://example.com/a', fields)
    by_label = form_values('"LINK (https://...)":https://example.com/b', fields)

    assert by_words == {"title": "Hijet", "link": "https://example.com/a"}
    assert by_label == {"link": "https://example.com/b"}
