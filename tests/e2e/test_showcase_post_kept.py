"""A feature whose post is out is kept, whatever fails after it: a pin the network lost, say.
Given back, its nominations would wait again and the build could be featured twice."""

from __future__ import annotations

import aiohttp
import pytest

from cogs._showcase_posts import ShowcasePosts
from sandbox import Loopback

from .conftest import ErrorLog, RunningBot
from .test_showcase_nominations import dales_nomination_posted, posted_to


async def test_a_feature_posted_before_its_pin_failed_is_not_featured_again(
    keitora: RunningBot,
    loopback: Loopback,
    error_log: ErrorLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    queued = await dales_nomination_posted(loopback)
    marcus = loopback.member("Marcus")

    async def connection_lost(*_: object) -> tuple[bool, str]:
        raise aiohttp.ClientConnectionError("the connection dropped while pinning")

    monkeypatch.setattr(ShowcasePosts, "_pin", connection_lost)
    failed = await loopback.click(queued, "Approve", actor=marcus)
    assert "Something went wrong" in failed.text
    error_log.records.clear()  # the dropped connection, logged as it should be
    monkeypatch.undo()
    [feature] = posted_to(loopback, "showcase")

    listed = await loopback.slash("modqueue", actor=marcus)
    assert "nomination #1" not in listed.text  # answered by the feature that is out
    again = await loopback.slash("showcase-mod feature", build="1", actor=marcus)
    assert again.text == "Build #1 is featured already."
    assert posted_to(loopback, "showcase") == [feature]
