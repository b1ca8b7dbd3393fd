"""One reading of what in typed text would show as a mention, read as a ping, or show as a link
to a command or a server's page, shared by the build texts and the glossary, so neither refuses
what the other lets through."""

from __future__ import annotations

import pytest

from bot.builds.values import checked_text
from bot.errors import UserError
from bot.glossary.entries import MENTIONS_HELD, text_problem
from bot.limits import holds_mention

MENTIONS = [
    "<@123>",
    "<@!123>",
    "<@&123>",
    "<#123>",
    "@everyone",
    "@here",
    "ask @Everyone.",
    "hi <@123456789012345678>!",
]
# Discord draws these as names that take whoever clicks them to the server's page or the command:
# in a build's card or a term they would pass for the server's own links.
NAVIGATION = [
    "<id:customize>",
    "go to <id:browse>",
    "<id:guide>!",
    "<id:linked-roles>",
    "<id:linked-roles:123>",
    "</build:123>",
    "try </build start:123456789012345678>",
    "</showcase-mod vote start:1>",
]
PLAIN = [
    "@everyones",
    "here@",
    "me@example.com",
    "<@abc>",
    "<#>",
    "#12",
    "@ everyone",
    "Kei",
    "<id:nowhere>",
    "id:browse",
    "</build>",
    "a </b> c:1>",
]


@pytest.mark.parametrize("text", [*MENTIONS, *NAVIGATION])
def test_a_mention_is_refused_in_a_build_text_and_a_glossary_term_alike(text: str) -> None:
    assert holds_mention(text)
    with pytest.raises(UserError, match="may not hold mentions"):
        checked_text("The title", text, 100)
    assert text_problem(text) == MENTIONS_HELD


@pytest.mark.parametrize("text", PLAIN)
def test_text_without_a_mention_is_taken_by_both(text: str) -> None:
    assert not holds_mention(text)
    assert checked_text("The title", text, 100) == text
    assert text_problem(text) is None


@pytest.mark.parametrize("text", NAVIGATION)
def test_a_link_to_a_server_page_or_a_command_is_refused_in_a_build_text_as_such(text: str) -> None:
    with pytest.raises(UserError, match="links to commands or to the server's pages"):
        checked_text("The title", text, 100)


def test_a_timestamp_goes_nowhere_and_is_kept_in_a_build_text() -> None:
    assert not holds_mention("<t:1>")
    assert checked_text("The title", "<t:1>", 100) == "<t:1>"
