"""Only the member an ephemeral message answers sees it, so only they can click its buttons:
the console refuses anyone else's click and says whose message it is."""

from __future__ import annotations

from sandbox.console import Console

from .conftest import says


async def test_the_console_refuses_a_click_on_someone_elses_ephemeral_message(
    console: Console,
) -> None:
    await says(console, "/glossary lookup term:shaken")  # Mika's, shown only to her

    assert not await console.run("as Dale click shakensho")

    assert console.last_output == (
        "✗ (1) answered Mika alone (only you can see this): in Discord no one else sees it. "
        "Type as Mika click shakensho."
    )
    assert "SHAKENSHŌ" in await says(console, "click shakensho")


async def test_a_click_passes_over_someone_elses_ephemeral_copy_to_the_card_all_see(
    console: Console,
) -> None:
    await says(console, "as Tammy /meetup create title:Kei Day when:sat 10am location:Moab")
    await says(console, "messages #meetups")  # the card, with Going
    await says(console, "as Tammy /meetup info meetup:1")  # Tammy's own copy, with Going too

    going = await says(console, "as Dale click Going")

    assert "You're going to **Kei Day**" in going
