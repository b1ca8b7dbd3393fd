"""What the bot may read and change where an overwrite takes a permission away, as Discord's
docs give it: a channel it may not view answers Missing Access (50001) to everything, even its
own messages; reading a message, or replying to one, takes Read Message History; publishing a
message takes Send Messages, and someone else's Manage Messages too; a reaction takes Read
Message History, and Add Reactions only when no one has reacted so yet."""

from __future__ import annotations

from typing import Any

from sandbox import Loopback
from sandbox.state import Permission

from .conftest import RestCall

VIEW = Permission.VIEW_CHANNEL
HISTORY = Permission.READ_MESSAGE_HISTORY


async def _post(rest: RestCall, loopback: Loopback, channel: str, **body: object) -> str:
    status, message = await rest("POST", f"/channels/{loopback.channel(channel).id}/messages", body)
    assert status == 200, message
    return message["id"]


async def _deny(loopback: Loopback, channel: str, permission: int) -> None:
    guild = loopback.guild
    assert guild is not None
    await loopback.set_overwrite(guild.channel(channel), guild.role("Keitora"), deny=permission)


def refusal(answer: tuple[int, Any]) -> tuple[int, int]:
    status, body = answer
    return status, body["code"]


async def test_the_bot_may_not_edit_even_its_own_message_where_it_may_not_view(
    loopback: Loopback, rest: RestCall
) -> None:
    card = await _post(rest, loopback, "meetups", content="Kei Truck Day")
    await _deny(loopback, "meetups", VIEW)
    path = f"/channels/{loopback.channel('meetups').id}/messages/{card}"

    assert refusal(await rest("PATCH", path, {"content": "Kei Truck Day, moved"})) == (403, 50001)
    assert [m.content for m in loopback.messages("meetups")] == ["Kei Truck Day"]


async def test_a_channel_and_its_messages_are_hidden_where_the_bot_may_not_view(
    loopback: Loopback, rest: RestCall
) -> None:
    card = await _post(rest, loopback, "meetups", content="Kei Truck Day")
    channel = loopback.channel("meetups").id
    await _deny(loopback, "meetups", VIEW)

    assert refusal(await rest("GET", f"/channels/{channel}")) == (403, 50001)
    assert refusal(await rest("GET", f"/channels/{channel}/messages/{card}")) == (403, 50001)
    assert refusal(await rest("GET", f"/channels/{channel}/messages?limit=5")) == (403, 50001)


async def test_reading_messages_takes_read_message_history(
    loopback: Loopback, rest: RestCall
) -> None:
    card = await _post(rest, loopback, "meetups", content="Kei Truck Day")
    channel = loopback.channel("meetups").id
    await _deny(loopback, "meetups", HISTORY)

    assert refusal(await rest("GET", f"/channels/{channel}/messages/{card}")) == (403, 50013)
    # A page of history comes back empty, not refused.
    assert await rest("GET", f"/channels/{channel}/messages?limit=5") == (200, [])
    status, _ = await rest("GET", f"/channels/{channel}")
    assert status == 200


async def test_a_reply_takes_read_message_history(loopback: Loopback, rest: RestCall) -> None:
    card = await _post(rest, loopback, "meetups", content="Kei Truck Day")
    await _deny(loopback, "meetups", HISTORY)
    reply = {"content": "Moved to noon", "message_reference": {"message_id": card}}

    answer = await rest("POST", f"/channels/{loopback.channel('meetups').id}/messages", reply)

    assert refusal(answer) == (403, 50013)
    assert [m.content for m in loopback.messages("meetups")] == ["Kei Truck Day"]


async def test_publishing_takes_send_messages_and_for_a_members_post_manage_messages(
    loopback: Loopback, rest: RestCall
) -> None:
    announcements = loopback.channel("announcements")
    own = await _post(rest, loopback, "announcements", content="Hijet arrivals")
    members = await loopback.post(announcements, "Acty for sale", actor=loopback.member("Yoshi"))

    def crosspost(message_id: str) -> Any:
        return rest("POST", f"/channels/{announcements.id}/messages/{message_id}/crosspost")

    await _deny(loopback, "announcements", Permission.MANAGE_MESSAGES)
    assert refusal(await crosspost(members.id)) == (403, 50013)
    await _deny(loopback, "announcements", Permission.SEND_MESSAGES)
    assert refusal(await crosspost(own)) == (403, 50013)
    await _deny(loopback, "announcements", 0)
    status, published = await crosspost(own)
    assert (status, published["flags"] & 1) == (200, 1)
    assert [m.flags & 1 for m in loopback.messages("announcements")] == [1, 0]


async def test_a_reaction_takes_history_and_add_reactions_only_when_it_is_the_first(
    loopback: Loopback, rest: RestCall
) -> None:
    card = await _post(rest, loopback, "meetups", content="Kei Truck Day")
    path = f"/channels/{loopback.channel('meetups').id}/messages/{card}/reactions"
    [stored] = loopback.messages("meetups")
    await loopback.react(stored, "🚚", actor=loopback.member("Mika"))
    await _deny(loopback, "meetups", Permission.ADD_REACTIONS)

    assert (await rest("PUT", f"{path}/%F0%9F%9A%9A/@me"))[0] == 204  # joins Mika's
    assert refusal(await rest("PUT", f"{path}/%F0%9F%9B%BB/@me")) == (403, 50013)  # a new one
    await _deny(loopback, "meetups", HISTORY)
    assert refusal(await rest("PUT", f"{path}/%F0%9F%9A%9A/@me")) == (403, 50013)
    assert [r["count"] for r in loopback.world.messages[stored.channel_id][card]["reactions"]] == [
        2
    ]
