"""The /modqueue list fits Discord's component limits however long the queue is, and says
how many wait and which page it shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.limits import MESSAGE_CONTENT
from bot.modqueue import Decision, QueueItem, QueuePage
from cogs._text import echo
from cogs.modqueue_card_views import pending_embed, rejected, sent_by
from cogs.modqueue_views import PAGE_SIZE, pending_view


def items(count: int) -> list[QueueItem]:
    when = datetime(2026, 11, 25, tzinfo=UTC)
    return [
        QueueItem("announcement", n, f"@everyone item {n}", "", 1, "Kei Imports", when)
        for n in range(1, count + 1)
    ]


def page_of(count: int, before: int = 0) -> QueuePage:
    """The page of a queue of `count` items that starts after the first `before`."""
    listed = items(count)[before : before + PAGE_SIZE]
    return QueuePage(tuple(listed), before, count, counted_all=True)


@pytest.mark.parametrize("count", [1, 2, 3, 7, 8, 9, 25, 200])
async def test_every_listed_item_gets_both_buttons_within_five_rows(count: int) -> None:
    view = pending_view(page_of(count))
    buttons = [child.custom_id for child in view.children]  # type: ignore[attr-defined]
    shown = min(count, PAGE_SIZE)
    paged = count > PAGE_SIZE
    assert len(buttons) == 2 * shown + (2 if paged else 0) + 1
    assert buttons[-1] == "modq:refresh"
    assert buttons[:2] == ["modq:approve:announcement:1", "modq:reject:announcement:1"]
    assert max(child.row for child in view.children) <= 4  # type: ignore[attr-defined]
    if paged:
        # Turned from the first and last items shown (sent at one moment here).
        at = int(datetime(2026, 11, 25, tzinfo=UTC).timestamp())
        assert buttons[-3:-1] == [
            f"modq:page:previous:{at}:announcement:1",
            f"modq:page:next:{at}:announcement:{PAGE_SIZE}",
        ]


def test_the_list_is_inert() -> None:
    assert "@\u200beveryone item 1" in (pending_embed(page_of(1)).description or "")


@pytest.mark.parametrize(
    ("count", "before", "footer"),
    [
        (1, 0, "1 waiting"),
        (PAGE_SIZE, 0, f"{PAGE_SIZE} waiting"),
        (PAGE_SIZE + 1, 1, f"{PAGE_SIZE + 1} waiting · showing 2–{PAGE_SIZE + 1}"),
        (PAGE_SIZE + 1, PAGE_SIZE, f"{PAGE_SIZE + 1} waiting · showing {PAGE_SIZE + 1}"),
        (2000, 1000, "2,000 waiting · showing 1,001–1,008"),
    ],
)
def test_a_page_says_how_many_wait_and_which_it_shows(count: int, before: int, footer: str) -> None:
    assert pending_embed(page_of(count, before)).footer.text == footer


def test_a_queue_longer_than_was_counted_says_at_least() -> None:
    page = QueuePage(tuple(items(PAGE_SIZE)), 0, 4000, counted_all=False)
    assert pending_embed(page).footer.text == "4,000+ waiting · showing 1–8"


def test_a_sender_is_named_by_mention_after_the_sources_own_name_for_them() -> None:
    when = datetime(2026, 11, 25, tzinfo=UTC)
    announcement = QueueItem("announcement", 1, "Hijet", "", 7, "Kei Imports", when)
    assert sent_by(announcement) == "Kei Imports (<@7>)"
    crowd = QueueItem(
        "nomination", 2, "Build", "", 1, "5 members", when, co_submitter_ids=(2, 3, 4, 5)
    )
    assert sent_by(crowd) == "<@1>, <@2>, <@3> and 2 more"
    pair = QueueItem("nomination", 2, "Build", "", 1, "2 members", when, co_submitter_ids=(2,))
    assert sent_by(pair) == "<@1> and <@2>"
    three = replace(pair, submitted_by="3 members", co_submitter_ids=(2, 3))
    assert sent_by(three) == "<@1>, <@2> and <@3>"
    forgotten = QueueItem("glossary", 3, "tanbo", "", None, "a member", when)
    assert sent_by(forgotten) == "a member"


@pytest.mark.parametrize("reason", ["*" * 500, "“" + "_" * 498 + "”", "@everyone " * 50])
def test_a_rejection_with_the_longest_reason_shows_it_whole_on_its_post_and_to_the_late(
    reason: str,
) -> None:
    decision = Decision(items(1)[0], "Kei Imports will be told why.", reason)
    said = rejected(1234567890123456789, decision)
    assert said.startswith("Rejected by <@1234567890123456789>; Kei Imports will be told why.")
    assert said.endswith(f"Reason: {echo(reason)}")  # every character escaped, none cut
    assert "@everyone" not in said
    # As a moderator beaten to the item reads it, the words as they are (inert already).
    assert len(f"That importer announcement was already decided: {said}") <= MESSAGE_CONTENT
