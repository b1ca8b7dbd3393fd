"""The moderation queue through the loopback: /modqueue names who sent each item without
pinging them, an item sent in before the server had a mod-queue channel is posted once it has
one, a decision taken in a list reaches the item's post however busy Discord was, a forgotten
moderator is no longer named on exactly the posts they decided, a post on its way as its item
is decided lands showing the decision, and a waiting post shows its importer's new name."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.clock import unix
from bot.modqueue import (
    LET_GO_AFTER,
    MODQUEUE_POST_JOB,
    MODQUEUE_REFRESH_JOB,
    REFRESH_AFTER,
    TOLD_EDIT,
)
from sandbox import Loopback, Message, Reply, UserRef
from sandbox.core import RequestRecord

from .conftest import RunningBot, eventually
from .test_builds import EDIT_MESSAGE, POST, requests
from .test_forget_messages import forget, path_of
from .test_glossary_curation import form
from .test_importers import announce, server_ready
from .test_permissions import take_moderator_role
from .test_privacy import DELETE_BUILDS
from .test_reminders import settled
from .test_showcase import setup_channels, start_builds
from .test_showcase_nominations import nominate, queue_posts, queue_ready


async def test_the_queue_list_names_each_sender_and_pings_nobody(
    keitora: RunningBot, loopback: Loopback
) -> None:
    dale, rosa, hank = (loopback.member(name) for name in ("Dale", "Rosa", "Hank"))
    await loopback.slash("glossary suggest", term="tanbo", meaning="A rice paddy.", actor=dale)
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    await nominate(loopback, "Rosa")
    await nominate(loopback, "Hank")

    listed = await loopback.slash("modqueue", actor=loopback.member("Marcus"))

    body = listed.record.callback_body["data"]
    lines = body["embeds"][0]["description"].splitlines()
    assert lines[0].startswith("`glossary #1` tanbo — ")
    assert f"— <@{dale.id}>, <t:" in lines[0]
    assert lines[1].startswith("`nomination #1` Build #1 · Build 1 — ")
    assert f"— <@{rosa.id}> and <@{hank.id}>, <t:" in lines[1]
    assert "a member" not in body["embeds"][0]["description"]
    # Named in Discord, pinged by nobody: the answer allows no mentions at all.
    assert body["allowed_mentions"]["parse"] == []
    assert not body["allowed_mentions"].get("users")


async def test_a_rejection_names_who_is_told_as_the_list_names_them(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, dale, rosa, hank = (loopback.member(n) for n in ("Marcus", "Dale", "Rosa", "Hank"))
    await loopback.slash("glossary suggest", term="tanbo", meaning="A rice paddy.", actor=dale)
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    await nominate(loopback, "Rosa")
    await nominate(loopback, "Hank")
    listed = await loopback.slash("modqueue", actor=marcus)

    suggestion = await reject(loopback, listed, "Reject glossary #1", "Marcus")
    nomination = await reject(loopback, suggestion, "Reject nomination #1", "Marcus")

    reason = "Reason: Already in the glossary"
    said = f"Rejected by <@{marcus.id}>; <@{dale.id}> will be told why.\n{reason}"
    assert suggestion.record.callback_body["data"]["content"] == said
    told = f"<@{rosa.id}> and <@{hank.id}> will be told why."
    said = f"Rejected by <@{marcus.id}>; {told}\n{reason}"
    assert nomination.record.callback_body["data"]["content"] == said
    # Named in Discord, pinged by nobody.
    assert nomination.record.callback_body["data"]["allowed_mentions"]["parse"] == []


async def edited(loopback: Loopback, message: Message, content: str | None = None) -> RequestRecord:
    """The bot's last edit of `message` that Discord took (with `content`, when given), once it
    made one."""

    def edits() -> list[RequestRecord]:
        return [
            record
            for record in requests(loopback, EDIT_MESSAGE)
            if record.path == path_of(message)
            and record.status == 200
            and (content is None or record.request.get("content") == content)
        ]

    await loopback.wait_until(lambda: bool(edits()), within=10, what=f"an edit of {message.id}")
    return edits()[-1]


# How many times discord.py sends a request Discord keeps answering 429 before it gives up.
DISCORD_PY_TRIES = 5
REASON = {"Reason (the submitter reads it)": "Already in the glossary"}


def told_why(member: UserRef) -> str:
    """What follows "Rejected by …;" on the post of an item rejected for REASON: that its
    sender, `member`, will be told why, and why."""
    return f"<@{member.id}> will be told why.\nReason: Already in the glossary"


def was_told(member: UserRef) -> str:
    """`told_why` once the DM telling `member` why went out, as their item's post says then."""
    return told_why(member).replace(" will be told why.", " was told why.")


async def reject(loopback: Loopback, where: Message | Reply, button: str, moderator: str) -> Reply:
    """`moderator` rejects an item with the `button` of its post or of a list."""
    asked = await loopback.click(where, button, actor=loopback.member(moderator))
    return await loopback.submit_modal(asked, REASON, actor=loopback.member(moderator))


async def test_a_decision_taken_in_a_list_reaches_its_post_after_discord_was_too_busy(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await queue_ready(loopback)
    dale = loopback.member("Dale")
    await loopback.slash("glossary suggest", term="tanbo", meaning="A field.", actor=dale)
    [queued] = await queue_posts(loopback, 1)
    # Past discord.py's own retries: the edit must wait in the outbox, not be lost.
    loopback.faults.rate_limit(*EDIT_MESSAGE, times=100, retry_after=0.01)

    listed = await loopback.slash("modqueue", actor=marcus)
    decided = await reject(loopback, listed, "Reject glossary #1", "Marcus")

    said = f"Rejected by <@{marcus.id}>; {told_why(dale)}"
    assert decided.ephemeral
    assert decided.content == said

    def refusals() -> int:
        return sum(r.path == path_of(queued) and r.status == 429 for r in loopback.requests)

    async def put_off() -> bool:
        tries = await keitora.store.fetchall(  # but the edit saying Dale was told, not due
            "SELECT attempts FROM jobs WHERE kind = ? AND state = 'pending' AND key NOT LIKE ?",
            (MODQUEUE_REFRESH_JOB, f"{TOLD_EDIT}%"),
        )
        return refusals() >= DISCORD_PY_TRIES and [row["attempts"] for row in tries] == [1]

    await eventually(put_off, "the edit put off for another try")
    loopback.faults.clear()
    keitora.clock.advance(timedelta(minutes=5))
    keitora.bot.services.jobs.wake()
    # Dale's DM went out meanwhile: the post says he was told.
    told = f"Rejected by <@{marcus.id}>; {was_told(dale)}"
    edit = (await edited(loopback, queued, content=told)).request
    assert edit["components"] == []
    assert edit["allowed_mentions"]["parse"] == []
    await settled(keitora, "%")
    [shown] = loopback.messages("mod-queue")
    assert (shown.content, shown.components) == (told, [])
    taken = [r for r in requests(loopback, EDIT_MESSAGE) if r.status == 200]
    assert len(taken) == 2  # the decision's once, and the one saying Dale was told


async def test_a_rejected_post_shows_the_reason_inert_wherever_it_was_rejected(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, dale, rosa = (loopback.member(name) for name in ("Marcus", "Dale", "Rosa"))
    await queue_ready(loopback)
    await loopback.slash("glossary suggest", term="tanbo", meaning="A field.", actor=dale)
    await loopback.slash("glossary suggest", term="hatake", meaning="A field.", actor=rosa)
    tanbo, hatake = await queue_posts(loopback, 2)
    field = "Reason (the submitter reads it)"

    # On its post: the answer to the form edits the post.
    asked = await loopback.click(tanbo, "Reject", actor=marcus)
    reason = f"Same as **tanbo** by <@{dale.id}> @everyone"
    decided = await loopback.submit_modal(asked, {field: reason}, actor=marcus)
    said = decided.record.callback_body["data"]["content"]
    assert said == (
        f"Rejected by <@{marcus.id}>; <@{dale.id}> will be told why.\n"
        f"Reason: Same as \\*\\*tanbo\\*\\* by <@\u200b{dale.id}> @\u200beveryone"
    )
    assert decided.record.callback_body["data"]["allowed_mentions"]["parse"] == []

    # From /modqueue: the post is edited through the outbox.
    listed = await loopback.slash("modqueue", actor=marcus)
    asked = await loopback.click(listed, "Reject glossary #2", actor=marcus)
    await loopback.submit_modal(asked, {field: "Spelled  _hatake_ here"}, actor=marcus)
    edit = (await edited(loopback, hatake)).request
    assert edit["content"] == (
        f"Rejected by <@{marcus.id}>; <@{rosa.id}> will be told why.\n"
        "Reason: Spelled \\_hatake\\_ here"
    )
    assert edit["components"] == []


async def test_a_post_on_its_way_while_its_item_is_decided_ends_up_showing_the_decision(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, queue = loopback.member("Marcus"), loopback.channel("mod-queue")
    await queue_ready(loopback)
    # Discord holds the queue post long enough for a moderator to decide its item meanwhile.
    loopback.faults.slow(*POST, 1.5)
    dale = loopback.member("Dale")
    await loopback.slash("glossary suggest", term="tanbo", meaning="A field.", actor=dale)

    def sent() -> list[RequestRecord]:
        return [r for r in requests(loopback, POST) if r.path == f"/channels/{queue.id}/messages"]

    await loopback.wait_until(lambda: bool(sent()), within=5, what="the queue post on its way")
    listed = await loopback.slash("modqueue", actor=marcus)
    decided = await reject(loopback, listed, "Reject glossary #1", "Marcus")
    [on_its_way] = sent()
    assert on_its_way.finished is None  # decided before the post reached the channel

    said = f"Rejected by <@{marcus.id}>; {told_why(dale)}"
    assert decided.content == said
    [queued] = await queue_posts(loopback, 1)
    assert queued.components  # sent as rendered, before the decision
    edit = (await edited(loopback, queued, content=said)).request
    assert edit["components"] == []
    await settled(keitora, "%")
    [shown] = loopback.messages("mod-queue")
    assert (shown.content, shown.components) == (said, [])
    taken = [r for r in requests(loopback, EDIT_MESSAGE) if r.status == 200]
    assert len(taken) == 1  # once


async def test_a_forgotten_moderator_is_unnamed_on_exactly_the_posts_they_decided_however_old(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")
    dale, rosa, hank = (loopback.member(name) for name in ("Dale", "Rosa", "Hank"))
    await queue_ready(loopback)
    for name, term in (
        ("Dale", "tanbo"),
        ("Rosa", "hatake"),
        ("Hank", "inaka"),
        ("Mika", "nohara"),
    ):
        member = loopback.member(name)
        await loopback.slash("glossary suggest", term=term, meaning="A field.", actor=member)
    on_post, in_list, by_akiko, _ = await queue_posts(loopback, 4)
    # Marcus decides one on its post and one from /modqueue (its post edited after); Akiko one.
    decided = await reject(loopback, on_post, "Reject", "Marcus")
    assert (
        decided.record.callback_body["data"]["content"]
        == f"Rejected by <@{marcus.id}>; {told_why(dale)}"
    )
    listed = await loopback.slash("modqueue", actor=marcus)
    await reject(loopback, listed, "Reject glossary #2", "Marcus")
    await edited(loopback, in_list, content=f"Rejected by <@{marcus.id}>; {told_why(rosa)}")
    await reject(loopback, by_akiko, "Reject", "Akiko")
    queue_channel = f"/channels/{on_post.channel_id}/messages/"

    def queue_calls(since: int) -> list[tuple[str, str]]:
        calls = loopback.requests[since:]
        return sorted((r.method, r.path) for r in calls if r.path.startswith(queue_channel))

    # A member who decided nothing, and is named on no decided post, is forgotten: no queue
    # post is read, none edited.
    since = len(loopback.requests)
    await forget(loopback, "Mika", DELETE_BUILDS)
    await settled(keitora, "%")
    assert queue_calls(since) == []
    # Weeks go by: the daily sweeps let go of no post that names the moderator who decided it,
    # each saying by now that its sender was told why.
    for _ in range(2):
        keitora.clock.advance(LET_GO_AFTER + timedelta(days=1))
        keitora.bot.services.jobs.wake()
        await settled(keitora, "%")
        await keitora.bot.services.modqueue.let_go_of_decided()

    since = len(loopback.requests)
    await forget(loopback, "Marcus", DELETE_BUILDS)

    unnamed = [f"Rejected by a moderator; {was_told(member)}" for member in (dale, rosa)]
    for post, content in zip((on_post, in_list), unnamed, strict=True):
        edit = (await edited(loopback, post, content=content)).request
        assert marcus.id not in json.dumps(edit)
        assert edit["components"] == []  # still decided: no buttons come back
    await settled(keitora, "%")
    assert queue_calls(since) == sorted(("PATCH", path_of(post)) for post in (on_post, in_list))
    assert [(m.content, bool(m.components)) for m in loopback.messages("mod-queue")] == [
        (unnamed[0], False),
        (unnamed[1], False),
        (f"Rejected by <@{akiko.id}>; {was_told(hank)}", False),
        ("", True),
    ]


async def posts_waiting_for_a_channel(keitora: RunningBot, count: int) -> None:
    """Wait until `count` queue posts were tried and put off for want of a mod-queue channel."""

    async def waiting() -> bool:
        rows = await keitora.store.fetchall(
            "SELECT state, due_at FROM jobs WHERE kind = ?", (MODQUEUE_POST_JOB,)
        )
        later = unix(keitora.clock.now())
        return len(rows) == count and all(
            row["state"] == "pending" and row["due_at"] > later for row in rows
        )

    await eventually(waiting, f"{count} queue posts waiting for a channel")


async def test_items_sent_in_before_there_is_a_mod_queue_channel_are_posted_once_one_is_set(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, queue = loopback.member("Marcus"), loopback.channel("mod-queue")
    for name, term in (("Dale", "tanbo"), ("Rosa", "hatake"), ("Hank", "inaka")):
        member = loopback.member(name)
        await loopback.slash("glossary suggest", term=term, meaning="A field.", actor=member)
    await posts_waiting_for_a_channel(keitora, 3)
    # Meanwhile they are listed by /modqueue, and one is decided there: it is never posted.
    listed = await loopback.slash("modqueue", actor=marcus)
    await reject(loopback, listed, "Reject glossary #3", "Marcus")

    await loopback.slash(
        "setup channel", kind="modqueue", channel=queue, actor=loopback.member("Akiko")
    )

    tanbo, hatake = await queue_posts(loopback, 2)
    assert [post.embeds[0]["title"] for post in (tanbo, hatake)] == ["tanbo", "hatake"]
    decided = await reject(loopback, hatake, "Reject", "Marcus")
    said = f"Rejected by <@{marcus.id}>; {told_why(loopback.member('Rosa'))}"
    assert decided.record.callback_body["data"]["content"] == said
    left = await loopback.slash("modqueue", actor=marcus)
    assert left.embeds[0]["description"].startswith("`glossary #1` tanbo")
    assert len(left.embeds[0]["description"].splitlines()) == 1
    await settled(keitora, "%")
    sent = [r for r in requests(loopback, POST) if r.path == f"/channels/{queue.id}/messages"]
    assert len(sent) == 2  # each once


async def test_an_importers_new_name_shows_on_the_queue_posts_of_its_waiting_announcements(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Acty arrived")
    [queued] = await queue_posts(loopback, 1)
    assert queued.embeds[0]["author"]["name"] == "Importer announcement from Kei Imports"

    renamed = await loopback.slash(
        "importer-mod edit", importer="1", name="Kei Motors", actor=loopback.member("Marcus")
    )

    yoshi = loopback.member("Yoshi")
    assert renamed.content == f"Saved “Kei Motors”. <@{yoshi.id}> is told by DM."
    keitora.clock.advance(REFRESH_AFTER)
    keitora.bot.services.jobs.wake()
    edit = (await edited(loopback, queued)).request
    assert edit["embeds"][0]["author"]["name"] == "Importer announcement from Kei Motors"
    assert custom_ids(edit) == ["modq:approve:announcement:1", "modq:reject:announcement:1"]


async def test_a_waiting_post_and_the_list_say_when_its_importer_is_suspended(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Acty arrived")
    [queued] = await queue_posts(loopback, 1)
    assert "fields" not in queued.embeds[0]

    await loopback.slash(
        "importer-mod suspend", importer="1", reason="Prices missing", actor=marcus
    )

    keitora.clock.advance(REFRESH_AFTER)
    keitora.bot.services.jobs.wake()
    edit = (await edited(loopback, queued)).request
    held = "Kei Imports is suspended: it can be rejected, or approved once that changes."
    assert edit["embeds"][0]["fields"] == [{"name": "On hold", "value": held, "inline": False}]
    # No Approve while it cannot succeed.
    assert custom_ids(edit) == ["modq:reject:announcement:1"]
    listed = await loopback.slash("modqueue", actor=marcus)
    [line] = listed.embeds[0]["description"].splitlines()
    assert line.endswith(" — **on hold:** Kei Imports is suspended"), line
    assert listed_ids(listed) == ["modq:reject:announcement:1", "modq:refresh"]

    await loopback.slash("importer-mod unsuspend", importer="1", actor=marcus)

    keitora.clock.advance(REFRESH_AFTER)
    keitora.bot.services.jobs.wake()
    await loopback.wait_until(
        lambda: len([r for r in requests(loopback, EDIT_MESSAGE) if r.status == 200]) == 2,
        within=10,
        what="the post edited again",
    )
    lifted = (await edited(loopback, queued)).request
    assert "fields" not in lifted["embeds"][0]
    assert custom_ids(lifted) == ["modq:approve:announcement:1", "modq:reject:announcement:1"]
    listed = await loopback.slash("modqueue", actor=marcus)
    assert "on hold" not in listed.embeds[0]["description"]


def listed_ids(reply: Reply) -> list[str]:
    """The custom ids of a /modqueue page's buttons, row by row."""
    return custom_ids(reply.record.callback_body["data"])


def custom_ids(body: dict) -> list[str]:
    """The custom ids of the buttons of a message's body, row by row."""
    return [c["custom_id"] for row in body["components"] for c in row["components"]]


def listed_refs(reply: Reply) -> list[str]:
    """The items a /modqueue page lists, as "glossary #1"."""
    lines = reply.record.callback_body["data"]["embeds"][0]["description"].splitlines()
    return [line.split("`")[1] for line in lines]


async def suggested(keitora: RunningBot, loopback: Loopback, count: int, *, first: int = 1) -> None:
    """`count` glossary suggestions waiting, "term `first`" the oldest, sent in without
    posts."""
    members = [loopback.member(name).id for name in ("Dale", "Rosa", "Hank", "Mika")]
    sent_at = unix(keitora.clock.now()) - 3600
    async with keitora.store.transaction():
        for n in range(first, first + count):
            await keitora.store.execute(
                "INSERT INTO glossary_suggestions (guild_id, member_id, term, meaning, "
                "created_at) VALUES (?, ?, ?, ?, ?)",
                (loopback.guild.id, members[n % 4], f"term {n}", "A word.", sent_at + n),
            )


async def test_a_page_turned_once_everything_was_decided_elsewhere_offers_no_buttons(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")
    await suggested(keitora, loopback, 9)
    stale = await loopback.slash("modqueue", actor=marcus)
    for n in range(1, 10):
        await keitora.bot.services.modqueue.reject(
            loopback.guild.id, "glossary", n, akiko.id, "Already in the glossary"
        )

    turned = await loopback.click(stale, "Next", actor=marcus)

    assert turned.type == 7
    body = turned.record.callback_body["data"]
    assert body["embeds"][0]["description"] == "Nothing is waiting."
    assert body.get("components") == []  # not left as they were


async def test_a_queue_of_200_items_is_counted_and_paged_through_with_buttons_on_every_page(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await suggested(keitora, loopback, 200)

    first = await loopback.slash("modqueue", actor=marcus)

    assert listed_refs(first) == [f"glossary #{n}" for n in range(1, 9)]
    embed = first.record.callback_body["data"]["embeds"][0]
    assert embed["footer"]["text"] == "200 waiting · showing 1–8"
    ids = listed_ids(first)
    assert ids[:2] == ["modq:approve:glossary:1", "modq:reject:glossary:1"]
    assert ids[15] == "modq:reject:glossary:8"
    assert [i.split(":")[2] for i in ids[16:18]] == ["previous", "next"]
    assert ids[18:] == ["modq:refresh"]
    rows = first.record.callback_body["data"]["components"]
    assert len(rows) == 5
    assert rows[4]["components"][0]["disabled"] is True  # nothing before the first

    # Three items decided from the page: each leaves it, and the next ones move up.
    for n in (1, 2, 3):
        decided = await reject(loopback, first, f"Reject glossary #{n}", "Marcus")
        assert decided.type == 7  # the page itself
    assert listed_refs(decided) == [f"glossary #{n}" for n in range(4, 12)]
    second = await loopback.click(first, "Next", actor=marcus)

    assert second.type == 7  # the list itself turns its page
    assert second.record.callback_body["data"]["content"] is None  # the last decision goes
    assert listed_refs(second) == [f"glossary #{n}" for n in range(12, 20)]
    footer = second.record.callback_body["data"]["embeds"][0]["footer"]["text"]
    assert footer == "197 waiting · showing 9–16"
    assert listed_ids(second)[:2] == ["modq:approve:glossary:12", "modq:reject:glossary:12"]
    # Back: what waits before the twelfth, the three decided gone.
    back = await loopback.click(second, "Previous", actor=marcus)
    assert listed_refs(back) == [f"glossary #{n}" for n in range(4, 12)]
    # A decision on a later page keeps the moderator where they were.
    again = await loopback.click(back, "Next", actor=marcus)
    decided = await reject(loopback, again, "Reject glossary #12", "Marcus")
    assert listed_refs(decided) == [f"glossary #{n}" for n in range(13, 21)]
    footer = decided.record.callback_body["data"]["embeds"][0]["footer"]["text"]
    assert footer == "196 waiting · showing 9–16"

    # The page is ephemeral, so only Marcus clicks it: once he is no moderator, his click is
    # refused like the command.
    take_moderator_role(loopback, marcus)
    refused = await loopback.click(back, "Next", actor=marcus)
    assert refused.ephemeral
    assert "Only moderators" in refused.text


async def test_a_decision_on_a_modqueue_page_shows_on_that_page_with_the_item_gone(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await queue_ready(loopback)
    await start_builds(loopback, "Mika")
    await nominate(loopback, "Rosa")
    for name, term in (("Dale", "tanbo"), ("Hank", "inaka")):
        member = loopback.member(name)
        await loopback.slash("glossary suggest", term=term, meaning="A field.", actor=member)
    posts = await queue_posts(loopback, 3)
    listed = await loopback.slash("modqueue", actor=marcus)
    assert sorted(listed_refs(listed)) == ["glossary #1", "glossary #2", "nomination #1"]

    # Rejected with a reason: the page says so above what still waits.
    decided = await reject(loopback, listed, "Reject glossary #1", "Marcus")
    assert decided.type == 7  # the page itself, not a message of its own
    body = decided.record.callback_body["data"]
    assert body["content"] == f"Rejected by <@{marcus.id}>; {told_why(loopback.member('Dale'))}"
    assert sorted(listed_refs(decided)) == ["glossary #2", "nomination #1"]
    assert body["embeds"][0]["footer"]["text"] == "2 waiting"
    assert "modq:reject:glossary:1" not in listed_ids(decided)

    # Approved through the glossary's form, opened from the page.
    opened = await loopback.click(listed, "Approve glossary #2", actor=marcus)
    approved = await loopback.submit_modal(opened, form(opened, category="culture"), actor=marcus)
    assert approved.type == 7
    said = f"Approved by <@{marcus.id}>; “inaka” is in this server's glossary now."
    assert approved.record.callback_body["data"]["content"] == said
    assert listed_refs(approved) == ["nomination #1"]

    # Approved with the showcase's slower post: the page is edited once it is done.
    featured = await loopback.click(listed, "Approve nomination #1", actor=marcus)
    assert featured.type == 6
    await featured.wait_until(lambda reply: bool(reply.edits))
    [last] = featured.edits
    assert last["content"].startswith(f"Approved by <@{marcus.id}>. Build #1 is featured in")
    assert last["embeds"][0]["description"] == "Nothing is waiting."
    assert last["components"] == []

    # The queue posts still say how each was decided, and take no more clicks.
    for post in posts:
        edit = (await edited(loopback, post)).request
        assert edit["components"] == []
        assert edit["content"].startswith(
            (f"Rejected by <@{marcus.id}>", f"Approved by <@{marcus.id}>")
        )
