"""Who suspended an importer is kept with the suspension, and is a member's data: exported to
them, and anonymised when they are forgotten (the suspension stays: it is the server's)."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

from bot.importers.privacy import ImporterMemberData
from bot.importers.profiles import suspension_words
from tests.test_importers import GUILD, MODERATOR, World, world  # noqa: F401 (the fixture)


async def test_forgetting_the_moderator_who_suspended_keeps_the_suspension_unnamed(
    world: World,
) -> None:
    await world.importers.set_suspended(
        GUILD, world.trusted, True, reason="Prices missing", by=MODERATOR
    )
    data = ImporterMemberData(world.store, world.announcements.removal, world.jobs).member_data()
    exported = await data.export(MODERATOR)
    assert [row["name"] for row in exported["importers_suspended"][GUILD]] == ["Kei Imports"]

    forgotten = await data.forget(GUILD, MODERATOR, False)

    assert forgotten.anonymised == {"importer suspensions": 1}
    importer = await world.importers.get(GUILD, world.trusted)
    assert importer.suspended
    assert importer.suspension_reason == "Prices missing"
    assert suspension_words(importer).startswith("suspended by a former member on <t:")


async def test_lifting_a_suspension_forgets_who_made_it(world: World) -> None:
    await world.importers.set_suspended(GUILD, world.trusted, True, reason="Spam", by=MODERATOR)
    await world.importers.set_suspended(GUILD, world.trusted, False, by=MODERATOR)
    importer = await world.importers.get(GUILD, world.trusted)
    assert (importer.suspended_by, importer.suspended_at) == (None, None)
