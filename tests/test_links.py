"""One reading of what in typed text would show as a link, bare or masked, shared by the texts
that name something (a build's title) so none lets through what another refuses."""

from __future__ import annotations

import pytest

from bot.builds.values import checked_title
from bot.errors import UserError
from bot.limits import holds_link

LINKS = [
    "[click](http://127.0.0.1/)",
    "http://127.0.0.1/",
    "see https://example.com",
    "HTTPS://EXAMPLE.COM",
    "ftp://files.example",
    "www.example.com",
    "[x](<http://example.com>)",
    "[x](example)",
]
PLAIN = [
    "Camper Carry",
    "Red Hijet 🔴",
    "me@example.com",
    "1:1 scale",
    "[WIP] Hijet",
    "Stage 1.5",
    "www",
    "(2019) Carry",
]


@pytest.mark.parametrize("text", LINKS)
def test_a_link_is_refused_as_a_builds_title(text: str) -> None:
    assert holds_link(text)
    with pytest.raises(UserError) as refused:
        checked_title(text)
    assert str(refused.value) == (
        "A build's title may not hold a link: it names the build in its thread, lists and "
        "ballots. A link can go in an update."
    )


@pytest.mark.parametrize("text", PLAIN)
def test_a_title_without_a_link_is_taken(text: str) -> None:
    assert not holds_link(text)
    assert checked_title(text) == text
