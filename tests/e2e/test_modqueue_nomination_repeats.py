"""A build nominated again after a moderator rejected its nomination says so on its new queue
post, through the loopback, as a repeated announcement's does: who rejected it, when and why,
so the moderator deciding it now need not search the channel. Asserted on what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_forget_kept_decisions import mikas_nomination_rejected
from .test_modqueue_repeats import sent_before
from .test_reminders import settled
from .test_showcase_nominations import nominate, posted_to, queue_posts


async def test_a_build_nominated_again_after_a_rejection_says_so_on_its_post(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await mikas_nomination_rejected(keitora, loopback)
    rejected_at = await keitora.store.fetchval("SELECT decided_at FROM showcase_nominations")

    await nominate(loopback, "Mika")
    await queue_posts(loopback, 2)
    await settled(keitora, "%")

    posts = [record.request for record in posted_to(loopback, "mod-queue")]
    assert [sent_before(post) for post in posts] == [
        None,
        f"The same as showcase nomination #1, rejected <t:{rejected_at}:R> by <@{marcus.id}>: "
        "Already in the glossary",
    ]
