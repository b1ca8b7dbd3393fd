"""The public calendar's real web server on 127.0.0.1, over a real SQLite file and a clock the
tests move; requests go through a real HTTP client (or a real browser)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import aiohttp
import pytest

from bot.clock import ManualClock
from bot.jobs import JobQueue
from bot.meetups import MeetupDraft, MeetupService
from bot.public_calendar import PublicCalendarService
from bot.setup import SetupService
from bot.store import Store
from web.public_calendar import CalendarSite

GUILD, OTHER = 100, 200
ORGANIZER = 1
# The address people are told; the tests reach the same server on 127.0.0.1.
BASE = "https://meetups.example.org"


@dataclass
class CalendarServer:
    address: str  # http://127.0.0.1:<port>
    site: CalendarSite
    calendars: PublicCalendarService
    meetups: MeetupService
    clock: ManualClock
    session: aiohttp.ClientSession
    names: dict[int, str] = field(default_factory=dict)

    async def publish(self, guild_id: int = GUILD) -> str:
        """Publish the server's calendar; returns its token."""
        links = (await self.calendars.set_public(guild_id, True)).links
        assert links is not None
        return token_of(links.page)

    async def create(self, when: str, **fields: object) -> int:
        draft = MeetupDraft(
            **{"title": "Kei Truck Day", "when": when, "location": "Moab", **fields}
        )  # type: ignore[arg-type]
        return (await self.meetups.create(GUILD, ORGANIZER, draft)).meetup.id

    def get(
        self, path: str, headers: dict[str, str] | None = None, method: str = "GET"
    ) -> aiohttp.client._RequestContextManager:
        return self.session.request(method, f"{self.address}{path}", headers=headers)


def token_of(url: str) -> str:
    return url.rsplit("/", 1)[1].removesuffix(".ics")


@pytest.fixture
async def server(store: Store, clock: ManualClock) -> AsyncIterator[CalendarServer]:
    setup = SetupService(store, clock)
    await setup.set_timezone(GUILD, "America/Denver")
    meetups = MeetupService(store, clock, setup, JobQueue(store, clock))
    calendars = PublicCalendarService(store, clock, meetups, BASE)
    names = {GUILD: "Kei Trucks of Colorado"}
    site = CalendarSite(calendars, clock, names.get)
    port = await site.start(0, host="127.0.0.1")
    try:
        async with aiohttp.ClientSession() as session:
            yield CalendarServer(
                f"http://127.0.0.1:{port}", site, calendars, meetups, clock, session, names
            )
    finally:
        await site.stop()
