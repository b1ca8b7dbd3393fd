"""/meetup template through the loopback: a Kei Truck Day saved once and posted again with only
a new time, who may replace or delete a template, and bad input that posts nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import unix
from sandbox import Loopback, Reply
from sandbox.state import Json

from .conftest import RunningBot
from .test_meetups import POST, cards, create, field, meetups_channel, requests

SAVE, USE, DELETE = "meetup template save", "meetup template use", "meetup template delete"


async def test_a_saved_meetup_is_posted_again_with_only_a_new_time(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)  # the server's zone is Denver
    tammy = loopback.member("Tammy")
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    await create(
        loopback,
        title="Kei Truck Day — Fairgrounds",
        when="Dec 12 10am",
        timezone="America/Los_Angeles",
        location="Ventura County Fairgrounds",
        description="Bring your **Hijet**, <@&1> stays quiet.",
        capacity=40,
        trucks=20,
        region="SoCal",
        duration=240,
        cutoff="2h",
    )
    first = cards(loopback)[0]

    saved = await loopback.slash(SAVE, meetup=str(first_id(first)), name="Kei Truck Day")
    assert saved.ephemeral
    assert saved.text.startswith("Saved the template “Kei Truck Day” from")
    choices = await loopback.autocomplete(USE, "name", "truck")
    assert [c["value"] for c in choices] == ["Kei Truck Day"]

    posts_before = len(requests(loopback, POST))
    used = await loopback.slash(USE, name="kei  truck DAY", when="Jan 9 9am", actor=tammy)
    assert used.ephemeral, used.text
    # Read in the template's zone (Los Angeles), not the server's (Denver).
    start = datetime(2027, 1, 9, 17, 0, tzinfo=UTC)
    assert f"<t:{unix(start)}:F>" in used.text
    assert "zone **America/Los_Angeles**, the template's zone." in used.text
    card_posts = [r for r in requests(loopback, POST)[posts_before:] if r.request.get("embeds")]
    assert len(card_posts) == 1
    embed = card_posts[0].request["embeds"][0]
    assert embed["title"] == "Kei Truck Day — Fairgrounds"
    assert embed["description"] == "Bring your \\*\\*Hijet\\*\\*, <@\u200b&1> stays quiet."
    assert field(embed, "Where").startswith("Ventura County Fairgrounds")
    assert field(embed, "Region") == "SoCal"
    assert field(embed, "Going").startswith("0 people of 40")
    assert "of 20" in field(embed, "Going")
    closes = unix(datetime(2027, 1, 9, 15, 0, tzinfo=UTC))
    assert field(embed, "Signup closes").startswith(f"<t:{closes}:F>")
    assert card_posts[0].request["allowed_mentions"]["parse"] == []
    # The new meetup is its own: the first keeps its date.
    assert len(cards(loopback)) == 2
    info = await loopback.slash("meetup info", meetup=str(first_id(first)))
    assert f"<t:{unix(datetime(2026, 12, 12, 18, 0, tzinfo=UTC))}:F>" in str(info.embeds[0])


async def test_a_series_template_says_its_rule_is_not_kept_and_a_use_may_repeat(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    await create(loopback, repeat="monthly on the first saturday")
    series = str(first_id(cards(loopback)[0]))

    saved = await loopback.slash(SAVE, meetup=series, name="Kei Truck Day")
    assert "keeps no repeat rule: give `repeat:` too" in saved.text, saved.text

    posts_before = len(requests(loopback, POST))

    async def use(repeat: str) -> Reply:
        tammy = loopback.member("Tammy")
        return await loopback.slash(
            USE, name="Kei Truck Day", when="Jan 2 9am", repeat=repeat, actor=tammy
        )

    def new_cards() -> list[Json]:
        return [
            r.request for r in requests(loopback, POST)[posts_before:] if r.request.get("embeds")
        ]

    used = await use("every 2 weeks")
    assert "**Repeats:** every 2 weeks on Saturday at 9:00 AM." in used.text, used.text
    [card] = new_cards()
    assert field(card["embeds"][0], "Repeats").startswith("every 2 weeks on Saturday")

    refused = await use("sometimes")
    assert refused.ephemeral
    assert "sometimes" in refused.text
    assert len(new_cards()) == 1


async def test_only_who_saved_a_template_or_a_moderator_may_replace_or_delete_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    await create(loopback)
    meetup = str(first_id(cards(loopback)[0]))
    await loopback.slash(SAVE, meetup=meetup, name="Kei Truck Day")
    organizer = loopback.guild.role("Organizer")
    admin = loopback.member("Akiko")
    await loopback.slash("setup role", kind="organizer", role=organizer, actor=admin)
    rin = loopback.guild.add_member("Rin", [loopback.guild.role("Organizer")])

    refused = await loopback.slash(SAVE, meetup=meetup, name="KEI TRUCK DAY", actor=rin)
    assert refused.ephemeral
    assert "Only its organizer or a moderator can replace this template." in refused.text
    refused = await loopback.slash(DELETE, name="Kei Truck Day", actor=rin)
    assert "Only its organizer or a moderator can delete this template." in refused.text
    member = await loopback.slash(
        USE, name="Kei Truck Day", when="Jan 9 9am", actor=loopback.member("Mika")
    )
    assert member.ephemeral
    assert "organizer" in member.text.casefold()

    marcus = loopback.member("Marcus")
    replaced = await loopback.slash(SAVE, meetup=meetup, name="Kei Truck Day", actor=marcus)
    assert replaced.text.startswith("Replaced the template “Kei Truck Day”")
    deleted = await loopback.slash(DELETE, name="Kei Truck Day", actor=marcus)
    assert deleted.text == "Deleted the template “Kei Truck Day”."
    assert await loopback.autocomplete(USE, "name", "") == []


async def test_bad_template_input_is_refused_and_posts_nothing(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    await create(loopback)
    meetup = str(first_id(cards(loopback)[0]))
    await loopback.slash(SAVE, meetup=meetup, name="🚚 軽トラの日")
    posts_before = len(requests(loopback, POST))

    for options, expected in [
        ({"name": "Nope", "when": "Jan 9 9am"}, "There is no meetup template named “Nope”"),
        ({"name": "🚚 軽トラの日", "when": "2026-12-01 9:00"}, "which has passed"),
        ({"name": "🚚 軽トラの日", "when": "whenever"}, "I couldn't read “whenever”"),
    ]:
        reply = await loopback.slash(USE, actor=loopback.member("Tammy"), **options)
        assert reply.ephemeral
        assert expected in reply.text, reply.text
    too_long = await loopback.slash(SAVE, meetup=meetup, name="x" * 51)
    assert "The template's name is 51 characters; the limit is 50." in too_long.text

    assert len(requests(loopback, POST)) == posts_before
    assert [c["value"] for c in await loopback.autocomplete(USE, "name", "軽トラ")] == [
        "🚚 軽トラの日"
    ]


def first_id(card: object) -> int:
    """The meetup number a card's footer names."""
    footer = card.embeds[0]["footer"]["text"]  # type: ignore[attr-defined]
    return int(footer.removeprefix("Meetup #").split(" ", 1)[0])
