"""Meetup reminders on a real SQLite file and the real job runner and outbox, with a moved clock:
each is sent once, follows the meetup's edits, and is never sent after the start."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.delivery import Channel, DirectMessage, Outbox, Outgoing
from bot.errors import UserError
from bot.jobs import JobQueue, JobRunner
from bot.meetups import CARD_JOB, Meetup, MeetupDraft, MeetupService, Occurrence
from bot.reminders import REMINDER_JOB, OutdatedReminder, Reminders
from bot.setup import SetupService
from bot.store import Store
from tests.test_delivery import RecordingSender

GUILD, ORGANIZER = 100, 1
START = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)  # 10:00 in Denver


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))


class World:
    def __init__(self, store: Store, clock: ManualClock) -> None:
        self.store, self.clock = store, clock
        self.setup = SetupService(store, clock)
        self.jobs = JobQueue(store, clock)
        self.meetups = MeetupService(store, clock, self.setup, self.jobs)
        self.reminders = Reminders(clock, self.jobs, self.setup, self.meetups)
        self.meetups.subscribe(self.reminders.plan)
        self.setup.subscribe(self.reminders.on_setting_changed)
        self.sender = RecordingSender()
        self.runner = JobRunner(
            self.jobs, clock, outbox=Outbox(store, self.jobs, clock, self.sender)
        )
        self.cards_refreshed: list[int] = []
        self.outdated: list[OutdatedReminder] = []
        for kind, handler in self.reminders.handlers(notice, self).items():
            self.runner.register(kind, handler)

    async def refresh_meetup_card(self, guild_id: int, meetup_id: int) -> None:
        self.cards_refreshed.append(meetup_id)

    async def outdate_reminder_post(self, guild_id: int, post: OutdatedReminder) -> None:
        self.outdated.append(post)

    async def meetup(self, **fields: object) -> Meetup:
        draft = MeetupDraft(
            **{"title": "Kei Truck Day", "when": "2026-12-05 10:00", "location": "Moab", **fields}
        )  # type: ignore[arg-type]
        meetup = (await self.meetups.create(GUILD, ORGANIZER, draft)).meetup
        await self.meetups.set_card(meetup.id, 555, 777)
        return await self.meetups.get(GUILD, meetup.id)

    async def run_at(self, instant: datetime) -> list[Outgoing]:
        before = len(self.sender.sent)
        self.clock.set(instant)
        while await self.runner.run_due():
            pass
        return [message for message, _ in self.sender.sent[before:]]

    async def pending(self) -> list[tuple[str, datetime]]:
        rows = await self.store.fetchall(
            "SELECT key, due_at FROM jobs WHERE kind = ? AND state = 'pending' ORDER BY due_at",
            (REMINDER_JOB,),
        )
        return [(row["key"], datetime.fromtimestamp(row["due_at"], UTC)) for row in rows]


def notice(meetup: Meetup, occurrence: Occurrence, late: bool, mentions: tuple[int, ...]) -> str:
    starts = f"{occurrence.starts_at:%H:%M}"
    return f"{meetup.title} at {starts}{' (late)' if late else ''} for {list(mentions)}"


@pytest.fixture
async def world(store: Store, clock: ManualClock) -> World:
    made = World(store, clock)
    await made.setup.set_timezone(GUILD, "America/Denver")
    return made


async def test_each_reminder_is_sent_once_to_those_going_and_mentions_exactly_them(
    world: World,
) -> None:
    meetup = await world.meetup()
    assert [due for _, due in await world.pending()] == [
        START - timedelta(hours=24),
        START - timedelta(hours=1),
    ]
    for member in (11, 12):
        await world.meetups.answer(GUILD, meetup.id, member, "going")
    await world.meetups.answer(GUILD, meetup.id, 13, "maybe")
    await world.meetups.members.set_reminders(GUILD, 12, False)

    sent = await world.run_at(START - timedelta(hours=24))

    dms = [m for m in sent if isinstance(m.to, DirectMessage)]
    posts = [m for m in sent if isinstance(m.to, Channel)]
    assert [m.to.user_id for m in dms] == [11]  # 12 turned DMs off, 13 is only maybe
    [post] = posts
    assert post.mention_user_ids == (11, 12)
    assert "(late)" not in post.content
    assert await world.run_at(START - timedelta(hours=23)) == []
    sent = await world.run_at(START - timedelta(hours=1))
    assert len(sent) == 2
    assert await world.run_at(START - timedelta(minutes=1)) == []


async def test_moving_a_meetup_moves_its_reminders_and_cancelling_removes_them(
    world: World,
) -> None:
    meetup = await world.meetup()
    await world.meetups.move(GUILD, meetup.id, "2026-12-06 10:00")
    later = START + timedelta(days=1)
    assert [due for _, due in await world.pending()] == [
        later - timedelta(hours=24),
        later - timedelta(hours=1),
    ]
    await world.meetups.cancel(GUILD, meetup.id)
    assert await world.pending() == []


async def test_a_reminder_missed_while_down_is_sent_late_but_never_after_the_start(
    world: World,
) -> None:
    meetup = await world.meetup()
    await world.meetups.answer(GUILD, meetup.id, 11, "going")
    # Down through the 24-hour reminder's time: it goes out late, and says so.
    sent = await world.run_at(START - timedelta(hours=3))
    assert [m.content.endswith("(late) for [11]") for m in sent if isinstance(m.to, Channel)] == [
        True
    ]
    # Down through the 1-hour reminder's time and the start: nothing is sent.
    assert await world.run_at(START + timedelta(minutes=5)) == []
    states = await world.store.fetchall(
        "SELECT key, state FROM jobs WHERE kind = ?", (REMINDER_JOB,)
    )
    assert sorted(row["state"] for row in states) == ["done", "failed"]


async def test_changing_the_servers_offsets_replans_its_reminders(world: World) -> None:
    await world.meetup()
    await world.setup.set_reminder_offsets(GUILD, "2d, 30m")
    assert [due for _, due in await world.pending()] == [
        START - timedelta(days=2),
        START - timedelta(minutes=30),
    ]


async def test_a_series_rolls_its_reminders_on_to_the_next_meetup(world: World) -> None:
    await world.meetup(repeat="weekly")
    first_keys = {key for key, _ in await world.pending()}
    await world.run_at(START + timedelta(minutes=1))  # the first one started
    next_week = START + timedelta(days=7)
    pending = await world.pending()
    assert [due for _, due in pending] == [
        next_week - timedelta(hours=24),
        next_week - timedelta(hours=1),
    ]
    assert not first_keys & {key for key, _ in pending}


async def test_a_daily_series_gets_every_reminder_of_every_day(world: World) -> None:
    await world.meetup(repeat="daily")
    # The 24-hour reminder of each day falls when the day before starts.
    expected = [
        START - timedelta(hours=24),
        START - timedelta(hours=1),
        START,
        START + timedelta(hours=23),
    ]
    assert [due for _, due in await world.pending()] == expected
    await world.run_at(START + timedelta(minutes=1))  # day one started; day two's 24h went out
    dues = [due for _, due in await world.pending()]
    assert dues == [
        START + timedelta(hours=23),
        START + timedelta(hours=24),
        START + timedelta(hours=47),
    ]


async def test_start_up_planning_keeps_a_missed_reminder_and_creates_none_in_the_past(
    world: World,
) -> None:
    await world.meetup()
    world.clock.set(START - timedelta(hours=2))  # the 24-hour reminder is overdue, not sent
    await world.reminders.plan_all()
    assert [due for _, due in await world.pending()] == [
        START - timedelta(hours=24),
        START - timedelta(hours=1),
    ]
    fresh = await world.meetup(when="2026-12-05 08:30")  # 30 minutes ahead: too late for both
    await world.reminders.plan(fresh)
    assert len(await world.pending()) == 2


async def test_a_member_who_chose_their_own_time_gets_one_dm_then_and_the_thread_is_unchanged(
    world: World,
) -> None:
    meetup = await world.meetup()
    for member in (11, 12, 13):
        await world.meetups.answer(GUILD, meetup.id, member, "going")
    await world.reminders.set_member_offset(GUILD, 12, timedelta(hours=2))
    await world.reminders.set_member_offset(GUILD, 13, timedelta(hours=1))  # a server time too
    assert [due for _, due in await world.pending()] == [
        START - timedelta(hours=24),
        START - timedelta(hours=2),
        START - timedelta(hours=1),
    ]

    def split(sent: list[Outgoing]) -> tuple[list[int], list[tuple[int, ...]]]:
        dms = [m.to.user_id for m in sent if isinstance(m.to, DirectMessage)]
        return sorted(dms), [m.mention_user_ids for m in sent if isinstance(m.to, Channel)]

    assert split(await world.run_at(START - timedelta(hours=24))) == ([11], [(11, 12, 13)])
    assert split(await world.run_at(START - timedelta(hours=2))) == ([12], [])
    assert split(await world.run_at(START - timedelta(hours=1))) == ([11, 13], [(11, 12, 13)])


async def test_going_back_to_the_servers_times_drops_the_members_own_reminder(
    world: World,
) -> None:
    await world.meetup()
    await world.reminders.set_member_offset(GUILD, 12, timedelta(days=7))
    assert START - timedelta(days=7) in [due for _, due in await world.pending()]
    await world.reminders.set_member_offset(GUILD, 12, timedelta(hours=2))
    assert [due for _, due in await world.pending()] == [
        START - timedelta(hours=24),
        START - timedelta(hours=2),
        START - timedelta(hours=1),
    ]
    await world.reminders.set_member_offset(GUILD, 12, None)
    assert [due for _, due in await world.pending()] == [
        START - timedelta(hours=24),
        START - timedelta(hours=1),
    ]
    with pytest.raises(UserError, match="from the list"):
        await world.reminders.set_member_offset(GUILD, 12, timedelta(minutes=7))


async def test_a_daily_series_with_week_ahead_reminders_sends_each_one_on_its_day(
    world: World,
) -> None:
    # A week ahead, a daily series has six dates before the one reminded of: each must still
    # be found when its reminder's time comes, not given up as started or gone.
    await world.setup.set_reminder_offsets(GUILD, "1w")
    await world.meetup(repeat="daily")
    for day in range(10):
        await world.run_at(START - timedelta(days=7) + timedelta(days=day))
    states = await world.store.fetchall(
        "SELECT key, state FROM jobs WHERE kind = ? AND state != 'pending' ORDER BY due_at",
        (REMINDER_JOB,),
    )
    assert [(row["key"].split(":")[1], row["state"]) for row in states] == [
        (str(int((START + timedelta(days=day)).timestamp())), "done") for day in range(10)
    ]


async def test_a_date_moved_closer_than_a_reminder_drops_it_rather_than_say_the_old_lead(
    world: World,
) -> None:
    # The next date of a series moved from 17:00 to 20:00 UTC the day before, 9 hours ahead:
    # its 24-hour reminder's time is past, and sent at its old time it would say "in 1 day"
    # three hours before the start.
    meetup = await world.meetup(repeat="weekly")
    await world.meetups.answer(GUILD, meetup.id, 11, "going")
    world.clock.set(START - timedelta(hours=30))
    await world.meetups.move(GUILD, meetup.id, "2026-12-04 13:00")  # 20:00 UTC
    moved = START - timedelta(hours=21)
    assert [due for _, due in await world.pending()] == [moved - timedelta(hours=1)]
    assert await world.run_at(START - timedelta(hours=24)) == []
    sent = await world.run_at(moved - timedelta(hours=1))
    assert sorted((type(m.to).__name__, m.content) for m in sent) == [
        ("Channel", "Kei Truck Day at 20:00 for [11]"),
        ("DirectMessage", "Kei Truck Day at 20:00 for []"),
    ]


async def test_start_up_has_a_card_drawn_before_cutoff_redraws_redrawn_once_when_signup_closes(
    world: World,
) -> None:
    await world.meetup(cutoff="2h")
    # As a database from before cards were drawn again at the cutoff holds it: no such job.
    await world.store.execute("DELETE FROM jobs WHERE kind = ?", (CARD_JOB,))
    closes = START - timedelta(hours=2)

    await world.reminders.plan_all()
    await world.reminders.plan_all()  # a second start-up plans nothing more

    rows = await world.store.fetchall(
        "SELECT due_at FROM jobs WHERE kind = ? AND state = 'pending' ORDER BY due_at",
        (CARD_JOB,),
    )
    # Drawn again when signup closes, and when the one-off ends (its default 3 hours).
    ends = START + timedelta(hours=3)
    assert [datetime.fromtimestamp(row["due_at"], UTC) for row in rows] == [closes, ends]
    await world.run_at(closes)
    assert world.cards_refreshed == [1]
    await world.reminders.plan_all()  # a restart after it ran: drawn again only at the start
    await world.run_at(closes + timedelta(minutes=30))
    assert world.cards_refreshed == [1]
