"""What members going, waiting or maybe are told when a meetup changes under them, read from the DMs
and posts the bot sent: a new place (with or without a new time), one date of a series
cancelled, a capacity removed; and how an organizer names a meetup or date by typing it: a
cancelled meetup, two meetups of one title, a date of a series far ahead."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import unix
from bot.meetups import CHANGED_DM_JOB
from sandbox import Loopback
from sandbox.state import UserRef

from .conftest import RunningBot
from .series_cancels import cancel_series
from .test_meetup_edits import posted
from .test_meetups import (
    POST,
    card_edits,
    card_shows,
    create,
    meetup_option,
    pings_nobody,
    requests,
    wait_for_post,
)

DEC_12 = unix(datetime(2026, 12, 12, 17, 0, tzinfo=UTC))  # 10 AM in Denver


async def dms_arrive(keitora: RunningBot, loopback: Loopback, counts: dict[UserRef, int]) -> None:
    """Run the due jobs and wait until each member holds `counts` DMs."""
    await keitora.bot.job_runner.run_due()
    for member, count in counts.items():
        await loopback.wait_until(
            lambda member=member, count=count: len(loopback.dms(member)) >= count,
            what=f"{count} DMs to {member.name}",
        )
        assert len(loopback.dms(member)) == count, [dm.content for dm in loopback.dms(member)]


def direct_messages(loopback: Loopback, content: str) -> list[dict[str, object]]:
    """The request bodies of the DMs the bot sent with exactly `content`: not its posts."""
    dms = {id_ for id_, channel in loopback.world.channels.items() if channel["type"] == 1}
    return [
        r.request
        for r in requests(loopback, POST)
        if r.path.split("/")[-2] in dms and r.request.get("content") == content
    ]


def sent_dms(loopback: Loopback, content: str) -> list[dict[str, object]]:
    """The request bodies of the DMs (and posts) the bot sent with exactly `content`."""
    return [r.request for r in requests(loopback, POST) if r.request.get("content") == content]


async def test_a_new_place_is_told_to_those_going_waiting_or_maybe_once_each_and_with_a_new_time(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Main", capacity=2)
    tammy, dale, rosa, hank, mika = (
        loopback.member(n) for n in ("Tammy", "Dale", "Rosa", "Hank", "Mika")
    )
    for member in (dale, rosa, hank):
        await loopback.click(card, "Going", actor=member)  # Hank waits
    await loopback.click(card, "Maybe", actor=mika)  # an attendee too: told
    marcus = loopback.member("Marcus")
    await loopback.click(card, "Can't go", actor=marcus)  # told of a new time only

    moved = await loopback.slash(
        "meetup edit", meetup="1", location="Arches National Park, gate 2", actor=tammy
    )
    assert moved.ephemeral
    assert moved.content == (
        "Changed the place of “Main”. 4 members going, waiting or maybe get a DM."
    )
    await dms_arrive(keitora, loopback, {dale: 1, rosa: 1, hank: 1, mika: 1, marcus: 0})
    moved_to = (
        f"**Main** on <t:{DEC_12}:F> (<t:{DEC_12}:R>) moved to a new place: **Arches National "
        "Park, gate 2** (it was Moab, UT)."
    )
    told = (
        f"{moved_to} Your answer stands; press Can't go on the card if the new place does not "
        "suit you."
    )
    still_waiting = (
        f"{moved_to} You are still on the waitlist: if a place opens up for you, you move to "
        "Going and I'll send you a DM. Press Can't go on the card if the new place does not "
        "suit you."
    )
    assert [loopback.dms(m)[0].content for m in (dale, rosa, hank, mika)] == [
        told,
        told,
        still_waiting,
        told,
    ]
    bodies = direct_messages(loopback, told) + direct_messages(loopback, still_waiting)
    assert len(bodies) == 4
    assert all(pings_nobody(body) for body in bodies)
    post = await wait_for_post(loopback, card, "moved to a new place")
    assert not post.content.startswith("<@")  # their DMs told them: no second word

    # Wording alone tells nobody, and nor does the place it already has.
    reworded = await loopback.slash(
        "meetup edit", meetup="1", title="Main II", description="Bring chairs", actor=tammy
    )
    assert reworded.content == "Renamed “Main” to “Main II”. Changed the description of “Main II”."
    same = await loopback.slash(
        "meetup edit", meetup="1", location=" Arches National Park, gate 2 ", actor=tammy
    )
    assert same.content == "“Main II” already has that place: nothing changed."
    assert (
        await keitora.store.fetchval("SELECT count(*) FROM jobs WHERE kind = ?", (CHANGED_DM_JOB,))
        == 4
    )

    both = await loopback.slash(
        "meetup edit", meetup="1", when="Dec 13 9am", location="Moab, UT", actor=tammy
    )
    assert both.content == (
        "Changed the place and the time of “Main II”. Read as Sunday December 13, 2026 "
        "9:00 AM (America/Denver): zone **America/Denver**, the meetup's zone. 5 members get a "
        "DM: 4 going, waiting or maybe and 1 who said Can't go."
    )
    await dms_arrive(keitora, loopback, {dale: 2, rosa: 2, hank: 2, mika: 2, marcus: 1})
    dec_13 = unix(datetime(2026, 12, 13, 16, 0, tzinfo=UTC))
    moved_both = (
        f"**Main II** moved from <t:{DEC_12}:F> to <t:{dec_13}:F> (<t:{dec_13}:R>), and to a "
        "new place: **Moab, UT** (it was Arches National Park, gate 2)."
    )
    suit = "Can't go on the card if the new time or place does not suit you."
    told_both = f"{moved_both} Your answer stands; press {suit}"
    waiting_both = (
        f"{moved_both} You are still on the waitlist: if a place opens up for you, you move to "
        f"Going and I'll send you a DM. Press {suit}"
    )
    assert [loopback.dms(m)[1].content for m in (dale, rosa, hank, mika)] == [
        told_both,
        told_both,
        waiting_both,
        told_both,
    ]
    assert len(direct_messages(loopback, told_both)) == 3


async def test_a_series_given_a_new_place_tells_each_member_once_about_their_first_date(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Weekly", when="sat 9am", repeat="weekly")
    tammy, dale, rosa = (loopback.member(n) for n in ("Tammy", "Dale", "Rosa"))
    dec_5 = datetime(2026, 12, 5, 16, 0, tzinfo=UTC)
    dec_12 = datetime(2026, 12, 12, 16, 0, tzinfo=UTC)
    await loopback.click(card, "Going", actor=dale)
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    for member in (dale, rosa):  # Dale goes to both dates, Rosa to the second
        await meetups.answer(guild, 1, int(member.id), "going", original_start=dec_12)

    reply = await loopback.slash(
        "meetup edit", meetup="1", when="sun 11am", location="Green River", actor=tammy
    )
    dec_6 = unix(datetime(2026, 12, 6, 18, 0, tzinfo=UTC))
    assert reply.content == (
        f"Changed the place of “Weekly”. Moved the <t:{unix(dec_5)}:F> date of “Weekly” to "
        f"<t:{dec_6}:F>; only that date moved, the series' other dates keep their time. "
        "Read as Sunday December 6, 2026 11:00 AM (America/Denver): zone "
        "**America/Denver**, the meetup's zone. 2 members going, waiting or maybe get a DM."
    )
    await dms_arrive(keitora, loopback, {dale: 1, rosa: 1})
    assert loopback.dms(dale)[0].content.startswith(
        f"**Weekly** moved from <t:{unix(dec_5)}:F> to <t:{dec_6}:F> (<t:{dec_6}:R>), and to a "
        "new place: **Green River** (it was Moab, UT)."
    )
    assert loopback.dms(rosa)[0].content.startswith(
        f"**Weekly** on <t:{unix(dec_12)}:F> (<t:{unix(dec_12)}:R>) moved to a new place: "
        "**Green River** (it was Moab, UT)."
    )


async def test_one_date_of_a_series_cancelled_says_the_series_goes_on_and_its_next_date(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Weekly", when="sat 9am", repeat="weekly")
    dale = loopback.member("Dale")
    await loopback.click(card, "Going", actor=dale)
    dec_5 = unix(datetime(2026, 12, 5, 16, 0, tzinfo=UTC))
    dec_12 = unix(datetime(2026, 12, 12, 16, 0, tzinfo=UTC))

    await loopback.slash(
        "meetup cancel",
        meetup="1",
        occurrence=str(dec_5),
        reason="Snow",
        actor=loopback.member("Tammy"),
    )
    await dms_arrive(keitora, loopback, {dale: 1})
    told = (
        f"**Weekly** on <t:{dec_5}:F> is cancelled: Snow. Only that date: the series goes on, "
        f"and its next date is <t:{dec_12}:F> (<t:{dec_12}:R>). Your answer was for the "
        "cancelled date only: if you're coming on the next date, answer again on the card."
    )
    assert loopback.dms(dale)[0].content == told
    [body] = sent_dms(loopback, told)
    assert pings_nobody(body)


async def test_an_edit_removes_a_capacity_with_0_and_everyone_waiting_moves_up_and_is_told(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Cap", capacity=1)
    tammy, dale, rosa, hank = (loopback.member(n) for n in ("Tammy", "Dale", "Rosa", "Hank"))
    for member in (dale, rosa, hank):
        await loopback.click(card, "Going", actor=member)
    assert meetup_option(loopback, "edit", "capacity")["description"].endswith("(0: no limit)")

    refused = await loopback.slash("meetup edit", meetup="1", capacity=-1, actor=tammy)
    assert refused.ephemeral
    assert refused.content == "Capacity must be from 1 to 10,000, or 0 for no limit."
    removed = await loopback.slash("meetup edit", meetup="1", capacity=0, actor=tammy)
    assert removed.content == (
        "“Cap” has no limit on people now. 2 members moved up from the waitlist and get a DM."
    )
    await dms_arrive(keitora, loopback, {rosa: 1, hank: 1, dale: 0})
    for member in (rosa, hank):
        assert loopback.dms(member)[0].content.startswith("You're in! A place opened up at **Cap**")
    shown = await card_shows(loopback, card, "Going", "3 people · 0 trucks")
    # With no limit left there is no waitlist to show.
    [body] = [r.request for r in card_edits(loopback, card) if r.request.get("embeds")][-1:]
    assert "Waitlist" not in [f["name"] for f in body["embeds"][0]["fields"]]
    assert "Waitlist" not in [f["name"] for f in shown.embeds[0]["fields"]]


async def test_a_capacity_of_0_is_no_limit_when_a_meetup_is_created_as_when_it_is_edited(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="First")
    for subcommand in ("create", "edit"):
        for option in ("capacity", "trucks"):
            said = meetup_option(loopback, subcommand, option)["description"].rpartition("(")[2]
            assert said.startswith("0"), (subcommand, option, said)
            assert said.endswith(": no limit)"), (subcommand, option, said)

    for options, refusal in (
        ({"capacity": -1}, "Capacity must be from 1 to 10,000, or 0 for no limit."),
        ({"trucks": 10_001}, "Truck capacity must be from 1 to 10,000, or 0 for no limit."),
    ):
        refused = await create(loopback, title="Never", **options)
        assert refused.ephemeral
        assert refused.content == refusal
        edited = await loopback.slash(
            "meetup edit", meetup="1", actor=loopback.member("Tammy"), **options
        )
        assert edited.content == refusal

    created = await create(loopback, title="Open", capacity=0, trucks=0)
    # 0 is no "closed": the organizer reads what it means.
    assert (
        "**Capacity:** no limit on people or trucks (0 means no limit)."
        in created.content.splitlines()
    )
    [body] = [r.request for r in requests(loopback, POST) if "Open" in str(r.request)]
    [embed] = body["embeds"]
    assert next(f["value"] for f in embed["fields"] if f["name"] == "Going") == (
        "0 people · 0 trucks"
    )
    limited = await create(loopback, title="Small", capacity=12, trucks=3)
    assert "**Capacity:** 12 people, guests included; 3 trucks." in limited.content.splitlines()


async def test_a_cancelled_meetup_named_by_title_or_number_says_it_was_cancelled_and_why(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Biweekly", when="sat 9am", repeat="every 2 weeks")
    tammy = loopback.member("Tammy")
    cancelled = await cancel_series(loopback, tammy, meetup="biweekly", reason="Snow")
    assert (
        cancelled.content
        == "Cancelled “Biweekly”. Nobody else was going, waiting or maybe, so nobody gets a DM."
    )

    # Its organizer is told it cannot be restored, only created again.
    whole = "A whole series cancelled cannot be restored: create it again with `/meetup create`."
    for typed in ("Biweekly", " BIWEEKLY ", "#1", "1"):
        for command, options, said in (
            ("meetup info", {}, "“Biweekly” was cancelled: “Snow”."),
            ("meetup cancel", {}, f"“Biweekly” was already cancelled: “Snow”. {whole}"),
            ("meetup edit", {"title": "Back on"}, f"“Biweekly” was cancelled: “Snow”. {whole}"),
        ):
            reply = await loopback.slash(command, meetup=typed, actor=tammy, **options)
            assert reply.ephemeral, (command, typed)
            assert reply.content == said, (command, typed)
            assert not reply.attachments, (command, typed)
    # Its calendar file marks it cancelled, to clear it from a calendar app.
    ics = await loopback.slash("meetup ics", meetup="Biweekly", actor=tammy)
    assert ics.content.startswith("“Biweekly” was cancelled: “Snow”. Open the file to mark it")
    assert ics.attachments
    # Its attendees are still looked up, and nobody had answered.
    shown = await loopback.slash("meetup attendees", meetup="Biweekly")
    assert shown.content == "**Biweekly** was cancelled before anyone answered: Snow."
    stored = await keitora.bot.services.meetups.get(int(loopback.guild.id), 1)
    assert stored.title == "Biweekly"


async def test_two_meetups_of_one_title_show_their_numbers_and_a_typed_title_must_be_one(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Dup")
    await create(loopback, title="Dup", when="Dec 12 2pm")  # the same start would be refused
    await create(loopback, title="Other")

    choices = await loopback.autocomplete("meetup info", "meetup", "dup")
    assert choices == [
        {"name": "Dup (#1) — Sat Dec 12, 10:00 AM MST", "value": "1"},
        {"name": "Dup (#2) — Sat Dec 12, 2:00 PM MST", "value": "2"},
    ]
    both = await loopback.slash("meetup info", meetup="Dup")
    assert both.ephemeral
    assert both.content == (
        "2 meetups are called “Dup” (#1, #2): pick one from the list as you type, where each "
        "shows its number, or type its number, like #1."
    )
    assert not both.embeds
    second = await loopback.slash("meetup info", meetup="#2")
    assert second.embeds[0]["footer"]["text"].startswith("Meetup #2 ")
    other = await loopback.slash("meetup info", meetup="other")
    assert other.embeds[0]["footer"]["text"].startswith("Meetup #3 ")

    await loopback.slash("meetup cancel", meetup="1", actor=loopback.member("Tammy"))
    left = await loopback.slash("meetup info", meetup="DUP")
    assert left.embeds[0]["footer"]["text"].startswith("Meetup #2 ")
    unknown = await loopback.slash("meetup info", meetup="Dupe")
    assert unknown.content == "Pick a meetup from the list as you type; “Dupe” is not one."


async def test_a_meetup_that_has_ended_is_still_found_by_its_title(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Swap Meet")
    keitora.clock.set(datetime(2027, 1, 10, 12, 0, tzinfo=UTC))
    shown = await loopback.slash("meetup info", meetup="swap meet")
    assert shown.embeds, shown.text
    assert shown.embeds[0]["footer"]["text"].startswith("Meetup #1 ")
    edited = await loopback.slash(
        "meetup edit", meetup="Swap Meet", title="Later", actor=loopback.member("Tammy")
    )
    assert edited.ephemeral
    assert edited.content == "Renamed “Swap Meet” to “Later”."


async def test_a_date_of_a_series_a_year_ahead_is_found_as_typed_and_cancelled(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Weekly", when="sat 9am", repeat="weekly")
    tammy = loopback.member("Tammy")
    jun_5 = unix(datetime(2027, 6, 5, 15, 0, tzinfo=UTC))  # 9 AM MDT
    nov_27 = unix(datetime(2027, 11, 27, 16, 0, tzinfo=UTC))  # 9 AM MST, 51 weeks on

    # Dates not in this year (2026, in the meetup's zone) name their year.
    found = await loopback.autocomplete("meetup cancel", "occurrence", "jun 5", meetup="1")
    assert found == [{"name": "Sat Jun 5, 2027, 9:00 AM MDT", "value": str(jun_5)}]
    typing = await loopback.autocomplete("meetup cancel", "occurrence", "Jun 1", meetup="1")
    assert [choice["name"] for choice in typing] == [
        "Sat Jun 12, 2027, 9:00 AM MDT",
        "Sat Jun 19, 2027, 9:00 AM MDT",
        "Sat Jun 10, 2028, 9:00 AM MDT",
        "Sat Jun 17, 2028, 9:00 AM MDT",
    ]
    for typed in ("jun 10 2028", "Sat Jun 10, 2028, 9:00"):
        year = await loopback.autocomplete("meetup cancel", "occurrence", typed, meetup="1")
        assert [choice["name"] for choice in year] == ["Sat Jun 10, 2028, 9:00 AM MDT"], typed
    this_year = await loopback.autocomplete("meetup cancel", "occurrence", "dec", meetup="1")
    assert [choice["name"] for choice in this_year][:4] == [
        "Sat Dec 5, 9:00 AM MST",
        "Sat Dec 12, 9:00 AM MST",
        "Sat Dec 19, 9:00 AM MST",
        "Sat Dec 26, 9:00 AM MST",
    ]
    await create(loopback, title="New Year", when="Jan 2 10am")
    listed = await loopback.autocomplete("meetup info", "meetup", "")
    assert [choice["name"] for choice in listed] == [
        "Weekly (#1) — Sat Dec 5, 9:00 AM MST",
        "New Year (#2) — Sat Jan 2, 2027, 10:00 AM MST",
    ]

    several = await loopback.slash("meetup cancel", meetup="1", occurrence="Sat Jun", actor=tammy)
    assert several.ephemeral
    assert several.content == (
        "More than one date of “Weekly” is “Sat Jun”: type more of it, like Sat Jun 5, 2027, "
        "9:00 AM MDT, or pick one from the list as you type."
    )
    for typed, start in (("Sat Jun 5", jun_5), ("nov 27", nov_27)):
        reply = await loopback.slash(
            "meetup cancel", meetup="Weekly", occurrence=typed, actor=tammy
        )
        assert (
            reply.content
            == f"Cancelled “Weekly” on <t:{start}:F>. Nobody else was going, waiting or maybe, "
            "so nobody gets a DM."
        )
    assert await loopback.autocomplete("meetup cancel", "occurrence", "jun 5", meetup="1") == []
    again = await loopback.slash("meetup cancel", meetup="1", occurrence="Jun 5", actor=tammy)
    assert again.content == (
        "That date of “Weekly” is cancelled already (restore it with `/meetup restore`)."
    )
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    weekly = await meetups.get(guild, 1)
    assert weekly.cancelled_at is None
    stored = await meetups.with_exceptions([weekly])
    assert sorted(unix(o.original_start) for o in stored[0][1] if o.cancelled) == [jun_5, nov_27]


async def test_a_new_place_while_a_meetup_is_under_way_is_told_and_refused_once_it_is_over(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """ "We moved to the other lot" is news to those on their way; it used to be saved, told
    to nobody, and answered as the place the meetup had already."""
    card = await posted(keitora, loopback, title="Main", capacity=1)
    tammy, dale, rosa = (loopback.member(n) for n in ("Tammy", "Dale", "Rosa"))
    for member in (dale, rosa):
        await loopback.click(card, "Going", actor=member)  # Rosa waits
    keitora.clock.set(datetime(2026, 12, 12, 17, 30, tzinfo=UTC))  # half an hour in

    moved = await loopback.slash("meetup edit", meetup="1", location="North lot", actor=tammy)

    sent = moved.record.callback_body["data"]
    assert sent["flags"] & 64
    assert sent["content"] == (
        "Changed the place of “Main”. 2 members going, waiting or maybe get a DM."
    )
    await dms_arrive(keitora, loopback, {dale: 1, rosa: 1})
    assert loopback.dms(dale)[0].content.startswith(
        f"**Main** on <t:{DEC_12}:F> (<t:{DEC_12}:R>) moved to a new place: **North lot** "
        "(it was Moab, UT)."
    )
    keitora.clock.set(datetime(2026, 12, 12, 20, 0, tzinfo=UTC))  # it has ended
    over = await loopback.slash("meetup edit", meetup="1", location="South lot", actor=tammy)
    assert over.record.callback_body["data"]["content"] == "“Main” has no date still ahead."
    assert (await keitora.bot.services.meetups.get(int(loopback.guild.id), 1)).location == (
        "North lot"
    )


async def test_a_moved_date_cancelled_is_named_at_its_new_time_in_the_reply(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """The organizer picks "Sun Dec 6, 2:00 PM" from the list; the reply names that time, as
    the DM does, not the Saturday the date was moved from."""
    card = await posted(keitora, loopback, title="Weekly", when="sat 9am", repeat="weekly")
    tammy, dale = loopback.member("Tammy"), loopback.member("Dale")
    await loopback.click(card, "Going", actor=dale)
    await loopback.slash("meetup edit", meetup="1", when="Dec 6 2pm", actor=tammy)
    await dms_arrive(keitora, loopback, {dale: 1})
    [moved] = await loopback.autocomplete("meetup cancel", "occurrence", "Dec 6", meetup="1")
    dec_6 = unix(datetime(2026, 12, 6, 21, 0, tzinfo=UTC))

    cancelled = await loopback.slash(
        "meetup cancel", meetup="1", occurrence=moved["value"], reason="Snow", actor=tammy
    )

    assert cancelled.record.callback_body["data"]["content"] == (
        f"Cancelled “Weekly” on <t:{dec_6}:F>. 1 member going, waiting or maybe gets a DM."
    )
    await dms_arrive(keitora, loopback, {dale: 2})
    assert loopback.dms(dale)[1].content.startswith(f"**Weekly** on <t:{dec_6}:F> is cancelled")
