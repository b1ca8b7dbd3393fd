"""A build command naming no build, outside a build's thread, keeps to one build: the member's
newest. A command sent twice (a double send, or a second try to see that it worked) answers
about the build the first changed, never changing another of the member's builds."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import builds_channel, start


async def two_builds(loopback: Loopback) -> None:
    """Mika's builds #1 and #2, both open."""
    await builds_channel(loopback)
    await start(loopback, title="Old Acty", truck="1995 Honda Acty")
    await start(loopback, title="New Carry", truck="1994 Suzuki Carry DA51T")


async def test_close_and_reopen_sent_twice_keep_to_the_members_newest_build(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await two_builds(loopback)

    assert (await loopback.slash("build close")).text == "Build #2 is closed."
    again = await loopback.slash("build close")
    assert again.ephemeral
    assert again.text == "Build #2 is closed already."
    assert (await loopback.slash("build reopen")).text == "Build #2 is open again."
    again = await loopback.slash("build reopen")
    assert again.ephemeral
    assert again.text == "Build #2 is open already."
    # The older build was never touched: it is open, and closes when named.
    assert (await loopback.slash("build close", build="1")).text == "Build #1 is closed."
    none = await loopback.slash("build reopen", actor=loopback.member("Dale"))
    assert none.text == "You have no builds to reopen."


async def test_a_change_after_closing_the_newest_build_does_not_move_to_an_older_one(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await two_builds(loopback)
    await loopback.slash("build close")

    update = await loopback.slash("build update", text="New tyres")
    assert update.text == "Build #2 is closed; reopen it with `/build reopen` to post updates."
    part = await loopback.slash("build part add", name="Tyres", cost="300")
    assert part.text == "Build #2 is closed; reopen it with `/build reopen` to change its parts."
    rename = await loopback.slash("build rename", title="Newer Carry")
    assert rename.text.startswith("Build #2 is closed"), rename.text
    listed = await loopback.slash("build part list")
    assert "#2" in listed.text or any("#2" in e.get("title", "") for e in listed.embeds)
