"""The /modqueue pages held for refused forms belong to the bot that held them: a process that
restarts its bot (as the tests do) never hands a new bot's fix a page whose session is gone."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from cogs._sent_forms import HeldPages


def page_of(client: object) -> Any:
    return SimpleNamespace(client=client)


def test_a_page_is_given_back_to_the_bot_that_held_it_once() -> None:
    bot = object()
    pages = HeldPages()
    page = page_of(bot)
    pages.hold(("mika", 1), page)

    assert pages.pop(("mika", 1), bot) is page
    assert pages.pop(("mika", 1), bot) is None


def test_a_page_an_earlier_bot_held_is_gone_for_the_next() -> None:
    earlier, restarted = object(), object()
    pages = HeldPages()
    pages.hold(("mika", 1), page_of(earlier))

    assert pages.pop(("mika", 1), restarted) is None
    assert pages.pop(("mika", 1), earlier) is None  # let go, not kept for the earlier one


def test_the_oldest_pages_are_let_go_past_the_most_held() -> None:
    bot = object()
    pages = HeldPages(most=2)
    for number in range(3):
        pages.hold(("mika", number), page_of(bot))

    assert [pages.pop(("mika", n), bot) is not None for n in range(3)] == [False, True, True]
