"""A member's export lists each build's tags in one order, the one its card shows (by name),
whatever order they were stored in: put in order by the bot, not by how SQLite happens to read
a subquery into an aggregate, which it does not promise."""

from __future__ import annotations

from bot.client import Services
from bot.store import Store

GUILD, MEMBER = 1001, 501


async def test_the_exported_tags_are_in_the_cards_order_whatever_order_they_were_stored_in(
    services: Services, store: Store
) -> None:
    tagged = await services.builds.start(GUILD, MEMBER, "Camper", "1994 Carry", None)
    bare = await services.builds.start(GUILD, MEMBER, "Hauler", "1997 Hijet", None)
    for tag in ("work", "camper", "show", "off-road"):  # out of order, rowids rising
        await store.execute(
            "INSERT INTO build_tags (guild_id, build_id, tag) VALUES (?, ?, ?)",
            (GUILD, tagged.id, tag),
        )

    # Rows read without an ORDER BY come out backwards: any order the export relies on is its own.
    await store.execute("PRAGMA reverse_unordered_selects = ON")
    exported = (await services.privacy.collect(MEMBER))[GUILD]["builds"]

    assert [(row["title"], row["tags"]) for row in exported] == [
        ("Camper", "camper, off-road, show, work"),
        ("Hauler", None),
    ]
    card = await services.builds.get(GUILD, tagged.id)
    assert ", ".join(card.tags) == exported[0]["tags"]
    assert bare.tags == ()
