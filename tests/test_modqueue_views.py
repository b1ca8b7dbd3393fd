"""The /modqueue list fits Discord's component limits however long the queue is."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.modqueue import QueueItem
from cogs.modqueue_views import LISTED_WITH_BUTTONS, pending_embed, pending_view, sent_by


def items(count: int) -> list[QueueItem]:
    when = datetime(2026, 11, 25, tzinfo=UTC)
    return [
        QueueItem("announcement", n, f"@everyone item {n}", "", 1, "Kei Imports", when)
        for n in range(1, count + 1)
    ]


@pytest.mark.parametrize("count", [1, 2, 3, 9, 10, 11, 25])
async def test_every_listed_item_gets_both_buttons_within_five_rows(count: int) -> None:
    view = pending_view(items(count))
    buttons = [child.custom_id for child in view.children]  # type: ignore[attr-defined]
    shown = min(count, LISTED_WITH_BUTTONS)
    assert len(buttons) == 2 * shown
    assert buttons[:2] == ["modq:approve:announcement:1", "modq:reject:announcement:1"]
    assert max(child.row for child in view.children) <= 4  # type: ignore[attr-defined]


def test_the_list_is_inert() -> None:
    assert "@\u200beveryone item 1" in (pending_embed(items(1)).description or "")


@pytest.mark.parametrize("count", [LISTED_WITH_BUTTONS, LISTED_WITH_BUTTONS + 1])
def test_a_list_longer_than_its_buttons_says_how_to_reach_the_rest(count: int) -> None:
    footer = pending_embed(items(count)).footer.text
    if count > LISTED_WITH_BUTTONS:
        assert footer is not None
        assert footer.startswith(f"Buttons for the first {LISTED_WITH_BUTTONS}: decide them")
    else:
        assert footer is None


def test_a_sender_is_named_by_mention_after_the_sources_own_name_for_them() -> None:
    when = datetime(2026, 11, 25, tzinfo=UTC)
    announcement = QueueItem("announcement", 1, "Hijet", "", 7, "Kei Imports", when)
    assert sent_by(announcement) == "Kei Imports (<@7>)"
    crowd = QueueItem(
        "nomination", 2, "Build", "", 1, "5 members", when, co_submitter_ids=(2, 3, 4, 5)
    )
    assert sent_by(crowd) == "<@1>, <@2>, <@3> and 2 more"
    forgotten = QueueItem("glossary", 3, "tanbo", "", None, "a member", when)
    assert sent_by(forgotten) == "a member"
