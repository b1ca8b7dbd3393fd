"""A moderator who locks a build on the open Build of the Month ballot is told what the lock did
to it: the build withdrawn, or the ballot called off when it was left with one build."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_build_locks import three_on_a_ballot_and_a_vote_for_the_first


async def test_a_lock_tells_the_moderator_it_withdrew_the_build_from_the_open_ballot(
    keitora: RunningBot, loopback: Loopback
) -> None:
    ballot = await three_on_a_ballot_and_a_vote_for_the_first(loopback)
    marcus = loopback.member("Marcus")
    assert loopback.guild is not None
    link = f"https://discord.com/channels/{loopback.guild.id}/{ballot.channel_id}/{ballot.id}"

    locked = await loopback.slash("build-mod lock", build="2", reason="spam", actor=marcus)
    assert locked.text.startswith(
        f"Build #2 is locked. It is withdrawn from the open Build of the Month ballot ({link}); "
        "votes for it are free again, and an unlock puts it back."
    )

    called_off = await loopback.slash("build-mod lock", build="3", reason="spam", actor=marcus)
    assert called_off.text.startswith(
        f"Build #3 is locked. It is withdrawn from the Build of the Month ballot ({link}), which "
        "is called off, as it was left with one build; an unlock does not open it again. Start "
        "a new one with `/showcase-mod vote start` when you are ready."
    )
