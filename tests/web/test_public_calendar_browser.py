"""The public calendar page in a real headless Chromium: what a visitor sees on a phone.

The browser is the system's (`/usr/bin/chromium` with its `/usr/bin/chromedriver`; the variables
CHROMIUM and CHROMEDRIVER name others), driven by selenium with both paths given, so selenium
never looks for or downloads a driver. On CI (`CI`
true) a missing browser fails the test (`.ci/run` installs it); elsewhere it skips, saying why.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from tests.spec_policy import on_ci

from .conftest import BASE, GUILD, CalendarServer

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
PHONE = (390, 844)  # CSS pixels of a common phone held upright


def _missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.is_file():
            return f"{path} is not installed (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    missing = _missing()
    if missing:
        if on_ci(os.environ):
            pytest.fail(f"the browser test cannot run on CI: {missing}")
        pytest.skip(f"no headless browser here: {missing}")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",  # containers and CI runners have no user namespaces for the sandbox
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--window-size={PHONE[0]},{PHONE[1]}",
    ):
        options.add_argument(argument)
    # A driver path given means selenium never runs Selenium Manager (which would download one).
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


async def visit(browser: webdriver.Chrome, url: str) -> None:
    # Selenium blocks; the server answering it runs on this test's event loop.
    await asyncio.to_thread(browser.get, url)


def texts(browser: webdriver.Chrome, selector: str) -> list[str]:
    return [element.text for element in browser.find_elements(By.CSS_SELECTOR, selector)]


async def test_a_visitor_sees_the_meetups_and_the_links(
    server: CalendarServer, browser: webdriver.Chrome
) -> None:
    meetup = await server.create(
        "2026-12-05 10:00",
        title="Moab Kei Truck Day",
        location="Lions Park, Moab, UT",
        capacity=40,
        description="Bring a chair.\nTrails after lunch.",
    )
    await server.meetups.set_card(meetup, 555, 777)
    await server.meetups.answer(GUILD, meetup, 7, "going")
    await server.create("2026-11-28 09:00", title="Coffee and kei", repeat="weekly")
    token = await server.publish()

    await visit(browser, f"{server.address}/calendar/{token}")

    assert browser.title == "Kei Trucks of Colorado meetups"
    titles = texts(browser, "article h2")
    # Soonest first: the series' Saturdays at 9:00, the Kei Truck Day at 10:00 on the second.
    assert titles[:4] == [
        "Coffee and kei",
        "Coffee and kei",
        "Moab Kei Truck Day",
        "Coffee and kei",
    ]
    [moab] = [
        article
        for article in browser.find_elements(By.TAG_NAME, "article")
        if "Moab Kei Truck Day" in article.text
    ]
    assert "Saturday, December 5, 2026, 10:00 AM MST (America/Denver) (5:00 PM UTC)" in moab.text
    assert "Lions Park, Moab, UT" in moab.text
    assert "1 going of 40 places · 0 maybe" in moab.text
    assert "Bring a chair.\nTrails after lunch." in moab.text
    links = {a.text: a.get_attribute("href") for a in moab.find_elements(By.TAG_NAME, "a")}
    assert links["Open in Discord"] == f"https://discord.com/channels/{GUILD}/555/777"
    assert links["Add to Google Calendar"].startswith("https://calendar.google.com/calendar/render")
    follow = {
        a.text: a.get_attribute("href")
        for a in browser.find_elements(By.CSS_SELECTOR, ".subscribe a")
    }
    assert follow == {
        "Subscribe in your calendar app": f"webcal://meetups.example.org/calendar/{token}.ics",
        "Calendar feed (.ics)": f"{BASE}/calendar/{token}.ics",
    }


async def test_the_page_is_styled_readable_and_fits_a_phone(
    server: CalendarServer, browser: webdriver.Chrome
) -> None:
    await server.create("2026-12-05 10:00", title="K" * 100, location="L" * 200)
    token = await server.publish()
    await visit(browser, f"{server.address}/calendar/{token}")
    # The stylesheet applied: the policy's hash matches it (a wrong hash leaves it unstyled).
    body = browser.find_element(By.TAG_NAME, "body")
    assert body.value_of_css_property("max-width") == "704px"  # 44rem
    # What assistive technology reads: the page's language, one h1 then h2s, named links.
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert [h.tag_name for h in browser.find_elements(By.CSS_SELECTOR, "h1, h2")] == ["h1", "h2"]
    assert all(a.text.strip() for a in browser.find_elements(By.TAG_NAME, "a"))
    # Long unbroken words wrap instead of pushing the page sideways.
    width = browser.execute_script("return [document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], width


async def test_injected_markup_shows_as_text_and_never_runs(
    server: CalendarServer, browser: webdriver.Chrome
) -> None:
    await server.create(
        "2026-12-05 10:00",
        title="<script>document.title='owned'</script>",
        location='"><img src=x onerror=alert(1)>',
        description="[free parts](javascript:alert(2)) javascript:alert(3)",
    )
    server.names[GUILD] = "<i>Kei</i>"
    token = await server.publish()

    await visit(browser, f"{server.address}/calendar/{token}")

    assert browser.title == "<i>Kei</i> meetups"  # nothing renamed it
    with pytest.raises(NoAlertPresentException):
        _ = browser.switch_to.alert.text
    assert texts(browser, "article h2") == ["<script>document.title='owned'</script>"]
    article = browser.find_element(By.TAG_NAME, "article")
    assert '"><img src=x onerror=alert(1)>' in article.text
    assert "[free parts](javascript:alert(2)) javascript:alert(3)" in article.text
    assert browser.find_elements(By.CSS_SELECTOR, "img, script, i") == []
    hrefs = [a.get_attribute("href") or "" for a in browser.find_elements(By.TAG_NAME, "a")]
    assert hrefs
    # Member text reaches links only inside the query of the bot's own (Google) link.
    assert {urlsplit(href).scheme for href in hrefs} == {"https", "webcal"}


async def test_a_cancelled_meetup_reads_as_cancelled(
    server: CalendarServer, browser: webdriver.Chrome
) -> None:
    cancelled = await server.create("2026-12-05 10:00", title="Moab Kei Truck Day")
    await server.meetups.set_card(cancelled, 555, 777)
    await server.create("2026-12-12 10:00", title="Green River run")
    await server.meetups.cancel(GUILD, cancelled, reason="Snow on the pass")
    token = await server.publish()

    await visit(browser, f"{server.address}/calendar/{token}")

    moab, green = browser.find_elements(By.TAG_NAME, "article")
    assert moab.find_element(By.TAG_NAME, "h2").text == "Moab Kei Truck Day"
    # Read right after the title, before the time it no longer happens at.
    assert moab.text.splitlines()[1] == "Cancelled: Snow on the pass"
    when = moab.find_element(By.CLASS_NAME, "when")
    assert "line-through" in when.value_of_css_property("text-decoration")
    assert "going" not in moab.text
    assert [a.text for a in moab.find_elements(By.TAG_NAME, "a")] == ["Open in Discord"]
    assert "Cancelled" not in green.text
    assert "line-through" not in green.find_element(By.CLASS_NAME, "when").value_of_css_property(
        "text-decoration"
    )


async def test_a_visitor_sees_meetups_past_the_horizon_under_later(
    server: CalendarServer, browser: webdriver.Chrome
) -> None:
    # The feed holds them: the page must not read as an empty calendar.
    await server.create("2027-03-13 10:00", title="Spring series", repeat="weekly")
    token = await server.publish()
    await visit(browser, f"{server.address}/calendar/{token}")

    main = browser.find_element(By.TAG_NAME, "main").text
    assert main.startswith("No meetups in the next 90 days; the next are later.\nLater\n")
    [spring] = browser.find_elements(By.CSS_SELECTOR, "section article")
    assert spring.find_element(By.TAG_NAME, "h3").text == "Spring series"
    assert "Saturday, March 13, 2027, 10:00 AM MST (America/Denver)" in spring.text
    headings = [h.tag_name for h in browser.find_elements(By.CSS_SELECTOR, "h1, h2, h3")]
    assert headings == ["h1", "h2", "h3"]
