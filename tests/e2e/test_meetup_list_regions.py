"""`/meetup list region:` takes a region as members shorten it: any case, the start of it or of
one of its words, when that names one region; else it says which regions there are."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetups import create, meetups_channel


async def test_a_region_is_found_by_the_start_of_a_word_and_an_unknown_one_lists_them(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    for day, region in ((1, "Front Range"), (2, "Four Corners"), (3, "West Slope")):
        await create(loopback, title=f"Meetup {day}", when=f"in {day} days 6pm", region=region)

    for typed in ("front", "FRONT RA", "range", " Front Range "):
        found = await loopback.slash("meetup list", region=typed)
        assert found.embeds[0]["title"] == "Upcoming meetups in Front Range (page 1 of 1)", typed
        assert found.embeds[0]["description"].startswith("**Meetup 1** (#1)"), typed
        assert len(found.embeds[0]["description"].splitlines()) == 1, typed

    unknown = await loopback.slash("meetup list", region="socal")
    assert unknown.ephemeral
    assert unknown.embeds == []
    assert unknown.content == (
        "No region here is named “socal”. The regions here: Four Corners, Front Range and "
        "West Slope."
    )
    several = await loopback.slash("meetup list", region="f")
    assert several.content == (
        "“f” could be Four Corners or Front Range: type more of the region's name."
    )
