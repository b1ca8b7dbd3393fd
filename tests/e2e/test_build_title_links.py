"""A build's title that is or holds a link, bare or masked, is refused where typed, at the start
and at a rename, and nothing is posted or changed: the title names the build in its thread's
name, lists and ballots, where a link would take whoever clicks it elsewhere."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import (
    EDIT_CHANNEL,
    EDIT_MESSAGE,
    FORUM_POST,
    builds_channel,
    forum_build,
    requests,
    start,
)

REFUSED = (
    "A build's title may not hold a link: it names the build in its thread, lists and ballots. "
    "A link can go in an update."
)


async def test_a_link_as_a_title_is_refused_at_the_start_and_at_a_rename(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    for title in ("[click](http://127.0.0.1/)", "http://127.0.0.1/", "Carry www.example.com"):
        started = await start(loopback, title=title)
        assert (started.ephemeral, started.text) == (True, REFUSED)
    assert requests(loopback, FORUM_POST) == []

    thread = await forum_build(loopback)
    changes = len(requests(loopback, EDIT_MESSAGE)), len(requests(loopback, EDIT_CHANNEL))
    renamed = await loopback.slash("build rename", title="[x](https://example.com)", where=thread)
    assert (renamed.ephemeral, renamed.text) == (True, REFUSED)
    assert (len(requests(loopback, EDIT_MESSAGE)), len(requests(loopback, EDIT_CHANNEL))) == changes
    shown = await loopback.slash("build show", build="1")
    assert shown.record.callback_body is not None
    assert "example.com" not in str(shown.record.callback_body)
