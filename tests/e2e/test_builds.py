"""/build and /garage through the loopback: forum posts and threads, the spec card, updates with
and without photos, the ledger, closed, locked and deleted builds, and bad input."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.builds.service import STARTS_PER_DAY
from sandbox import ChannelRef, Loopback, Message, Reply
from sandbox.api import File
from sandbox.channels import REQUIRE_TAG
from sandbox.core import RequestRecord
from sandbox.invoke import InvocationError
from sandbox.state import ChannelType, Json, Permission
from tests.images import jpeg, png
from tests.test_builds import TRUCKS

from .conftest import RunningBot, database_held

FORUM_POST = ("POST", "/channels/{channel_id}/threads")
THREAD_FROM_MESSAGE = ("POST", "/channels/{channel_id}/messages/{message_id}/threads")
POST = ("POST", "/channels/{channel_id}/messages")
EDIT_MESSAGE = ("PATCH", "/channels/{channel_id}/messages/{message_id}")
EDIT_CHANNEL = ("PATCH", "/channels/{channel_id}")
PNG = png(640, 480, padding=2048)


def requests(loopback: Loopback, route: tuple[str, str]) -> list[RequestRecord]:
    return [r for r in loopback.requests if (r.method, r.template) == route]


def field(embed: Json, name: str) -> str:
    return next(f["value"] for f in embed["fields"] if f["name"] == name)


async def builds_channel(loopback: Loopback, name: str = "builds") -> ChannelRef:
    channel = loopback.channel(name)
    await loopback.slash(
        "setup channel", kind="builds", channel=channel, actor=loopback.member("Akiko")
    )
    return channel


async def start(loopback: Loopback, actor: str = "Mika", **options: object) -> Reply:
    fields = {"title": "Camper Carry", "truck": "1994 Suzuki Carry DA51T"}
    return await loopback.slash(
        "build start",
        actor=loopback.member(actor),
        **(fields | options),  # type: ignore[arg-type]
    )


def thread_ref(loopback: Loopback, thread_id: str) -> ChannelRef:
    thread = loopback.world.channels[thread_id]
    return ChannelRef(thread["id"], thread["name"], thread["guild_id"], thread["type"])


def newest_thread(loopback: Loopback) -> ChannelRef:
    threads = [c for c in loopback.world.channels.values() if c["type"] in ChannelType.THREADS]
    return thread_ref(loopback, max(threads, key=lambda c: int(c["id"]))["id"])


def card(loopback: Loopback, thread: ChannelRef) -> Message:
    """The build card: a forum post's starter message (sharing the thread's id)."""
    return next(m for m in loopback.messages(thread) if m.id == thread.id)


async def test_start_in_a_forum_posts_the_card_with_matching_tags(
    loopback: Loopback, keitora: RunningBot
) -> None:
    forum = await builds_channel(loopback)
    reply = await start(loopback, tags="camper, off-road, daily")
    assert reply.ephemeral
    assert "Build #1 started" in reply.text
    assert "year 1994, make Suzuki, model Carry, code DA51T" in reply.text
    assert "no tag for daily" in reply.text  # the bot may not add forum tags, and says so

    [post] = requests(loopback, FORUM_POST)
    assert post.path == f"/channels/{forum.id}/threads"
    sent = post.request
    tags = {t["name"]: t["id"] for t in loopback.world.channels[forum.id]["available_tags"]}
    assert sent["applied_tags"] == [tags["camper"], tags["off-road"]]
    embed = sent["message"]["embeds"][0]
    assert embed["title"] == "#1 · Camper Carry"
    assert field(embed, "Model code") == "DA51T"
    assert field(embed, "Year") == "1994"
    assert sent["message"]["allowed_mentions"]["parse"] == []

    second = await start(loopback, title="Farm truck", truck="Honda Acty HA4", tags="daily")
    assert "no tag" not in second.text  # said once per server


async def test_start_in_a_text_channel_starts_a_thread_on_the_card(
    loopback: Loopback, keitora: RunningBot
) -> None:
    assert loopback.guild is not None
    general = await builds_channel(loopback, "general")
    reply = await start(loopback, tags="work")
    assert "started in <#" in reply.text
    [card_post] = [
        r for r in requests(loopback, POST) if r.path.endswith(f"/{general.id}/messages")
    ]
    assert card_post.request["embeds"][0]["title"] == "#1 · Camper Carry"
    [thread] = requests(loopback, THREAD_FROM_MESSAGE)
    assert thread.request["name"] == "Camper Carry"

    # The card stays in the channel, where the thread was started on it: it is edited there.
    card_id = card_post.response["id"]
    where = newest_thread(loopback)
    updated = await loopback.slash("build update", text="New tyres", odometer=45000, where=where)
    assert "deleted" not in updated.text
    [edit] = [r for r in requests(loopback, EDIT_MESSAGE) if r.path.endswith(f"/{card_id}")]
    assert edit.path == f"/channels/{general.id}/messages/{card_id}"
    assert edit.status == 200
    assert field(edit.request["embeds"][0], "Odometer") == "45,000 mi (72,420 km)"


def a_day_on_after_a_days_starts(keitora: RunningBot, started: int) -> None:
    """Move to the next day once a member has started as many builds as a day allows."""
    if started % STARTS_PER_DAY == 0:
        keitora.clock.advance(timedelta(days=1))


async def forum_build(loopback: Loopback, actor: str = "Mika", **options: object) -> ChannelRef:
    await builds_channel(loopback)
    await start(loopback, actor, **options)
    return newest_thread(loopback)


async def test_updates_post_in_the_thread_with_and_without_photos_and_keep_the_card_in_step(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    mika = loopback.member("Mika")
    plain = await loopback.slash(
        "build update", text="New bed mat", cost="0.10", odometer=41000, actor=mika, where=thread
    )
    assert "Update posted" in plain.text
    photo = File("lift.png", PNG, "image/png")
    pictured = await loopback.slash(
        "build update", text="Lifted!", photo=photo, cost="0.20", actor=mika, build="1"
    )
    assert "Update posted" in pictured.text
    posts = [m for m in loopback.messages(thread) if m.id != thread.id]
    assert [p.embeds[0]["description"] for p in posts] == ["New bed mat", "Lifted!"]
    assert field(posts[0].embeds[0], "Odometer") == "41,000 mi (65,983 km)"
    assert posts[1].attachments[0].data == PNG  # the member's photo, uploaded again
    assert posts[1].embeds[0]["image"]["url"].startswith("attachment://build-update-")

    shown = card(loopback, thread).embeds[0]
    assert field(shown, "Spent") == "$0.30"
    assert field(shown, "Updates") == "2"
    assert field(shown, "Odometer") == "41,000 mi (65,983 km)"
    assert shown["thumbnail"]["url"] == posts[1].attachments[0].url
    assert field(shown, "Photos") == "1 · `/build gallery`"

    gallery = await loopback.slash("build gallery", build="1", actor=loopback.member("Dale"))
    assert gallery.embeds[0]["image"]["url"] == posts[1].attachments[0].url


async def test_a_photo_larger_than_the_bot_may_upload_is_shown_from_the_members_attachment(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    big = File("whole-truck.jpg", jpeg(4032, 3024, padding=20 * 2**20), "image/jpeg")
    reply = await loopback.slash("build update", text="Full res", photo=big, where=thread)
    assert "Update posted" in reply.text
    [post] = [m for m in loopback.messages(thread) if m.id != thread.id]
    assert post.attachments == []
    assert post.embeds[0]["image"]["url"].endswith("/whole-truck.jpg")
    gallery = await loopback.slash("build gallery", build="1")
    assert gallery.embeds[0]["image"]["url"] == post.embeds[0]["image"]["url"]


async def test_a_file_that_is_no_photo_is_refused_and_records_nothing(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    pdf = File("invoice.pdf", b"%PDF-1.4", "application/pdf")
    refused = await loopback.slash("build update", text="Receipt", photo=pdf, where=thread)
    assert refused.ephemeral
    assert "“invoice.pdf” is not a photo (application/pdf)" in refused.text
    big = File("huge.png", png(padding=26 * 2**20), "image/png")
    too_big = await loopback.slash("build update", text="Huge", photo=big, where=thread)
    assert "photos may be at most 25 MB" in too_big.text
    # The name and the type it was sent with say PNG; the bytes are text.
    fake = File("truck.png", b"not an image", "image/png")
    unreadable = await loopback.slash("build update", text="Fake", photo=fake, where=thread)
    assert unreadable.ephemeral
    assert "Discord could not read it as a picture" in unreadable.text
    heic = File("IMG_0042.HEIC", b"\x00\x00\x00\x18ftypheic", "image/heic")
    iphone = await loopback.slash("build update", text="From my phone", photo=heic, where=thread)
    assert iphone.ephemeral
    assert "“IMG\\_0042.HEIC” is an iPhone HEIC photo" in iphone.text, iphone.text
    assert "Most Compatible" in iphone.text
    assert [m.id for m in loopback.messages(thread)] == [thread.id]
    shown = card(loopback, thread).embeds[0]
    assert field(shown, "Updates") == "0"
    assert "Photos" not in [f["name"] for f in shown["fields"]]


async def test_someone_elses_build_is_refused_but_a_moderator_may_update_it(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    refused = await loopback.slash(
        "build update", text="Nice truck", actor=loopback.member("Dale"), where=thread
    )
    assert refused.text == "Only its owner or a moderator can post updates to a build."
    part = await loopback.slash(
        "build part add", name="Bolt", cost="1", build="1", actor=loopback.member("Dale")
    )
    assert "Only its owner or a moderator" in part.text
    allowed = await loopback.slash(
        "build update",
        text="Moved to the show section",
        actor=loopback.member("Marcus"),
        where=thread,
    )
    assert "Update posted" in allowed.text


async def test_reopen_without_a_build_named_means_the_members_newest_closed_one(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    assert "Build #1 is closed" in (await loopback.slash("build close")).text
    reopened = await loopback.slash("build reopen")
    assert "Build #1 is open again" in reopened.text
    unarchived = [
        r.request
        for r in loopback.requests
        if r.method == "PATCH" and r.path == f"/channels/{thread.id}"
    ]
    assert unarchived[-1]["archived"] is False
    again = await loopback.slash("build reopen")
    assert again.ephemeral
    assert again.text == "You have no closed build. Name the build to reopen."


async def test_closed_and_locked_builds_refuse_updates_and_show_why(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    closed = await loopback.slash("build close", build="1")
    assert "closed" in closed.text
    assert loopback.world.channels[thread.id]["thread_metadata"]["archived"] is True
    refused = await loopback.slash("build update", text="More", build="1")
    assert "Build #1 is closed; reopen it with `/build reopen`" in refused.text
    assert field(card(loopback, thread).embeds[0], "Status") == "Closed"

    await loopback.slash("build reopen", build="1")
    marcus = loopback.member("Marcus")
    locked = await loopback.slash("build-mod lock", build="1", reason="stolen photos", actor=marcus)
    assert "locked" in locked.text
    metadata = loopback.world.channels[thread.id]["thread_metadata"]
    assert (metadata["archived"], metadata["locked"]) == (True, True)
    assert "stolen photos" in field(card(loopback, thread).embeds[0], "Status")
    refused = await loopback.slash("build update", text="Mine!", build="1")
    assert "locked by a moderator (“stolen photos”)" in refused.text
    member_lock = await loopback.slash("build-mod lock", build="1", actor=loopback.member("Dale"))
    assert member_lock.text == "Only moderators can lock builds."


async def test_a_lock_reason_shows_as_the_moderator_typed_it_in_a_refusal(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    marcus = loopback.member("Marcus")
    await loopback.slash("build-mod lock", build="1", reason="**stolen** photos", actor=marcus)
    refused = await loopback.slash("build update", text="Mine!", build="1")
    assert "locked by a moderator (“\\*\\*stolen\\*\\* photos”)" in refused.text, refused.text


async def test_a_member_whose_only_build_is_closed_or_locked_is_told_so_naming_none(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build close")
    posts_before = len(loopback.messages(thread))
    # Outside the build's thread and naming no build, as a member does from #general.
    update = await loopback.slash("build update", text="New tyres")
    assert update.ephemeral
    assert update.text == ("Build #1 is closed; reopen it with `/build reopen` to post updates.")
    part = await loopback.slash("build part add", name="Tyres", cost="300")
    assert part.text == "Build #1 is closed; reopen it with `/build reopen` to change its parts."
    assert (await loopback.slash("build close")).text == "Build #1 is closed already."
    assert len(loopback.messages(thread)) == posts_before

    await loopback.slash("build reopen")
    marcus = loopback.member("Marcus")
    await loopback.slash("build-mod lock", build="1", reason="stolen photos", actor=marcus)
    spec = await loopback.slash("build spec", lift="2 in")
    assert spec.text == (
        "Build #1 is locked by a moderator (“stolen photos”); nobody can change its spec."
    )
    none = await loopback.slash("build update", text="Hello", actor=loopback.member("Dale"))
    assert none.text == "You have no builds to change. Start one with `/build start`, or name one."


async def test_an_archived_thread_is_reopened_before_the_bot_posts_or_edits(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.archive(thread)
    reply = await loopback.slash("build update", text="Back at it", build="1")
    assert "Update posted" in reply.text
    unarchive = [
        r
        for r in requests(loopback, EDIT_CHANNEL)
        if r.path.endswith(f"/channels/{thread.id}") and r.request.get("archived") is False
    ]
    first_write = min(
        r.started
        for r in [*requests(loopback, POST), *requests(loopback, EDIT_MESSAGE)]
        if thread.id in r.path
    )
    assert unarchive
    assert unarchive[0].finished is not None
    assert unarchive[0].finished <= first_write
    assert loopback.messages(thread)[-1].embeds[0]["description"] == "Back at it"
    assert all(r.status is not None and r.status < 300 for r in loopback.requests)


async def test_a_thread_a_moderator_locked_in_discord_gets_no_posts_and_stays_locked(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.archive(thread, locked=True)  # "Close and lock", by hand in Discord
    posts_before = len(loopback.messages(thread))

    reply = await loopback.slash("build update", text="Still here", cost="20", build="1")
    assert reply.text == (
        f"Update recorded on build #1; a moderator locked <#{thread.id}> in Discord, so it is "
        "not posted."
    )
    assert len(loopback.messages(thread)) == posts_before
    assert field(card(loopback, thread).embeds[0], "Spent") == "$20.00"
    metadata = loopback.world.channels[thread.id]["thread_metadata"]
    assert (metadata["archived"], metadata["locked"]) == (True, True)

    # The owner's close and reopen leave the moderator's lock alone.
    await loopback.slash("build close", build="1")
    assert (metadata["archived"], metadata["locked"]) == (True, True)
    await loopback.slash("build reopen", build="1")
    assert metadata["locked"] is True
    sent = [r.request for r in requests(loopback, EDIT_CHANNEL) if r.path.endswith(thread.id)]
    assert all(body.get("locked") is not False for body in sent)


async def test_a_thread_deleted_in_discord_marks_the_build_and_updates_still_record(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.delete_thread(thread)
    await loopback.wait_until(lambda: keitora.bot.get_channel(int(thread.id)) is None)
    assert loopback.guild is not None
    service, guild_id = keitora.bot.services.builds, int(loopback.guild.id)
    for _ in range(100):  # the listener writes just after the cache forgets the thread
        if (await service.get(guild_id, 1)).thread_deleted:
            break
        await asyncio.sleep(0.02)
    # Marked from THREAD_DELETE, before anything needed the thread.
    assert (await service.get(guild_id, 1)).thread_deleted
    reply = await loopback.slash("build update", text="Still building", build="1")
    assert "its thread is gone" in reply.text
    shown = await loopback.slash("build show", build="1")
    assert "Thread:" not in shown.text
    assert all(r.status is not None and r.status < 400 for r in loopback.requests)


async def test_a_starter_card_deleted_by_its_author_is_said_on_the_next_update(
    loopback: Loopback, keitora: RunningBot
) -> None:
    general = await builds_channel(loopback, "general")
    await start(loopback)
    starter = next(m for m in loopback.messages(general) if m.embeds)
    await loopback.delete_message(starter)
    reply = await loopback.slash("build update", text="Still here", build="1")
    assert "Update posted" in reply.text
    assert "card of build #1 was deleted" in reply.text


async def test_the_ledger_totals_by_category_exactly_and_pages(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    for n in range(23):
        cost, category = ("0.10", "lighting") if n % 2 else ("0.20", "suspension")
        reply = await loopback.slash(
            "build part add", name=f"Part {n}", cost=cost, category=category, where=thread
        )
        assert "Added" in reply.text
    listed = await loopback.slash("build part list", build="1", actor=loopback.member("Dale"))
    embed = listed.embeds[0]
    assert field(embed, "suspension") == "$2.40 (12 parts)"
    assert field(embed, "lighting") == "$1.10 (11 parts)"
    assert field(embed, "Total") == "$3.50"
    assert "Spent, with updates' costs" not in [f["name"] for f in embed["fields"]]
    assert listed.message is not None
    assert listed.message.buttons == ["Next"]
    second = await loopback.click(listed, "Next", actor=loopback.member("Dale"))
    assert second.embeds[0]["footer"]["text"] == "Page 2 of 2 · 23 parts"
    assert field(card(loopback, thread).embeds[0], "Spent") == "$3.50"

    choices = await loopback.autocomplete("build part remove", "part", "Part 2", where=thread)
    number, name = choices[0]["name"].split(" · ", 1)
    assert name.startswith("Part 2")
    assert number == choices[0]["value"]
    removed = await loopback.slash("build part remove", part=choices[0]["value"], where=thread)
    assert "Removed Part 2" in removed.text

    # The card's Spent counts costs given with updates too; the ledger says so beside its total.
    await loopback.slash("build update", text="Paint", cost="150", where=thread)
    spent = field(card(loopback, thread).embeds[0], "Spent")
    embed = (await loopback.slash("build part list", build="1")).embeds[0]
    assert field(embed, "Total") == "$3.40"
    assert field(embed, "Spent, with updates' costs") == f"{spent} (updates: $150.00)"
    assert spent == "$153.40"


async def test_costs_typed_in_full_width_or_with_usd_reach_the_card_as_dollars(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    lift = await loopback.slash(
        "build part add", name="リフトキット", cost="１，２００", where=thread
    )
    assert "Added リフトキット ($1,200.00, other)" in lift.text
    await loopback.slash("build update", text="Tyres on", cost="300 USD", where=thread)
    edits = [r for r in requests(loopback, EDIT_MESSAGE) if r.path.endswith(f"/{thread.id}")]
    assert field(edits[-1].request["embeds"][0], "Spent") == "$1,500.00"


async def test_a_part_may_be_removed_by_the_name_typed(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    # Typed with two spaces: stored as the removal reads it, with one.
    for name, cost in (("Roof rack", "129.99"), ("Roof rack", "129.99"), ("Bed  mat", "40")):
        await loopback.slash("build part add", name=name, cost=cost, where=thread)
    await loopback.slash("build part add", name="12", cost="5", where=thread)  # no part has id 12

    numbered = await loopback.slash("build part remove", part="12", where=thread)
    assert numbered.text.startswith("Removed 12 from build #1.")
    removed = await loopback.slash("build part remove", part="  bed MAT ", where=thread)
    assert removed.text.startswith("Removed Bed mat from build #1.")
    twice = await loopback.slash("build part remove", part="roof rack", where=thread)
    assert twice.ephemeral
    assert twice.text == (
        "Build #1 has more than one part called “roof rack”; pick the one to remove from the "
        "list as you type."
    )
    none = await loopback.slash("build part remove", part="Lift kit", where=thread)
    assert none.text == (
        "Build #1 has no part called “Lift kit”; pick one from the list as you type."
    )
    listed = await loopback.slash("build part list", build="1", actor=loopback.member("Dale"))
    assert field(listed.embeds[0], "Total") == "$259.98"


async def test_an_odometer_going_backwards_waits_for_a_confirmation(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build update", text="Service", odometer=41000, where=thread)
    asked = await loopback.slash("build update", text="Typo?", odometer=4100, where=thread)
    assert "last read 41,000 mi (65,983 km); 4,100 mi (6,598 km) is lower" in asked.text
    assert len(loopback.messages(thread)) == 2
    await keitora.restart()  # the button keeps working after a restart
    confirmed = await loopback.click(asked, "Yes, record it")
    assert "Update posted" in confirmed.text
    assert field(card(loopback, thread).embeds[0], "Odometer") == "4,100 mi (6,598 km)"


async def test_a_truck_from_japan_reads_its_odometer_in_km_on_posts_and_card(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash(
        "build update", text="Bought", odometer=65983, odometer_unit="km", where=thread
    )
    await loopback.slash("build update", text="Road trip", odometer=66500, where=thread)
    posts = [m for m in loopback.messages(thread) if m.id != thread.id]
    assert [field(p.embeds[0], "Odometer") for p in posts] == [
        "65,983 km (41,000 mi)",
        "66,500 km (41,321 mi)",  # as the last reading was, when no unit is given
    ]
    assert field(card(loopback, thread).embeds[0], "Odometer") == "66,500 km (41,321 mi)"
    asked = await loopback.slash("build update", text="Typo?", odometer=6650, where=thread)
    assert "last read 66,500 km (41,321 mi); 6,650 km (4,132 mi) is lower" in asked.text


async def test_a_photo_whose_link_expired_before_the_confirmation_still_posts_the_update(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build update", text="Service", odometer=41000, where=thread)
    photo = File("gauge.png", PNG, "image/png")
    asked = await loopback.slash(
        "build update", text="Gauge swap", photo=photo, odometer=4100, where=thread
    )
    loopback.world.files.clear()  # Discord's attachment links expire; the download is refused

    confirmed = await loopback.click(asked, "Yes, record it")

    assert "Update posted" in confirmed.text
    [post] = [
        m
        for m in loopback.messages(thread)
        if m.embeds and m.embeds[0]["description"] == "Gauge swap"
    ]
    assert post.embeds[0]["image"]["url"].endswith("/gauge.png")  # the member's own link


async def test_bad_input_is_refused_clearly_and_changes_nothing(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    before = len(loopback.requests)
    old = await start(loopback, truck="1850 Suzuki Carry")
    assert "A truck's year must be from 1960 to" in old.text
    for cost, said in (
        ("-5", "A cost cannot be negative. To take a part off the ledger, use `/build part "),
        ("1e12", "is not an amount"),
        ("¥45000", "The ledger counts US dollars, and “¥45000” is in another currency."),
    ):
        refused = await loopback.slash("build part add", name="Bolt", cost=cost, where=thread)
        assert refused.ephemeral
        assert said in refused.text
    general = loopback.channel("general")
    not_a_build = await loopback.slash("build update", text="Hi", where=general, build="999")
    assert "There is no build #999 in this server." in not_a_build.text
    words = await loopback.slash("build show", build="my truck")
    assert "Pick a build from the list" in words.text
    a_thread = await loopback.slash("build show", build=thread.id)  # a thread is no build
    assert "Pick a build from the list" in a_thread.text
    written = [r for r in loopback.requests[before:] if r.method in ("POST", "PATCH")]
    assert all("/interactions/" in r.path or "/webhooks/" in r.path for r in written)

    pinged = await start(loopback, title="@here look @everyone", truck="Carry")
    assert "Build #2 started" in pinged.text
    post = requests(loopback, FORUM_POST)[-1]
    assert post.request["message"]["allowed_mentions"] == {"parse": []} or (
        post.request["message"]["allowed_mentions"]["parse"] == []
    )
    assert loopback.messages(newest_thread(loopback))[0].raw["mention_everyone"] is False


def option_limits(loopback: Loopback, *path: str) -> dict[str, int | None]:
    """The max_length of each option of a synced command, `path` naming it (`build`, `update`)."""
    options = loopback.commands()
    for name in path:
        options = next(o for o in options if o["name"] == name).get("options", [])
    return {o["name"]: o.get("max_length") for o in options}


async def test_text_options_tell_discord_their_limits_so_over_long_text_is_never_sent(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    assert option_limits(loopback, "build", "start") == {"title": 100, "truck": 100, "tags": None}
    assert option_limits(loopback, "build", "update")["text"] == 4000
    assert option_limits(loopback, "build", "part", "add")["name"] == 100
    spec = option_limits(loopback, "build", "spec")
    assert (spec["model"], spec["lift"], spec["tyres"], spec["import_route"]) == (40, 60, 60, 60)
    assert option_limits(loopback, "build-mod", "lock")["reason"] == 200
    assert option_limits(loopback, "showcase", "nominate")["reason"] == 200
    assert option_limits(loopback, "showcase-mod", "feature")["note"] == 500
    # A member pasting 5,000 characters is stopped by Discord's client, before the bot.
    with pytest.raises(InvocationError, match="takes 1 to 4000 characters"):
        await loopback.slash("build update", text="x" * 5_000, where=thread)


async def test_a_year_its_model_code_was_not_built_in_is_kept_and_pointed_out_as_eligibility_does(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    doubt = (
        "\n⚠️ The Honda Acty HA9 was built 2009–2021, not in 1975: check the year or the model "
        "code; `/build spec` corrects either."
    )
    started = await start(loopback, truck="1975 Honda Acty HA9")
    assert started.text.startswith("Build #1 started")
    assert started.text.endswith(doubt)
    [post] = requests(loopback, FORUM_POST)
    embed = post.request["message"]["embeds"][0]
    assert (field(embed, "Year"), field(embed, "Model code")) == ("1975", "HA9")

    thread = newest_thread(loopback)
    fixed = await loopback.slash("build spec", year=2010, where=thread)
    # The card's truck line says what its spec says.
    assert fixed.text == (
        "Spec of build #1 saved. Its truck now reads “2010 Honda Acty HA9”, as the spec says."
    )
    moved = await loopback.slash("build spec", model_code="DA63T", year=1999, where=thread)
    assert moved.text.startswith(
        "Spec of build #1 saved. Its truck now reads “1999 Suzuki Carry DA63T”, as the spec "
        "says.\n⚠️ The Suzuki Carry DA63T was built"
    )
    assert field(card(loopback, thread).embeds[0], "Model code") == "DA63T"


async def test_a_page_turn_held_up_by_the_database_still_replaces_the_page(
    loopback: Loopback, keitora: RunningBot
) -> None:
    guild_id, mika = int(loopback.guild.id), int(loopback.member("Mika").id)  # type: ignore[union-attr]
    for n in range(11):
        a_day_on_after_a_days_starts(keitora, n)
        await keitora.bot.services.builds.start(guild_id, mika, f"Build {n}", "Carry", None)
    first = await loopback.slash("build list")
    async with database_held(keitora.store):
        turned = await loopback.click(first, "Next", within=10)

    assert turned.type == 6  # deferred as an update of the page
    await turned.wait_until(lambda r: bool(r.edits))
    assert turned.edits[-1]["embeds"][0]["footer"]["text"].startswith("Page 2 of 2")
    followup = ("POST", "/webhooks/{webhook_id}/{webhook_token}")
    assert not [r for r in loopback.requests if (r.method, r.template) == followup]


async def test_an_update_whose_escaping_would_not_fit_a_post_is_refused_not_cut(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    # Each _ is sent escaped, so it shows as typed: 4,000 of them would take 8,000 characters.
    underlined = await loopback.slash("build update", text="_" * 4000, where=thread)
    assert underlined.ephemeral
    assert "8,000 characters" in underlined.text
    assert "4,096" in underlined.text
    assert [m.id for m in loopback.messages(thread)] == [thread.id]  # nothing recorded

    fits = await loopback.slash("build update", text="_" * 2048, where=thread)
    assert "Update posted" in fits.text
    [post] = [
        r.request for r in requests(loopback, POST) if r.path.endswith(f"/{thread.id}/messages")
    ]
    assert post["embeds"][0]["description"] == "\\_" * 2048  # whole, not cut


async def test_a_build_of_another_server_is_not_found(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    other = loopback.add_guild("Other Kei Club", owner="Ottó")
    lobby = other.add_channel("lobby")
    member = other.add_member("Sam")
    await loopback.gateway.dispatch("GUILD_CREATE", other.gateway_payload())
    reply = await loopback.slash("build show", build="1", actor=member, where=lobby)
    assert "There is no build #1 in this server." in reply.text
    listed = await loopback.slash("build list", actor=member, where=lobby)
    assert "No builds match." in listed.text
    assert await loopback.autocomplete("build show", "build", "", actor=member, where=lobby) == []


async def test_a_ledger_of_one_part_says_one_part(loopback: Loopback, keitora: RunningBot) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build part add", name="Bed mat", cost="40", where=thread)
    listed = await loopback.slash("build part list", build="1")
    embed = listed.embeds[0]
    assert embed["fields"][0]["value"] == "$40.00 (1 part)"
    assert embed["footer"]["text"] == "Page 1 of 1 · 1 part"


async def test_lists_filter_and_page_and_the_garage_shows_a_members_builds(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    for n in range(12):
        a_day_on_after_a_days_starts(keitora, n)
        truck = "1994 Suzuki Carry DA51T" if n % 2 else "Honda Acty HA4 1996"
        await start(loopback, "Mika" if n < 11 else "Rosa", title=f"Build {n}", truck=truck)
    await loopback.slash("build spec", build="3", drive="4WD", state="tx", lift="2 in")
    carries = await loopback.slash("build list", model_code="da51t")
    assert carries.embeds[0]["footer"]["text"] == "Page 1 of 1 · 6 builds"
    texas = await loopback.slash("build list", state="TX", drive="4WD")
    assert "Build 2" in texas.text
    assert "Page 1 of 1 · 1 build" in texas.text
    assert "1 builds" not in texas.text
    everything = await loopback.slash("build list")
    assert everything.message is not None
    assert everything.message.buttons == ["Next"]
    page_two = await loopback.click(everything, "Next")
    assert "Build 0" in page_two.text
    garage = await loopback.slash("garage", member=loopback.member("Rosa"))
    assert "Build 11" in garage.text
    assert "garage: 1 build (page 1 of 1)" in garage.text
    choices = await loopback.autocomplete("build show", "build", "Build 1")
    assert {c["value"] for c in choices} >= {"2", "11", "12"}
    tags = await loopback.autocomplete("build start", "tags", "camper, of", title="x", truck="y")
    assert [c["value"] for c in tags] == ["camper, off-road"]


async def test_missing_forum_tags_are_created_when_the_bot_may_manage_the_forum(
    loopback: Loopback, keitora: RunningBot
) -> None:
    assert loopback.guild is not None
    role = next(r for r in loopback.guild.roles.values() if r["managed"])
    role["permissions"] = str(int(role["permissions"]) | Permission.MANAGE_CHANNELS)
    await loopback.gateway.dispatch(
        "GUILD_ROLE_UPDATE", {"guild_id": loopback.guild.id, "role": role}
    )
    forum = await builds_channel(loopback)
    reply = await start(loopback, tags="daily, camper")
    assert "no tag" not in reply.text
    [edit] = [r for r in requests(loopback, EDIT_CHANNEL) if r.path.endswith(forum.id)]
    assert [t["name"] for t in edit.request["available_tags"] if "id" not in t] == ["daily"]
    tags = {t["name"]: t["id"] for t in loopback.world.channels[forum.id]["available_tags"]}
    applied = requests(loopback, FORUM_POST)[0].request["applied_tags"]
    assert sorted(applied) == sorted([tags["daily"], tags["camper"]])


async def test_a_member_starts_at_most_five_builds_a_day_so_the_forum_is_not_flooded(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    for n in range(STARTS_PER_DAY):
        assert f"Build #{n + 1} started" in (await start(loopback, title=f"Truck {n}")).text
        keitora.clock.advance(timedelta(hours=1))
    refused = await start(loopback, title="One more")
    assert refused.ephemeral
    assert refused.text == (
        "You started 5 builds in the last 24 hours, the most a day allows; you can start the "
        "next in about 19 hours."
    )
    assert len(requests(loopback, FORUM_POST)) == STARTS_PER_DAY
    assert "Build #6 started" in (await start(loopback, title="Rosa's", actor="Rosa")).text
    keitora.clock.advance(timedelta(hours=18, minutes=30))
    assert "within the hour" in (await start(loopback, title="One more")).text
    keitora.clock.advance(timedelta(minutes=31))
    assert "Build #7 started" in (await start(loopback, title="One more")).text


async def test_a_forum_that_requires_tags_gets_no_post_it_would_refuse(
    loopback: Loopback, keitora: RunningBot
) -> None:
    forum = await builds_channel(loopback)
    channel = loopback.world.channels[forum.id]
    channel["flags"] = REQUIRE_TAG  # an admin asks every post for a tag
    await loopback.gateway.dispatch("CHANNEL_UPDATE", channel)

    untagged = await start(loopback)
    assert untagged.ephemeral
    assert untagged.text == (
        f"<#{forum.id}> asks every post for a tag: give the build one of its tags: off-road, "
        "camper, show, work, mobile-business, restoration, ev-conversion."
    )
    unknown = await start(loopback, tags="daily")
    assert unknown.text.startswith(f"<#{forum.id}> asks every post for a tag; it has no tag for")
    assert requests(loopback, FORUM_POST) == []

    tagged = await start(loopback, tags="daily, camper")
    assert "Build #1 started" in tagged.text  # nothing was kept of the refused ones
    [post] = requests(loopback, FORUM_POST)
    assert len(post.request["applied_tags"]) == 1
    thread = newest_thread(loopback)
    cleared = await loopback.slash("build spec", tags="daily", where=thread)
    assert "it has no tag for daily" in cleared.text
    assert field(card(loopback, thread).embeds[0], "Tags") == "camper, daily"
    shown = await loopback.slash("build show", build="1")
    assert field(shown.embeds[0], "Tags") == "camper, daily"  # the refusal changed nothing


async def test_a_closed_build_locked_and_unlocked_keeps_its_thread_archived(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    marcus = loopback.member("Marcus")
    await loopback.slash("build close", build="1")
    locked = await loopback.slash("build-mod lock", build="1", reason="spam", actor=marcus)
    assert "is locked" in locked.text
    metadata = loopback.world.channels[thread.id]["thread_metadata"]
    assert (metadata["archived"], metadata["locked"]) == (True, True)
    reopen = await loopback.slash("build reopen", build="1")
    assert "locked by a moderator" in reopen.text
    unlocked = await loopback.slash("build-mod unlock", build="1", actor=marcus)
    assert "is unlocked" in unlocked.text
    assert (metadata["archived"], metadata["locked"]) == (True, False)
    assert field(card(loopback, thread).embeds[0], "Status") == "Closed"
    reopened = await loopback.slash("build reopen", build="1")
    assert "open again" in reopened.text
    assert (metadata["archived"], metadata["locked"]) == (False, False)
    assert all(r.status is not None and r.status < 400 for r in loopback.requests)


async def test_without_a_builds_channel_the_member_is_told_which_setup_to_run(
    loopback: Loopback, keitora: RunningBot
) -> None:
    reply = await start(loopback)
    assert reply.ephemeral
    assert "`/setup channel kind:builds`" in reply.text
    assert requests(loopback, FORUM_POST) == []
    assert "no builds" in (await loopback.slash("garage")).text


async def test_every_truck_of_the_table_reaches_the_card_as_read(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    labels = {"year": "Year", "make": "Make", "model": "Model", "code": "Model code"}
    for started, (typed, year, make, model, code) in enumerate(TRUCKS):
        a_day_on_after_a_days_starts(keitora, started)
        reply = await start(loopback, truck=typed)
        assert "started" in reply.text, (typed, reply.text)
        embed = requests(loopback, FORUM_POST)[-1].request["message"]["embeds"][0]
        shown = {f["name"]: f["value"] for f in embed["fields"]}
        expected = {"year": year, "make": make, "model": model, "code": code}
        for key, value in expected.items():
            assert shown.get(labels[key]) == (None if value is None else str(value)), typed
