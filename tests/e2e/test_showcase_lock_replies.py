"""A moderator who locks a build on the open Build of the Month ballot is told what the lock did
to it: the build withdrawn, or the ballot called off when it was left with one build, which is
asked about first, as no unlock opens the ballot again."""

from __future__ import annotations

from collections.abc import Awaitable

from sandbox import Loopback, Reply

from .conftest import RunningBot, eventually
from .test_build_locks import three_on_a_ballot_and_a_vote_for_the_first
from .test_showcase_nominations import dms_sent_to

# As long as Discord lets a moderator type it: longer than a button's custom id could carry.
REASON = "x" * 200


async def test_a_lock_tells_the_moderator_it_withdrew_the_build_from_the_open_ballot(
    keitora: RunningBot, loopback: Loopback
) -> None:
    ballot = await three_on_a_ballot_and_a_vote_for_the_first(loopback)
    marcus = loopback.member("Marcus")
    assert loopback.guild is not None
    link = f"https://discord.com/channels/{loopback.guild.id}/{ballot.channel_id}/{ballot.id}"

    locked = await loopback.slash("build-mod lock", build="2", reason="spam", actor=marcus)
    assert locked.text.startswith(
        "Build #2 is locked. Its owner is told by DM. It is withdrawn from the open Build of the "
        f"Month ballot ({link}); votes for it are free again, and an unlock puts it back."
    )

    # The lock that would call the ballot off, which no unlock undoes, is asked about first.
    def ask() -> Awaitable[Reply]:
        return loopback.slash("build-mod lock", build="3", reason=REASON, actor=marcus)

    asked = await ask()
    assert asked.ephemeral
    assert asked.content == (
        f"Lock build #3 “Build 3”? It is on the open Build of the Month ballot ({link}), which "
        "would be left with one build and called off; an unlock does not open it again."
    )
    assert asked.record.callback_body is not None
    [kept_with] = asked.record.callback_body["data"]["embeds"]
    assert kept_with["footer"]["text"] == f"The reason its owner reads: {REASON}"
    assert asked.message is not None
    assert asked.message.buttons == ["Lock it", "Keep it"]
    kept = await loopback.click(asked, "Keep it", actor=marcus)
    assert (kept.type, kept.content, kept.embeds) == (7, "Kept; nothing was locked.", [])
    assert kept.components == []
    unlocking = await loopback.slash("build-mod unlock", build="3", actor=marcus)
    assert "is not locked" in unlocking.text  # nothing was

    asked, asked_twice = await ask(), await ask()
    await keitora.restart()  # the question holds what it acts on, the reason too
    called_off = await loopback.click(asked, "Lock it", actor=marcus)
    assert called_off.components == []
    [still_told] = called_off.record.edits[-1]["embeds"]  # the reason stays under the answer
    assert still_told["footer"]["text"] == f"The reason its owner reads: {REASON}"
    assert called_off.text.startswith(
        "Build #3 is locked. Its owner is told by DM. It is withdrawn from the Build of the "
        f"Month ballot ({link}), which is called off, as it was left with one build; an unlock "
        "does not open it again. Start a new one with `/showcase-mod vote start` when you are "
        "ready."
    )
    await eventually(lambda: len(dms_sent_to(loopback, "Rosa")) == 1, "the owner's DM")
    [told] = dms_sent_to(loopback, "Rosa")
    assert f"The reason given: “{'x' * 200}”." in str(told["content"])
    again = await loopback.click(asked_twice, "Lock it", actor=marcus)  # nothing more to lock
    assert again.text == "Build #3 is locked already."
