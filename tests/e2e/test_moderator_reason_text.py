"""Moderators' reasons that would reach a member as nothing, or turn round the bot's own text
after them, are refused through the loopback, ephemerally, and nothing reaches the member: a
rejection's reason of zero-width spaces, a deletion's or a lock's reason holding U+202E."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot, eventually
from .test_build_delete import thread_deleted
from .test_builds import forum_build
from .test_modqueue_reasons import REASON, fix_offered, rejecting_on_its_post
from .test_showcase_nominations import dms_sent_to

ZERO_WIDTH = "\u200b" * 4  # as long as Discord's form asks, yet shows nothing
TURNING = "Stolen \u202esotohp"
TURNING_REFUSAL = "The reason may not hold U+202E (right-to-left override)"


async def test_a_rejection_reason_of_zero_width_spaces_is_refused_and_nobody_is_told(
    keitora: RunningBot, loopback: Loopback
) -> None:
    _, opened = await rejecting_on_its_post(loopback)

    refused = await loopback.submit_modal(opened, {REASON: ZERO_WIDTH})

    told = fix_offered(refused)
    assert told.ephemeral
    assert told.content.startswith("The reason shows nothing"), told.content
    reopened = await loopback.click(told, "Fix the form", actor=loopback.member("Marcus"))
    await loopback.submit_modal(reopened, {REASON: "Already in the glossary"})
    await eventually(lambda: bool(dms_sent_to(loopback, "Dale")), "the rejection's DM")
    [dm] = dms_sent_to(loopback, "Dale")  # the fixed reason's, and only it
    assert "Already in the glossary" in str(dm["content"]), dm


async def test_a_rejection_reason_turning_text_round_is_refused_by_name(
    keitora: RunningBot, loopback: Loopback
) -> None:
    _, opened = await rejecting_on_its_post(loopback)

    told = fix_offered(await loopback.submit_modal(opened, {REASON: TURNING}))

    assert told.ephemeral
    assert told.content.startswith(TURNING_REFUSAL), told.content
    assert dms_sent_to(loopback, "Dale") == []


async def test_a_deletion_or_lock_reason_turning_text_round_is_refused_and_asks_nothing(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await forum_build(loopback)
    marcus = loopback.member("Marcus")

    for command in ("build delete", "build-mod lock"):
        refused = await loopback.slash(command, build="1", reason=TURNING, actor=marcus)
        assert refused.ephemeral
        assert refused.text.startswith(TURNING_REFUSAL), refused.text
        assert refused.message is None or refused.message.buttons == []

    assert loopback.guild is not None
    assert not (await keitora.bot.services.builds.get(int(loopback.guild.id), 1)).locked
    assert not thread_deleted(loopback, thread)
    assert dms_sent_to(loopback, "Mika") == []
