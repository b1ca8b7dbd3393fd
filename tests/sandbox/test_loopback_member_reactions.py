"""A member reacts only as Discord lets them (docs, resources/message, "Create Reaction"):
Read Message History always, and Add Reactions when nobody has reacted with that emoji yet, so
one without Add Reactions may still join a reaction already there. A refused reaction is
answered 403 Missing Permissions (50013); nothing is stored or dispatched."""

from __future__ import annotations

import pytest

from sandbox import Loopback, MemberRefused, Message
from sandbox.state import Permission


def _reactions(loopback: Loopback) -> list[tuple[str, str]]:
    return [
        (payload["user_id"], payload["emoji"]["name"])
        for event, payload in loopback.dispatched
        if event == "MESSAGE_REACTION_ADD"
    ]


async def _a_message(loopback: Loopback) -> Message:
    return await loopback.post(
        loopback.channel("general"), "Meet at the lot?", actor=loopback.member("Marcus")
    )


async def _refused(loopback: Loopback, message: Message, emoji: str, member: str) -> None:
    before = _reactions(loopback)
    with pytest.raises(MemberRefused) as refused:
        await loopback.react(message, emoji, actor=loopback.member(member))
    assert (refused.value.status, refused.value.code) == (403, 50013)
    assert f"{member} may not" in str(refused.value)
    assert _reactions(loopback) == before
    assert loopback.world.reactions.get(message.id, {}).get(emoji, []) == []


async def test_a_member_without_read_message_history_cannot_react(loopback: Loopback) -> None:
    message = await _a_message(loopback)
    rosa = loopback.member("Rosa")
    general = loopback.channel("general")
    await loopback.set_overwrite(general, rosa, deny=Permission.READ_MESSAGE_HISTORY)

    await _refused(loopback, message, "👍", "Rosa")

    await loopback.set_overwrite(general, rosa)
    await loopback.react(message, "👍", actor=rosa)
    assert _reactions(loopback) == [(rosa.id, "👍")]


async def test_a_member_without_add_reactions_only_joins_a_reaction_already_there(
    loopback: Loopback,
) -> None:
    message = await _a_message(loopback)
    rosa, dale = loopback.member("Rosa"), loopback.member("Dale")
    await loopback.set_overwrite(loopback.channel("general"), rosa, deny=Permission.ADD_REACTIONS)

    await _refused(loopback, message, "👍", "Rosa")
    await loopback.react(message, "👍", actor=dale)
    await loopback.react(message, "👍", actor=rosa)

    assert _reactions(loopback) == [(dale.id, "👍"), (rosa.id, "👍")]
    await _refused(loopback, message, "🚚", "Rosa")
