"""A mention or a link to a command refused in a build's text and a meetup's line alike: one
wording (`refuse_mention`), so the two never drift apart."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.builds.values import checked_text
from bot.errors import UserError
from bot.limits import refuse_mention
from bot.meetups.values import checked_location, checked_title

MENTION = "<@&1> party"


def refusal(check: Callable[[], object]) -> str:
    with pytest.raises(UserError) as refused:
        check()
    return refused.value.message


def test_a_build_and_a_meetup_refuse_a_mention_in_the_same_words() -> None:
    assert refusal(lambda: refuse_mention("The title", MENTION)) == (
        "The title may not hold mentions (everyone, here, a member, a role), channels, or links "
        "to commands or to the server's pages."
    )
    assert refusal(lambda: checked_title(MENTION)) == refusal(
        lambda: refuse_mention("The title", MENTION)
    )
    assert refusal(lambda: checked_location(MENTION)) == refusal(
        lambda: refuse_mention("The location", MENTION)
    )
    assert refusal(lambda: checked_text("A build's title", MENTION, 100)) == refusal(
        lambda: refuse_mention("A build's title", MENTION)
    )


def test_text_without_a_mention_passes() -> None:
    refuse_mention("The title", "Kei Day @ the lake")
