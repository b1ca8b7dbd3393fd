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
