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
