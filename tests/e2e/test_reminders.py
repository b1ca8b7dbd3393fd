"""Meetup reminders through the loopback Discord, with a moved clock: sent once, pinging exactly
those going, retried after a 429, and a closed DM recorded rather than retried forever."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from bot.client.keitora import SENDS_AT_ONCE
from bot.clock import unix
from bot.delivery import nonce_for
from bot.meetups import MeetupDraft
from bot.reminders import REMINDER_DM_JOB
from sandbox import Loopback, Message, UserRef

from .conftest import RunningBot, eventually
from .test_meetups import meetup_option

START = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)  # 10:00 in Denver
MESSAGES = "/channels/{channel_id}/messages"
OPEN_DM = "/users/@me/channels"


async def a_meetup_with(keitora: RunningBot, loopback: Loopback, *going: str) -> int:
    keitora.clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    guild_id = int(loopback.guild.id)
    meetups = keitora.bot.services.meetups
    await keitora.bot.services.setup.set_timezone(guild_id, "America/Denver")
    organizer = int(loopback.member("Tammy").id)
    draft = MeetupDraft("Kei Truck Day", "2026-12-05 10:00", "Moab")
    meetup = (await meetups.create(guild_id, organizer, draft)).meetup
    await meetups.set_card(meetup.id, int(loopback.guild.channel("meetups").id), 1)
    for name in going:
        await meetups.answer(guild_id, meetup.id, int(loopback.member(name).id), "going")
    await meetups.answer(guild_id, meetup.id, int(loopback.member("Hank").id), "maybe")
    return meetup.id


async def run_at(keitora: RunningBot, instant: datetime) -> None:
    keitora.clock.set(instant)
    while await keitora.bot.job_runner.run_due():
        pass


async def settled(keitora: RunningBot, kinds: str = "meetups.reminder%") -> None:
    """Wait until the bot's own background runner, which races the test's `run_at`, holds no
    due work of `kinds` (a LIKE pattern; reminders by default): every one is done, failed, or
    waiting out a back-off."""
    for _ in range(500):
        busy = await keitora.store.fetchval(
            "SELECT count(*) FROM jobs WHERE kind LIKE ? "
            "AND state IN ('pending', 'claimed') AND due_at <= ?",
            (kinds, int(keitora.clock.now().timestamp())),
        )
        if busy == 0:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"the due jobs {kinds} did not settle")


def sent_bodies(loopback: Loopback) -> list[dict]:
    return [r.request for r in loopback.requests if (r.method, r.template) == ("POST", MESSAGES)]


async def test_a_reminder_pings_exactly_those_going_and_each_is_sent_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await a_meetup_with(keitora, loopback, "Mika", "Dale")
    mika, dale, hank = (loopback.member(n) for n in ("Mika", "Dale", "Hank"))

    await run_at(keitora, START - timedelta(hours=24))
    # Settled before the clock moves on: an hour later, a DM the bot's own runner is still
    # sending has outlived its claim, and the test's runner would send it again.
    await settled(keitora)
    await run_at(keitora, START - timedelta(hours=23))

    [post] = loopback.messages("meetups")
    assert post.content.startswith(f"<@{mika.id}> <@{dale.id}>")
    [body] = [b for b in sent_bodies(loopback) if "<@" in (b.get("content") or "")]
    assert sorted(map(str, body["allowed_mentions"]["users"])) == sorted([mika.id, dale.id])
    assert body["allowed_mentions"]["parse"] == []
    assert len(loopback.dms(mika)) == 1
    assert len(loopback.dms(dale)) == 1
    assert loopback.dms(hank) == []
    said = f"Reminder: **Kei Truck Day** starts <t:{unix(START)}:F> (<t:{unix(START)}:R>), at Moab."
    assert post.content.splitlines()[1] == said
    assert loopback.dms(mika)[0].content.startswith(f"{said} If you can't make it")
    # A DM costs opening the channel and the send: nothing fetches the member first.
    routes = [(r.method, r.template) for r in loopback.requests]
    assert ("GET", "/users/{user_id}") not in routes
    assert routes.count(("POST", "/users/@me/channels")) == 2


def opened_dms(loopback: Loopback) -> list[str]:
    """The recipients of each DM channel the bot opened, in order."""
    return [str(r.request["recipient_id"]) for r in loopback.requests if r.template == OPEN_DM]


async def reminded_around_a_restart(
    keitora: RunningBot,
    loopback: Loopback,
    between: Callable[[], None] = lambda: None,
    *,
    restart: bool = True,
) -> UserRef:
    """Mika, reminded a day before the meetup and an hour before, with the bot restarted
    (unless not `restart`) and `between` done in between. discord.py keeps the DM channels it
    opened in memory only (128 at most), so a restart loses them."""
    await a_meetup_with(keitora, loopback, "Mika")
    mika = loopback.member("Mika")
    await run_at(keitora, START - timedelta(hours=24))
    await settled(keitora)
    assert opened_dms(loopback) == [mika.id]
    between()
    if restart:
        await keitora.restart()
    await run_at(keitora, START - timedelta(hours=1))
    await settled(keitora)
    return mika


async def test_a_member_dmed_before_a_restart_is_dmed_again_in_one_request(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = await reminded_around_a_restart(keitora, loopback)

    assert opened_dms(loopback) == [mika.id]
    first, second = loopback.dms(mika)
    assert second.content.startswith(
        f"Reminder: **Kei Truck Day** starts <t:{unix(START)}:F> (<t:{unix(START)}:R>),"
    )
    assert second.channel_id == first.channel_id


@pytest.mark.parametrize("restart", [True, False], ids=["restarted", "same session"])
async def test_a_dm_channel_discord_no_longer_knows_is_opened_again(
    keitora: RunningBot, loopback: Loopback, restart: bool
) -> None:
    dropped: list[Message] = []

    def drop_the_channel() -> None:
        dropped.extend(loopback.dms(mika))
        loopback.drop_dm_channel(mika)

    mika = loopback.member("Mika")
    await reminded_around_a_restart(keitora, loopback, drop_the_channel, restart=restart)

    [first], [second] = dropped, loopback.dms(mika)
    assert second.channel_id != first.channel_id
    assert opened_dms(loopback) == [mika.id, mika.id]
    refused = [r for r in loopback.requests if r.path == f"/channels/{first.channel_id}/messages"]
    assert [r.status for r in refused] == [200, 404]
    stored = await keitora.store.fetchval(
        "SELECT dm_channel_id FROM deliveries WHERE user_id = ? ORDER BY job_id DESC LIMIT 1",
        (int(mika.id),),
    )
    assert str(stored) == second.channel_id


def most_at_once(loopback: Loopback, template: str) -> int:
    """The most requests to `template` that Discord was answering at the same time."""
    edges = sorted(
        edge
        for r in loopback.requests
        if r.template == template and r.finished is not None
        for edge in ((r.started, 1), (r.finished, -1))
    )
    running = most = 0
    for _, step in edges:
        running += step
        most = max(most, running)
    return most


async def test_a_storm_of_reminder_dms_goes_several_at_once_and_each_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    names = [f"Driver {n}" for n in range(12)]
    for name in names:
        loopback.guild.add_member(name)
    await a_meetup_with(keitora, loopback, *names)
    for route in (MESSAGES, OPEN_DM):
        loopback.faults.slow("POST", route, 0.2)  # Discord's answers take time, as they do

    # The bot's own runner alone, as in a real storm: the test runs no jobs of its own.
    keitora.clock.set(START - timedelta(hours=24))
    keitora.bot.services.jobs.wake()
    await settled(keitora)

    assert 3 <= most_at_once(loopback, OPEN_DM) <= SENDS_AT_ONCE
    assert [len(loopback.dms(loopback.member(name))) for name in names] == [1] * len(names)
    assert len(loopback.messages("meetups")) == 1


def dm_path_of(loopback: Loopback, member: UserRef) -> Callable[[str], bool]:
    """Whether a channel route's path is the member's DM channel."""

    def to_member(path: str) -> bool:
        channel = loopback.world.channels.get(path.split("/")[2])
        return channel is not None and channel.get("recipients", [{}])[0].get("id") == member.id

    return to_member


async def test_a_rate_limited_dm_is_delivered_once_and_a_closed_dm_is_recorded(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await a_meetup_with(keitora, loopback, "Mika", "Dale")
    mika, dale = loopback.member("Mika"), loopback.member("Dale")
    loopback.close_dms(dale)

    to_mika = dm_path_of(loopback, mika)
    # Mika's DM is answered 429 (all but never: Discord allows no share of 1) until cleared.
    loopback.faults.rate_limit_share("POST", MESSAGES, 0.999, applies_to=to_mika)
    await run_at(keitora, START - timedelta(hours=24))
    await settled(keitora)
    loopback.faults.clear()
    keitora.clock.advance(timedelta(hours=1))  # past every back-off
    await run_at(keitora, keitora.clock.now())

    to_mika_statuses = [
        r.status for r in loopback.requests if r.template == MESSAGES and to_mika(r.path)
    ]
    assert 429 in to_mika_statuses
    assert len(loopback.dms(mika)) == 1
    refusals = await keitora.store.fetchall(
        "SELECT user_id, refusal_code FROM deliveries WHERE refusal_code IS NOT NULL"
    )
    assert [tuple(row) for row in refusals] == [(int(dale.id), 50007)]
    states = await keitora.store.fetchall(
        "SELECT state, count(*) FROM jobs WHERE kind = ? GROUP BY state", (REMINDER_DM_JOB,)
    )
    assert dict(tuple(row) for row in states) == {"done": 1, "failed": 1}


async def test_a_reminder_sent_before_a_crash_is_not_sent_twice(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await a_meetup_with(keitora, loopback, "Mika")
    mika = loopback.member("Mika")
    jobs = keitora.bot.services.jobs
    await run_at(keitora, START - timedelta(hours=24))  # the fan-out, and the messages it made
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1)
    await settled(keitora)
    [dm] = loopback.dms(mika)
    # As if a worker had sent the DM and died before recording it: the job is claimable again.
    await keitora.store.execute(
        "DELETE FROM deliveries WHERE job_id IN (SELECT id FROM jobs WHERE kind = ?)",
        (REMINDER_DM_JOB,),
    )
    await keitora.store.execute(
        "UPDATE jobs SET state = 'pending', finished_at = NULL WHERE kind = ?", (REMINDER_DM_JOB,)
    )

    await run_at(keitora, keitora.clock.now() + timedelta(seconds=1))
    await settled(keitora)

    assert loopback.dms(mika) == [dm]  # the repeated nonce made no second message
    key = await keitora.store.fetchval("SELECT key FROM jobs WHERE kind = ?", (REMINDER_DM_JOB,))
    dm_bodies = [
        b for b in sent_bodies(loopback) if b.get("nonce") == nonce_for(f"{REMINDER_DM_JOB}:{key}")
    ]
    assert len(dm_bodies) == 2
    assert await jobs.next_due_at([REMINDER_DM_JOB]) is None


async def test_a_member_chooses_when_their_reminder_dm_comes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await a_meetup_with(keitora, loopback, "Mika", "Dale")
    mika, dale = loopback.member("Mika"), loopback.member("Dale")
    chosen = await loopback.slash("meetup reminders", state="on", before="2h", actor=mika)
    assert chosen.ephemeral
    assert chosen.text == "You'll get a DM 2 hours before each meetup you're going to."
    before = meetup_option(loopback, "reminders", "before")
    assert {c["name"]: c["value"] for c in before["choices"]} == {
        "The server's reminder times": "server",
        **{f"{n} minutes before": f"{n}m" for n in (15, 30)},
        "1 hour before": "1h",
        **{f"{n} hours before": f"{n}h" for n in (2, 3, 6, 12)},
        "1 day before": "24h",
        "2 days before": "2d",
        "7 days before": "7d",
    }

    await run_at(keitora, START - timedelta(hours=24))
    await settled(keitora)
    assert (len(loopback.dms(mika)), len(loopback.dms(dale))) == (0, 1)
    posts = len(loopback.messages("meetups"))
    await run_at(keitora, START - timedelta(hours=2))
    await settled(keitora)
    assert (len(loopback.dms(mika)), len(loopback.dms(dale))) == (1, 1)
    assert len(loopback.messages("meetups")) == posts  # the thread keeps the server's times

    back = await loopback.slash("meetup reminders", state="on", before="server", actor=mika)
    assert (
        back.text
        == "You'll get a DM at the server's reminder times before each meetup you're going to."
    )


async def test_a_member_whose_own_time_passed_before_they_answered_gets_the_servers_next(
    keitora: RunningBot, loopback: Loopback
) -> None:
    meetup_id = await a_meetup_with(keitora, loopback, "Dale")
    guild_id = int(loopback.guild.id)
    mika, dale = loopback.member("Mika"), loopback.member("Dale")
    await keitora.bot.services.setup.set_reminder_offsets(guild_id, "7m, 5m")
    await loopback.slash("meetup reminders", state="on", before="1h", actor=mika)

    await run_at(keitora, START - timedelta(hours=1))  # Mika's time, before she answers
    await settled(keitora)
    keitora.clock.set(START - timedelta(minutes=16))
    await keitora.bot.services.meetups.answer(guild_id, meetup_id, int(mika.id), "going")
    await run_at(keitora, START - timedelta(minutes=7))
    await settled(keitora)
    assert (len(loopback.dms(mika)), len(loopback.dms(dale))) == (1, 1)
    assert loopback.dms(mika)[0].content.startswith(
        f"Reminder: **Kei Truck Day** starts <t:{unix(START)}:F> (<t:{unix(START)}:R>),"
    )
    await run_at(keitora, START - timedelta(minutes=5))
    await settled(keitora)
    assert (len(loopback.dms(mika)), len(loopback.dms(dale))) == (1, 2)


async def test_a_server_that_removed_the_bot_is_reminded_only_once_it_is_back(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await a_meetup_with(keitora, loopback, "Mika")
    mika, guild = loopback.member("Mika"), loopback.guild
    assert guild is not None
    retention = keitora.bot.services.retention

    async def departed() -> bool:
        return await retention.purge_due_at(int(guild.id)) is not None

    await loopback.remove_bot(guild)
    await eventually(departed, "the removal recorded")
    await run_at(keitora, START - timedelta(hours=24))
    waiting = await keitora.store.fetchval(
        "SELECT count(*) FROM jobs WHERE kind LIKE 'meetups.reminder%' AND state = 'pending' "
        "AND due_at <= ?",
        (int(keitora.clock.now().timestamp()),),
    )
    assert waiting > 0
    assert loopback.dms(mika) == []  # a DM needs no server: only the pause keeps it back

    await loopback.add_bot(guild)

    async def returned() -> bool:
        return not await departed()

    await eventually(returned, "the return recorded")
    await run_at(keitora, START - timedelta(hours=23))
    await settled(keitora)
    assert len(loopback.dms(mika)) == 1  # late, as after a time the bot was down


async def test_a_server_that_turns_reminders_off_sends_none_until_it_turns_them_on(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await a_meetup_with(keitora, loopback, "Mika", "Dale")
    mika, dale, akiko = (loopback.member(n) for n in ("Mika", "Dale", "Akiko"))
    await loopback.slash("meetup reminders", state="on", before="2h", actor=mika)

    to_dale = dm_path_of(loopback, dale)
    # The day-before reminder: posted, and Dale's DM refused 429 for a while, so it waits to
    # be sent again when the admin turns reminders off.
    loopback.faults.rate_limit_share("POST", MESSAGES, 0.999, applies_to=to_dale)
    await run_at(keitora, START - timedelta(hours=24))
    await settled(keitora)
    posted = len(loopback.messages("meetups"))
    assert posted == 1
    assert loopback.dms(dale) == []

    off = await loopback.slash("setup reminders", offsets="OFF", actor=akiko)
    assert off.ephemeral
    assert off.content == (
        "Meetup reminders are off in this server: no reminder posts and no reminder DMs, also "
        "for meetups already planned, and members' own reminder times wait until reminders "
        "are back on. `/setup reminders offsets:24h,1h` turns them back on."
    )
    shown = await loopback.slash("setup show", actor=akiko)
    [settings] = shown.embeds
    assert next(f["value"] for f in settings["fields"] if f["name"] == "Reminders") == (
        "Off: no reminder posts or DMs for meetups "
        "(`/setup reminders offsets:24h,1h` turns them back on)."
    )
    choice = await loopback.slash("meetup reminders", state="on", actor=dale)
    assert choice.content == (
        "Saved: a DM at the server's reminder times before each meetup you're going to. This "
        "server has turned meetup reminders off, though, so none are sent until its admins "
        "turn them back on."
    )
    hank_off = await loopback.slash("meetup reminders", state="off", actor=loopback.member("Hank"))
    assert hank_off.content == (
        "No more reminder DMs; this server has meetup reminders off for now, in threads too."
    )

    loopback.faults.clear()
    sent_before = len(sent_bodies(loopback))
    for before in (timedelta(hours=2), timedelta(hours=1), timedelta(minutes=40)):
        await run_at(keitora, START - before)  # Mika's own time, the server's hour, retries
        await settled(keitora)
    assert sent_bodies(loopback)[sent_before:] == []
    assert (loopback.dms(mika), loopback.dms(dale)) == ([], [])
    given_up = await keitora.store.fetchall(
        "SELECT key, last_error FROM jobs WHERE kind = ? AND state = 'failed'", (REMINDER_DM_JOB,)
    )
    assert [(row["key"].rsplit(":", 1)[1], row["last_error"]) for row in given_up] == [
        (dale.id, "the server turned meetup reminders off")
    ]

    on = await loopback.slash("setup reminders", offsets="30m", actor=akiko)
    assert on.content == (
        "Meetup reminders are on again. Reminders go out 30 minutes before each meetup."
    )
    await run_at(keitora, START - timedelta(minutes=30))
    await settled(keitora)
    assert len(loopback.messages("meetups")) == posted + 1
    # Mika's own time passed while reminders were off: the server's next one stands in.
    assert (len(loopback.dms(mika)), len(loopback.dms(dale))) == (1, 1)
    assert loopback.dms(dale)[0].content.startswith(
        f"Reminder: **Kei Truck Day** starts <t:{unix(START)}:F> (<t:{unix(START)}:R>),"
    )
