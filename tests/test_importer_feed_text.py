"""A feed item's title and summary are posted without the characters that show nothing or turn
round the text after them: nobody is there to be told of a refusal, and the card would read
otherwise than it is stored."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

from bot.feeds import parse_feed
from tests.test_importers import GUILD, World, world  # noqa: F401 (the fixture)

_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kei\u200b Imports</title><item>
<title>Carry \u202efdp.exe arri\u200bved</title><link>https://kei.example/c</link>
<description>4WD\u2066 dump\u2069, A/C 👨\u200d🔧</description>
</item></channel></rss>"""


async def test_a_feed_items_hidden_and_reordering_characters_are_not_posted(world: World) -> None:
    feed = parse_feed(_FEED.encode())
    # Dropped as the feed is read, so a feed test's preview shows none of them either.
    assert feed.title == "Kei Imports"
    async with world.store.transaction():
        await world.announcements.accept_feed_items(GUILD, world.trusted, feed.items)
    row = await world.store.fetchone("SELECT title, body FROM announcements")
    # A zero-width space between letters parts them, as alerts read it, but in a model's name.
    assert (row["title"], row["body"]) == ("Carry fdp.exe arri ved", "4WD dump, A/C 👨\u200d🔧")
