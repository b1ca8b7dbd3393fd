"""/meetup create with times typed as members say them (午後 3:30, 9時, tomorrow 24, half past
six pm, 1:30am CDT on the night the clocks fall back, sat at 3 asked about), and /help meetup
within Discord's limits: each asserted on what the bot sent."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.clock import unix
from bot.limits import EMBED_DESCRIPTION, EMBED_FIELD_VALUE, EMBED_TOTAL
from bot.when import RULE_PARTS, RULES, rule_parts
from cogs.meetup_events import EVENTS_TAB_HELP
from sandbox import Loopback, Reply
from sandbox.invoke import find_command
from sandbox.state import Json

from .conftest import RunningBot
from .test_meetups import create, meetups_channel
from .test_meetups import requests as sent

FOLLOWUP = ("POST", "/webhooks/{webhook_id}/{webhook_token}")
FRI = datetime(2026, 12, 4, 15, 30, tzinfo=UTC)  # Friday December 4, 9:30 AM in Chicago


def sent_reply(loopback: Loopback, reply: Reply) -> Json:
    """The answer the bot sent: its first response, or the follow-up after it deferred."""
    body = reply.record.callback_body or {}
    if body.get("type") == 4:
        data: Json = body["data"]
        return data
    token = reply.record.token  # the follow-up goes to this interaction's webhook
    [followup] = [r for r in sent(loopback, FOLLOWUP) if r.path.endswith(f"/{token}")]
    posted: Json = followup.request
    return posted


async def in_chicago_on_friday(keitora: RunningBot, loopback: Loopback) -> None:
    """A meetups channel in Chicago, on Friday December 4 at 9:30 AM."""
    await meetups_channel(loopback, timezone="America/Chicago")
    keitora.clock.set(FRI)


async def test_times_members_say_are_read_and_the_reading_is_said(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await in_chicago_on_friday(keitora, loopback)

    spaced = sent_reply(loopback, await create(loopback, when="明日 午後 3:30"))
    assert f"<t:{unix(datetime(2026, 12, 5, 21, 30, tzinfo=UTC))}:F>" in spaced["content"]
    assert spaced["flags"] & 64

    early = sent_reply(loopback, await create(loopback, when="明日 9時"))
    assert f"<t:{unix(datetime(2026, 12, 5, 15, 0, tzinfo=UTC))}:F>" in early["content"]
    assert (
        "• “9時” read as 9:00 AM (24-hour clock); write 午後9時 for the afternoon or evening."
    ) in early["content"]

    late = sent_reply(loopback, await create(loopback, when="tomorrow 24"))
    assert f"<t:{unix(datetime(2026, 12, 6, 6, 0, tzinfo=UTC))}:F>" in late["content"]
    assert "Midnight read as the end of Saturday December 5, 2026." in late["content"]

    assert len(loopback.messages("meetups")) == 3


async def test_hours_in_words_are_read(keitora: RunningBot, loopback: Loopback) -> None:
    await in_chicago_on_friday(keitora, loopback)

    spoken = sent_reply(loopback, await create(loopback, when="sat half past six pm"))
    assert f"<t:{unix(datetime(2026, 12, 6, 0, 30, tzinfo=UTC))}:F>" in spoken["content"]
    early = sent_reply(loopback, await create(loopback, when="sat at seven"))
    assert "• “at seven” read as 7:00 AM; write 7pm for the" in early["content"]
    till = sent_reply(loopback, await create(loopback, when="sun ten till two pm"))
    assert f"<t:{unix(datetime(2026, 12, 6, 19, 50, tzinfo=UTC))}:F>" in till["content"]
    assert "• “ten till two pm” read as 1:50 PM; for a range, write 10-2pm." in till["content"]


async def test_a_range_and_an_evening_hour_in_words_are_read(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await in_chicago_on_friday(keitora, loopback)

    ranged = sent_reply(loopback, await create(loopback, when="sat six to eight pm"))
    assert f"<t:{unix(datetime(2026, 12, 6, 0, 0, tzinfo=UTC))}:F>" in ranged["content"]
    assert "“six to eight pm” read as 6:00 PM to 8:00 PM (2 hours)." in ranged["content"]
    evening = sent_reply(loopback, await create(loopback, when="sun six in the evening"))
    assert f"<t:{unix(datetime(2026, 12, 7, 0, 0, tzinfo=UTC))}:F>" in evening["content"]
    late = sent_reply(loopback, await create(loopback, when="mon quarter to midnight"))
    assert f"<t:{unix(datetime(2026, 12, 8, 5, 45, tzinfo=UTC))}:F>" in late["content"]


async def test_a_range_in_words_is_quoted_as_typed_12_at_night_read_and_two_days_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await in_chicago_on_friday(keitora, loopback)

    between = sent_reply(loopback, await create(loopback, when="sat between 10 and 2"))
    assert "“between 10 and 2” read as 10:00 AM to 2:00 PM (4 hours)." in between["content"]
    night = sent_reply(loopback, await create(loopback, when="sat 12 at night"))
    assert f"<t:{unix(datetime(2026, 12, 6, 6, 0, tzinfo=UTC))}:F>" in night["content"]
    assert "Midnight read as the end of Saturday December 5, 2026." in night["content"]
    two_days = sent_reply(loopback, await create(loopback, when="dec 5-6 9am"))
    assert two_days["content"].startswith(
        "“dec 5-6” names two days; a meetup starts on one. Give the first day and its time, "
        "like dec 5 9am, and how long it runs in the duration option"
    ), two_days["content"]
    assert two_days["flags"] & 64
    assert len(loopback.messages("meetups")) == 2


async def test_an_hour_in_the_small_hours_without_am_or_pm_is_asked_and_nothing_is_made(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await in_chicago_on_friday(keitora, loopback)

    asked = sent_reply(loopback, await create(loopback, when="sat at 3"))

    assert asked["content"] == (
        "“at 3” has no am or pm: write sat 3pm for 3:00 PM, or sat 3am for 3:00 AM."
    )
    assert asked["flags"] & 64
    assert loopback.messages("meetups") == []
    made = sent_reply(loopback, await create(loopback, when="sat 3pm"))
    assert f"<t:{unix(datetime(2026, 12, 5, 21, 0, tzinfo=UTC))}:F>" in made["content"]


async def test_a_role_typed_as_a_time_is_quoted_as_typed_and_pings_no_one(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await in_chicago_on_friday(keitora, loopback)

    role = "<@&123456789012345678>"
    refused_and_nothing_made(
        loopback,
        await create(loopback, when=role),
        "I couldn't read “<@\u200b&123456789012345678>” in “<@\u200b&123456789012345678>”.",
    )


async def test_a_daylight_time_passed_on_the_fall_back_night_is_refused_not_moved(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback, timezone="America/Chicago")
    keitora.clock.set(datetime(2026, 11, 1, 6, 45, tzinfo=UTC))  # 1:45 AM CDT

    refused = await create(loopback, when="1:30am CDT")

    refused_and_nothing_made(loopback, refused, "That 1:30 AM CDT has passed")


async def test_help_for_meetups_fits_discords_limits_with_the_rules_whole(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # The rules' Day example is dated on the bot's day: fixed here, not the day the test runs.
    keitora.clock.set(datetime(2026, 12, 1, 18, 0, tzinfo=UTC))
    reply = await loopback.slash("help", topic="meetup")
    [embed] = sent_reply(loopback, reply)["embeds"]

    # The rules in three fields, each whole; the description not cut to fit.
    rules = [field for field in embed["fields"] if field["name"].startswith("How times are read")]
    assert [field["value"] for field in rules] == list(rule_parts(date(2026, 12, 1)))
    assert "\n".join(RULE_PARTS) == RULES
    assert embed["description"].endswith(EVENTS_TAB_HELP)
    assert "`/meetup edit meetup: [title]" in embed["description"]
    assert len(embed["description"]) <= EMBED_DESCRIPTION
    assert all(len(field["value"]) <= EMBED_FIELD_VALUE for field in embed["fields"])
    assert all(len(part) <= EMBED_FIELD_VALUE - 60 for part in RULE_PARTS)
    total = len(embed["title"]) + len(embed["description"])
    total += sum(len(field["name"]) + len(field["value"]) for field in embed["fields"])
    assert total <= EMBED_TOTAL
    assert "• In words: six pm, six thirty pm, half past six" in RULE_PARTS[0]
    assert "the 1st sat of jan (or of the month, of next month)" in RULE_PARTS[1]
    assert "(sat 10am-2pm ET / 7am-11am PT)" in RULE_PARTS[1]
    assert "(PT, Denver, America/Denver, UTC-7, 3pm -07:00)" in RULE_PARTS[2]
    [overview] = sent_reply(loopback, await loopback.slash("help"))["embeds"]
    assert all(len(field["value"]) <= EMBED_FIELD_VALUE for field in overview["fields"])


async def test_the_when_options_point_to_the_forms_in_words(
    keitora: RunningBot, loopback: Loopback
) -> None:
    for path in ("meetup create", "meetup template use"):
        _, chain = find_command(loopback.world, loopback.guild.id, path)
        [when] = [option for option in chain[-1]["options"] if option["name"] == "when"]
        assert when["description"].endswith("every form, in words too: /help meetup"), path
        assert "six pm" in when["description"]


async def test_an_offset_printed_after_a_time_is_its_zone_and_no_range(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await in_chicago_on_friday(keitora, loopback)

    made = sent_reply(loopback, await create(loopback, when="sat 3pm -07:00"))

    assert f"<t:{unix(datetime(2026, 12, 5, 22, 0, tzinfo=UTC))}:F>" in made["content"]
    assert "“-07:00” read as the offset from UTC of the time (UTC-07:00)." in made["content"]
    assert "16 hours" not in made["content"]
    assert len(loopback.messages("meetups")) == 1


async def test_a_place_typed_in_when_is_pointed_to_the_location_and_nothing_is_made(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await in_chicago_on_friday(keitora, loopback)

    refused_and_nothing_made(
        loopback,
        await create(loopback, when="sat 10am at the walmart lot"),
        "I couldn't read “walmart lot” in “sat 10am at the walmart lot”. If it is where, give "
        "it as the location: this option takes the day and time only.",
    )


def refused_and_nothing_made(loopback: Loopback, reply: Reply, start: str) -> None:
    """The bot answered only the member, starting with `start`, and posted no meetup."""
    refused = sent_reply(loopback, reply)
    assert refused["content"].startswith(start), refused["content"]
    assert refused["flags"] & 64
    assert loopback.messages("meetups") == []
