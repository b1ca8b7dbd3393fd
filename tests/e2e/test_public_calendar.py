"""`/setup calendar` through the loopback Discord, and the bot's own web server answering the
links it gave."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import icalendar

from sandbox import Loopback

from .conftest import REPO, RunningBot, eventually
from .test_meetups import create, meetups_channel

LINK = re.compile(r"(?:https?|webcal)://\S+")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


async def with_web_server(keitora: RunningBot) -> str:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    keitora.env = {"WEB_PORT": str(port), "WEB_BASE_URL": base}
    await keitora.restart()
    return base


def calendar_field(embed: dict) -> str:
    return next(field["value"] for field in embed["fields"] if field["name"] == "Public calendar")


async def test_publishing_gives_links_the_bot_serves_and_rotating_replaces_them(
    keitora: RunningBot, loopback: Loopback
) -> None:
    base = await with_web_server(keitora)
    await meetups_channel(loopback)
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    await create(loopback, title="Moab Kei Truck Day")
    [card] = loopback.messages("meetups")
    admin = loopback.member("Akiko")

    published = await loopback.slash("setup calendar", public=True, actor=admin)

    assert published.ephemeral
    assert published.record.callback_body["data"]["flags"] & 1 << 2  # SUPPRESS_EMBEDS
    sent = published.record.callback_body["data"]["content"]
    page, feed, subscribe = LINK.findall(sent)
    assert page.startswith(f"{base}/calendar/")
    assert feed == f"{page}.ics"
    assert subscribe == feed.replace("http://", "webcal://")
    status, html = await get(page)
    assert status == 200
    assert "Moab Kei Truck Day" in html
    assert f"https://discord.com/channels/{loopback.guild.id}/{card.channel_id}/{card.id}" in html
    assert f"<h1>{loopback.guild.name} meetups</h1>" in html
    status, ics = await get(feed)
    assert status == 200
    [event] = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Moab Kei Truck Day"

    shown = await loopback.slash("setup show", actor=admin)
    assert LINK.findall(calendar_field(shown.embeds[0])) == [page, feed, subscribe]

    rotated = await loopback.slash("setup calendar", rotate=True, actor=admin)
    new_page, new_feed, _ = LINK.findall(rotated.record.callback_body["data"]["content"])
    assert "the old ones no longer work" in rotated.content
    assert new_page != page
    assert (await get(page))[0] == 404
    assert (await get(feed))[0] == 404
    assert (await get(new_page))[0] == 200
    assert (await get(new_feed))[0] == 200

    hidden = await loopback.slash("setup calendar", public=False, actor=admin)
    assert hidden.content.startswith("Public calendar: Off.")
    assert (await get(new_page))[0] == 404


async def test_a_server_that_removes_the_bot_publishes_nothing_until_it_adds_it_back(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await with_web_server(keitora)
    published = await loopback.slash("setup calendar", public=True, actor=loopback.member("Akiko"))
    page, feed, _ = LINK.findall(published.record.callback_body["data"]["content"])
    assert (await get(page))[0] == 200

    # Its admins can no longer turn the calendar off, and its data waits 30 days to be purged.
    assert loopback.guild is not None
    await loopback.remove_bot(loopback.guild)
    await eventually(
        lambda: keitora.store.fetchval("SELECT count(*) FROM guild_departures"), "the departure"
    )
    assert (await get(page))[0] == 404
    assert (await get(feed))[0] == 404

    await loopback.add_bot(loopback.guild)
    await eventually(
        lambda: keitora.store.fetchval("SELECT count(*) = 0 FROM guild_departures"), "the return"
    )
    assert (await get(page))[0] == 200


async def test_the_web_server_stops_with_the_bot_and_starts_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await with_web_server(keitora)
    reply = await loopback.slash("setup calendar", public=True, actor=loopback.member("Akiko"))
    page = LINK.findall(reply.content)[0]
    assert (await get(page))[0] == 200
    await keitora.stop()
    try:
        refused = False
        try:
            await get(page)
        except aiohttp.ClientConnectionError:
            refused = True
        assert refused, "the web server kept listening after the bot closed"
    finally:
        await keitora.start()  # the same port again: the socket was released
    assert (await get(page))[0] == 200


async def test_without_a_web_port_setup_says_the_web_server_is_off(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    reply = await loopback.slash("setup calendar", public=True, actor=admin)
    assert reply.content == (
        "Public calendar: On; the web server is off (WEB_PORT is not set), so nothing is served."
    )
    shown = await loopback.slash("setup show", actor=admin)
    assert "the web server is off" in calendar_field(shown.embeds[0])
    state = await keitora.bot.services.public_calendar.state(int(loopback.guild.id))
    assert state.public  # saved, and served once the web server runs


async def test_turning_the_calendar_on_or_off_again_says_it_already_was(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    off_again = await loopback.slash("setup calendar", public=False, actor=admin)
    assert off_again.record.callback_body["data"]["content"].startswith(
        "The public calendar was already off. Public calendar: Off;"
    )
    await loopback.slash("setup calendar", public=True, actor=admin)
    on_again = await loopback.slash("setup calendar", public=True, actor=admin)
    assert on_again.record.callback_body["data"]["content"] == (
        "The public calendar was already on. "
        "Public calendar: On; the web server is off (WEB_PORT is not set), so nothing is served."
    )
    state = await keitora.bot.services.public_calendar.state(int(loopback.guild.id))
    assert state.public


async def test_members_cannot_publish_the_calendar(keitora: RunningBot, loopback: Loopback) -> None:
    reply = await loopback.slash("setup calendar", public=True, actor=loopback.member("Mika"))
    assert reply.content == "Only server admins (Manage Server) can change Keitora's settings."
    state = await keitora.bot.services.public_calendar.state(int(loopback.guild.id))
    assert not state.public


async def test_a_taken_web_port_is_one_clear_line(tmp_path: Path, loopback: Loopback) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "bot.py"],
            cwd=REPO,
            env={
                **os.environ,
                "DISCORD_TOKEN": loopback.token,
                "DISCORD_API_BASE": loopback.api_base,
                "DATABASE_PATH": str(tmp_path / "k.sqlite3"),
                "WEB_PORT": str(port),
            },
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"The public calendar's web server cannot listen on port {port}" in result.stderr
    assert "Check WEB_PORT." in result.stderr
    assert "Traceback" not in result.stderr


async def test_a_meetup_cancelled_in_discord_shows_cancelled_in_the_subscribed_feed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await with_web_server(keitora)
    await meetups_channel(loopback)
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    await create(loopback, title="Moab Kei Truck Day")
    reply = await loopback.slash("setup calendar", public=True, actor=loopback.member("Akiko"))
    page, feed, _ = LINK.findall(reply.content)
    async with aiohttp.ClientSession() as session:
        async with session.get(feed) as response:
            etag = response.headers["ETag"]
            [before] = icalendar.Calendar.from_ical(await response.read()).walk("VEVENT")

        cancelled = await loopback.slash(
            "meetup cancel", meetup="1", reason="Snow", actor=loopback.member("Tammy")
        )
        assert cancelled.content.startswith("Cancelled “Moab Kei Truck Day”.")

        # What a calendar app refreshing its subscription asks, with the copy it holds.
        async with session.get(feed, headers={"If-None-Match": etag}) as response:
            assert response.status == 200
            [after] = icalendar.Calendar.from_ical(await response.read()).walk("VEVENT")
    assert str(after["STATUS"]) == "CANCELLED"
    assert str(after["UID"]) == str(before["UID"])
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert before.DTSTART == after.DTSTART
    status, html = await get(page)
    assert status == 200
    assert "<strong>Cancelled</strong>: Snow" in html
