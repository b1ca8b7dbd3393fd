"""A moderator's close or reopen of a member's build, and an unlock, told by a DM the outbox
sends late (the bot stopped before it got to it), through the loopback: the DM reads what became
of the build meanwhile, all of it, not the trailing link alone: no archived thread or
`/build reopen` for a thread or build gone, no updates to post to a build deleted or locked."""

from __future__ import annotations

from sandbox import Loopback
from sandbox.demo import DEMO_GUILD

from .conftest import RunningBot, eventually
from .test_build_delete import deleted_by_discord
from .test_builds import forum_build
from .test_showcase_nominations import dms_sent_to

CLOSED = f"A moderator of **{DEMO_GUILD}** closed your build “Camper Carry” (#1)"
REOPENED = f"A moderator of **{DEMO_GUILD}** reopened your build “Camper Carry” (#1)"


async def sent_late(loopback: Loopback, keitora: RunningBot, count: int = 1) -> list[str]:
    """The DMs to Mika the next client sends, the outbox having stopped before them."""
    assert dms_sent_to(loopback, "Mika") == []
    await keitora.restart()
    await eventually(lambda: len(dms_sent_to(loopback, "Mika")) == count, "the late DMs")
    return [str(dm["content"]) for dm in dms_sent_to(loopback, "Mika")]


async def closed_by_a_moderator(loopback: Loopback, keitora: RunningBot) -> None:
    """Marcus closes Mika's build #1 while the outbox is stopped."""
    await keitora.bot.job_runner.stop()
    await loopback.slash("build close", build="1", actor=loopback.member("Marcus"))


async def test_a_close_told_after_discord_deleted_the_thread_offers_no_archived_thread(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await closed_by_a_moderator(loopback, keitora)
    await deleted_by_discord(loopback, keitora, thread)

    [closed] = await sent_late(loopback, keitora)
    assert closed == f"{CLOSED}. Its thread was deleted."


async def test_a_close_told_after_its_owner_deleted_the_build_offers_no_reopen(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    await closed_by_a_moderator(loopback, keitora)
    asked = await loopback.slash("build delete", build="1")
    await loopback.click(asked, "Delete it")

    [closed] = await sent_late(loopback, keitora)
    assert closed == f"{CLOSED}. You have since deleted it."


async def test_a_reopen_told_after_a_lock_or_a_deletion_offers_no_updates(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    await forum_build(loopback, title="Dump Carry")  # build #2
    marcus = loopback.member("Marcus")
    for build in ("1", "2"):
        await loopback.slash("build close", build=build)  # the owner's own: nobody told
    await keitora.bot.job_runner.stop()
    for build in ("1", "2"):
        await loopback.slash("build reopen", build=build, actor=marcus)
    await loopback.slash("build-mod lock", build="1", actor=marcus)
    asked = await loopback.slash("build delete", build="2")
    await loopback.click(asked, "Delete it")

    locked, reopened, deleted = sorted(await sent_late(loopback, keitora, 3))
    assert reopened.startswith(f"{REOPENED}. Its thread: https://discord.com/channels/")
    assert deleted == (
        f"A moderator of **{DEMO_GUILD}** reopened your build “Dump Carry” (#2). "
        "You have since deleted it."
    )
    assert locked.startswith(f"A moderator of **{DEMO_GUILD}** locked your build")


async def test_an_unlock_told_after_its_owner_deleted_the_build_offers_no_updates(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    marcus = loopback.member("Marcus")
    await loopback.slash("build-mod lock", build="1", actor=marcus)
    await eventually(lambda: len(dms_sent_to(loopback, "Mika")) == 1, "the lock's DM")
    await keitora.bot.job_runner.stop()
    await loopback.slash("build-mod unlock", build="1", actor=marcus)
    asked = await loopback.slash("build delete", build="1")
    await loopback.click(asked, "Delete it")

    await keitora.restart()
    await eventually(lambda: len(dms_sent_to(loopback, "Mika")) == 2, "the unlock's DM")
    assert dms_sent_to(loopback, "Mika")[1]["content"] == (
        f"A moderator of **{DEMO_GUILD}** unlocked your build “Camper Carry” (#1). "
        "You have since deleted it."
    )
