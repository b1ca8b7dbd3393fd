"""Mentions as a reader sees them in the sandbox: a channel the loopback world does not know is
`#unknown`, as Discord's client shows a channel mention it cannot resolve, never a raw id."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sandbox import Loopback
from sandbox.directory import Directory
from sandbox.render import render_markup


def test_a_channel_the_world_does_not_know_reads_as_unknown() -> None:
    loopback = Loopback(spec=None)
    names = Directory(loopback)
    meetups = loopback.channel("meetups").id
    text = f"Posted in <#{meetups}>, moved from <#1578573603870343168>"

    shown = render_markup(text, ZoneInfo("UTC"), names.name_of)

    assert shown == "Posted in #meetups, moved from #unknown"


def test_a_user_or_role_the_world_does_not_know_reads_as_discord_shows_it() -> None:
    loopback = Loopback(spec=None)
    names = Directory(loopback)
    mika, moderator = loopback.member("Mika").id, loopback._demo().role("Moderator").id
    text = f"<@{mika}> and <@1578573603870343168>, <@&{moderator}> and <@&1578573603870343169>"

    shown = render_markup(text, ZoneInfo("UTC"), names.name_of)

    assert shown == "@Mika and @unknown-user, @Moderator and @deleted-role"


def test_an_escaped_mention_or_timestamp_reads_as_discord_shows_it_literal() -> None:
    loopback = Loopback(spec=None)
    names = Directory(loopback)
    mika, moderator = loopback.member("Mika").id, loopback._demo().role("Moderator").id
    text = (
        rf"\<@&{moderator}> \<@{mika}> \<#1> \<t:0:R>, after a backslash: \\<@{mika}>, "
        rf"\\\<@{mika}>"
    )

    shown = render_markup(text, ZoneInfo("UTC"), names.name_of)

    # A backslash before < shows the code as typed; a doubled one is a backslash, and the
    # code after it is live.
    assert shown == (
        rf"<@&{moderator}> <@{mika}> <#1> <t:0:R>, after a backslash: \@Mika, \<@{mika}>"
    )


def test_an_escaped_command_or_server_link_reads_literal_without_its_backslash() -> None:
    names = Directory(Loopback(spec=None))
    text = r"\</help:1> \</build start:2> \<id:customize> \<id:linked-roles:3>, live: </help:1>"

    shown = render_markup(text, ZoneInfo("UTC"), names.name_of)

    assert shown == "</help:1> </build start:2> <id:customize> <id:linked-roles:3>, live: </help:1>"
