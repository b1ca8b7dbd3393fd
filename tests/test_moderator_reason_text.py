"""Every moderator's reason a member reads (a rejection's, a lock's or a deleted build's, a
nomination's, a feature's note, a suspension's) goes through one check, `checked_reason`: what
shows nothing is dropped before its length is counted, so a reason of zero-width spaces is
refused, and a character that turns round the text after it is refused by name."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.builds.values import moderator_reason
from bot.errors import UserError
from bot.limits import checked_reason
from bot.modqueue import MODQUEUE_REJECTED_JOB
from bot.showcase import NOMINATION_KIND
from tests.modqueue_harness import DALE, GUILD, MODERATOR, Queue
from tests.test_importers import GUILD as IMPORTERS_GUILD
from tests.test_importers import World, world  # noqa: F401 (the fixture)

ZERO_WIDTH = "\u200b" * 4
TURNING = "Spam \u202eknil"
TURNING_REFUSAL = "The reason may not hold U+202E (right-to-left override)"
SHOWS_NOTHING = "The reason shows nothing"


def test_what_shows_nothing_is_dropped_and_runs_of_spaces_are_one() -> None:
    typed = "  Dup\u200blicate \u00ad of  #4 \n"
    assert checked_reason("The reason", typed, 50) == "Duplicate of #4"


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        (ZERO_WIDTH, SHOWS_NOTHING),
        ("\u200b\u3164", SHOWS_NOTHING),
        ("   ", "The reason cannot be empty."),
        ("x\u200b\u200b", "The reason is too short: give at least 3 characters."),
        ("x" * 9 + "\u200b", "The reason is 9 characters; the limit is 8."),
        (TURNING, TURNING_REFUSAL),
        ("ok \u2067isolated\u2069", "The reason may not hold U+2067"),
    ],
)
def test_a_reason_showing_too_little_or_turning_text_round_is_refused(
    typed: str, refusal: str
) -> None:
    with pytest.raises(UserError) as refused:
        checked_reason("The reason", typed, 8, minimum=3)
    assert refused.value.message.startswith(refusal), refused.value.message


def test_a_build_moderator_reason_refuses_what_turns_text_round() -> None:
    assert moderator_reason("stolen\u200b photos") == "stolen photos"
    for typed, refusal in ((TURNING, TURNING_REFUSAL), (ZERO_WIDTH, SHOWS_NOTHING)):
        with pytest.raises(UserError) as refused:
            moderator_reason(typed)
        assert refused.value.message.startswith(refusal), refused.value.message


async def test_a_rejection_of_zero_width_spaces_or_turning_text_is_refused_and_tells_nobody(
    queue: Queue,
) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE)
    for typed, refusal in ((ZERO_WIDTH, SHOWS_NOTHING), (TURNING, TURNING_REFUSAL)):
        with pytest.raises(UserError) as refused:
            await queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, MODERATOR, typed)
        assert refused.value.message.startswith(refusal), refused.value.message
    assert await queue.jobs.pending_keys(MODQUEUE_REJECTED_JOB, "") == []
    decided = await queue.modqueue.reject(
        GUILD, NOMINATION_KIND, nomination.id, MODERATOR, "Not\u200b yet"
    )
    assert decided.reason == "Not yet"


async def test_a_nomination_reason_and_a_feature_note_refuse_turning_text(queue: Queue) -> None:
    for typed in (TURNING, ZERO_WIDTH):
        with pytest.raises(UserError):
            await queue.showcase.nominate(queue.build, DALE, typed)
    with pytest.raises(UserError) as refused:
        await queue.showcase.claim_feature(queue.build, MODERATOR, "Lovely \u202ebed")
    assert refused.value.message.startswith("The note may not hold U+202E"), refused.value.message
    nomination = await queue.showcase.nominate(queue.build, DALE, "Great\u200b bed")
    assert nomination.reason == "Great bed"


async def test_a_suspension_reason_is_checked_as_every_other_reason(world: World) -> None:
    for typed, refusal in ((ZERO_WIDTH, SHOWS_NOTHING), (TURNING, TURNING_REFUSAL)):
        with pytest.raises(UserError) as refused:
            await world.importers.set_suspended(IMPORTERS_GUILD, world.trusted, True, reason=typed)
        assert refused.value.message.startswith(refusal), refused.value.message
    with pytest.raises(UserError) as refused:
        await world.importers.set_suspended(IMPORTERS_GUILD, world.trusted, True, reason=" ok ")
    assert refused.value.message.startswith("The reason is too short"), refused.value.message
