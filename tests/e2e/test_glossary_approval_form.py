"""The form a moderator approves a suggestion with, as Discord shows it."""

from __future__ import annotations

from bot.glossary.entries import CATEGORIES
from sandbox import Loopback
from sandbox.bodies import walk_components

from .conftest import RunningBot
from .test_showcase_nominations import queue_posts, queue_ready


async def test_the_approval_forms_category_box_lists_every_category_it_takes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await queue_ready(loopback)
    dale = loopback.member("Dale")
    await loopback.slash("glossary suggest", term="tanbo", meaning="A rice paddy.", actor=dale)
    [queued] = await queue_posts(loopback, 1)
    opened = await loopback.click(queued, "Approve", actor=loopback.member("Marcus"))
    assert opened.record.callback_body is not None
    sent = opened.record.callback_body["data"]["components"]
    [category] = [c for c in walk_components(sent) if c.get("label") == "Category"]
    # Empty in an approval form, the box shows its placeholder: every category it takes.
    assert not category.get("value")
    assert category["placeholder"] == ", ".join(CATEGORIES)
