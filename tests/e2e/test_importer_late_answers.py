"""What an importer or moderator is told, through the loopback, when what they act on changed
since they began: a repeat of an announcement still in the queue, a form for one withdrawn
meanwhile, a take-down confirmed after its importer took the post down. Each answer says what
happened, and offers no button that could never work. Asserted on what the bot sent."""

from __future__ import annotations

from typing import Any

from sandbox import Loopback, Reply

from .conftest import RunningBot
from .test_held_forms import sent
from .test_importer_takedown import DELETE
from .test_importers import announce, arrive, requests, server_ready, settle
from .test_showcase_nominations import queue_posts


def said(loopback: Loopback, reply: Reply) -> dict[str, Any]:
    """The bot's last word on `reply`'s interaction, as it sent it: the callback's message, or
    what followed it up or edited it last (after a deferral)."""
    token = reply.record.token
    answers = [
        r
        for r in loopback.requests
        if r.method in ("POST", "PATCH") and f"/{token}" in r.path and r.request is not None
    ]
    if not answers or answers[-1].path.endswith("/callback"):
        return sent(reply)
    last: dict[str, Any] = answers[-1].request
    return last


async def test_a_repeat_of_an_announcement_still_queued_says_it_waits_for_a_moderator(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    assert "waits for a moderator" in await announce(loopback, "News A")
    assert "waits for a moderator" in await arrive(loopback, 1995)

    yoshi = loopback.member("Yoshi")
    opened = await loopback.slash("importer announce", actor=yoshi)
    again = await loopback.submit_modal(opened, {"Title": "News A"}, actor=yoshi)
    arrival_again = await arrive(loopback, 1995)

    assert said(loopback, again)["content"] == (
        "“News A” is still waiting for a moderator; a repeat is not sent again. Change it "
        "with /importer edit, or take it back with /importer withdraw."
    ), again
    assert arrival_again == (
        "“1995 Daihatsu Hijet S110P 4WD”, with the same details, is still waiting for a "
        "moderator; a repeat is not sent again. Take it back with /importer withdraw to "
        "announce it otherwise."
    ), arrival_again
    assert await keitora.store.fetchval("SELECT count(*) FROM announcements") == 2


async def test_a_form_for_an_announcement_gone_from_the_queue_meanwhile_offers_no_fix(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    assert "waits for a moderator" in await announce(loopback, "News A")
    assert "waits for a moderator" in await announce(loopback, "News B")
    first = await loopback.slash("importer edit", announcement="1", actor=yoshi)
    second = await loopback.slash("importer edit", announcement="2", actor=yoshi)
    _, card = await queue_posts(loopback, 2)
    await loopback.slash("importer withdraw", announcement="1", actor=yoshi)
    await loopback.click(card, "Approve", actor=marcus)
    await settle(loopback, "announcements", 1, "the approved post")

    withdrawn = said(loopback, await loopback.submit_modal(first, {"Title": "News A"}, actor=yoshi))
    approved = said(loopback, await loopback.submit_modal(second, {"Title": "News B"}, actor=yoshi))

    # Either form could never be sent again: no "Fix the form" under the answer.
    assert withdrawn["content"] == "“News A” was withdrawn; announce it again.", withdrawn
    assert not withdrawn.get("components"), withdrawn
    assert approved["content"] == (
        "“News B” was posted already, so it cannot be changed; take it down with /importer delete."
    ), approved
    assert not approved.get("components"), approved


async def test_a_take_down_confirmed_after_its_importer_took_the_post_down_says_so(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=True)
    assert "on its way" in await announce(loopback, "Hijet arrived")
    await settle(loopback, "announcements", 1, "the post")
    asked = await loopback.slash("importer delete", announcement="1", actor=marcus)
    own = await loopback.slash("importer delete", announcement="1", actor=yoshi)
    assert said(loopback, own)["content"].startswith("Taken down: “Hijet arrived”"), own.text

    late = await loopback.click(asked, "Take it down", actor=marcus)

    # As a late decision in the queue says it, and the question's buttons go with it.
    answer = said(loopback, late)
    assert answer["content"] == (
        "Already taken down by its importer; there is nothing left to take down."
    ), answer
    assert answer["components"] == [], answer
    assert len(requests(loopback, DELETE)) == 1


async def test_a_take_down_of_an_announcement_its_importer_withdrew_says_it_was_never_posted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    assert "waits for a moderator" in await announce(loopback, "News A")
    await loopback.slash("importer withdraw", announcement="1", actor=yoshi)

    typed = await loopback.slash("importer delete", announcement="1", actor=marcus)

    # Withdrawn from the queue, it never was posted: not "taken down", nor "taken back".
    assert said(loopback, typed)["content"] == (
        "Already withdrawn by its importer while it waited for a moderator; it was never "
        "posted, so there is nothing to take down."
    ), said(loopback, typed)
    assert requests(loopback, DELETE) == []
