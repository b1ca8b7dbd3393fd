"""A feed item's title and summary are posted without the characters that show nothing or turn
round the text after them: nobody is there to be told of a refusal, and the card would read
otherwise than it is stored."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

from bot.feeds import FeedItem
from tests.test_importers import GUILD, World, world  # noqa: F401 (the fixture)


async def test_a_feed_items_hidden_and_reordering_characters_are_not_posted(world: World) -> None:
    item = FeedItem(
        "k" * 64,
        "Carry \u202efdp.exe arri\u200bved",
        "https://kei.example/c",
        "4WD\u2066 dump\u2069, A/C 👨\u200d🔧",
        None,
    )
    async with world.store.transaction():
        await world.announcements.accept_feed_items(GUILD, world.trusted, [item])
    row = await world.store.fetchone("SELECT title, body FROM announcements")
    assert (row["title"], row["body"]) == ("Carry fdp.exe arrived", "4WD dump, A/C 👨\u200d🔧")
