"""Arrivals and alerts through the loopback Discord: an arrival's card, its fields as alerts read
them, what counts as the same truck, and the alert DMs a match sends, within Discord's limits."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sandbox import Loopback

from .conftest import RunningBot
from .test_importers import (
    POST,
    announce,
    arrive,
    loopback,  # noqa: F401 (the fixture)
    posts_to,
    requests,
    server_ready,
    settle,
)


async def test_an_arrival_card_shows_its_fields_and_eligibility(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    codes = await loopback.autocomplete(
        "importer arrival",
        "model_code",
        "s110",
        actor=loopback.member("Yoshi"),
        make="Daihatsu",
        model="Hijet",
        year=1995,
    )
    assert codes[0]["value"] == "S110P"
    reply = await arrive(loopback, 1995, grade="3.5", mileage_km="45,000", price="9000", state="tx")
    assert "on its way" in reply, reply
    [card] = await settle(loopback, "announcements", 1, "the arrival card")
    fields = {f["name"]: f["value"] for f in card.embeds[0]["fields"]}
    assert card.embeds[0]["title"] == "1995 Daihatsu Hijet S110P 4WD"
    assert fields["Mileage"] == "45,000 km (27,962 mi)"
    assert fields["Auction grade"] == "3.5"
    assert fields["US import (25 years)"] == "Eligible now"

    bad = await loopback.slash(
        "importer arrival",
        make="Suzuki",
        model="Carry",
        year=1995,
        grade="11",
        actor=loopback.member("Yoshi"),
    )
    assert "not an auction grade" in bad.text
    for option, typed, said in (
        ("price", "-1", "The price must be a positive whole number"),
        ("price", "0", "The price must be a positive whole number"),
        ("price", "free", "The price must be a positive whole number"),
        ("mileage_km", "-5", "The mileage must be a whole number, 0 or more"),
    ):
        refused = await loopback.slash(
            "importer arrival",
            make="Suzuki",
            model="Carry",
            year=1995,
            actor=loopback.member("Yoshi"),
            **{option: typed},
        )
        assert refused.ephemeral
        assert said in refused.text, refused.text
    assert len(loopback.messages("announcements")) == 1


async def test_an_alert_sends_one_dm_per_matching_announcement(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika, dale = loopback.member("Mika"), loopback.member("Dale")
    saved = await loopback.slash("alerts add", keywords="jumbo 4wd", actor=mika)
    assert saved.text.startswith("Saved.")
    read = await loopback.slash("alerts add", keywords="carry mileage < 30000 mi", actor=mika)
    assert read.ephemeral
    assert "read as: carry · mileage < 48,280 km (30,000 mi)" in read.text
    await loopback.slash("alerts add", keywords="ジャンボ", actor=mika)
    await loopback.slash("alerts add", keywords="carry", actor=dale)
    listed = await loopback.slash("alerts list", actor=mika)
    assert "jumbo 4wd" in listed.text

    await announce(loopback, "ハイゼット ジャンボ 4WD arrived")
    await settle(loopback, "announcements", 1, "the announcement")
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="Mika's DM")
    [dm] = loopback.dms(mika)
    assert dm.content == "Your alerts `jumbo 4wd` and `ジャンボ` matched this from **Kei Imports**:"
    assert dm.embeds[0]["title"] == "ハイゼット ジャンボ 4WD arrived"
    await keitora.restart()
    assert len(loopback.dms(mika)) == 1
    assert loopback.dms(dale) == []

    choices = await loopback.autocomplete("alerts remove", "alert", "jum", actor=mika)
    removed = await loopback.slash("alerts remove", alert=choices[0]["value"], actor=mika)
    assert "Removed the alert" in removed.text


async def test_a_burst_of_alert_dms_keeps_under_discords_global_limit(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    members = [loopback.guild.add_member(f"Watcher {n:02d}") for n in range(40)]
    for member in members:  # interactions: exempt from the limit, and sent before the burst
        await loopback.slash("alerts add", keywords="jumbo", actor=member)
    first_of_burst = len(loopback.requests)

    await announce(loopback, "Hijet Jumbo arrived")
    await loopback.wait_until(
        lambda: all(loopback.dms(member) for member in members), within=30, what="40 DMs"
    )
    # 80 requests (a DM channel and a message each) that the outbox sent without one 429:
    # as fast as Discord answers, they went past 50 in a second.
    burst = loopback.requests[first_of_burst:]
    assert [r.path for r in burst if r.status == 429] == []
    assert all(len(loopback.dms(member)) == 1 for member in members)


async def test_an_alert_word_written_with_a_slash_or_hyphen_matches_it_written_so(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika, dale = loopback.member("Mika"), loopback.member("Dale")
    for keywords in ("a/c", "camper-shell"):
        saved = await loopback.slash("alerts add", keywords=keywords, actor=mika)
        assert saved.text.startswith("Saved."), saved.text
    await loopback.slash("alerts add", keywords="acty", actor=dale)

    await announce(loopback, "Acty with cold A/C", body="Comes with a camper-shell.")
    await loopback.wait_until(lambda: loopback.dms(dale), within=10, what="Dale's DM")
    await loopback.wait_until(lambda: loopback.dms(mika), within=10, what="Mika's DM")
    dm_channel = loopback.dm_channel(mika).id
    [body] = [r.request for r in requests(loopback, POST) if f"/channels/{dm_channel}/" in r.path]
    assert body["content"].endswith("matched this from **Kei Imports**:"), body
    assert "`a/c`" in body["content"], body
    assert "`camper-shell`" in body["content"], body
    assert body["embeds"][0]["title"] == "Acty with cold A/C"


async def test_two_trucks_of_one_model_arrive_and_only_the_same_truck_twice_is_a_repeat(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    first = await arrive(loopback, 1996, mileage_km="45000", price="8500")
    assert "on its way" in first, first
    second = await arrive(loopback, 1996, mileage_km="88000", price="6500")
    assert "on its way" in second, second
    again = await arrive(loopback, 1996, mileage_km="88000", price="6500")
    assert "was announced in the last 7 days" in again, again

    await settle(loopback, "announcements", 2, "both arrival cards")
    bodies = posts_to(loopback, "announcements")
    mileages = [
        {f["name"]: f["value"] for f in body["embeds"][0]["fields"]}["Mileage"] for body in bodies
    ]
    assert mileages == ["45,000 km (27,962 mi)", "88,000 km (54,681 mi)"]


async def test_two_listings_of_one_model_are_two_trucks_and_one_listing_retyped_a_repeat(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """A listing's link names the truck: another link is another truck, whatever else is alike,
    and the same link with reworded notes is the same truck. Without a link, the notes are all
    that tells two trucks alike in every field apart."""
    await server_ready(loopback, trusted=True)
    await loopback.slash("setup importers", daily=6, actor=loopback.member("Akiko"))
    replies = [
        await arrive(loopback, 1996, link="https://example.com/a1", notes="first"),
        await arrive(loopback, 1996, link="https://example.com/a2", notes="second"),
        await arrive(loopback, 1996, notes="white, with a dump bed"),
        await arrive(loopback, 1996, notes="red, with a flat bed"),
    ]
    assert all("on its way" in reply for reply in replies), replies
    retyped = await arrive(loopback, 1996, link="https://example.com/a2", notes="second, reworded")
    # Its notes differ: what repeats is the listing its link names, not its details.
    assert retyped == (
        "“1996 Daihatsu Hijet S110P 4WD”, the same listing (https://example.com/a2), was "
        "announced in the last 7 days; a repeat is not posted again."
    ), retyped
    again = await arrive(loopback, 1996, notes="Red, with a flat bed.")
    assert again == (
        "“1996 Daihatsu Hijet S110P 4WD”, with the same details, was announced in the last 7 "
        "days; a repeat is not posted again."
    ), again

    await settle(loopback, "announcements", 4, "the four arrival cards")
    cards = [body["embeds"][0] for body in posts_to(loopback, "announcements")]
    assert [(card.get("url"), card.get("description")) for card in cards] == [
        ("https://example.com/a1", "first"),
        ("https://example.com/a2", "second"),
        (None, "white, with a dump bed"),
        (None, "red, with a flat bed"),
    ]


@pytest.mark.parametrize(
    ("year", "fields", "title", "lines"),
    [
        (
            1996,
            {"grade": "4.5", "mileage_km": "45000", "price": "8500", "state": "OR"},
            "1996 Daihatsu Hijet S110P 4WD",
            [
                "Model: Daihatsu Hijet S110P",
                "Year: 1996",
                "Drive: 4WD",
                "Auction grade: 4.5",
                "Mileage: 45,000 km (27,962 mi)",
                "Price: $8,500",
                "In: OR",
                "US import (25 years): Eligible now",
            ],
        ),
        # Too young for the 25-year exemption: worth a moderator's look.
        (
            2005,
            {"model_code": "S200P", "price": "8500"},
            "2005 Daihatsu Hijet S200P 4WD",
            [
                "Model: Daihatsu Hijet S200P",
                "Year: 2005",
                "Drive: 4WD",
                "Price: $8,500",
                "US import (25 years): Eligible from 2031-01-01",
            ],
        ),
    ],
    ids=["eligible", "too young"],
)
async def test_a_queued_arrival_shows_the_moderators_the_truck_they_approve(
    keitora: RunningBot,
    loopback: Loopback,
    year: int,
    fields: dict[str, str],
    title: str,
    lines: list[str],
) -> None:
    await server_ready(loopback, trusted=False)
    reply = await arrive(loopback, year, **fields)
    assert "waits for a moderator" in reply, reply
    await settle(loopback, "mod-queue", 1, "the queue post")
    [body] = posts_to(loopback, "mod-queue")
    card = body["embeds"][0]
    assert card["title"] == title
    assert card["description"].splitlines() == lines

    # Approved, the card members see shows what the moderator saw, a date in their own form.
    queued = loopback.messages("mod-queue")[0]
    await loopback.click(queued, "Approve", actor=loopback.member("Marcus"))
    [posted] = await settle(loopback, "announcements", 1, "the approved arrival")
    shown = [f"{f['name']}: {f['value']}" for f in posted.embeds[0]["fields"]]
    # Noon UTC, the same day in every US zone, in Discord's markup (not escaped: shown as typed).
    noon = int(datetime(2031, 1, 1, 12, tzinfo=UTC).timestamp())
    assert shown == [line.replace("2031-01-01", f"<t:{noon}:D>") for line in lines]


async def test_an_alerts_model_code_is_read_as_arrivals_read_it_and_an_unknown_one_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika = loopback.member("Mika")
    unknown = await loopback.slash("alerts add", keywords="carry code:DA63", actor=mika)
    assert unknown.ephemeral
    assert "not a model code I know" in unknown.text, unknown.text
    saved = await loopback.slash("alerts add", keywords="code:EBD-DA63T", actor=mika)
    assert "read as: code = DA63T" in saved.text, saved.text
    listed = await loopback.slash("alerts list", actor=mika)
    assert "carry" not in listed.text

    carry = {"make": "Suzuki", "model": "Carry", "year": 2005, "model_code": "EBD-DA63T"}
    reply = await loopback.slash("importer arrival", **carry, actor=loopback.member("Yoshi"))
    assert "on its way" in reply.text, reply.text
    await loopback.wait_until(lambda: loopback.dms(mika), within=10, what="Mika's DM")
    dm_channel = loopback.dm_channel(mika).id
    [body] = [r.request for r in requests(loopback, POST) if f"/channels/{dm_channel}/" in r.path]
    assert body["content"].startswith("Your alert `code:EBD-DA63T` matched this"), body
    assert body["embeds"][0]["title"] == "2005 Suzuki Carry DA63T"


async def test_an_importer_is_not_alerted_of_their_own_announcement(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika, yoshi = loopback.member("Mika"), loopback.member("Yoshi")
    for member in (yoshi, mika):  # Yoshi watches for the Jumbos other importers bring in
        saved = await loopback.slash("alerts add", keywords="jumbo", actor=member)
        assert saved.text.startswith("Saved."), saved.text

    await announce(loopback, "Hijet Jumbo arrived")
    await loopback.wait_until(lambda: loopback.dms(mika), within=10, what="Mika's DM")
    # The DMs were planned with the announcement, at once: Mika's is the only one.
    planned = await keitora.bot.services.jobs.keys("alert.dm", "")
    assert [key.split(":")[1] for key in planned] == [str(mika.id)]
    assert loopback.dms(yoshi) == []


async def test_an_arrival_whose_model_code_is_another_truck_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    for make, model in (("Honda", "Acty"), ("Daihatsu", "Carry")):
        refused = await arrive(loopback, 1996, make=make, model=model)
        assert "S110P is a Daihatsu Hijet" in refused, refused
    reply = await arrive(loopback, 1996, make="daihatsu", model="Hijet Jumbo", drive="2wd")
    assert "on its way" in reply, reply
    await settle(loopback, "announcements", 1, "the arrival card")
    [body] = posts_to(loopback, "announcements")
    assert body["embeds"][0]["title"] == "1996 daihatsu Hijet Jumbo S110P 2WD"


async def test_an_alert_reads_a_state_by_name_a_price_in_words_and_thousands_as_k(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika = loopback.member("Mika")
    saved = await loopback.slash(
        "alerts add", keywords="hijet state:Colorado under $9k", actor=mika
    )
    assert saved.ephemeral
    assert "when an arrival card (only those give a price, grade, state…) matches" in saved.text
    assert "read as: hijet · state = CO · price ≤ $9,000" in saved.text, saved.text
    twin = await loopback.slash("alerts add", keywords="Hijet state:co price<=9000", actor=mika)
    assert "You already have the alert “hijet state:Colorado under $9k”" in twin.text, twin.text

    # The importer names the state too, and the card keeps its code.
    reply = await arrive(loopback, 1995, price="8,500", state="colorado")
    assert "on its way" in reply, reply
    [card] = await settle(loopback, "announcements", 1, "the arrival card")
    fields = {f["name"]: f["value"] for f in card.embeds[0]["fields"]}
    assert fields["In"] == "CO"
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="Mika's DM")
    [dm] = loopback.dms(mika)
    assert dm.content.startswith("Your alert `hijet state:Colorado under $9k` matched this"), (
        dm.content
    )
