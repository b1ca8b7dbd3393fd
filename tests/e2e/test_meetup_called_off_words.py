"""A meetup called off while under way reads "called off" wherever a member reads of it (the
reply, the card, the thread's name, the organizer's DM, `/meetup ics`), as its attendees' DMs
say; whoever called it off, and its organizer, read that `/meetup restore` undoes it until the
meetup ends. A calendar file still marks it CANCELLED, the standard's word."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_cancel_threads import thread_patches
from .test_meetup_changes import dms_arrive
from .test_meetup_edit_details import card_sent
from .test_meetup_thread_names import meetup_thread

DEC_12 = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)  # 10 AM in Denver
ENDS = DEC_12 + timedelta(hours=3)


async def test_a_meetup_called_off_under_way_says_so_everywhere_and_until_when_it_is_undone(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback, when="Dec 12 10am-1pm")
    tammy, marcus = loopback.member("Tammy"), loopback.member("Marcus")
    keitora.clock.set(DEC_12 + timedelta(minutes=30))

    reply = await loopback.slash("meetup cancel", meetup="1", reason="Hail", actor=marcus)

    until = f"`/meetup restore` can undo this until <t:{unix(ENDS)}:t>, when it ends."
    assert reply.text.startswith(
        f"Called off “Kei Truck Day”, under way since <t:{unix(DEC_12)}:F>. {until}"
    ), reply.text
    await card_sent(
        loopback,
        lambda e: (
            {
                "name": "When",
                "value": f"~~<t:{unix(DEC_12)}:F>~~ — called off: Hail",
                "inline": False,
            }
            in e["fields"]
        ),
        "the card called off",
    )
    assert {"name": "Called off · Kei Truck Day"}.items() <= thread_patches(loopback, thread)[
        0
    ].items()  # type: ignore[union-attr]
    await dms_arrive(keitora, loopback, {tammy: 1})
    assert loopback.dms(tammy)[0].content.startswith(
        f"A moderator of **{loopback.guild.name}** (<@{marcus.id}>) called off your meetup "
        f"“Kei Truck Day” (#1), under way since <t:{unix(DEC_12)}:F>: `/meetup restore` can "
        f"undo this until <t:{unix(ENDS)}:t>, when it ends. The reason given: “Hail”."
    ), loopback.dms(tammy)[0].content
    ics = await loopback.slash("meetup ics", meetup="1", actor=tammy)
    assert ics.text.startswith("“Kei Truck Day” was called off: “Hail”."), ics.text


async def test_a_series_date_called_off_under_way_tells_whoever_called_it_off_until_when(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetup_thread(keitora, loopback, when="sat 10am", repeat="weekly")  # 3 hours
    dec_5 = DEC_12 - timedelta(days=7)
    keitora.clock.set(dec_5 + timedelta(minutes=30))

    reply = await loopback.slash(
        "meetup cancel", meetup="1", occurrence="Sat Dec 5", actor=loopback.member("Tammy")
    )

    assert reply.text.startswith(
        f"Called off “Kei Truck Day” on <t:{unix(dec_5)}:F>, under way. `/meetup restore` can "
        f"undo this until <t:{unix(dec_5 + timedelta(hours=3))}:t>, when it ends."
    ), reply.text


async def test_help_says_restore_undoes_a_cancel_until_the_meetup_ends(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetup_thread(keitora, loopback)
    [meetup] = [c for c in loopback.commands(loopback.guild) if c["name"] == "meetup"] or [
        c for c in loopback.commands() if c["name"] == "meetup"
    ]
    [restore] = [o for o in meetup["options"] if o["name"] == "restore"]
    assert "still ahead" not in restore["description"], restore["description"]
    shown = await loopback.slash("help", topic="meetup", actor=loopback.member("Tammy"))
    assert "still ahead" not in str(shown.record.callback_body), shown.text
