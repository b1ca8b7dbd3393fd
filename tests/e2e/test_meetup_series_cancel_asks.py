"""`/meetup cancel` without `occurrence:` on a series asks first, with Cancel the series / Keep
it buttons: a whole series cancelled is gone for good, while the likeliest wish is one date off.
A one-off still cancels at once, as it can be restored."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted
from .test_meetup_series_edits import breakfast


async def test_a_whole_series_is_cancelled_only_once_confirmed_and_keep_it_keeps_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await breakfast(keitora, loopback)  # Dale going
    tammy, dale, hank = (loopback.member(n) for n in ("Tammy", "Dale", "Hank"))
    await loopback.click(card, "Maybe", actor=hank)

    asked = await loopback.slash(
        "meetup cancel", meetup="1", reason="Only this week, sorry", actor=tammy
    )

    assert asked.ephemeral
    assert asked.content == (
        "Cancel the whole series “Breakfast” for good? Every date ahead goes, with the answers "
        "of 2 members, who are told; a series cancelled cannot be restored. To cancel one date "
        "only, use `/meetup cancel` with `occurrence:`."
    )
    assert asked.text.endswith("The reason those going read: Only this week, sorry")
    assert asked.message is not None
    assert asked.message.buttons == ["Cancel the series", "Keep it"]
    original = asked.record.original
    assert original is not None
    sent = [button["custom_id"] for row in original["components"] for button in row["components"]]
    assert sent == ["meetup:cancel-series:1", "keep:cancelled"]
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    assert (await meetups.get(guild, 1)).cancelled_at is None

    kept = await loopback.click(asked, "Keep it", actor=tammy)
    assert kept.text == "Kept; nothing was cancelled."
    assert (await meetups.get(guild, 1)).cancelled_at is None

    asked = await loopback.slash(
        "meetup cancel", meetup="1", reason="Only this week, sorry", actor=tammy
    )
    twice = await loopback.slash("meetup cancel", meetup="1", actor=tammy)
    await keitora.restart()  # the question's button holds the meetup, its footer the reason
    done = await loopback.click(asked, "Cancel the series", actor=tammy)

    assert done.components == []
    assert done.text == "Cancelled “Breakfast”. 2 members going, waiting or maybe get a DM."
    cancelled = await keitora.bot.services.meetups.get(guild, 1)
    assert cancelled.cancelled_at is not None
    assert cancelled.cancel_reason == "Only this week, sorry"
    await dms_arrive(keitora, loopback, {dale: 1})
    assert "Only this week, sorry" in loopback.dms(dale)[0].content

    again = await loopback.click(twice, "Cancel the series", actor=tammy)
    assert again.text.startswith("“Breakfast” was already cancelled"), again.text


async def test_a_one_off_is_still_cancelled_at_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Swap", when="sat 10am")

    reply = await loopback.slash("meetup cancel", meetup="1", actor=loopback.member("Tammy"))

    assert reply.text.startswith("Cancelled “Swap”."), reply.text
    assert reply.message is None or reply.message.buttons == []


async def test_restore_no_longer_promises_to_undo_any_cancel(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await breakfast(keitora, loopback)
    [meetup] = [c for c in loopback.commands(loopback.guild) if c["name"] == "meetup"] or [
        c for c in loopback.commands() if c["name"] == "meetup"
    ]
    [restore] = [o for o in meetup["options"] if o["name"] == "restore"]
    assert "not a whole series" in restore["description"], restore["description"]


async def test_one_member_told_is_counted_in_the_singular(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await breakfast(keitora, loopback)  # Dale going
    asked = await loopback.slash("meetup cancel", meetup="1", actor=loopback.member("Tammy"))
    assert "with the answers of 1 member, who is told;" in asked.content, asked.content
