"""A meetup's title and a template's name are names: shown on the card, in lists, menus and the
Events tab, where a link, bare or masked, would pass for the name and take whoever clicks it
elsewhere, and a mention would ping. Both are refused, and nothing is stored; asserted on the
replies the bot sent."""

from __future__ import annotations

import pytest

from sandbox import Loopback

from .conftest import MEETUP_WEEK, RunningBot
from .test_meetups import cards, create, meetups_channel

pytestmark = pytest.mark.clock(MEETUP_WEEK)

LINKS = ("[click](http://127.0.0.1/)", "see https://example.com", "www.example.com day")


async def test_a_title_holding_a_link_is_refused_at_create_and_edit(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    tammy = loopback.member("Tammy")
    await create(loopback)
    for title in LINKS:
        created = await create(loopback, title=title)
        edited = await loopback.slash("meetup edit", meetup="1", title=title, actor=tammy)
        for refused in (created, edited):
            assert refused.ephemeral
            assert refused.text == (
                "The title may not hold a link: it names the meetup on its card, in lists and "
                "in menus. A link can go in the description."
            ), refused.text
    assert len(cards(loopback)) == 1
    titles = await keitora.store.fetchall("SELECT title FROM meetups")
    assert [row["title"] for row in titles] == ["Kei Truck Day"]


async def test_a_template_name_holding_a_link_or_a_mention_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback)
    tammy = loopback.member("Tammy")
    for name in (f"tpl {LINKS[0]}", "tpl https://example.com"):
        refused = await loopback.slash("meetup template save", meetup="1", name=name, actor=tammy)
        assert refused.ephemeral
        assert refused.text == (
            "The template's name may not hold a link: it names the template in lists and in "
            "menus. A link can go in the description."
        ), refused.text
    for name in ("@everyone tpl", "<@&1> tpl"):
        refused = await loopback.slash("meetup template save", meetup="1", name=name, actor=tammy)
        assert refused.ephemeral
        assert "The template's name may not hold mentions" in refused.text, refused.text
    assert await keitora.store.fetchall("SELECT name FROM meetup_templates") == []
