"""A close or reopen checks the build as the member's command read it, before its transaction:
a moderator's lock landing in between must still stop it, with the lock's own words."""

from __future__ import annotations

import pytest

from bot.builds import BuildService
from bot.errors import UserError
from tests.test_builds import GUILD, MEMBER, OWNER, service  # noqa: F401 (the fixture)

# ruff: noqa: F811 (the fixture, imported, is redefined as each test's argument)


async def test_a_lock_landing_before_a_close_is_written_refuses_the_close(
    service: BuildService,
) -> None:
    read = await service.start(GUILD, OWNER, "Show truck", "Carry", None)
    await service.lock(read, MEMBER, "spam")

    with pytest.raises(UserError, match="locked by a moderator \\(“spam”\\); nobody can close it"):
        await service.close(read)  # as read before the lock: open
    assert not (await service.get(GUILD, read.id)).closed


async def test_a_lock_landing_before_a_reopen_is_written_refuses_the_reopen(
    service: BuildService,
) -> None:
    read = await service.close(await service.start(GUILD, OWNER, "Show truck", "Carry", None))
    await service.lock(read, MEMBER, "spam")

    with pytest.raises(UserError, match="locked by a moderator; only they can unlock it"):
        await service.reopen(read)  # as read before the lock: closed, not locked
    assert (await service.get(GUILD, read.id)).closed
