"""An announcement sent again word for word after a moderator rejected it says so on its new
queue post and in /modqueue, through the loopback: who rejected the first, when and why, so the
moderator deciding it now need not search the channel. Asserted on what the bot sent."""

from __future__ import annotations

import json

from sandbox import Loopback

from .conftest import RunningBot
from .test_forget_messages import forget
from .test_importers import announce, server_ready
from .test_modqueue import edited, reject
from .test_privacy import FORGET_ME
from .test_reminders import settled
from .test_showcase_nominations import posted_to, queue_posts


def sent_before(body: dict) -> str | None:
    """The line of a queue post's card that says it repeats a rejected item; None without."""
    fields = body["embeds"][0].get("fields", [])
    return next((f["value"] for f in fields if f["name"] == "Sent before"), None)


async def test_an_announcement_sent_again_after_its_rejection_says_so_on_its_post(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Hijet news", body="Hijets in Houston")
    [first] = await queue_posts(loopback, 1)
    await reject(loopback, first, "Reject", "Marcus")
    await settled(keitora, "%")
    rejected_at = await keitora.store.fetchval("SELECT decided_at FROM announcements")

    assert "waits for a moderator" in await announce(
        loopback, "Hijet news", body="Hijets in Houston"
    )
    third = await announce(  # other words: no line
        loopback, "Carry news", body="Hijets in Houston", link="https://kei.example/carry"
    )
    assert "waits for a moderator" in third, third
    await queue_posts(loopback, 3)
    await settled(keitora, "%")

    posts = [record.request for record in posted_to(loopback, "mod-queue")]
    assert [sent_before(post) for post in posts] == [
        None,
        f"The same as importer announcement #1, rejected <t:{rejected_at}:R> by <@{marcus.id}>: "
        "Already in the glossary",
        None,
    ]
    assert posts[1]["allowed_mentions"]["parse"] == []
    listed = await loopback.slash("modqueue", actor=marcus)
    lines = json.dumps(listed.record.callback_body, ensure_ascii=False)
    assert f"**the same as #1, rejected <t:{rejected_at}:R>**" in lines


async def test_a_repeats_line_names_its_moderator_no_more_once_decided_or_forgotten(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    for title in ("Hijet news", "Carry news"):
        await announce(loopback, title, body="In Houston", link=f"https://kei.example/{title[0]}")
    first, second = await queue_posts(loopback, 2)
    for post in (first, second):
        await reject(loopback, post, "Reject", "Marcus")
    for title in ("Hijet news", "Carry news"):
        await announce(loopback, title, body="In Houston", link=f"https://kei.example/{title[0]}")
    *_, hijet, carry = await queue_posts(loopback, 4)
    repeated = sent_before(posted_to(loopback, "mod-queue")[3].request)
    assert repeated is not None
    assert f"<@{marcus.id}>" in repeated

    # Decided, a post drops the line: nothing would un-name the moderator there.
    decided = await reject(loopback, hijet, "Reject", "Akiko")
    answered = decided.record.callback_body["data"]
    assert "embeds" in answered  # the card, edited
    assert sent_before(answered) is None
    await settled(keitora, "%")
    await forget(loopback, "Marcus", FORGET_ME)

    # Waiting, it is rendered again with the moderator unnamed.
    edit = (await edited(loopback, carry)).request
    assert sent_before(edit).startswith("The same as importer announcement #2, rejected <t:")
    assert sent_before(edit).endswith(" by a moderator: Already in the glossary")
    assert str(marcus.id) not in json.dumps(edit)
