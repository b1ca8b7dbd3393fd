"""A lock's reason that shows nothing is refused with one message, whether the lock is asked
about first (its build on a ballot the lock would call off) or done at once, and nothing is
locked or asked."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_confirm_buttons import ballot_a_lock_calls_off
from .test_showcase import setup_channels, start_builds

INVISIBLE = "\u200b\u2800"
REFUSAL = "The reason shows nothing: it holds only invisible characters."


async def test_an_invisible_reason_is_refused_before_the_ballot_question(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await ballot_a_lock_calls_off(loopback)
    marcus = loopback.member("Marcus")

    refused = await loopback.slash("build-mod lock", build="1", reason=INVISIBLE, actor=marcus)

    assert refused.ephemeral
    assert refused.text.startswith(REFUSAL), refused.text
    assert refused.message is None or refused.message.buttons == []
    assert loopback.guild is not None
    assert not (await keitora.bot.services.builds.get(int(loopback.guild.id), 1)).locked


async def test_an_invisible_reason_is_refused_for_a_lock_done_at_once(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    marcus = loopback.member("Marcus")

    refused = await loopback.slash("build-mod lock", build="1", reason=INVISIBLE, actor=marcus)

    assert refused.ephemeral
    assert refused.text.startswith(REFUSAL), refused.text
    assert loopback.guild is not None
    assert not (await keitora.bot.services.builds.get(int(loopback.guild.id), 1)).locked
