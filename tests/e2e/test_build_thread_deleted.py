"""A forum build whose thread Discord deleted (a moderator deleting the post, heard as
THREAD_DELETE): the build stays, marked as having none; what still waited to be done to the
thread (its new name) is let go of, and forgetting its owner asks nothing more of Discord, as
its card went with its thread (deleting the build alone: test_build_delete.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.builds import BUILD_THREAD_NAME_JOB
from bot.privacy.posts import FORGET_FOLLOW_UP_JOB
from sandbox import ChannelRef, Loopback

from .conftest import RunningBot, eventually
from .test_build_delete import deleted_by_discord
from .test_build_renames import renames_of, third_rename_waiting
from .test_builds import forum_build
from .test_privacy import DELETE_BUILDS, forget
from .test_showcase_nominations import dms_sent_to


async def jobs_of(keitora: RunningBot, kind: str, state: str | None = None) -> list[str]:
    """The keys of the jobs of `kind` (in `state` only, when given)."""
    rows = await keitora.store.fetchall(
        "SELECT key FROM jobs WHERE kind = ? AND (? IS NULL OR state = ?) ORDER BY key",
        (kind, state, state),
    )
    return [row["key"] for row in rows]


def asked_of(loopback: Loopback, thread: ChannelRef, since: int) -> list[str]:
    """The requests the bot made, since the `since`-th, of the thread or its messages."""
    return [
        f"{r.method} {r.path}"
        for r in loopback.requests[since:]
        if r.path == f"/channels/{thread.id}" or r.path.startswith(f"/channels/{thread.id}/")
    ]


async def test_a_rename_waiting_for_a_thread_discord_deleted_is_let_go(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await third_rename_waiting(loopback)
    assert len(await jobs_of(keitora, BUILD_THREAD_NAME_JOB, "pending")) == 1  # v4's

    await deleted_by_discord(loopback, keitora, thread)
    since = len(loopback.requests)

    async def let_go() -> bool:
        return await jobs_of(keitora, BUILD_THREAD_NAME_JOB, "pending") == []

    await eventually(let_go, "the waiting rename let go")
    keitora.clock.advance(timedelta(minutes=15))  # past when it would have been renamed
    await keitora.bot.job_runner.run_due()
    await loopback.bot_quiet()
    assert asked_of(loopback, thread, since) == []
    assert renames_of(loopback, thread) == ["Camper Carry v2", "Camper Carry v3"]
    shown = await loopback.slash("build show", build="1")
    assert "Camper Carry v4" in str(shown.embeds[0])  # the build itself kept its new title


@pytest.mark.parametrize("posted_before_0048", [False, True])
async def test_forgetting_the_owner_of_a_forum_build_whose_thread_discord_deleted(
    loopback: Loopback, keitora: RunningBot, posted_before_0048: bool
) -> None:
    thread = await forum_build(loopback)
    if posted_before_0048:  # where its card is was not recorded then: its forum tells
        await keitora.store.execute("UPDATE builds SET card_in_thread = NULL WHERE id = 1")
    await deleted_by_discord(loopback, keitora, thread)
    since = len(loopback.requests)

    done = await forget(loopback, loopback.member("Mika"), DELETE_BUILDS)
    assert "**Deleted:** builds (1)." in done.text
    assert await jobs_of(keitora, FORGET_FOLLOW_UP_JOB) == []
    await loopback.bot_quiet()
    assert asked_of(loopback, thread, since) == []


async def test_a_lock_dm_about_a_build_whose_thread_discord_deleted_says_so_and_links_nothing(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await deleted_by_discord(loopback, keitora, thread)

    await loopback.slash("build-mod lock", build="1", actor=loopback.member("Marcus"))

    await eventually(lambda: bool(dms_sent_to(loopback, "Mika")), "the lock's DM")
    [locked] = dms_sent_to(loopback, "Mika")
    assert str(locked["content"]).endswith("Its thread was deleted.")
    assert "discord.com/channels" not in str(locked["content"])
