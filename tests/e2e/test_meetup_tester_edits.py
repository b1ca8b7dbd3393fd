"""`/meetup edit` as a tester typed it on a Friday evening in Denver: a bare time of day for
one date or every date keeps its day, "my time" reads the editor's own zone, a new rule alone
keeps a date moved on its own, and a value the meetup already has changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import unix
from sandbox import Loopback, Message, UserRef

from .conftest import RunningBot, eventually
from .test_meetup_changes import dms_arrive
from .test_meetups import POST, card_edits, cards, create, fresh, meetups_channel, requests

# Friday December 4, 2026, 9:30 PM in Denver (UTC-7): the tester's sandbox clock.
FRIDAY_EVENING = datetime(2026, 12, 5, 4, 30, tzinfo=UTC)
MON_DEC_7_7PM = datetime(2026, 12, 8, 2, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


async def created(keitora: RunningBot, loopback: Loopback, **options: object) -> Message:
    await meetups_channel(loopback)
    keitora.clock.set(FRIDAY_EVENING)
    made = await create(loopback, **options)
    assert made.content.startswith("Posted"), made.content
    [card] = cards(loopback)
    return card


async def edit(loopback: Loopback, **options: str) -> str:
    reply = await loopback.slash(
        "meetup edit", meetup="1", actor=loopback.member("Tammy"), **options
    )
    return reply.content


async def monday_club_with_mika(keitora: RunningBot, loopback: Loopback) -> UserRef:
    """A weekly series on Mondays at 7 PM, with Mika going; she is returned."""
    card = await created(
        keitora, loopback, title="Monday Club", when="mon 7pm", location="x", repeat="weekly"
    )
    mika = loopback.member("Mika")
    await loopback.click(card, "Going", actor=mika)
    return mika


async def told_of_move(
    keitora: RunningBot, loopback: Loopback, member: UserRef, before: datetime, after: datetime
) -> None:
    """`member` got one DM, saying their date moved from `before` to `after`."""
    await dms_arrive(keitora, loopback, {member: 1})
    [dm] = loopback.dms(member)
    assert f"moved from <t:{unix(before)}:F> to <t:{unix(after)}:F>" in dm.content, dm.content


async def test_a_bare_time_for_every_date_keeps_the_series_day(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = await monday_club_with_mika(keitora, loopback)

    reply = await edit(loopback, when="8pm", dates="every")

    moved_to = MON_DEC_7_7PM + HOUR
    assert reply.startswith(
        "From now on “Monday Club” meets every Monday at 8:00 PM "
        "(America/Denver): its next date moved from "
        f"<t:{unix(MON_DEC_7_7PM)}:F> to <t:{unix(moved_to)}:F>"
    ), reply
    assert "Saturday" not in reply, reply
    await told_of_move(keitora, loopback, mika, MON_DEC_7_7PM, moved_to)


async def test_my_time_in_an_edit_reads_the_editors_own_zone(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await loopback.slash("timezone set", tz="Eastern", actor=loopback.member("Tammy"))
    await created(keitora, loopback, title="Zone test", when="sat 10am my time", repeat="weekly")
    sat_10_eastern = datetime(2026, 12, 5, 15, 0, tzinfo=UTC)

    one_date = await edit(loopback, when="sat 11am my time")
    assert f"<t:{unix(sat_10_eastern + HOUR)}:F>" in one_date, one_date
    assert "(America/New_York): zone **America/New_York**" in one_date, one_date

    every = await edit(loopback, when="sat noon my time", dates="every")
    assert every.startswith("From now on “Zone test” meets every Saturday at 12:00 PM"), every
    assert f"<t:{unix(sat_10_eastern + 2 * HOUR)}:F>" in every, every


async def test_an_edit_to_what_the_meetup_already_has_changes_nothing(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await created(
        keitora, loopback, title="Oil Day", when="Dec 12 10am", location="Moab, UT", capacity=5
    )
    mika = loopback.member("Mika")
    await loopback.click(card, "Going", actor=mika)
    await keitora.bot.job_runner.run_due()
    edits, posts = len(card_edits(loopback, card)), len(requests(loopback, POST))

    for options in (
        {"title": "Oil Day"},
        {"location": "Moab, UT"},
        {"when": "Dec 12 10am"},
        {"capacity": 5},
        {"title": "Oil Day", "location": "Moab, UT", "capacity": 5},
    ):
        reply = await loopback.slash(
            "meetup edit", meetup="1", actor=loopback.member("Tammy"), **options
        )
        assert reply.ephemeral, (options, reply.content)
        assert "already" in reply.content, (options, reply.content)
        assert "nothing changed" in reply.content, (options, reply.content)

    await keitora.bot.job_runner.run_due()
    assert len(card_edits(loopback, card)) == edits
    assert len(requests(loopback, POST)) == posts
    assert loopback.dms(mika) == []


async def test_a_new_rule_alone_keeps_a_date_moved_on_its_own_where_it_is(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await created(
        keitora, loopback, title="Swap", when="jan 2 10am", repeat="monthly on the first saturday"
    )
    jan_2, jan_20 = (datetime(2027, 1, d, 17, 0, tzinfo=UTC) for d in (2, 20))
    await edit(loopback, when="jan 20 10am")
    mika = loopback.member("Mika")
    await loopback.click(fresh(loopback, cards(loopback)[0]), "Going", actor=mika)

    reply = await edit(loopback, repeat="weekly")

    # No new time was given: Mika's date, moved on its own to Wednesday the 20th, stays there,
    # and she hears nothing; the series meets on Saturdays from January 9.
    jan_9 = jan_2 + timedelta(days=7)
    assert reply.startswith(
        "From now on “Swap” meets every Saturday at 10:00 AM "
        "(America/Denver): its next date is now "
        f"<t:{unix(jan_9)}:F>, and every later date follows the new schedule"
    ), reply
    assert (
        f"The <t:{unix(jan_20)}:F> date had been moved on its own and stays where it is: "
        "nobody answering for it is told."
    ) in reply, reply
    await keitora.bot.job_runner.run_due()
    assert loopback.dms(mika) == []
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    dates = await meetups.occurrences(await meetups.get(guild, 1), limit=4)
    assert [d.starts_at for d in dates] == [
        jan_2 + timedelta(days=7),
        jan_2 + timedelta(days=14),
        jan_20,
        jan_2 + timedelta(days=21),
    ]
    going = [d for d in dates if [p.member_id for p in await meetups.parties(d)] == [int(mika.id)]]
    assert [d.starts_at for d in going] == [jan_20]


async def test_a_bare_time_for_every_date_keeps_a_date_moved_on_its_own_on_its_day(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await created(keitora, loopback, title="Cruise", when="sat 10am", repeat="weekly")
    sat_dec_5 = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
    wed_dec_9 = sat_dec_5 + timedelta(days=4)
    await edit(loopback, when="dec 9 10am")
    mika = loopback.member("Mika")
    await loopback.click(fresh(loopback, card), "Going", actor=mika)

    reply = await edit(loopback, when="11am", dates="every")

    # Every date keeps its day at the new time: Mika's, moved on its own to Wednesday the
    # 9th, too; the series still meets on Saturdays.
    assert reply.startswith(
        "From now on “Cruise” meets every Saturday at 11:00 AM "
        "(America/Denver): its next date, moved on its own to "
        f"<t:{unix(wed_dec_9)}:F> before, is now at <t:{unix(wed_dec_9 + HOUR)}:F>"
    ), reply
    await told_of_move(keitora, loopback, mika, wed_dec_9, wed_dec_9 + HOUR)
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    dates = await meetups.occurrences(await meetups.get(guild, 1), limit=3)
    week = timedelta(days=7)
    assert [d.starts_at for d in dates] == [
        wed_dec_9 + HOUR,
        sat_dec_5 + week + HOUR,
        sat_dec_5 + 2 * week + HOUR,
    ]
    assert [p.member_id for p in await meetups.parties(dates[0])] == [int(mika.id)]


@pytest.mark.parametrize(
    ("when", "read_as", "moved_to"),
    [
        # A time of day alone keeps Monday the 7th, rather than the next 8 PM to come (on a
        # Friday evening, Saturday's); a day named is still that day.
        ("8pm", "Monday December 7, 2026 8:00 PM", MON_DEC_7_7PM + HOUR),
        ("sat 8pm", "Saturday December 5, 2026 8:00 PM", datetime(2026, 12, 6, 3, 0, tzinfo=UTC)),
    ],
)
async def test_a_one_off_meetup_moves_to_the_day_the_time_names_else_keeps_its_own(
    keitora: RunningBot, loopback: Loopback, when: str, read_as: str, moved_to: datetime
) -> None:
    card = await created(keitora, loopback, title="Oil Day", when="mon 7pm", location="x")
    mika = loopback.member("Mika")
    await loopback.click(card, "Going", actor=mika)

    reply = await edit(loopback, when=when)

    assert reply.startswith(f"Changed the time of “Oil Day”. Read as {read_as} "), reply
    await told_of_move(keitora, loopback, mika, MON_DEC_7_7PM, moved_to)


async def test_a_bare_time_moves_a_series_next_date_on_its_own_day(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = await monday_club_with_mika(keitora, loopback)

    reply = await edit(loopback, when="8pm")

    moved_to = MON_DEC_7_7PM + HOUR
    assert reply.startswith(
        f"Moved the <t:{unix(MON_DEC_7_7PM)}:F> date of “Monday Club” to "
        f"<t:{unix(moved_to)}:F>; only that date moved"
    ), reply
    await told_of_move(keitora, loopback, mika, MON_DEC_7_7PM, moved_to)


async def test_today_with_a_time_moves_a_meetup_to_today(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await created(keitora, loopback, title="Oil Day", when="mon 7pm", location="x")

    reply = await edit(loopback, when="today 11pm")

    assert "Read as Friday December 4, 2026 11:00 PM" in reply, reply


async def test_a_bare_time_gone_by_on_the_dates_own_day_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await created(keitora, loopback, title="Late Run", when="11pm", location="x")
    mika = loopback.member("Mika")
    await loopback.click(card, "Going", actor=mika)
    await keitora.bot.job_runner.run_due()
    edits = len(card_edits(loopback, card))

    reply = await loopback.slash(
        "meetup edit", meetup="1", when="8pm", actor=loopback.member("Tammy")
    )

    # Friday's 8 PM is gone at 9:30 PM; the next 8 PM is Saturday's, a day it is not on.
    assert reply.ephemeral, reply.content
    assert reply.content == (
        "8:00 PM on Friday, December 4, 2026 has passed, so “Late Run” stays where it is. "
        "For Saturday, name the day too: `when:sat 8pm`."
    ), reply.content
    await keitora.bot.job_runner.run_due()
    assert len(card_edits(loopback, card)) == edits
    assert loopback.dms(mika) == []
    meetups = keitora.bot.services.meetups
    late = await meetups.get(int(loopback.guild.id), 1)
    assert late.starts_at == datetime(2026, 12, 5, 6, 0, tzinfo=UTC)


async def test_today_at_a_time_gone_by_is_refused(keitora: RunningBot, loopback: Loopback) -> None:
    await created(keitora, loopback, title="Oil Day", when="mon 7pm", location="x")

    reply = await loopback.slash(
        "meetup edit", meetup="1", when="today 8pm", actor=loopback.member("Tammy")
    )

    assert reply.ephemeral, reply.content
    # "today" names the day it is said on: Friday's 8 PM, gone by, not Monday's.
    assert reply.content.startswith(
        "I read that as Friday December 4, 2026 8:00 PM (America/Denver), which has passed."
    ), reply.content
    meetups = keitora.bot.services.meetups
    assert (await meetups.get(int(loopback.guild.id), 1)).starts_at == MON_DEC_7_7PM


async def test_a_day_gone_by_without_a_time_is_refused_as_passed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await created(keitora, loopback, title="Kei Day", when="mon 7pm", location="x")
    edits = len(card_edits(loopback, card))

    reply = await edit(loopback, when="yesterday")

    # Not "Add one, like yesterday 10am": that example would itself be refused as passed.
    assert reply == (
        "“yesterday” was Thursday December 3, 2026, which has passed. A meetup is set for a "
        "time ahead: try tomorrow 10am."
    ), reply
    assert len(card_edits(loopback, card)) == edits
    meetups = keitora.bot.services.meetups
    assert (await meetups.get(int(loopback.guild.id), 1)).starts_at == MON_DEC_7_7PM


@pytest.mark.parametrize(
    ("options", "when"),
    [
        ({"when": "mon 7pm", "location": "x"}, {"when": "dec 7 7pm"}),
        ({"when": "mon 7pm", "repeat": "weekly"}, {"when": "7pm"}),
        ({"when": "mon 7pm", "repeat": "weekly"}, {"when": "7pm", "dates": "every"}),
    ],
)
async def test_the_time_it_already_has_beside_a_new_title_changes_the_title(
    keitora: RunningBot, loopback: Loopback, options: dict[str, str], when: dict[str, str]
) -> None:
    card = await created(keitora, loopback, title="Oil Day", **options)
    mika = loopback.member("Mika")
    await loopback.click(card, "Going", actor=mika)
    await keitora.bot.job_runner.run_due()

    reply = await edit(loopback, title="Big Run", **when)

    assert reply == "Renamed “Oil Day” to “Big Run”.", reply
    await card_shows_title(keitora, loopback, card, "Big Run")
    assert loopback.dms(mika) == []
    meetups = keitora.bot.services.meetups
    [next_date] = await meetups.occurrences(await meetups.get(int(loopback.guild.id), 1), limit=1)
    assert next_date.starts_at == MON_DEC_7_7PM


async def card_shows_title(
    keitora: RunningBot, loopback: Loopback, card: Message, title: str
) -> None:
    """The bot sent `card` a new body whose embed carries `title`."""
    await keitora.bot.job_runner.run_due()

    def sent() -> bool:
        edits = card_edits(loopback, card)
        return bool(edits) and title in edits[-1].request["embeds"][0]["title"]

    await eventually(sent, f"a card edit titled {title}", 3)


async def test_a_series_re_timed_to_a_time_gone_by_says_what_to_type(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await created(keitora, loopback, title="Late Run", when="11pm", location="x", repeat="weekly")

    reply = await loopback.slash(
        "meetup edit", meetup="1", when="8pm", dates="every", actor=loopback.member("Tammy")
    )

    # Tonight's 8 PM is gone at 9:30 PM: the series' first date at 8 PM is next Friday's.
    assert reply.ephemeral, reply.content
    assert reply.content == (
        "A series that meets every Friday at 8:00 PM from Friday, December 4, 2026 would start "
        "at a time that has passed, so “Late Run” stays as it is. To start from its next date, "
        "give that date too: `when:dec 11 8pm`."
    ), reply.content

    followed = await edit(loopback, when="dec 11 8pm", dates="every")
    assert followed.startswith("From now on “Late Run” meets every Friday at 8:00 PM"), followed
