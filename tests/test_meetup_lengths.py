"""Whether an organizer gave a meetup its length (the duration option, or a time typed as a
range) or left it to the 3-hour default: the card says when a date ends only when it was given,
while calendar files and the Events tab end every date after its length, given or not."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.client import Services
from bot.meetups import MeetupDraft, MeetupService
from bot.store import Store
from tests.old_schema import migrations_up_to

GUILD, ORGANIZER = 100, 1


@pytest.fixture
async def meetups(services: Services) -> MeetupService:
    await services.setup.set_timezone(GUILD, "America/Denver")
    return services.meetups


async def created(meetups: MeetupService, **fields: object) -> int:
    typed = {"title": "Kei Day", "when": "2026-12-05 10:00", "location": "Moab"} | fields
    draft = MeetupDraft(**typed)  # type: ignore[arg-type]
    return (await meetups.create(GUILD, ORGANIZER, draft)).meetup.id


@pytest.mark.parametrize(
    ("fields", "given", "length"),
    [
        ({}, False, timedelta(hours=3)),
        ({"duration_minutes": 180}, True, timedelta(hours=3)),  # typed, though the default
        ({"duration_minutes": 90}, True, timedelta(minutes=90)),
        ({"when": "2026-12-05 10am-2pm"}, True, timedelta(hours=4)),
        ({"repeat": "weekly"}, False, timedelta(hours=3)),
    ],
)
async def test_a_new_meetup_records_whether_its_length_was_given(
    meetups: MeetupService, fields: dict[str, object], given: bool, length: timedelta
) -> None:
    meetup = await meetups.get(GUILD, await created(meetups, **fields))
    assert (meetup.length_given, meetup.duration) == (given, length)


async def test_an_edit_that_gives_a_length_records_it_and_other_edits_leave_it(
    meetups: MeetupService,
) -> None:
    meetup_id = await created(meetups)
    await meetups.edit(GUILD, meetup_id, title="Kei Truck Day", when="2026-12-05 11:00")
    assert not (await meetups.get(GUILD, meetup_id)).length_given
    await meetups.edit(GUILD, meetup_id, duration_minutes=180)
    assert (await meetups.get(GUILD, meetup_id)).length_given
    ranged = await created(meetups, title="Ranged")
    await meetups.edit(GUILD, ranged, when="2026-12-06 9am-noon")
    assert (await meetups.get(GUILD, ranged)).length_given


async def test_a_template_keeps_whether_the_length_was_given(
    meetups: MeetupService, services: Services
) -> None:
    templates = services.meetup_templates
    for name, fields, given in (("Plain", {}, False), ("Long", {"duration_minutes": 240}, True)):
        source = await meetups.get(GUILD, await created(meetups, title=name, **fields))
        saved = await templates.save(source, name, ORGANIZER, may_replace_others=False)
        draft = saved.template.draft("2026-12-12 10:00", None)
        again = (await meetups.create(GUILD, ORGANIZER, draft)).meetup
        assert (again.length_given, again.duration) == (given, source.duration), name
    # A range typed at `use` gives the new meetup its own length.
    plain = await templates.get(GUILD, "Plain")
    ranged = (await meetups.create(GUILD, ORGANIZER, plain.draft("2026-12-19 9-11", None))).meetup
    assert (ranged.length_given, ranged.duration) == (True, timedelta(hours=2))


async def test_the_upgrade_takes_a_length_other_than_the_default_as_given(tmp_path: Path) -> None:
    """Before 0028 nothing said whether a length was typed: 3 hours, the default, almost always
    was not, and any other length was."""
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "migrations", 27)) as old:
        for title, minutes in (("Default", 180), ("Typed", 120)):
            await old.execute(
                "INSERT INTO meetups (guild_id, organizer_id, title, description, location, "
                "zone, start_local, starts_at, duration_minutes, created_at) VALUES "
                "(?, ?, ?, '', 'Moab', 'America/Denver', '2026-12-05T10:00:00', 1796490000, ?, 0)",
                (GUILD, ORGANIZER, title, minutes),
            )
            await old.execute(
                "INSERT INTO meetup_templates (guild_id, name, name_key, saved_by, title, "
                "location, zone, duration_minutes, saved_at) "
                "VALUES (?, ?, lower(?), ?, ?, 'Moab', 'America/Denver', ?, 0)",
                (GUILD, title, title, ORGANIZER, title, minutes),
            )
    async with await Store.open(path) as upgraded:
        meetups = await upgraded.fetchall("SELECT title, length_given FROM meetups ORDER BY id")
        templates = await upgraded.fetchall(
            "SELECT title, length_given FROM meetup_templates ORDER BY id"
        )
        revisions = await upgraded.fetchall("SELECT revision FROM meetups")
    expected = [("Default", 0), ("Typed", 1)]
    assert [tuple(row) for row in meetups] == expected
    assert [tuple(row) for row in templates] == expected
    assert [row["revision"] for row in revisions] == [0, 0]  # calendars have nothing new
