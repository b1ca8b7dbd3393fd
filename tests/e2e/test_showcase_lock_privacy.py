"""A moderator's lock reason is between the moderators and the build's owner: a member who
tries to nominate a locked build is told it is locked, not why."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import forum_build


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
