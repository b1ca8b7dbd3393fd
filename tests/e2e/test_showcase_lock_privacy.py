"""A moderator's lock reason is between the moderators and the build's owner: a member who
tries to nominate a locked build is told it is locked, not why, and the card in the build's
thread, which every member reads, says it is locked, not why."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import card, field, forum_build


async def test_only_a_moderator_is_told_the_lock_reason_when_nominating(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    marcus = loopback.member("Marcus")
    await loopback.slash("build-mod lock", build="1", reason="stolen photos", actor=marcus)

    member = await loopback.slash("showcase nominate", build="1", actor=loopback.member("Hank"))
    assert member.ephemeral
    assert member.text == "Build #1 is locked, so it cannot be nominated."
    moderator = await loopback.slash("showcase nominate", build="1", actor=marcus)
    assert moderator.text == (
        "Build #1 is locked by a moderator (“stolen photos”), so it cannot be nominated."
    )


async def test_the_card_tells_the_lock_reason_only_to_the_owner_and_moderators(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    marcus = loopback.member("Marcus")
    await loopback.slash("build-mod lock", build="1", reason="stolen photos", actor=marcus)

    assert field(card(loopback, thread).embeds[0], "Status") == "🔒 Locked by a moderator"
    for reader, status in [
        ("Hank", "🔒 Locked by a moderator"),
        ("Mika", "🔒 Locked by a moderator: stolen photos"),
        ("Marcus", "🔒 Locked by a moderator: stolen photos"),
    ]:
        shown = await loopback.slash("build show", build="1", actor=loopback.member(reader))
        assert field(shown.embeds[0], "Status") == status, reader
