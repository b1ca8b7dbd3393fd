"""Importer names as moderators type them, odd ones included (found in the sandbox console): a
name of nothing visible, or of symbols alone, is refused; so is one holding an invisible
character, which would not make a second importer of a name already taken either."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.errors import UserError
from tests.test_importers import GUILD, World, world  # noqa: F401 (the fixture)


@pytest.mark.parametrize("name", ["\u200b", "\u200b \u3000\u200d", "***", "🛻🛻", "\u2063-"])
async def test_a_name_with_no_letter_or_digit_is_refused(world: World, name: str) -> None:
    with pytest.raises(UserError, match="needs a letter or a digit"):
        await world.importers.register(GUILD, name, 901)
    assert len(await world.importers.all(GUILD)) == 2  # Kei Imports and Mini Truck Barn


@pytest.mark.parametrize("name", ["Kei\u200b Imports", "\u200bKEI IMPORTS", "Kei Imp\u00adorts"])
async def test_an_invisible_character_does_not_make_a_taken_name_new(
    world: World, name: str
) -> None:
    # Refused for the character itself, which would show the name otherwise than stored.
    with pytest.raises(UserError, match="shows nothing"):
        await world.importers.register(GUILD, name, 901)
    assert len(await world.importers.all(GUILD)) == 2


@pytest.mark.parametrize("name", ["軽トラ屋", "🛻 Kei Trucks", "K-Cars 4x4"])
async def test_names_in_any_script_with_emoji_are_kept_as_typed(world: World, name: str) -> None:
    registered = await world.importers.register(GUILD, name, 901)
    assert registered.name == name


@pytest.mark.parametrize("name", ["\u3164", "\u115f\u1160", "\u3164 \u3164"])
async def test_a_name_of_blank_letters_is_refused(world: World, name: str) -> None:
    # Hangul fillers are letters to Python, yet show nothing.
    with pytest.raises(UserError, match="shows nothing"):
        await world.importers.register(GUILD, name, 901)
    assert len(await world.importers.all(GUILD)) == 2


@pytest.mark.parametrize("name", ["Kei Imports.", "Kei-Imports", "KeiImports", "🛻 Kei Imports!"])
async def test_a_name_reading_as_a_taken_one_but_for_its_symbols_is_refused(
    world: World, name: str
) -> None:
    # Two verified importers members cannot tell apart on a card or in a list.
    with pytest.raises(UserError) as refused:
        await world.importers.register(GUILD, name, 901)
    assert refused.value.message == (
        f"There is already an importer named “Kei Imports”, which “{name}” would read as; "
        "give a name members can tell apart."
    )
    assert len(await world.importers.all(GUILD)) == 2
    mini = next(i for i in await world.importers.all(GUILD) if i.name == "Mini Truck Barn")
    with pytest.raises(UserError, match="which “Kei-Imports” would read as"):
        await world.importers.edit(GUILD, mini.id, name="Kei-Imports")


async def test_a_longer_name_or_the_importers_own_in_other_symbols_is_kept(world: World) -> None:
    longer = await world.importers.register(GUILD, "Kei Imports TX", 901)
    kei = next(i for i in await world.importers.all(GUILD) if i.name == "Kei Imports")
    renamed = await world.importers.edit(GUILD, kei.id, name="Kei-Imports")
    assert (longer.name, renamed.name) == ("Kei Imports TX", "Kei-Imports")
