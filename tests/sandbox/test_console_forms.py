"""How the sandbox console shows a form the bot opened: what each field holds, and in an empty
one the greyed hint (placeholder) Discord's client shows there."""

from __future__ import annotations

from bot.glossary.entries import CATEGORIES
from sandbox.console import Console

from .conftest import says


async def test_an_empty_field_shows_its_greyed_hint_a_filled_one_its_value(
    console: Console,
) -> None:
    # The Approve form's Category box lists the categories to type; the console showed only
    # "(required)", so a moderator never learnt them.
    await says(console, "/glossary suggest term:tanbo meaning:A flooded rice paddy. kana:たんぼ")
    await says(console, "as Marcus /glossary-mod suggestions")

    form = (await says(console, "as Marcus click Approve glossary #1")).splitlines()

    assert "  1 Headword: tanbo" in form  # Discord shows no hint in a field holding text
    assert f"  4 Category: ‹{', '.join(CATEGORIES)}› (required)" in form
    assert "(‹…› is the greyed hint Discord shows in an empty field: not sent)" in form


async def test_a_hint_is_not_sent_as_the_fields_value(console: Console) -> None:
    await says(console, "as Marcus /glossary-mod add")

    refused = not await console.run("as Marcus submit 1:tanbo 3:A flooded rice paddy.")

    assert refused
    assert "The form needs 4 Category" in console.last_output


async def test_a_form_sent_and_refused_by_the_bot_is_closed_and_its_button_opens_it_again(
    console: Console,
) -> None:
    await says(console, "as Tammy /meetup create title:Run when:sat 10am location:Moab")
    await says(console, "messages #meetups")
    await says(console, "as Dale click Guests & truck")
    assert "Guests is a number" in await says(console, "as Dale submit 1:abc")

    assert not await console.run("as Dale submit 1:2")

    # The form was opened by a button, not a command: the refusal said only the latter.
    assert console.last_output == (
        "✗ Dale has no form open: a form closes once sent, as in Discord; a command or button "
        "that opens one comes first."
    )
