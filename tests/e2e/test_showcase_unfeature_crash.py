"""A bot stopped in the middle of `/showcase-mod unfeature`: whichever of the post's delete and
the record's comes first, the build is never left with a showcase post nobody can take out,
and featuring it again makes its one post."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bot.showcase import ShowcaseService
from sandbox import Loopback

from .conftest import ErrorLog, RunningBot
from .test_showcase import setup_channels, showcase_posts, start_builds
from .test_showcase_crash import Died
from .test_showcase_pins import feature


@contextlib.contextmanager
def dies_after(
    monkeypatch: pytest.MonkeyPatch, error_log: ErrorLog, name: str, *, doing: bool
) -> Iterator[None]:
    """The bot stops after (`doing`) or instead of the service's `name` step."""
    step: Callable[..., Any] = getattr(ShowcaseService, name)

    async def died(*args: object) -> None:
        if doing:
            await step(*args)
        raise Died

    monkeypatch.setattr(ShowcaseService, name, died)
    try:
        yield
    finally:
        monkeypatch.undo()
    error_log.records.clear()  # the dying step, logged by the interaction's handler


async def unfeature(loopback: Loopback) -> str:
    reply = await loopback.slash(
        "showcase-mod unfeature", build="1", actor=loopback.member("Marcus")
    )
    return reply.text


@pytest.mark.parametrize("doing", [True, False], ids=["after-the-record", "before-the-record"])
async def test_an_unfeature_cut_short_leaves_no_post_behind(
    keitora: RunningBot,
    loopback: Loopback,
    monkeypatch: pytest.MonkeyPatch,
    error_log: ErrorLog,
    doing: bool,
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    await feature(loopback, 1)
    with dies_after(monkeypatch, error_log, "unfeature", doing=doing):
        await unfeature(loopback)
    await keitora.restart()

    if not doing:  # the record was not made: the moderator's next try makes it
        assert "no longer featured" in await unfeature(loopback)
    assert showcase_posts(loopback) == []
    assert "Build #1 is featured in" in await feature(loopback, 1)
    assert len(showcase_posts(loopback)) == 1
