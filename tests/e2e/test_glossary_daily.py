"""The glossary's word of the day through the loopback: once a day, exactly once across crashes,
restarts and reloads, and never a ping."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import cogs.glossary
from bot.client import DiscordSender
from bot.delivery import job_nonce
from bot.glossary import DAILY_WORD_JOB, builtin_entries, entry_key
from bot.glossary.entries import entry_to_text
from sandbox import ChannelRef, Loopback

from .conftest import RunningBot, statuses


async def glossary_channel_due(keitora: RunningBot, loopback: Loopback) -> ChannelRef:
    """Set #glossary as the glossary channel and move the clock just past the first post's time."""
    admin, glossary = loopback.member("Akiko"), loopback.guild.channel("glossary")
    await loopback.slash("setup channel", kind="glossary", channel=glossary, actor=admin)
    due = await next_daily_due(keitora)
    keitora.clock.set(datetime.fromtimestamp(due + 1, UTC))
    return glossary


async def next_daily_due(keitora: RunningBot) -> int:
    """When the pending word-of-the-day job is due, once the setup listener has planned it."""
    for _ in range(200):
        due = await keitora.bot.services.jobs.next_due_at([DAILY_WORD_JOB])
        if due is not None:
            return due
        await asyncio.sleep(0.01)  # the listener runs just after the /setup reply
    raise AssertionError("no word-of-the-day job was planned")


async def settled(keitora: RunningBot, key: str) -> str:
    """The state of a word-of-the-day job once no worker holds it any more."""
    for _ in range(200):
        state = await keitora.store.fetchval(
            "SELECT state FROM jobs WHERE kind = ? AND key = ?", (DAILY_WORD_JOB, key)
        )
        if state in ("done", "failed"):
            return state
        await asyncio.sleep(0.01)  # a background runner may hold the job
    raise AssertionError(f"the job {key} did not finish")


async def test_a_word_of_the_day_sent_before_a_crash_is_not_sent_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    glossary = await glossary_channel_due(keitora, loopback)

    # A worker claims the job and posts, then dies before recording the post and the job's end.
    jobs = keitora.bot.services.jobs
    [job] = await jobs.claim_due(5, worker="crashed", kinds=[DAILY_WORD_JOB])
    post = await keitora.bot.services.word_of_the_day.compose(job)
    sender = DiscordSender(keitora.bot)
    first = await sender.send(post, nonce=job_nonce(job))
    [posted] = loopback.messages(glossary)

    keitora.clock.advance(jobs.lease + timedelta(seconds=1))  # the lease runs out
    await keitora.bot.job_runner.run_due()
    assert await settled(keitora, job.key) == "done"
    assert loopback.messages(glossary) == [posted]
    sends = [
        record.request
        for record in loopback.requests
        if (record.method, record.template) == ("POST", "/channels/{channel_id}/messages")
    ]
    assert [(body["nonce"], body["enforce_nonce"]) for body in sends] == [
        (job_nonce(job), True)
    ] * 2
    recorded = await keitora.store.fetchval(
        "SELECT message_id FROM deliveries WHERE job_id = ?", (job.id,)
    )
    assert recorded == first.message_id


async def test_a_settled_word_of_the_day_is_not_sent_again_when_its_job_runs_twice(
    keitora: RunningBot, loopback: Loopback
) -> None:
    glossary = await glossary_channel_due(keitora, loopback)
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.messages(glossary)) == 1)
    # As if a second worker had claimed the same row before the first one's "done" landed.
    await keitora.store.execute(
        "UPDATE jobs SET state = 'pending', finished_at = NULL WHERE kind = ?", (DAILY_WORD_JOB,)
    )
    keitora.clock.advance(timedelta(seconds=1))
    await keitora.bot.job_runner.run_due()
    assert len(loopback.messages(glossary)) == 1
    assert len(statuses(loopback, "POST", "/channels/{channel_id}/messages")) == 1


async def test_a_word_of_the_day_that_missed_its_day_is_not_posted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin, glossary = loopback.member("Akiko"), loopback.guild.channel("glossary")
    await loopback.slash("setup channel", kind="glossary", channel=glossary, actor=admin)
    due = await next_daily_due(keitora)
    [key] = [
        row["key"]
        for row in await keitora.store.fetchall(
            "SELECT key FROM jobs WHERE kind = ?", (DAILY_WORD_JOB,)
        )
    ]
    # The bot was down for two days: yesterday's and the day before's words are stale.
    two_days = int(timedelta(days=2).total_seconds())
    keitora.clock.set(keitora.clock.now().fromtimestamp(due + two_days + 1, UTC))
    await keitora.bot.job_runner.run_due()
    assert await settled(keitora, key) == "failed"
    assert loopback.messages(glossary) == []
    # Today's hour has passed too, so tomorrow's word is next.
    next_due = await keitora.bot.services.jobs.next_due_at([DAILY_WORD_JOB])
    assert next_due == due + two_days + 86400


async def test_the_glossary_cog_reloads_and_still_posts_the_word_of_the_day(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # The glossary's cogs removed and added anew, their commands with them: the new cog
    # registers its handler again.
    for name, cog in list(keitora.bot.cogs.items()):
        if type(cog).__module__ == cogs.glossary.__name__:
            await keitora.bot.remove_cog(name)
            keitora.bot.tree.remove_command(cog.app_command.name)
    await cogs.glossary.setup(keitora.bot)
    glossary = await glossary_channel_due(keitora, loopback)
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.messages(glossary)) == 1)


async def test_word_of_the_day_is_posted_once_a_day_across_restarts(
    keitora: RunningBot, loopback: Loopback
) -> None:
    glossary = await glossary_channel_due(keitora, loopback)

    loopback.faults.rate_limit("POST", "/channels/{channel_id}/messages")
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.messages(glossary)) == 1)
    [first] = loopback.messages(glossary)
    assert statuses(loopback, "POST", "/channels/{channel_id}/messages") == [429, 200]
    assert first.embeds[0]["title"].startswith("Word of the day: ")

    await keitora.restart()
    assert await keitora.bot.job_runner.run_due() == 0
    keitora.clock.advance(timedelta(hours=2))
    await keitora.bot.job_runner.run_due()
    assert len(loopback.messages(glossary)) == 1

    keitora.clock.advance(timedelta(days=1))
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.messages(glossary)) == 2)
    second = loopback.messages(glossary)[1]
    assert second.embeds[0]["title"] != first.embeds[0]["title"]


async def test_a_word_of_the_day_with_pasted_mentions_pings_nobody(
    keitora: RunningBot, loopback: Loopback
) -> None:
    guild_id, marcus = int(loopback.guild.id), int(loopback.member("Marcus").id)
    glossary = keitora.bot.services.glossary
    pinging = replace(
        next(iter(builtin_entries())),
        headword="tenbin",
        meaning="@everyone <@&1> <@2> look at this",
        aliases=(),
        see_also=(),
    )
    # Stored before meanings were checked for mentions: the post is safe all the same.
    await keitora.bot.store.execute(
        "INSERT INTO glossary_entries (guild_id, key, hidden, entry, updated_by, updated_at) "
        "VALUES (?, ?, 0, ?, ?, 0)",
        (guild_id, entry_key(pinging.headword), entry_to_text(pinging), marcus),
    )
    # Removed after: the bot's saves keep what it holds as they commit, and the row above, written
    # past them, is read with the server's other rows by the first of them.
    for entry in builtin_entries():
        await glossary.remove(guild_id, marcus, entry.headword)
    channel = await glossary_channel_due(keitora, loopback)

    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.messages(channel)) == 1)

    [sent] = [
        record.request
        for record in loopback.requests
        if (record.method, record.template) == ("POST", "/channels/{channel_id}/messages")
    ]
    assert "@everyone" in json.dumps(sent["embeds"]).replace("\\u200b", "")
    assert sent["allowed_mentions"]["parse"] == []
    assert not sent["allowed_mentions"].get("users")
    assert not sent["allowed_mentions"].get("roles")
