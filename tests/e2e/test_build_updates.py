"""Build updates through the loopback: posted in the thread with and without photos, the card
kept in step, photos Discord would refuse, odometer readings (backwards, in km), and text whose
escaping would not fit a post."""

from __future__ import annotations

from sandbox import Loopback
from sandbox.api import File
from tests.images import jpeg, png

from .conftest import RunningBot
from .test_builds import (
    PNG,
    POST,
    card,
    field,
    forum_build,
    newest_thread,
    requests,
    start,
)
from .test_showcase_auto_ballot import sent_answer


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


async def test_the_reply_to_an_update_names_the_build_beside_its_thread(
    loopback: Loopback, keitora: RunningBot
) -> None:
    """Two members' builds may share a title, and so their threads' names: "Update posted in
    #Acty" told neither which one took the update."""
    await forum_build(loopback, title="Acty")
    await start(loopback, "Rosa", title="Acty", truck="1993 Honda Acty")
    rosas = newest_thread(loopback)
    reply = await loopback.slash(
        "build update",
        text="Oil change",
        build="2",
        actor=loopback.member("Rosa"),
        where=loopback.channel("general"),
    )
    assert sent_answer(loopback, reply).startswith(f"Update posted on build #2 in <#{rosas.id}>.")
