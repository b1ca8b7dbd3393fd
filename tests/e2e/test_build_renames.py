"""/build rename through the loopback: the record and the card change at once, the thread takes
the title as typed, and Discord's two renames of a thread in ten minutes neither lose a rename
nor hold the member's command for minutes."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest

from bot.thread_names import THREAD_NAME_FOLLOW_UP
from cogs import _thread_names
from sandbox import ChannelRef, File, Loopback
from sandbox.state import Permission

from .conftest import RunningBot, eventually
from .test_builds import (
    EDIT_CHANNEL,
    EDIT_MESSAGE,
    FORUM_POST,
    PNG,
    THREAD_FROM_MESSAGE,
    builds_channel,
    forum_build,
    newest_thread,
    requests,
    start,
)
from .test_setup import overwrite_bot
from .test_showcase import ballot_message, setup_channels, showcase_posts, start_builds

PHOTO = File("bed.png", PNG, "image/png")


def renames_of(loopback: Loopback, thread: ChannelRef) -> list[str]:
    """The names the bot asked for the thread, in order (each PATCH that carried one)."""
    return [
        r.request["name"]
        for r in requests(loopback, EDIT_CHANNEL)
        if r.path == f"/channels/{thread.id}" and "name" in (r.request or {})
    ]


def name_of(loopback: Loopback, thread: ChannelRef) -> str:
    return str(loopback.world.channels[thread.id]["name"])


def card_titles(loopback: Loopback, thread: ChannelRef) -> list[str]:
    return [
        r.request["embeds"][0]["title"]
        for r in requests(loopback, EDIT_MESSAGE)
        if r.path == f"/channels/{thread.id}/messages/{thread.id}"
    ]


async def third_rename_waiting(loopback: Loopback) -> ChannelRef:
    """A build renamed three times in a row: its thread takes the first two titles, and the
    third waits for Discord's renames to free up."""
    thread = await forum_build(loopback)
    for title in ("Camper Carry v2", "Camper Carry v3", "Camper Carry v4"):
        await loopback.slash("build rename", title=title, where=thread)
    assert renames_of(loopback, thread) == ["Camper Carry v2", "Camper Carry v3"]
    return thread


def age_renames(loopback: Loopback, thread: ChannelRef, keitora: RunningBot) -> None:
    """Ten minutes pass, for Discord's count of renames and for the bot."""
    renamed = loopback.world.renames.get(thread.id, [])
    loopback.world.renames[thread.id] = [at - timedelta(minutes=10) for at in renamed]
    keitora.clock.advance(timedelta(minutes=10))


async def test_a_thread_is_named_by_the_title_as_typed(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    title = "#1 Camper Carry 軽トラ 🚚"
    reply = await start(loopback, title=title)
    [post] = requests(loopback, FORUM_POST)
    assert post.request["name"] == title  # not "#1 #1 Camper…", shown as "##1 …" in mentions
    assert "started in <#" in reply.text

    await builds_channel(loopback, "general")
    await start(loopback, title="C" * 100, truck="Honda Acty HA4")
    [thread] = requests(loopback, THREAD_FROM_MESSAGE)
    assert thread.request["name"] == "C" * 100  # the whole title, within Discord's 100


async def test_a_rename_changes_the_card_and_the_thread_at_once(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    reply = await loopback.slash(
        "build rename", title="#1 Camper Carry ✨", truck="1996 Honda Acty HA4", where=thread
    )
    assert reply.ephemeral
    assert "Build #1 is now “\\#1 Camper Carry ✨”, “1996 Honda Acty HA4”" in reply.text
    assert f"Its thread is <#{thread.id}>" in reply.text
    assert renames_of(loopback, thread) == ["#1 Camper Carry ✨"]
    assert card_titles(loopback, thread)[-1] == "#1 · \\#1 Camper Carry ✨"
    shown = await loopback.slash("build show", where=thread)
    assert "1996 Honda Acty HA4" in str(shown.embeds[0])

    # A new truck alone leaves the thread's name be.
    await loopback.slash("build rename", truck="1996 Honda Acty HA4 4WD", where=thread)
    assert renames_of(loopback, thread) == ["#1 Camper Carry ✨"]


async def test_a_third_rename_in_ten_minutes_is_kept_and_the_thread_follows_later(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    for title in ("Camper Carry v2", "Camper Carry v3"):
        await loopback.slash("build rename", title=title, where=thread)
    assert renames_of(loopback, thread) == ["Camper Carry v2", "Camper Carry v3"]

    started = time.monotonic()
    third = await loopback.slash("build rename", title="Camper Carry v4", where=thread)
    assert time.monotonic() - started < 2
    assert "at most twice in 10 minutes" in third.text
    assert "takes the new name <t:" in third.text
    # Not even asked: Discord would hold the command for minutes.
    assert renames_of(loopback, thread) == ["Camper Carry v2", "Camper Carry v3"]
    assert card_titles(loopback, thread)[-1] == "#1 · Camper Carry v4"
    assert name_of(loopback, thread) == "Camper Carry v3"

    await loopback.slash("build rename", title="Camper Carry v5", where=thread)
    age_renames(loopback, thread, keitora)
    await keitora.bot.job_runner.run_due()
    assert name_of(loopback, thread) == "Camper Carry v5"  # the last title, once
    assert renames_of(loopback, thread)[2:] == ["Camper Carry v5"]
    await keitora.bot.job_runner.run_due()
    assert renames_of(loopback, thread)[2:] == ["Camper Carry v5"]


async def renamed_by_a_moderator(loopback: Loopback, monkeypatch: pytest.MonkeyPatch) -> ChannelRef:
    """A build's thread a moderator renamed twice in Discord just now, which the bot cannot
    know before it asks; Discord's hold on a rename is let go after half a second."""
    monkeypatch.setattr(_thread_names, "RENAME_WAIT", 0.5)
    thread = await forum_build(loopback)
    now = loopback.world.clock()
    loopback.world.renames[thread.id] = [now, now]
    return thread


async def test_a_rename_discord_holds_back_is_let_go_and_made_later(
    loopback: Loopback, keitora: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    thread = await renamed_by_a_moderator(loopback, monkeypatch)

    started = time.monotonic()
    reply = await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    assert time.monotonic() - started < 3
    assert "takes the new name <t:" in reply.text
    assert card_titles(loopback, thread)[-1] == "#1 · Camper Carry v2"
    assert name_of(loopback, thread) == "Camper Carry"

    age_renames(loopback, thread, keitora)
    await keitora.bot.job_runner.run_due()
    assert name_of(loopback, thread) == "Camper Carry v2"


async def test_an_archived_thread_is_renamed_and_archived_again(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.archive(thread)
    already = len(requests(loopback, EDIT_CHANNEL))
    reply = await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    assert "Its thread is" in reply.text
    # The rename reopens the thread itself (Discord changes an archived thread only so) for
    # the card's edit too (a forum post's card is in its thread), and it is archived again once.
    assert [r.request for r in requests(loopback, EDIT_CHANNEL)[already:]] == [
        {"archived": False, "name": "Camper Carry v2"},
        {"archived": True},
    ]
    assert card_titles(loopback, thread)[-1] == "#1 · Camper Carry v2"
    assert name_of(loopback, thread) == "Camper Carry v2"
    assert loopback.world.channels[thread.id]["thread_metadata"]["archived"] is True


async def test_bad_renames_are_refused_and_change_nothing(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    nothing = await loopback.slash("build rename", where=thread)
    assert nothing.ephemeral
    assert "new title, a new truck, or both" in nothing.text
    other = await loopback.slash(
        "build rename", title="Mine now", where=thread, actor=loopback.member("Dale")
    )
    assert other.ephemeral
    await loopback.slash("build close", where=thread)
    closed = await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    assert "reopen it with `/build reopen` to rename it" in closed.text
    assert renames_of(loopback, thread) == []
    assert name_of(loopback, thread) == "Camper Carry"


async def test_a_renamed_build_shows_its_new_title_on_its_showcase_post_and_open_ballot(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")
    marcus = loopback.member("Marcus")
    await loopback.slash("showcase-mod feature", build="1", actor=marcus)
    await loopback.slash("showcase-mod vote start", candidates="1, 2", actor=marcus)

    await loopback.slash("build rename", build="1", title="Camper Carry 軽トラ", actor=marcus)
    ballot = await ballot_message(loopback)
    assert ballot.buttons == ["#1 Camper Carry 軽トラ", "#2 Build 2"]
    [feature] = [m for m in showcase_posts(loopback) if not m.components]
    assert feature.embeds[0]["title"] == "★ #1 · Camper Carry 軽トラ"


async def test_a_title_with_markdown_characters_shows_as_typed_everywhere(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    title = "*Hijet* dump_bed_ ~~v2~~"
    shown = "\\*Hijet\\* dump\\_bed\\_ \\~\\~v2\\~\\~"
    await start(loopback, title=title)
    [post] = requests(loopback, FORUM_POST)
    assert post.request["name"] == title  # a thread name shows no Markdown
    assert post.request["message"]["embeds"][0]["title"] == f"#1 · {shown}"
    thread = newest_thread(loopback)
    await loopback.slash("build update", text="Bed mat", photo=PHOTO, where=thread)
    [update] = [m for m in loopback.messages(thread) if m.id != thread.id]
    assert update.embeds[0]["title"] == f"Update on #1 · {shown}"
    parts = await loopback.slash("build part list", where=thread)
    assert parts.embeds[0]["title"] == f"Parts of #1 · {shown}"
    gallery = await loopback.slash("build gallery", build="1")
    assert gallery.embeds[0]["title"] == f"#1 · {shown}"
    marcus = loopback.member("Marcus")
    await setup_channels(loopback)
    await loopback.slash("showcase-mod feature", build="1", actor=marcus)
    [feature] = showcase_posts(loopback)
    assert feature.embeds[0]["title"] == f"★ #1 · {shown}"


async def test_a_title_holding_discord_codes_shows_them_as_typed(
    loopback: Loopback, keitora: RunningBot
) -> None:
    # Timestamps and emoji would render, not read as typed (a channel link, a command's or a
    # server page's is refused, as mentions are: test_build_mentions).
    await builds_channel(loopback)
    await start(loopback, title="<t:0:R> <:kei:123>")
    [post] = requests(loopback, FORUM_POST)
    assert post.request["message"]["embeds"][0]["title"] == "#1 · \\<t:0:R> \\<:kei:123>"


async def lock_in_discord(loopback: Loopback, thread: ChannelRef, locked: bool = True) -> None:
    """A moderator locks (or unlocks) the thread in Discord, leaving it open."""
    channel = loopback.world.channels[thread.id]
    channel["thread_metadata"]["locked"] = locked
    await loopback.core.dispatch("THREAD_UPDATE", channel)


async def renamed_by_jobs(loopback: Loopback, thread: ChannelRef, keitora: RunningBot) -> bool:
    await keitora.bot.job_runner.run_due()
    return name_of(loopback, thread) == "Camper Carry v2"


async def test_a_thread_a_moderator_locked_in_discord_takes_its_name_once_unlocked(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await lock_in_discord(loopback, thread)
    reply = await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    assert f"keeps its name while a moderator locked <#{thread.id}> in Discord" in reply.text
    assert "takes the new title by itself once it is unlocked" in reply.text
    assert card_titles(loopback, thread)[-1] == "#1 · Camper Carry v2"  # the card follows
    keitora.clock.advance(timedelta(minutes=2))
    await keitora.bot.job_runner.run_due()
    assert renames_of(loopback, thread) == []  # not while locked

    await lock_in_discord(loopback, thread, locked=False)
    await eventually(
        lambda: renamed_by_jobs(loopback, thread, keitora), "the rename once unlocked", within=3
    )
    assert renames_of(loopback, thread) == ["Camper Carry v2"]


async def test_a_rename_again_with_the_same_title_renames_a_thread_that_lags_behind(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await lock_in_discord(loopback, thread)
    await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    # Unlocked while the bot was away: no THREAD_UPDATE wakes the rename, and its job's recheck
    # is a day off, so only the second rename can rename the thread.
    await keitora.stop()
    loopback.world.channels[thread.id]["thread_metadata"]["locked"] = False
    await keitora.start()
    keitora.clock.advance(timedelta(minutes=2))
    await keitora.bot.job_runner.run_due()
    assert renames_of(loopback, thread) == []

    already = len(loopback.requests)
    again = await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    renamed = [
        r.request
        for r in loopback.requests[already:]
        if (r.method, r.path) == ("PATCH", f"/channels/{thread.id}")
    ]
    assert renamed == [{"name": "Camper Carry v2"}]
    assert again.ephemeral
    assert "called that already" not in again.text
    assert f"Its thread is <#{thread.id}>" in again.text
    assert renames_of(loopback, thread) == ["Camper Carry v2"]
    keitora.clock.advance(timedelta(days=2))
    await keitora.bot.job_runner.run_due()
    assert renames_of(loopback, thread) == ["Camper Carry v2"]  # once

    # The thread carries the title: the same title again is still refused.
    same = await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    assert same.text == "Build #1 is called that already; nothing changed."


async def test_a_rename_discord_forbids_is_tried_again_when_the_forums_permissions_change(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    # A thread Keitora did not start takes Manage Threads to rename, which it lacks there.
    loopback.world.channels[thread.id]["owner_id"] = loopback.member("Marcus").id
    builds = loopback.channel("builds")
    await overwrite_bot(keitora, loopback, builds, deny=Permission.MANAGE_THREADS)
    reply = await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    assert "could not be renamed (Discord said: Missing Permissions)" in reply.text
    assert "at once when the builds forum's permissions change" in reply.text
    assert name_of(loopback, thread) == "Camper Carry"

    await overwrite_bot(keitora, loopback, builds)
    await eventually(
        lambda: renamed_by_jobs(loopback, thread, keitora), "the rename once allowed", within=3
    )


async def test_a_held_rename_of_an_archived_thread_does_not_wait_to_archive_it_again(
    loopback: Loopback, keitora: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    thread = await renamed_by_a_moderator(loopback, monkeypatch)
    await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    await loopback.archive(thread)
    age_renames(loopback, thread, keitora)
    # Discord holds the thread's edits: the rename, and after it the archive as well.
    loopback.faults.slow(*EDIT_CHANNEL, 3.0)

    started = time.monotonic()
    await keitora.bot.job_runner.run_due()
    # The rename (which reopens the thread) and the archive, each within RENAME_WAIT.
    assert time.monotonic() - started < 2
    # Held, the rename may still land: the thread is archived again all the same.
    metadata = loopback.world.channels[thread.id]["thread_metadata"]
    await eventually(
        lambda: name_of(loopback, thread) == "Camper Carry v2" and metadata["archived"] is True,
        "the held rename landed, and the thread archived again",
    )
    loopback.faults.slow(*EDIT_CHANNEL, 0)
    assert [r.request for r in requests(loopback, EDIT_CHANNEL)][-2:] == [
        {"archived": False, "name": "Camper Carry v2"},
        {"archived": True},
    ]


async def test_a_rename_and_its_job_due_at_once_rename_the_thread_once(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    loopback.faults.slow(*EDIT_CHANNEL, 0.5)
    command = asyncio.create_task(
        loopback.slash("build rename", title="Camper Carry v2", where=thread)
    )
    await eventually(lambda: renames_of(loopback, thread) != [], "the member's rename on its way")
    keitora.clock.advance(THREAD_NAME_FOLLOW_UP)  # the job falls due meanwhile
    await keitora.bot.job_runner.run_due()
    reply = await command
    assert f"Its thread is <#{thread.id}>" in reply.text
    assert renames_of(loopback, thread) == ["Camper Carry v2"]  # not both of Discord's renames
