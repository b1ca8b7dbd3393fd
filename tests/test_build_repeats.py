"""A double submit of /build start answered while the first is still being posted: the first
has no thread yet, and the second is refused all the same; and one retyped in full-width
letters."""

# ruff: noqa: F811 (the `service` fixture, imported, is redefined as the test's argument)

from __future__ import annotations

import pytest

from bot.builds import BuildService
from bot.errors import UserError
from bot.privacy import FORMER_MEMBER
from tests.test_builds import GUILD, OWNER, service  # noqa: F401 (the fixture)


async def test_a_repeat_while_the_first_is_posted_is_refused_saying_its_post_is_coming(
    service: BuildService,
) -> None:
    await service.start(GUILD, OWNER, "Camper Carry", "1994 Suzuki Carry DA51T", None)
    with pytest.raises(UserError) as refused:
        await service.start(GUILD, OWNER, "camper carry", "1994 Suzuki Carry DA51T", None)
    assert refused.value.message == (
        "You started build #1 (“Camper Carry”, with this truck) moments ago; its post is on "
        "its way. "
        "Nothing new was started. To start a second build of the same truck, give it another "
        "title."
    )


@pytest.mark.parametrize(
    ("title", "truck"),
    [  # full-width, as a Japanese keyboard types them
        ("Ｃａｍｐｅｒ Ｃａｒｒｙ", "1994 Suzuki Carry DA51T"),
        ("Camper Carry", "１９９４ Ｓｕｚｕｋｉ Ｃａｒｒｙ ＤＡ５１Ｔ"),
        ("ＣＡＭＰＥＲ\u3000ｃａｒｒｙ", "1994 Suzuki Carry DA51T"),  # and its ideographic space
    ],
)
async def test_a_repeat_retyped_in_another_form_of_the_same_letters_is_refused(
    service: BuildService, title: str, truck: str
) -> None:
    await service.start(GUILD, OWNER, "Camper Carry", "1994 Suzuki Carry DA51T", None)
    with pytest.raises(UserError) as refused:
        await service.start(GUILD, OWNER, title, truck, None)
    assert refused.value.message.startswith(
        "You started build #1 (“Camper Carry”, with this truck)"
    )


async def test_a_second_build_of_ones_own_title_is_refused_but_former_members_share_titles(
    service: BuildService,
) -> None:
    await service.start(GUILD, OWNER, "Acty", "1993 Honda Acty", None)
    with pytest.raises(UserError) as refused:
        await service.start(GUILD, OWNER, "ａｃｔｙ", "1994 Honda Acty", None)
    assert refused.value.message.startswith("You have build #1 “Acty” already:")
    second = await service.start(GUILD, OWNER, "Acty 2", "1994 Honda Acty", None)
    # Kept builds of forgotten members all read FORMER_MEMBER: nobody's twins.
    await service._store.execute("UPDATE builds SET owner_id = ?", (FORMER_MEMBER,))
    renamed = await service.rename(await service.get(GUILD, second.id), "Acty", None)
    assert renamed.title == "Acty"


@pytest.mark.parametrize(
    "title",
    ["camper carry!", "Camper-Carry", "CAMPER CARRY…", "“Camper Carry”", "Camper, Carry 🚚"],
)
async def test_a_title_that_reads_as_ones_own_but_for_punctuation_is_refused(
    service: BuildService, title: str
) -> None:
    await service.start(GUILD, OWNER, "Camper Carry", "1993 Honda Acty", None)
    with pytest.raises(UserError) as refused:
        await service.start(GUILD, OWNER, title, "1994 Suzuki Carry DA51T", None)
    assert refused.value.message.startswith("You have build #1 “Camper Carry” already:")
    second = await service.start(GUILD, OWNER, "Camper Carry 2", "1994 Suzuki Carry DA51T", None)
    with pytest.raises(UserError) as renamed:
        await service.rename(second, title, None)
    assert renamed.value.message.startswith("Build #1 “Camper Carry” has that title already:")


async def test_titles_of_emoji_alone_are_told_apart_by_their_emoji(service: BuildService) -> None:
    await service.start(GUILD, OWNER, "🚚", "1993 Honda Acty", None)
    second = await service.start(GUILD, OWNER, "🛻", "1994 Suzuki Carry DA51T", None)
    assert second.title == "🛻"


@pytest.mark.parametrize(
    ("first", "second"),
    [("Stage 1.5", "Stage 15"), ("Carry 1/2 lift", "Carry 12 lift"), ("Hijet 4×4", "Hijet 44")],
)
async def test_titles_whose_numbers_differ_by_a_mark_between_digits_are_two_builds(
    service: BuildService, first: str, second: str
) -> None:
    await service.start(GUILD, OWNER, first, "1994 Suzuki Carry DA51T", None)
    started = await service.start(GUILD, OWNER, second, "1994 Suzuki Carry DA51T", None)
    assert started.title == second


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Hijet 4x4", "Hijet 4×4"),
        ("Hijet 4×4", "HIJET 4 x 4"),
        ("Carry 1/2 lift", "Carry 1 / 2 lift"),
    ],
)
async def test_a_times_sign_reads_as_an_x_and_spaces_around_a_mark_are_spacing(
    service: BuildService, first: str, second: str
) -> None:
    await service.start(GUILD, OWNER, first, "1993 Honda Acty", None)
    with pytest.raises(UserError) as refused:
        await service.start(GUILD, OWNER, second, "1994 Suzuki Carry DA51T", None)
    assert refused.value.message.startswith(f"You have build #1 “{first}” already:")


async def test_a_repeat_retyped_with_other_punctuation_is_told_as_a_repeat(
    service: BuildService,
) -> None:
    await service.start(GUILD, OWNER, "Camper Carry", "1994 Suzuki Carry DA51T", None)
    with pytest.raises(UserError) as refused:
        await service.start(GUILD, OWNER, "Camper Carry!", "1994 Suzuki Carry DA51T", None)
    assert refused.value.message.startswith(
        "You started build #1 (“Camper Carry”, with this truck)"
    )


async def test_twins_kept_from_before_the_rule_still_take_changes(service: BuildService) -> None:
    """A database may hold a member's builds titled alike but for punctuation, started before
    such titles were refused: each still takes a new truck, its own title retyped, updates and
    parts; a title unlike the other's parts them."""
    first = await service.start(GUILD, OWNER, "Camper Carry", "1993 Honda Acty", None)
    second = await service.start(GUILD, OWNER, "Mika's Carry", "1994 Suzuki Carry DA51T", None)
    await service._store.execute(
        "UPDATE builds SET title = 'camper carry!' WHERE id = ?", (second.id,)
    )
    second = await service.get(GUILD, second.id)
    second = await service.rename(second, None, "1995 Suzuki Carry DA51T")
    assert second.truck == "1995 Suzuki Carry DA51T"
    second = await service.rename(second, "Camper Carry!!", None)
    assert second.title == "Camper Carry!!"
    first = await service.rename(first, "camper carry", None)
    assert first.title == "camper carry"
    await service.add_part(second, OWNER, "bed liner", "120", None)
    second = await service.rename(second, "Camper Carry Two", None)
    assert second.title == "Camper Carry Two"
