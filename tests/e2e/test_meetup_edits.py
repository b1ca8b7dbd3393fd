"""What an organizer and members read when a meetup changes under them: dates typed without a
year, capacity lowered below those going or below a waiting party, a party larger than the
meetup, one date of a series moved, a zone given alone, and the attendees of a cancelled
meetup."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import unix
from bot.meetups import TOO_LARGE_JOB
from sandbox import Loopback, Message

from .conftest import RunningBot, eventually
from .series_cancels import cancel_series
from .test_meetups import (
    POST,
    answer_form,
    card_edits,
    card_shows,
    card_when,
    cards,
    create,
    field,
    fresh,
    meetups_channel,
    requests,
)

DEC_3 = datetime(2026, 12, 3, 8, 27, tzinfo=UTC)  # 1:27 AM in Denver


async def posted(keitora: RunningBot, loopback: Loopback, **options: object) -> Message:
    """A meetup created at 1:27 AM on December 3 in Denver, and its card."""
    await meetups_channel(loopback)
    keitora.clock.set(DEC_3)
    await create(loopback, **options)
    [card] = cards(loopback)
    return card


async def refused_as_passed(loopback: Loopback, refusals: tuple[tuple[str, str, str], ...]) -> None:
    """Each time typed (a new meetup's `when`) is refused, only to its member, as the time
    understood in Denver having passed, ending with what to write instead."""
    for typed, understood, instead in refusals:
        refused = await create(loopback, when=typed)
        assert refused.ephemeral
        assert refused.content.startswith(
            f"I read that as {understood} (America/Denver), which has passed. "
        ), refused.content
        assert refused.content.endswith(instead), refused.content


async def test_a_date_without_a_year_just_gone_is_refused_not_moved_a_year(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(DEC_3)
    await refused_as_passed(
        loopback,
        (
            ("Dec 3 1am", "Thursday December 3, 2026 1:00 AM", "write dec 10 1am."),
            ("12/3 1am", "Thursday December 3, 2026 1:00 AM", "write dec 10 1am."),
            ("Dec 1 10am", "Tuesday December 1, 2026 10:00 AM", "write dec 8 10am."),
            ("Nov 20 10am", "Friday November 20, 2026 10:00 AM", "add the year: Nov 20 2027 10am."),
        ),
    )
    yesterday = await create(loopback, when="yesterday 9am")
    assert yesterday.content == (
        "I read that as Wednesday December 2, 2026 9:00 AM (America/Denver), which has passed. "
        "A meetup is set for a time ahead: try today 9am or tomorrow 9am."
    )
    assert cards(loopback) == []

    await create(loopback, when="Dec 12 10am")
    [card] = cards(loopback)
    moved = await loopback.slash(
        "meetup edit", meetup="1", when="Dec 1 9am", actor=loopback.member("Tammy")
    )
    assert moved.content.startswith("I read that as Tuesday December 1, 2026 9:00 AM")
    start = unix(datetime(2026, 12, 12, 17, 0, tzinfo=UTC))
    assert field(fresh(loopback, card).embeds[0], "When") == card_when(start)
    january = await create(loopback, when="Jan 10 10am")
    assert f"<t:{unix(datetime(2027, 1, 10, 17, 0, tzinfo=UTC))}:F>" in january.text


async def test_lowering_capacity_below_those_going_says_nobody_was_bumped(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Base", capacity=3)
    await loopback.click(card, "Going", actor=loopback.member("Dale"))
    await loopback.click(card, "Going", actor=loopback.member("Rosa"))

    edited = await loopback.slash(
        "meetup edit", meetup="1", capacity=1, actor=loopback.member("Tammy")
    )
    assert edited.ephemeral
    assert edited.content == (
        "Changed the capacity (now 1 person) of “Base”. 2 people (the capacity is 1) are already "
        "going to the "
        "next date: nobody was moved to the waitlist, and new answers wait until enough places "
        "free up."
    )
    await card_shows(loopback, card, "Going", "2 people (capacity 1: full) · 0 trucks")
    late = await loopback.click(card, "Going", actor=loopback.member("Mika"))
    assert "**#1** on the waitlist" in late.content

    raised = await loopback.slash(
        "meetup edit", meetup="1", capacity=5, actor=loopback.member("Tammy")
    )
    assert raised.content == (
        "Changed the capacity (now 5 people) of “Base”. 1 member moved up from the waitlist and "
        "gets a DM."
    )


async def test_a_party_larger_than_the_whole_capacity_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Small", capacity=2)
    hank = loopback.member("Hank")

    refused = await answer_form(loopback, card, hank, "5", "Acty")
    assert refused.ephemeral
    assert refused.content == (
        "Your party of 6 is larger than the capacity of “Small”, 2 in all, so it could never "
        "get a place. Bring fewer guests."
    )
    attendees = await loopback.slash("meetup attendees", meetup="1")
    assert f"<@{hank.id}>" not in attendees.embeds[0]["description"]
    fits = await answer_form(loopback, card, hank, "1")
    assert fits.content.startswith("You're going to **Small**")


async def job_done(keitora: RunningBot, kind: str) -> None:
    """Wait until the bot's own background runner, which races the test's, finished `kind`."""

    async def all_done() -> bool:
        states = await keitora.store.fetchall("SELECT state FROM jobs WHERE kind = ?", (kind,))
        return bool(states) and all(row["state"] == "done" for row in states)

    await eventually(all_done, f"the {kind} jobs to finish", within=5)


async def test_a_waiting_party_larger_than_a_lowered_capacity_is_told_once_and_moves_up_smaller(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Base", capacity=4)
    dale, rosa, hank, mika = (loopback.member(n) for n in ("Dale", "Rosa", "Hank", "Mika"))
    await loopback.click(card, "Going", actor=dale)
    await answer_form(loopback, card, rosa, "2")
    assert "**#1** on the waitlist" in (await answer_form(loopback, card, hank, "3")).content
    assert "**#2** on the waitlist" in (await loopback.click(card, "Going", actor=mika)).content

    edited = await loopback.slash(
        "meetup edit", meetup="1", capacity=3, actor=loopback.member("Tammy")
    )
    assert edited.content == (
        "Changed the capacity (now 3 people) of “Base”. 4 people (the capacity is 3) are already "
        "going to the "
        "next date: nobody was moved to the waitlist, and new answers wait until enough places "
        "free up. 1 waiting party at the next date is larger than the whole capacity of 3 and "
        "cannot move up as it stands: it keeps its place in line, and was told by DM to bring "
        "fewer guests when this edit made it too large."
    )
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.dms(hank)) == 1, what="Hank's DM")
    start = unix(datetime(2026, 12, 12, 17, 0, tzinfo=UTC))
    told = (
        f"The organizer lowered the capacity of **Base**, <t:{start}:F> (<t:{start}:R>), to "
        "3 people in all, guests included. Your party of 4 on the waitlist can't move up as it "
        "stands. You keep your place in line: bring fewer guests with the Guests & truck button "
        "on the meetup's card (at most 2 guests), and you move to Going when a place opens up "
        "for you. Press Can't go if you'd rather not wait."
    )
    [sent] = [r.request for r in requests(loopback, POST) if r.request["content"] == told]
    assert sent["allowed_mentions"]["parse"] == []
    assert [dm.content for dm in loopback.dms(hank)] == [told]
    assert loopback.dms(mika) == []
    attendees = await loopback.slash("meetup attendees", meetup="1", actor=mika)
    waitlist = attendees.embeds[0]["description"].split("**Waitlist: 2 waiting**\n")[1]
    assert waitlist.splitlines() == [
        f"#1 <@{hank.id}> +3 · larger than the capacity of 3",
        f"#2 <@{mika.id}>",
    ]

    await job_done(keitora, TOO_LARGE_JOB)
    # As if a second worker had claimed the job before the first one's "done" landed.
    await keitora.store.execute(
        "UPDATE jobs SET state = 'pending', finished_at = NULL WHERE kind = ?", (TOO_LARGE_JOB,)
    )
    keitora.clock.advance(timedelta(seconds=1))
    await keitora.bot.job_runner.run_due()
    await job_done(keitora, TOO_LARGE_JOB)
    assert len(loopback.dms(hank)) == 1
    assert [r.request for r in requests(loopback, POST) if r.request["content"] == told] == [sent]

    smaller = await answer_form(loopback, card, hank, "1")
    assert "**#1** on the waitlist" in smaller.content  # Hank kept his place, ahead of Mika
    await loopback.click(card, "Can't go", actor=rosa)
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.dms(hank)) == 2, what="Hank's promotion DM")
    assert loopback.dms(hank)[1].content.startswith("You're in! A place opened up at **Base**")
    await card_shows(loopback, card, "Going", "3 people of 3 (1 guest) · 0 trucks")
    await card_shows(loopback, card, "Waitlist", "1 waiting")


async def test_a_new_time_is_read_in_the_meetups_zone_not_the_editors(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(DEC_3)
    tammy = loopback.member("Tammy")
    await loopback.slash("timezone set", tz="Asia/Tokyo", actor=tammy)
    await create(loopback, title="EZ", when="2026-12-12 10am PT", location="LA")
    [card] = cards(loopback)

    moved = await loopback.slash("meetup edit", meetup="1", when="2026-12-13 11am", actor=tammy)
    assert moved.content == (
        "Changed the time of “EZ”. Read as Sunday December 13, 2026 11:00 AM "
        "(America/Los_Angeles): zone **America/Los_Angeles**, the meetup's zone. "
        "Nobody else was going, waiting or maybe, so nobody gets a DM."
    )
    pacific = unix(datetime(2026, 12, 13, 19, 0, tzinfo=UTC))  # 11 AM PST
    await card_shows(loopback, card, "When", card_when(pacific))
    sent = card_edits(loopback, card)[-1].request
    assert field(sent["embeds"][0], "When") == card_when(pacific)

    # A zone in the text or the option still wins over the meetup's.
    typed = await loopback.slash("meetup edit", meetup="1", when="2026-12-14 9am JST", actor=tammy)
    assert "zone **Asia/Tokyo**, as typed." in typed.content
    option = await loopback.slash(
        "meetup edit", meetup="1", when="2026-12-15 9am", timezone="Central", actor=tammy
    )
    assert "zone **America/Chicago**, from the timezone option." in option.content
    central = unix(datetime(2026, 12, 15, 15, 0, tzinfo=UTC))
    await card_shows(loopback, card, "When", card_when(central))


async def test_a_new_time_typed_as_a_range_changes_the_length_and_says_so(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Swap", when="2026-12-12 10am")
    tammy = loopback.member("Tammy")
    moved = await loopback.slash("meetup edit", meetup="1", when="2026-12-13 9am-1pm", actor=tammy)
    assert moved.content.startswith("Changed the length and the time of “Swap”.")
    assert "“9am-1pm” read as 9:00 AM to 1:00 PM (4 hours)." in moved.content


async def test_moving_a_series_says_which_date_moved_and_that_the_rest_stay(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Weekly", when="sat 9am", repeat="weekly")
    tammy = loopback.member("Tammy")
    first = unix(datetime(2026, 12, 5, 16, 0, tzinfo=UTC))
    await loopback.slash("meetup cancel", meetup="1", occurrence=str(first), actor=tammy)

    # "sun" is the Sunday beside the date moved (Saturday the 12th), not the coming one.
    moved = await loopback.slash("meetup edit", meetup="1", when="sun 11am", actor=tammy)
    was = unix(datetime(2026, 12, 12, 16, 0, tzinfo=UTC))
    now = unix(datetime(2026, 12, 13, 18, 0, tzinfo=UTC))
    assert moved.content == (
        f"Moved the <t:{was}:F> date of “Weekly” to <t:{now}:F>; only that date moved, the "
        "series' other dates keep their time. Read as Sunday December 13, 2026 11:00 AM "
        "(America/Denver): zone **America/Denver**, the meetup's zone. “sun” read as Sunday "
        "December 13, the Sunday nearest the date moved (Saturday December 12); for the coming "
        "Sunday, December 6, write dec 6. Nobody else was going, waiting or maybe, so nobody "
        "gets a DM."
    )
    dates = await loopback.autocomplete("meetup cancel", "occurrence", "", meetup="1")
    assert [d["name"] for d in dates[:2]] == [
        "Sun Dec 13, 11:00 AM MST",
        "Sat Dec 19, 9:00 AM MST",
    ]


async def test_a_timezone_alone_is_refused_with_what_it_is_for(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback)
    tammy = loopback.member("Tammy")
    alone = await loopback.slash("meetup edit", meetup="1", timezone="Pacific", actor=tammy)
    assert alone.ephemeral
    assert alone.content == (
        "The timezone option says which zone a new `when` is in, so give `when` with it."
    )
    nothing = await loopback.slash("meetup edit", meetup="1", actor=tammy)
    assert nothing.content == (
        "Say what to change: title, when (and its timezone), repeat, location, description, "
        "capacity, trucks, duration, region or cutoff."
    )


async def test_the_attendees_of_a_cancelled_meetup_say_it_was_cancelled(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Weekly", when="sat 9am", repeat="weekly")
    dale = loopback.member("Dale")
    await loopback.click(card, "Going", actor=dale)
    live = await loopback.slash("meetup attendees", meetup="1")
    assert not live.content
    await cancel_series(loopback, loopback.member("Tammy"), meetup="1", reason="Snow @everyone")

    shown = await loopback.slash("meetup attendees", meetup="1")
    assert shown.ephemeral
    assert shown.content == (
        "**Weekly** was cancelled: Snow @\u200beveryone. Nobody is going any more; this is who "
        "had answered."
    )
    assert f"<@{dale.id}>" in shown.embeds[0]["description"]


async def test_the_attendees_of_a_meetup_under_way_are_still_shown(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """At the meetup itself, the organizer reads who said they were coming."""
    card = await posted(keitora, loopback, title="Swap meet", when="Dec 5 10am", capacity=1)
    dale, rosa = loopback.member("Dale"), loopback.member("Rosa")
    await loopback.click(card, "Going", actor=dale)
    await loopback.click(card, "Going", actor=rosa)
    start = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
    keitora.clock.set(start + timedelta(minutes=30))

    shown = await loopback.slash("meetup attendees", meetup="Swap meet")

    sent = shown.record.callback_body["data"]
    assert sent["flags"] & 64  # ephemeral
    assert sent["content"] == (
        f"**Swap meet** started <t:{unix(start)}:F> (<t:{unix(start)}:R>); "
        "this is who had answered."
    )
    [embed] = sent["embeds"]
    assert embed["description"] == (
        f"**Going: 1 person of 1 · 0 trucks**\n<@{dale.id}>\n**Waitlist: 1 waiting**\n"
        f"#1 <@{rosa.id}>"
    )


async def test_buttons_shown_before_a_one_off_moved_answer_for_its_new_time(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """The copy /meetup info showed a member is never edited; its buttons still name the old
    time, and a one-off has only the one date they can mean."""
    await posted(keitora, loopback, title="Moved", when="Dec 12 10am")
    dale, rosa = loopback.member("Dale"), loopback.member("Rosa")
    shown = await loopback.slash("meetup info", meetup="Moved", actor=dale)
    # Each member's copy is ephemeral: only they see it, so only they can click it.
    rosas = await loopback.slash("meetup info", meetup="Moved", actor=rosa)
    await loopback.slash(
        "meetup edit", meetup="1", when="Dec 13 2pm", actor=loopback.member("Tammy")
    )
    new_start = unix(datetime(2026, 12, 13, 21, 0, tzinfo=UTC))

    going = await loopback.click(shown, "Going", actor=dale)

    sent = going.record.callback_body["data"]
    assert sent["flags"] & 64
    assert sent["content"] == f"You're going to **Moved**, <t:{new_start}:F> (<t:{new_start}:R>)."
    form = await loopback.click(rosas, "Guests & truck", actor=rosa)
    assert form.modal is not None, form.text
    party = await loopback.submit_modal(form, {"guests": "1", "truck": ""}, actor=rosa)
    assert party.content.endswith(" with 1 guest.")
    listed = await loopback.slash("meetup attendees", meetup="1")
    assert listed.embeds[0]["description"].startswith("**Going: 3 people (1 guest) · 0 trucks**")


async def test_the_attendees_of_a_series_date_under_way_are_those_of_that_date(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """The card moves on to next week's date as this one starts; the list of who is coming,
    read at the meetup, is still this one's until it ends."""
    card = await posted(keitora, loopback, title="Weekly", when="Dec 5 10am", repeat="weekly")
    dale = loopback.member("Dale")
    await loopback.click(card, "Going", actor=dale)
    start = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
    keitora.clock.set(start + timedelta(hours=2))  # the default length is 3 hours

    during = await loopback.slash("meetup attendees", meetup="Weekly")

    sent = during.record.callback_body["data"]
    assert sent["content"] == (
        f"**Weekly** started <t:{unix(start)}:F> (<t:{unix(start)}:R>); this is who had answered."
    )
    assert sent["embeds"][0]["description"] == (
        f"**Date:** <t:{unix(start)}:F>\n**Going: 1 person · 0 trucks**\n<@{dale.id}>"
    )
    keitora.clock.set(start + timedelta(hours=3))
    after = await loopback.slash("meetup attendees", meetup="Weekly")
    assert not after.content
    assert after.embeds[0]["description"] == (
        f"**Date:** <t:{unix(start + timedelta(days=7))}:F>\n**Going: 0 people · 0 trucks**\n"
        "Nobody yet."
    )


async def test_every_page_of_a_moved_dates_attendees_reads_it_at_its_new_time(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """Page 2 names its date by where it was first; moved to Sunday, Saturday morning has
    gone by, and the page must not say the date started."""
    await posted(keitora, loopback, title="Weekly", when="Dec 5 10am", repeat="weekly")
    tammy = loopback.member("Tammy")
    await loopback.slash("meetup edit", meetup="1", when="Dec 6 2pm", actor=tammy)
    meetups, guild_id = keitora.bot.services.meetups, int(loopback.guild.id)
    for member_id in range(10**17, 10**17 + 60):
        await meetups.set_party(guild_id, 1, member_id, guests=0, truck="K" * 100)
    keitora.clock.set(datetime(2026, 12, 5, 19, 0, tzinfo=UTC))  # noon on Saturday

    first = await loopback.slash("meetup attendees", meetup="1")
    assert first.embeds[0]["footer"]["text"].endswith("page 1 of 2")
    second = await loopback.click(first.message, "Next")  # type: ignore[arg-type]

    assert second.record.callback_body["data"]["content"] is None
    assert second.message.embeds[0]["footer"]["text"].endswith("page 2 of 2")  # type: ignore[union-attr]


async def test_lowering_a_series_capacity_names_every_date_over_it_not_just_the_next(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Weekly", when="sat 9am", repeat="weekly", capacity=3)
    dec_12, dec_19 = (datetime(2026, 12, day, 16, 0, tzinfo=UTC) for day in (12, 19))
    dale, rosa, hank = (int(loopback.member(n).id) for n in ("Dale", "Rosa", "Hank"))
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    for start in (dec_12, dec_19):  # nobody answered the next date, December 5
        for member in (dale, rosa):
            await meetups.answer(guild, 1, member, "going", original_start=start)
    waiting = await meetups.set_party(guild, 1, hank, guests=2, truck=None, original_start=dec_19)
    assert waiting.position == 1

    edited = await loopback.slash(
        "meetup edit", meetup="1", capacity=1, actor=loopback.member("Tammy")
    )
    assert edited.ephemeral
    assert edited.content == (
        "Changed the capacity (now 1 person) of “Weekly”. Already going over the new capacity: "
        f"2 people (the capacity is 1) to the <t:{unix(dec_12)}:F> date and 2 people (the "
        f"capacity is 1) to the <t:{unix(dec_19)}:F> date. Nobody was moved to the waitlist, "
        "and new answers wait until enough places free up. Waiting parties larger than the "
        f"whole capacity of 1: 1 at the <t:{unix(dec_19)}:F> date. They cannot move up as they "
        "stand: they keep their place in line, and each member was told once by DM to bring "
        "fewer guests when an edit made their party too large."
    )
