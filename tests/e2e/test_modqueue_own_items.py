"""A moderator's own suggestion waits for another moderator: their Approve is refused before
the form opens, and changes nothing; an admin (Manage Server) may approve their own, a build
nomination too. Asserted on what the bot sent."""

from __future__ import annotations

from sandbox import Loopback, Reply, UserRef

from .conftest import RunningBot
from .test_glossary_curation import form
from .test_showcase import start_builds
from .test_showcase_nominations import nominate, posted_to, queue_posts, queue_ready


async def own_suggestion_listed(loopback: Loopback, member: UserRef) -> Reply:
    """`member` suggests a term and lists the suggestions, theirs with its buttons."""
    await loopback.slash("glossary suggest", term="tanbo", meaning="A paddy.", actor=member)
    return await loopback.slash("glossary-mod suggestions", actor=member)


async def test_a_moderator_is_refused_approving_their_own_suggestion(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    queue = await own_suggestion_listed(loopback, marcus)

    refused = await loopback.click(queue, "Approve glossary #1", actor=marcus)

    body = refused.record.callback_body
    assert body["type"] == 4  # a message, not the form
    assert body["data"]["flags"] & 64
    assert body["data"]["content"] == (
        "You sent in glossary suggestion #1 yourself, so another moderator decides it (or an "
        "admin with Manage Server); you may still reject it."
    )
    pending = await keitora.bot.services.glossary.pending_suggestions(int(loopback.guild.id))
    assert [s.term for s in pending] == ["tanbo"]


async def test_an_admin_may_approve_their_own_suggestion(
    keitora: RunningBot, loopback: Loopback
) -> None:
    akiko = loopback.member("Akiko")
    queue = await own_suggestion_listed(loopback, akiko)

    opened = await loopback.click(queue, "Approve glossary #1", actor=akiko)
    added = await loopback.submit_modal(opened, form(opened, category="culture"), actor=akiko)

    assert added.record.callback_body["data"]["content"] == (
        f"Approved by <@{akiko.id}>; “tanbo” is in this server's glossary now."
    )


async def test_an_admin_may_approve_a_build_they_nominated_themselves(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Mika")
    await nominate(loopback, "Akiko")
    [queued] = await queue_posts(loopback, 1)

    approved = await loopback.click(queued, "Approve", actor=loopback.member("Akiko"))

    assert approved.edits, approved.text
    [decided] = approved.edits
    assert decided["content"].startswith(f"Approved by <@{loopback.member('Akiko').id}>.")
    [feature] = posted_to(loopback, "showcase")
    assert feature.request["embeds"][0]["title"] == "★ #1 · Build 1"
