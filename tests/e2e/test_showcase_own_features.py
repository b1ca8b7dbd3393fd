"""A moderator does not feature their own build, as a member does not nominate it: another
moderator features it (the second pair of eyes the moderation queue is for), by command or by
approving a nomination, or an admin with Manage Server, whom every server has. Asserted on what
the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_showcase import setup_channels, showcase_posts, start_builds
from .test_showcase_nominations import nominate, posted_to, queue_posts, queue_ready

OWN = "Build #1 is your own, so another moderator features it (or an admin with Manage Server)."


async def test_a_moderator_is_refused_featuring_their_own_build(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Marcus")
    marcus = loopback.member("Marcus")

    refused = await loopback.slash("showcase-mod feature", build="1", note="Mine", actor=marcus)

    assert refused.ephemeral
    assert refused.text == OWN
    assert showcase_posts(loopback) == []
    # Another moderator may: nothing was claimed by the refusal.
    nora = loopback.guild.add_member("Nora", [loopback.guild.role("Moderator")])
    featured = await loopback.slash("showcase-mod feature", build="1", actor=nora)
    assert "featured" in featured.text, featured.text
    assert len(showcase_posts(loopback)) == 1


async def test_a_moderator_is_refused_approving_a_nomination_of_their_own_build(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Marcus")
    await nominate(loopback, "Dale")
    [queued] = await queue_posts(loopback, 1)

    refused = await loopback.click(queued, "Approve", actor=loopback.member("Marcus"))

    assert refused.text == OWN
    assert posted_to(loopback, "showcase") == []
    assert await keitora.bot.services.showcase.pending_by_build(int(loopback.guild.id), 5)


async def test_an_admin_may_feature_their_own_build(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Akiko")

    akiko = loopback.member("Akiko")
    featured = await loopback.slash("showcase-mod feature", build="1", actor=akiko)

    assert "featured" in featured.text, featured.text
    assert len(showcase_posts(loopback)) == 1
