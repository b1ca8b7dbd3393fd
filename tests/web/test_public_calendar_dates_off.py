"""The public page over HTTP for a date of a series cancelled on its own: it is listed as
cancelled with the reason its organizer gave, as a whole meetup cancelled is."""

from __future__ import annotations

from datetime import UTC, datetime

from .conftest import GUILD, CalendarServer


async def page(server: CalendarServer, token: str) -> str:
    async with server.get(f"/calendar/{token}", None) as response:
        return (await response.read()).decode()


async def weekly(server: CalendarServer) -> tuple[int, str]:
    """A weekly series from Sat Dec 19, 2026, posted, and the server's page token."""
    server.clock.set(datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    series = await server.create("2026-12-19 10:00", title="Coffee and kei", repeat="weekly")
    await server.meetups.set_card(series, 555, 777)
    return series, await server.publish()


async def test_a_date_cancelled_with_a_reason_is_listed_with_it(server: CalendarServer) -> None:
    series, token = await weekly(server)
    dec_26 = datetime(2026, 12, 26, 17, 0, tzinfo=UTC)

    await server.meetups.cancel(GUILD, series, reason="xmas", original_start=dec_26)

    html = await page(server, token)
    assert '<p class="status"><strong>Cancelled</strong>: xmas</p>' in html
    assert html.count("<strong>Cancelled</strong>") == 1


async def test_a_date_held_again_then_cancelled_without_one_shows_none(
    server: CalendarServer,
) -> None:
    series, token = await weekly(server)
    dec_26 = datetime(2026, 12, 26, 17, 0, tzinfo=UTC)
    await server.meetups.cancel(GUILD, series, reason="xmas", original_start=dec_26)
    await server.meetups.restore(GUILD, series, original_start=dec_26)

    await server.meetups.cancel(GUILD, series, original_start=dec_26)

    html = await page(server, token)
    assert '<p class="status"><strong>Cancelled</strong></p>' in html
    assert "xmas" not in html
