"""A moderator's change to a member's meetup tells its organizer by DM, once, naming the server,
the meetup, what changed and who, as a build's owner is told; the organizer's own change tells
them nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from sandbox import Loopback

from .conftest import RunningBot
from .series_cancels import cancel_series
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted

DEC_19 = datetime(2026, 12, 19, 17, 0, tzinfo=UTC)


async def test_an_organizer_is_told_of_each_change_a_moderator_makes_and_not_of_their_own(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy, marcus = loopback.member("Tammy"), loopback.member("Marcus")
    server = loopback.guild.name
    who = f"A moderator of **{server}** (<@{marcus.id}>)"
    link = f"https://discord.com/channels/{loopback.guild.id}/{card.channel_id}/{card.id}"

    await loopback.slash("meetup edit", meetup="1", location="Price", capacity=9, actor=tammy)
    await loopback.slash("meetup cancel", meetup="1", occurrence="Dec 26", actor=tammy)
    await dms_arrive(keitora, loopback, {tammy: 0})

    await loopback.slash(
        "meetup edit", meetup="1", title="Weekly meet", location="Moab", actor=marcus
    )
    await loopback.slash(
        "meetup cancel", meetup="1", occurrence="Dec 19", reason="ice", actor=marcus
    )
    await loopback.slash("meetup restore", meetup="1", occurrence="Dec 19", actor=marcus)
    await dms_arrive(keitora, loopback, {tammy: 3})
    assert [dm.content for dm in loopback.dms(tammy)] == [
        f"{who} changed the title of your meetup “Weekly” (#1) to “Weekly meet”, and the "
        "place. "
        f"The meetup is now at **Moab**. Its card: {link}",
        f"{who} cancelled the date <t:{int(DEC_19.timestamp())}:F> of your meetup "
        f"“Weekly meet” (#1). The reason given: “ice”. Its card: {link}",
        f"{who} undid the cancel of the date <t:{int(DEC_19.timestamp())}:F> of your meetup "
        f"“Weekly meet” (#1): it is held again. Its card: {link}",
    ]

    await cancel_series(loopback, marcus, meetup="1")
    await dms_arrive(keitora, loopback, {tammy: 4})
    assert loopback.dms(tammy)[-1].content == (
        f"{who} cancelled your meetup “Weekly meet” (#1). Its card: {link}"
    )
    await keitora.bot.job_runner.run_due()  # once: nothing more is due
    assert len(loopback.dms(tammy)) == 4


async def test_a_moderators_new_title_is_told_with_the_old_one(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Kei Day", when="sat 10am")
    tammy, marcus = loopback.member("Tammy"), loopback.member("Marcus")
    who = f"A moderator of **{loopback.guild.name}** (<@{marcus.id}>)"
    link = f"https://discord.com/channels/{loopback.guild.id}/{card.channel_id}/{card.id}"
    await loopback.slash("meetup edit", meetup="1", title="Renamed by mod", actor=marcus)
    await dms_arrive(keitora, loopback, {tammy: 1})
    assert loopback.dms(tammy)[0].content == (
        f"{who} changed the title of your meetup “Kei Day” (#1) to “Renamed by mod”. "
        f"Its card: {link}"
    )


async def test_a_place_typed_as_it_already_is_is_no_change_of_place(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Kei Day", when="sat 10am", location="Moab")
    tammy, marcus = loopback.member("Tammy"), loopback.member("Marcus")
    who = f"A moderator of **{loopback.guild.name}** (<@{marcus.id}>)"
    link = f"https://discord.com/channels/{loopback.guild.id}/{card.channel_id}/{card.id}"
    await loopback.slash("meetup edit", meetup="1", capacity=9, location="  Moab ", actor=marcus)
    await dms_arrive(keitora, loopback, {tammy: 1})
    assert loopback.dms(tammy)[0].content == (
        f"{who} changed the capacity of your meetup “Kei Day” (#1). Its card: {link}"
    )


async def test_a_new_place_is_told_as_it_is_kept(keitora: RunningBot, loopback: Loopback) -> None:
    await posted(keitora, loopback, title="Kei Day", when="sat 10am", location="Moab")
    tammy, marcus = loopback.member("Tammy"), loopback.member("Marcus")
    await loopback.slash("meetup edit", meetup="1", location="Green   River", actor=marcus)
    await dms_arrive(keitora, loopback, {tammy: 1})
    assert "The meetup is now at **Green River**." in loopback.dms(tammy)[0].content
