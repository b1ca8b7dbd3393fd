"""A cancel's reason stands in the DMs and the thread's notice before the bot's own words: one
holding a character that turns round the text after it (U+202E) would turn those round too, so
it is refused naming the field and nothing is cancelled; one that shows nothing is dropped.
Asserted on what the bot sent."""

from __future__ import annotations

from sandbox import Loopback, UserRef

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted
from .test_meetup_hidden_characters import TURNED
from .test_meetup_typed_times import sent_reply


async def gone_with_dale(keitora: RunningBot, loopback: Loopback) -> tuple[UserRef, UserRef]:
    """Tammy's meetup “Gone” with Dale going; both returned."""
    card = await posted(keitora, loopback, title="Gone")
    tammy, dale = loopback.member("Tammy"), loopback.member("Dale")
    await loopback.click(card, "Going", actor=dale)
    return tammy, dale


async def test_a_reason_turned_round_is_refused_and_the_meetup_stays_on(
    keitora: RunningBot, loopback: Loopback
) -> None:
    tammy, dale = await gone_with_dale(keitora, loopback)

    refused = await loopback.slash(
        "meetup cancel", meetup="1", reason="ice \u202eon the pass", actor=tammy
    )

    assert refused.ephemeral
    assert sent_reply(loopback, refused)["content"] == (
        "The reason may not hold U+202E (right-to-left override): " + TURNED.format(field="reason")
    )
    await keitora.bot.job_runner.run_due()
    assert loopback.dms(dale) == []
    assert await keitora.store.fetchval("SELECT cancelled_at FROM meetups") is None


async def test_a_reason_hiding_a_character_is_sent_without_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    tammy, dale = await gone_with_dale(keitora, loopback)

    await loopback.slash("meetup cancel", meetup="1", reason="Sn\u200bow", actor=tammy)

    await dms_arrive(keitora, loopback, {dale: 1})
    [dm] = loopback.dms(dale)
    assert "Snow" in dm.content, dm.content
    assert "\u200b" not in dm.content
