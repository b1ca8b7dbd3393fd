"""/privacy forget through the loopback asks only what there is to choose: a member with no
builds gets one "Forget me", a member with builds the choice of what becomes of them; and the
report says when Keitora could not take back the importer role a forgotten profile held, as
registering and suspending do. Asserted on what the bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import forum_build
from .test_importers import (
    loopback,  # noqa: F401 (the fixture)
    server_ready,
)
from .test_privacy import DELETE_BUILDS, FORGET_ME, KEEP_BUILDS


async def test_a_member_with_a_build_chooses_what_becomes_of_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await forum_build(loopback, "Mika")
    mika = loopback.member("Mika")

    confirmation = await loopback.slash("privacy forget", actor=mika)

    assert confirmation.message is not None
    assert confirmation.message.buttons == [DELETE_BUILDS, KEEP_BUILDS, "Cancel"]
    assert "**Your builds**: delete them" in confirmation.content
    # One with none is asked nothing of builds (test_privacy: Dale's forget).
    dale = loopback.member("Dale")
    await loopback.slash("alerts add", keywords="carry dump", actor=dale)
    asked = await loopback.slash("privacy forget", actor=dale)
    assert asked.message is not None
    assert asked.message.buttons == [FORGET_ME, "Cancel"]
    assert "Your builds" not in asked.content


async def test_a_forgotten_importers_role_the_bot_may_not_take_back_is_said_to_stay(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Yoshi holds the importer role already; the bot may not manage roles.
    importer_role = loopback.guild.role("Importer").id
    yoshi = loopback.member("Yoshi")
    await server_ready(loopback, trusted=True)

    confirmation = await loopback.slash("privacy forget", actor=yoshi)
    done = await loopback.click(confirmation, FORGET_ME, actor=yoshi)

    said = done.content
    assert "importer profile (1)" in said
    assert f"I could not take back your <@&{importer_role}> role: I need Manage Roles" in said
    assert "a moderator can take it from you" in said


async def test_a_forgotten_importer_who_never_had_the_role_hears_nothing_of_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Registered while the bot could not give Rosa the role: there is none to take back.
    rosa = loopback.member("Rosa")
    await server_ready(loopback, trusted=True, member="Rosa")

    confirmation = await loopback.slash("privacy forget", actor=rosa)
    done = await loopback.click(confirmation, FORGET_ME, actor=rosa)

    said = done.content
    assert "importer profile (1)" in said
    assert "role" not in said
