"""The query string of each call is checked against the parameters Discord's spec declares for
the route, as the body is: a page larger than Discord serves is refused before any handler."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox import Loopback

from .conftest import ProbeBot, RestCall


async def test_a_member_page_past_1000_is_refused_as_an_invalid_form(
    discord_spec: Path | None, loopback: Loopback, bot: ProbeBot, rest: RestCall
) -> None:
    if discord_spec is None:
        pytest.skip("without the spec there is nothing to check the query against")
    members = f"/guilds/{loopback.guild.id}/members"

    status, _ = await rest("GET", f"{members}?limit=1000")
    refused = await rest("GET", f"{members}?limit=1001")

    assert status == 200
    assert (refused[0], refused[1]["code"], list(refused[1]["errors"])) == (400, 50035, ["limit"])
    found = [(v.direction, v.pointer) for v in loopback.violations if v.direction == "query"]
    assert found == [("query", "/limit")]
    loopback.core.violations.clear()
