"""A build whose forum post a moderator locked in Discord, where Keitora may not manage threads:
Discord refuses edits of the card there, so a change is saved and the member told the card
shows it once the post is unlocked; and once it is, the card catches up by itself."""

from __future__ import annotations

from sandbox import ChannelRef, Loopback
from sandbox.core import RequestRecord
from sandbox.state import Permission

from .conftest import RunningBot, eventually
from .test_build_renames import card_titles, lock_in_discord
from .test_builds import EDIT_MESSAGE, forum_build, requests


async def without_manage_threads(loopback: Loopback, keitora: RunningBot) -> None:
    """Keitora's role loses Manage Threads, as a server admin may take it."""
    assert loopback.guild is not None
    role = next(r for r in loopback.guild.roles.values() if r["managed"])
    role["permissions"] = str(int(role["permissions"]) & ~Permission.MANAGE_THREADS)
    guild_id = loopback.guild.id
    await loopback.gateway.dispatch("GUILD_ROLE_UPDATE", {"guild_id": guild_id, "role": role})
    me = keitora.bot.get_guild(int(guild_id)).me  # type: ignore[union-attr]
    await eventually(lambda: not me.guild_permissions.manage_threads, "GUILD_ROLE_UPDATE")


def card_edits(loopback: Loopback, thread: ChannelRef) -> list[RequestRecord]:
    path = f"/channels/{thread.id}/messages/{thread.id}"
    return [r for r in requests(loopback, EDIT_MESSAGE) if r.path == path]


def built_in(edit: RequestRecord) -> str:
    [embed] = edit.request["embeds"]
    return " ".join(str(f["value"]) for f in embed["fields"])


async def locked_without_manage_threads(loopback: Loopback, keitora: RunningBot) -> ChannelRef:
    thread = await forum_build(loopback)
    await without_manage_threads(loopback, keitora)
    await lock_in_discord(loopback, thread)
    return thread


async def test_a_spec_change_in_a_locked_post_is_saved_and_the_card_catches_up_on_unlock(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await locked_without_manage_threads(loopback, keitora)
    edits_before = len(card_edits(loopback, thread))
    reply = await loopback.slash("build spec", build="1", year=1994)
    assert reply.text.startswith("Spec of build #1 saved: **Year** 1994.")
    assert (
        f"A moderator locked <#{thread.id}> in Discord, so its card shows the change once "
        "it is unlocked"
    ) in reply.text
    assert "Something went wrong" not in reply.text
    assert len(card_edits(loopback, thread)) == edits_before  # none asked for, to be refused
    build = await keitora.bot.services.builds.get(int(thread.guild_id), 1)
    assert build.spec.year == 1994

    await lock_in_discord(loopback, thread, locked=False)
    await eventually(
        lambda: len(card_edits(loopback, thread)) > edits_before, "the card edited on unlock"
    )
    assert "1994" in built_in(card_edits(loopback, thread)[-1])


async def test_a_rename_in_a_locked_post_says_the_card_waits_too(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await locked_without_manage_threads(loopback, keitora)
    reply = await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    assert reply.text.startswith("Build #1 is now “Camper Carry v2”")
    assert "so its card shows the change once it is unlocked" in reply.text
    assert "Something went wrong" not in reply.text

    await lock_in_discord(loopback, thread, locked=False)
    await eventually(
        lambda: card_titles(loopback, thread)[-1:] == ["#1 · Camper Carry v2"],
        "the card renamed on unlock",
    )


async def test_a_post_archiving_or_reopening_without_a_lock_leaves_the_card_alone(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await without_manage_threads(loopback, keitora)
    channel = loopback.world.channels[thread.id]
    since = len(loopback.requests)
    for archived in (True, False):  # idle for a week, then reopened by a member's post
        channel["thread_metadata"]["archived"] = archived
        await loopback.core.dispatch("THREAD_UPDATE", channel)
        await loopback.bot_quiet()
    assert loopback.requests[since:] == []


async def test_a_post_unlocked_while_archived_has_its_card_caught_up(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await locked_without_manage_threads(loopback, keitora)
    channel = loopback.world.channels[thread.id]
    channel["thread_metadata"]["archived"] = True  # idle for a week, out of the bot's cache
    await loopback.core.dispatch("THREAD_UPDATE", channel)
    reply = await loopback.slash("build spec", build="1", year=1994)
    assert "so its card shows the change once it is unlocked" in reply.text
    edits_before = len(card_edits(loopback, thread))

    await lock_in_discord(loopback, thread, locked=False)  # archived still
    await eventually(
        lambda: len(card_edits(loopback, thread)) > edits_before, "the card edited on unlock"
    )
    assert "1994" in built_in(card_edits(loopback, thread)[-1])
    await loopback.bot_quiet()
    assert loopback.world.channels[thread.id]["thread_metadata"]["archived"]  # archived again


async def test_a_lock_the_bot_has_not_heard_of_yet_is_told_as_one(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await without_manage_threads(loopback, keitora)
    # Locked in Discord; its THREAD_UPDATE is still on its way.
    loopback.world.channels[thread.id]["thread_metadata"]["locked"] = True
    reply = await loopback.slash("build spec", build="1", year=1994)
    assert reply.text.startswith("Spec of build #1 saved: **Year** 1994.")
    assert "so its card shows the change once it is unlocked" in reply.text
    [refused] = [r for r in card_edits(loopback, thread) if r.status == 403]
    assert "1994" in built_in(refused)


async def test_an_update_in_a_locked_post_names_the_lock_once(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await locked_without_manage_threads(loopback, keitora)
    edits_before = len(card_edits(loopback, thread))
    reply = await loopback.slash("build update", text="Still here", cost="20", build="1")
    assert reply.text == (
        f"Update recorded on build #1; a moderator locked <#{thread.id}> in Discord, so it is "
        "not posted, and its card shows it once the post is unlocked."
    )
    assert len(card_edits(loopback, thread)) == edits_before  # none asked for, to be refused
