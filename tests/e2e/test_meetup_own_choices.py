"""`/meetup restore`, `/meetup edit` and `/meetup cancel` suggest a member only the meetups they
may act on: their own, or every meetup to a moderator. Read from the choices the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetups import create


async def test_a_member_is_offered_only_their_own_meetups_and_a_moderator_every_one(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Tammy's", when="dec 12 10am")
    made = await create(loopback, actor="Dale", title="Dale's", when="dec 13 10am")
    assert made.content.startswith("Posted"), made.content
    await create(loopback, title="Tammy's on", when="dec 14 10am")
    guild, meetups = loopback.guild.id, keitora.bot.services.meetups
    for meetup_id in (1, 2):
        await meetups.cancel(guild, meetup_id)

    async def offered(command: str, member: str) -> list[str]:
        actor = loopback.member(member)
        choices = await loopback.autocomplete(command, "meetup", "", actor=actor)
        return [choice["value"] for choice in choices]

    assert await offered("meetup restore", "Dale") == ["2"]
    assert await offered("meetup restore", "Tammy") == ["1"]
    assert await offered("meetup restore", "Marcus") == ["1", "2"]
    assert await offered("meetup edit", "Tammy") == ["3"]
    assert await offered("meetup cancel", "Dale") == []
    assert await offered("meetup cancel", "Marcus") == ["3"]
