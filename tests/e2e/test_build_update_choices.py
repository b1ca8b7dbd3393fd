"""Who sees `/build delete-update`'s list of updates, through the loopback: the owner and the
moderators, of the build named (or whose thread this is); a list left empty is logged with why,
since Discord shows the member an empty list whatever the cause."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import forum_build

LISTED = "2026-12-04 UTC · Roof rack on · $120.00"


async def test_moderators_see_the_updates_of_the_build_they_name_and_an_empty_list_is_logged(
    loopback: Loopback, keitora: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    keitora.clock.set(datetime(2026, 12, 4, 18, 0, tzinfo=UTC))  # the same day in Denver
    thread = await forum_build(loopback)
    await loopback.slash("build update", text="Roof rack on", cost="120", where=thread)
    general = loopback.channel("general")
    for name in ("Mika", "Marcus", "Akiko"):
        listed = await loopback.autocomplete(
            "build delete-update",
            "update",
            "",
            build="1",
            actor=loopback.member(name),
            where=general,
        )
        assert [choice["name"] for choice in listed] == [LISTED], name
    await loopback.slash("timezone set", tz="America/Denver", actor=loopback.member("Marcus"))
    [dated] = await loopback.autocomplete(
        "build delete-update", "update", "", where=thread, actor=loopback.member("Marcus")
    )
    assert dated["name"] == "2026-12-04 · Roof rack on · $120.00"

    # Asked before a build is named, outside any build's thread: a moderator owning none gets
    # an empty list, and the log says why.
    caplog.set_level(logging.INFO, logger="bot.client.interactions")
    unnamed = await loopback.autocomplete(
        "build delete-update", "update", "", actor=loopback.member("Marcus"), where=general
    )
    assert unnamed == []
    assert any(
        "lists nothing" in record.getMessage() and "You have no builds" in record.getMessage()
        for record in caplog.records
    ), [record.getMessage() for record in caplog.records]


async def test_an_empty_parts_list_is_logged_with_why(
    loopback: Loopback, keitora: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.client.interactions")
    unnamed = await loopback.autocomplete(
        "build part remove", "part", "", actor=loopback.member("Marcus")
    )
    assert unnamed == []
    assert any(
        record.getMessage().startswith("part autocomplete lists nothing: ")
        for record in caplog.records
    ), [record.getMessage() for record in caplog.records]
