"""The console draws Discord timestamps as a US English Discord client does (12-hour clock, no
zero-padded day), so a reply's own words ("2:00 PM") and its timestamps read alike, and it shows
an embed's timestamp beside its footer as Discord does."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sandbox.console import Console
from sandbox.render import render_markup, render_message

from .conftest import says

DENVER = ZoneInfo("America/Denver")
# Sunday December 6, 2026, 2:05:09 PM in Denver (MST, UTC-7).
INSTANT = int(datetime(2026, 12, 6, 21, 5, 9, tzinfo=UTC).timestamp())
NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


def shown(style: str) -> str:
    code = f"<t:{INSTANT}:{style}>" if style else f"<t:{INSTANT}>"
    return render_markup(code, DENVER, lambda *_: "", NOW)


def test_each_style_is_drawn_as_discords_us_english_client_draws_it() -> None:
    assert shown("t") == "2:05 PM"
    assert shown("T") == "2:05:09 PM"
    assert shown("d") == "12/06/2026"
    assert shown("D") == "December 6, 2026"
    assert shown("f") == "December 6, 2026 2:05 PM"
    assert shown("") == "December 6, 2026 2:05 PM"
    assert shown("F") == "Sunday, December 6, 2026 2:05 PM"
    assert shown("R") == "in 4 days"


def test_a_morning_hour_is_not_zero_padded() -> None:
    morning = int(datetime(2026, 7, 4, 15, 0, tzinfo=UTC).timestamp())  # 9 AM MDT
    text = render_markup(f"<t:{morning}:F>", DENVER, lambda *_: "", NOW)
    assert text == "Saturday, July 4, 2026 9:00 AM"


def embed_lines(timestamp: datetime, footer: str | None = None) -> str:
    embed: dict[str, object] = {"title": "Update", "timestamp": timestamp.isoformat()}
    if footer:
        embed["footer"] = {"text": footer}
    return render_message({"embeds": [embed]}, DENVER, lambda *_: "", now=NOW)


def test_an_embeds_timestamp_is_shown_after_its_footer() -> None:
    today = datetime(2026, 12, 2, 16, 30, tzinfo=UTC)  # 9:30 AM in Denver, the day of NOW
    assert "— Build #1 • Today at 9:30 AM" in embed_lines(today, "Build #1")
    yesterday = datetime(2026, 12, 1, 16, 30, tzinfo=UTC)
    assert "— Yesterday at 9:30 AM" in embed_lines(yesterday)
    earlier = datetime(2026, 11, 20, 16, 30, tzinfo=UTC)
    assert "— 11/20/2026 9:30 AM" in embed_lines(earlier)


async def test_a_build_updates_post_shows_when_it_was_posted(console: Console) -> None:
    await says(console, "/build start title:Camper truck:1994 Suzuki Carry DA51T")
    await says(console, "/build update text:Washed it build:1")

    thread = await says(console, "messages #Camper")

    # The console's week starts Wednesday December 2, 2026 at 8 AM in Denver.
    assert re.search(r"— Today at 8:\d\d AM", thread), thread
