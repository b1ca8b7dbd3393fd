"""A forget clicked in one server says it could not take back the importer role a forgotten
profile had in another only where the member holds that role there: Keitora, without the
members intent, asks Discord for the member. Asserted on what the bot sent."""

from __future__ import annotations

import pytest

from sandbox import Loopback
from sandbox.state import Guild, RoleRef

from .conftest import RunningBot
from .test_privacy import FORGET_ME


async def importer_elsewhere(loopback: Loopback, *, holds_role: bool) -> Guild:
    """Yoshi registered as an importer in a second server, whose importer role Keitora may not
    give or take; holding that role there or not."""
    other = loopback.add_guild("Other Kei Club", owner="Ottó")
    general = other.add_channel("general")
    announcements, queue = other.add_channel("announcements"), other.add_channel("mod-queue")
    importer: RoleRef = other.add_role("Importer")
    yoshi = loopback.member("Yoshi")
    other.add_member("Yoshi", [importer] if holds_role else [], user_id=yoshi.id)
    await loopback.gateway.dispatch("GUILD_CREATE", other.gateway_payload())
    owner = other.member("Ottó")
    for kind, channel in (("announcements", announcements), ("modqueue", queue)):
        await loopback.slash(
            "setup channel", kind=kind, channel=channel, actor=owner, where=general
        )
    await loopback.slash("setup role", kind="importer", role=importer, actor=owner, where=general)
    registered = await loopback.slash(
        "importer-mod register",
        name="Kei Imports",
        member=other.member("Yoshi"),
        state="TX",
        trusted=True,
        actor=owner,
        where=general,
    )
    assert registered.content.startswith("Registered “Kei Imports”"), registered.text
    return other


ROLE_KEPT = "I could not take back your importer role in Other Kei Club: I need Manage Roles"


@pytest.mark.parametrize("holds_role", [False, True])
async def test_a_role_is_said_to_stay_in_another_server_only_where_the_member_holds_it(
    keitora: RunningBot, loopback: Loopback, holds_role: bool
) -> None:
    await importer_elsewhere(loopback, holds_role=holds_role)
    yoshi = loopback.member("Yoshi")
    confirmation = await loopback.slash("privacy forget", actor=yoshi)

    done = await loopback.click(confirmation, FORGET_ME, actor=yoshi)

    said = done.record.callback_body["data"]["content"]
    assert "importer profile (1)" in said
    assert (ROLE_KEPT in said) == holds_role, said
    assert holds_role or "role" not in said, said
