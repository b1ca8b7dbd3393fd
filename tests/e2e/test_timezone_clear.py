"""`/timezone set tz:none` (or server, reset) clears a member's own zone, so the server's applies
again, and the reply names the zone that now applies."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot


async def test_none_server_or_reset_clears_the_members_zone_and_names_the_servers(
    keitora: RunningBot, loopback: Loopback
) -> None:
    tammy = loopback.member("Tammy")
    members, guild = keitora.bot.services.meetups.members, int(loopback.guild.id)
    await loopback.slash("timezone set", tz="Tokyo", actor=tammy)
    # A server without a zone: the times must name one.
    reply = await loopback.slash("timezone set", tz="none", actor=tammy)
    assert reply.content == (
        "Your own time zone is cleared: the times you type for new meetups are read in none: "
        "this server has no zone either, so name one in the time (`sat 10am PT`)."
    )
    await loopback.slash("setup timezone", tz="America/Denver", actor=loopback.member("Akiko"))
    await loopback.slash("timezone set", tz="Tokyo", actor=tammy)

    for typed in ("none", "Server", "reset"):
        reply = await loopback.slash("timezone set", tz=typed, actor=tammy)
        sent = reply.record.callback_body["data"]  # type: ignore[index]
        assert sent["flags"] & 64  # ephemeral
        assert await members.member_zone(guild, int(tammy.id)) is None
        if typed == "none":
            assert sent["content"] == (
                "Your own time zone is cleared: the times you type for new meetups are read in "
                "the server's, **America/Denver**."
            )
        else:
            assert sent["content"] == (
                "You have no time zone of your own: the times you type for new meetups are "
                "read in the server's, **America/Denver**; nothing changed."
            )

    shown = await loopback.slash("timezone show", actor=tammy)
    assert "the server's, **America/Denver**" in shown.content
