"""Importer moderation through the loopback Discord: one queue with glossary suggestions,
decisions shown on the queue post, a suspension holding back what is not sent yet, and a
moderator editing or removing an importer."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock, unix
from bot.modqueue import REFRESH_AFTER
from sandbox import Loopback
from sandbox.core import RequestRecord
from tests.feed_server import FeedServer, Item

from .conftest import RunningBot, eventually
from .test_importer_queue_posted import posted_words
from .test_importers import (
    CROSSPOST,
    announce,
    loopback,  # noqa: F401 (the fixture)
    posts_to,
    requests,
    server,  # noqa: F401 (the fixture)
    server_ready,
    settle,
)
from .test_modqueue import edited
from .test_reminders import settled


async def test_glossary_suggestions_wait_in_the_same_queue(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    await announce(loopback, "Acty arrived")
    for term in ("hatake", "tanbo"):
        await loopback.slash("glossary suggest", term=term, meaning="A word.", actor=mika)
    posted = await settle(loopback, "mod-queue", 3, "three queue posts")
    assert [m.embeds[0]["author"]["name"] for m in posted] == [
        "Importer announcement from Kei Imports",
        "Glossary suggestion from a member",
        "Glossary suggestion from a member",
    ]
    listed = await loopback.slash("modqueue", actor=marcus)
    assert "`glossary #1` hatake" in listed.text
    assert "`announcement #1` Acty arrived" in listed.text

    opened = await loopback.click(posted[1], "Approve", actor=marcus)
    assert opened.modal is not None, opened.text
    fields = {
        c["label"]: c.get("value", "")
        for row in opened.modal["components"]
        for c in row.get("components", [row.get("component", {})])
        if c.get("type") == 4
    }
    fields["Category"] = "culture"
    added = await loopback.submit_modal(opened, fields, actor=marcus)
    assert added.type == 7  # the post itself says so, and its buttons go
    assert (
        added.content == f"Approved by <@{marcus.id}>; “hatake” is in this server's glossary now."
    )
    assert loopback.messages("mod-queue")[1].components == []

    reject = await loopback.click(posted[2], "Reject", actor=marcus)
    done = await loopback.submit_modal(
        reject, {"Reason (the submitter reads it)": "Spelled nōkyō here"}, actor=marcus
    )
    assert "Rejected by" in done.text
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="the DM")
    assert "Spelled nōkyō here" in loopback.dms(mika)[0].content
    left = await loopback.slash("modqueue", actor=marcus)
    assert "glossary" not in left.text
    assert "Acty arrived" in left.text


QUEUE_EDIT = ("PATCH", "/channels/{channel_id}/messages/{message_id}")


async def test_a_decision_taken_in_a_list_shows_on_the_queue_post(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")
    await announce(loopback, "Acty arrived")
    await loopback.slash("glossary suggest", term="hatake", meaning="A field.", actor=mika)
    announced, suggested = await settle(loopback, "mod-queue", 2, "two queue posts")

    listed = await loopback.slash("modqueue", actor=marcus)
    assert listed.message is not None
    assert listed.message.buttons == [  # each kind numbers its items: "#1" alone is two
        "Approve announcement #1",
        "Reject announcement #1",
        "Approve glossary #1",
        "Reject glossary #1",
        "Refresh",
    ]
    approved = await loopback.click(listed, "Approve announcement #1", actor=marcus)
    assert approved.ephemeral
    outcome = f"Approved by <@{marcus.id}>; it is on its way to the announcements channel."
    assert approved.content == outcome
    listed = await loopback.slash("glossary-mod suggestions", actor=marcus)
    asked = await loopback.click(listed, "Reject glossary #1", actor=marcus)
    await loopback.submit_modal(
        asked, {"Reason (the submitter reads it)": "Spelled hatake"}, actor=marcus
    )

    # Once the announcement is posted, its post says so (one edit, or a second after it).
    await settled(keitora, "importer.%")
    keitora.clock.advance(REFRESH_AFTER)
    keitora.bot.services.jobs.wake()
    [card] = loopback.messages("announcements")
    posted = f"Approved by <@{marcus.id}>; {posted_words(loopback, card)}"
    await edited(loopback, announced, content=posted)
    await edited(loopback, suggested)
    edits = {r.path: r.request for r in requests(loopback, QUEUE_EDIT) if r.status == 200}
    for post, said in (
        (announced, posted),
        (
            suggested,
            f"Rejected by <@{marcus.id}>; <@{mika.id}> will be told why.\nReason: Spelled hatake",
        ),
    ):
        sent = edits[f"/channels/{post.channel_id}/messages/{post.id}"]
        assert sent["content"] == said
        assert sent["components"] == []
        assert sent["allowed_mentions"]["parse"] == []
    # A moderator who opens the post later finds it decided, not a button that says so.
    assert [m.components for m in loopback.messages("mod-queue")] == [[], []]


async def test_a_suspension_holds_back_announcements_not_sent_yet_until_it_is_lifted(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    await server_ready(loopback, trusted=True)
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    await loopback.slash("alerts add", keywords="jumbo", actor=mika)
    jobs = keitora.bot.services.jobs
    # The outbox is behind (as while the bot is down for the server): the post, its publish
    # and Mika's alert DM wait when the importer is suspended.
    jobs.pause_servers([loopback.guild.id])
    assert "on its way" in await announce(loopback, "Hijet Jumbo arrived")
    suspended = await loopback.slash(
        "importer-mod suspend", importer="1", reason="Prices missing", actor=marcus
    )
    assert "1 announcement not sent yet is held back, and posted once the suspension is " in (
        suspended.text
    ), suspended.text
    jobs.resume_server(loopback.guild.id)

    async def all_held() -> bool:
        due = await keitora.store.fetchall(
            "SELECT due_at FROM jobs WHERE kind IN ('importer.post', 'importer.publish', "
            "'alert.dm') AND state = 'pending'"
        )
        return len(due) == 3 and all(row["due_at"] > unix(clock.now()) for row in due)

    await eventually(all_held, "the held post, publish and DM")
    clock.advance(timedelta(minutes=15))
    jobs.wake()
    await eventually(all_held, "a second look, still held")
    assert posts_to(loopback, "announcements") == []
    assert requests(loopback, CROSSPOST) == []
    assert loopback.dms(mika) == []

    lifted = await loopback.slash("importer-mod unsuspend", importer="1", actor=marcus)
    assert "Suspension lifted" in lifted.text
    await settle(loopback, "announcements", 1, "the post held back")
    [body] = posts_to(loopback, "announcements")
    assert body["embeds"][0]["title"] == "Hijet Jumbo arrived"
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="the DM")
    await loopback.wait_until(
        lambda: len(requests(loopback, CROSSPOST)) == 1, within=10, what="the publish"
    )


async def test_a_moderator_edits_an_importers_profile_as_registration_checks_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    marcus = loopback.member("Marcus")
    refused = await loopback.slash(
        "importer-mod edit", importer="1", trusted=True, actor=loopback.member("Mika")
    )
    assert refused.ephemeral
    assert "Only moderators can register, edit, suspend or remove importers" in refused.text
    for fields, said in (
        ({"website": "http://kei.example"}, "must be an https:// link"),
        ({"name": "x" * 80, "state": "Texass"}, "not a US state"),
        # It would stand on every card and alert DM reading as a ping.
        ({"name": "@everyone Kei Trucks"}, "The importer's name may not hold mentions"),
        ({}, "Give something to change"),
    ):
        bad = await loopback.slash("importer-mod edit", importer="1", actor=marcus, **fields)
        assert bad.ephemeral
        assert said in bad.text, bad.text

    edited = await loopback.slash(
        "importer-mod edit",
        importer="1",
        name="Kei Trucks",
        website="https://kei.example/trucks",
        trusted=True,
        actor=marcus,
    )
    assert edited.ephemeral
    # Renamed and trusted: its member is told (d15a56f), and the moderator is told so.
    yoshi = loopback.member("Yoshi")
    assert edited.content == f"Saved “Kei Trucks”. <@{yoshi.id}> is told by DM."
    embed = edited.embeds[0]
    assert embed["title"] == "Kei Trucks"
    assert embed["url"] == "https://kei.example/trucks"
    assert {"name": "Status", "value": "trusted", "inline": True} in embed["fields"]
    # Trusted from now on: the next announcement goes straight out, under the new name.
    assert "on its way" in await announce(loopback, "Hijet Jumbo arrived")
    await settle(loopback, "announcements", 1, "the trusted announcement")
    [body] = posts_to(loopback, "announcements")
    assert body["embeds"][0]["author"]["name"] == "Kei Trucks · verified importer"
    assert body["allowed_mentions"]["parse"] == []


async def test_a_removed_importer_leaves_the_queue_its_feed_stops_and_its_posts_stay(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed("/feed", [Item("Acty arrived", "https://kei.example/acty")])
    await server_ready(loopback, trusted=False)
    marcus, yoshi = loopback.member("Marcus"), loopback.member("Yoshi")
    await announce(loopback, "Carry DA63T arrived")
    [first] = await settle(loopback, "mod-queue", 1, "the first queue post")
    await loopback.click(first, "Approve", actor=marcus)
    [posted] = await settle(loopback, "announcements", 1, "the approved announcement")
    await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    await announce(loopback, "Hijet Jumbo arrived")
    _, from_feed, typed = await settle(loopback, "mod-queue", 3, "two more queue posts")
    akiko = loopback.member("Akiko")
    stale = await loopback.slash("modqueue", actor=akiko)  # open when the importer goes

    # Asked first, since it cannot be undone; kept, nothing changes.
    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    assert asked.ephemeral
    assert asked.content == (
        "Remove “Kei Imports” for good? This cannot be undone: its profile and feed are "
        "deleted, and 2 announcements waiting in the moderation queue will never be posted. "
        f"What it posted stays, its card naming a former importer. <@{yoshi.id}> is told by "
        "DM. To stop it for a while instead, use `/importer-mod suspend`."
    )
    assert asked.message is not None
    assert asked.message.buttons == ["Remove Kei Imports", "Keep it"]
    kept = await loopback.click(asked, "Keep it", actor=marcus)
    assert kept.type == 7  # the question itself is answered: its buttons are gone
    assert (kept.content, kept.components) == ("Kept; nothing was removed.", [])
    assert requests(loopback, QUEUE_EDIT) == []
    assert "Kei Imports" in (await loopback.slash("importer list", actor=akiko)).text

    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    removed = await loopback.click(asked, "Remove Kei Imports", actor=marcus)
    assert removed.type == 6  # updated once the DM's outcome is known, in place
    assert removed.components == []
    assert f"Told <@{yoshi.id}> by DM." in removed.text, removed.text
    assert removed.text.startswith(
        "Removed “Kei Imports”: its feed is no longer read, and what it posted stays, its card "
        "naming a former importer. 2 announcements that waited in the moderation queue leave "
        "it unposted."
    ), removed.text
    # Both queue posts are settled as a decision taken elsewhere settles them.
    queue = loopback.channel("mod-queue").id

    def queue_edits() -> list[RequestRecord]:
        # The posted card is edited too, to name a former importer (test_importer_removal_records).
        return [r for r in requests(loopback, QUEUE_EDIT) if f"/channels/{queue}/" in r.path]

    await loopback.wait_until(lambda: len(queue_edits()) == 2, within=10, what="the posts' edits")
    outcome = f"Removed with “Kei Imports” by <@{marcus.id}>; it will not be posted."
    for post in (from_feed, typed):
        [edit] = [
            r.request
            for r in queue_edits()
            if r.path == f"/channels/{post.channel_id}/messages/{post.id}"
        ]
        assert edit["content"] == outcome
        assert edit["components"] == []
        assert edit["allowed_mentions"]["parse"] == []
    assert [m.components for m in loopback.messages("mod-queue")] == [[], [], []]
    late = await loopback.click(stale, "Approve announcement #3", actor=akiko)
    assert late.type == 7  # the out-of-date page itself, shown again
    assert late.content == f"That importer announcement was already decided: {outcome}"
    assert "Nothing is waiting" in late.text
    listed = await loopback.slash("modqueue", actor=marcus)
    assert "Nothing is waiting" in listed.text

    refused = await loopback.slash("importer announce", actor=yoshi)
    assert "Only verified importers" in refused.text
    clock.advance(timedelta(hours=1))
    keitora.bot.services.jobs.wake()
    await loopback.wait_until(lambda: True, within=0.5)
    assert len(server.hits("/feed")) == 1
    assert [m.id for m in loopback.messages("announcements")] == [posted.id]
    assert not [r for r in loopback.requests if r.method == "DELETE" and "/messages/" in r.path]

    again = await loopback.slash(
        "importer-mod register", name="Kei Imports", member=yoshi, actor=marcus
    )
    assert again.content.startswith("Registered “Kei Imports”"), again.text
