"""Each record of an announcement taken back or down says which it was: withdrawn from the
moderation queue (never shown to members), or taken down once approved. What a moderator, a
form opened before and the importer's /privacy export say follows it; records from before it
was kept say which where that can still be known (0050)."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.client import Services
from bot.errors import UserError
from bot.importers.own_announcements import Overtaken
from bot.store import Store
from tests.old_schema import migrations_up_to
from tests.test_importer_moderator_takedowns import SERVER
from tests.test_importers import (  # noqa: F401 (the fixture)
    ANNOUNCEMENTS,
    GUILD,
    MODERATOR,
    TRUSTED_MEMBER,
    UNTRUSTED_MEMBER,
    World,
    draft,
    world,
)


async def approved(world: World, title: str) -> int:
    """An untrusted importer's announcement, approved by a moderator (on its way)."""
    announced = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft(title))
    ref = announced.announcement.id
    await world.modqueue.approve(GUILD, "announcement", ref, MODERATOR)
    return ref


async def test_a_moderator_is_told_a_withdrawal_was_never_posted_and_a_take_down_was(
    world: World,
) -> None:
    own = world.announcements.own
    waiting = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Acty arrived"))
    await own.withdraw(GUILD, UNTRUSTED_MEMBER, waiting.announcement.id)
    posted = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Carry arrived"))
    await own.take_down(GUILD, TRUSTED_MEMBER, posted.announcement.id, post_removed=None)

    for ref, said in (
        (
            waiting.announcement.id,
            "Already withdrawn by its importer while it waited for a moderator; it was never "
            "posted, so there is nothing to take down.",
        ),
        (
            posted.announcement.id,
            "Already taken down by its importer; there is nothing left to take down.",
        ),
    ):
        with pytest.raises(Overtaken) as told:
            await own.post_of(GUILD, MODERATOR, ref, moderator_in=SERVER)
        assert told.value.message == said


async def test_a_record_that_does_not_say_which_is_said_to_be_taken_back(world: World) -> None:
    own = world.announcements.own
    posted = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Carry arrived"))
    await own.take_down(GUILD, TRUSTED_MEMBER, posted.announcement.id, post_removed=None)
    await world.store.execute("UPDATE announcement_withdrawals SET how = NULL")

    with pytest.raises(Overtaken, match=r"^Already taken back by its importer; there is nothing"):
        await own.post_of(GUILD, MODERATOR, posted.announcement.id, moderator_in=SERVER)


async def test_a_form_for_one_taken_down_after_approval_says_so_once_the_queue_forgot(
    world: World,
) -> None:
    own = world.announcements.own
    ref = await approved(world, "Acty arrived")
    await own.take_down(GUILD, UNTRUSTED_MEMBER, ref, post_removed=None)
    # The queue lets go of its decision after a week; the record of the take-down stays.
    world.clock.advance(timedelta(days=8))
    await world.modqueue.let_go_of_decided()

    with pytest.raises(Overtaken) as told:
        await own.edit(GUILD, UNTRUSTED_MEMBER, ref, draft("Acty arrived, 4WD"))

    assert told.value.message == (
        "“Acty arrived, 4WD” was approved, and has been taken down since, so it cannot be changed."
    )


async def test_the_importers_export_says_which_each_was(services: Services, store: Store) -> None:
    await services.setup.set_channel(GUILD, "announcements", ANNOUNCEMENTS)
    await services.importers.register(GUILD, "Mini Truck Barn", UNTRUSTED_MEMBER)
    own = services.announcements.own
    refs = [
        (
            await services.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft(title))
        ).announcement.id
        for title in ("Acty arrived", "Carry arrived", "Hijet arrived")
    ]
    await own.withdraw(GUILD, UNTRUSTED_MEMBER, refs[0])
    for ref in refs[1:]:
        await services.modqueue.approve(GUILD, "announcement", ref, MODERATOR)
    await own.take_down(GUILD, UNTRUSTED_MEMBER, refs[1], post_removed=None)
    await own.take_down(GUILD, MODERATOR, refs[2], post_removed=None, moderator_in=SERVER)
    await store.execute(
        "UPDATE announcement_withdrawals SET how = NULL WHERE announcement_id = ?", (refs[2],)
    )

    exported = (await services.privacy.collect(UNTRUSTED_MEMBER))[GUILD]

    rows = exported["importer_announcements_withdrawn"]
    assert [(row["by"], row["what"]) for row in rows] == [
        ("you", "withdrawn while it waited for a moderator, never posted"),
        ("you", "taken down once approved"),
        ("a moderator", "taken back or down (which was not recorded)"),
    ]


async def test_0050_says_which_each_record_was_where_that_can_be_known(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0049", 49)) as old:
        importer = await old.insert(
            "INSERT INTO importers (guild_id, name, name_key, member_id, created_at) "
            "VALUES (?, 'Kei Imports', 'kei imports', ?, 0)",
            (GUILD, TRUSTED_MEMBER),
        )
        # Its own take-down of a posted one (its post job kept), its own with no post job (a
        # withdrawal, or a take-down whose job is gone), a moderator's, a removed importer's
        # (kept unlinked: a moderator's), and one from before the announcement was named.
        records = [
            (importer, 11, TRUSTED_MEMBER),
            (importer, 12, TRUSTED_MEMBER),
            (importer, 13, MODERATOR),
            (None, 14, MODERATOR),
            (importer, None, TRUSTED_MEMBER),
        ]
        for importer_id, announcement_id, by in records:
            await old.execute(
                "INSERT INTO announcement_withdrawals (guild_id, importer_id, announcement_id, "
                "announced_at, withdrawn_at, withdrawn_by) VALUES (?, ?, ?, 0, 0, ?)",
                (GUILD, importer_id, announcement_id, by),
            )
        # A post job whose key merely ends in the second's id is another announcement's.
        for key in (f"{importer}:11", f"{importer}:112"):
            await old.execute(
                "INSERT INTO jobs (guild_id, kind, key, due_at, state, created_at) "
                "VALUES (?, 'importer.post', ?, 0, 'done', 0)",
                (GUILD, key),
            )

    async with await Store.open(path) as upgraded:
        rows = await upgraded.fetchall("SELECT how FROM announcement_withdrawals ORDER BY rowid")
        assert [row["how"] for row in rows] == [
            "taken_down",
            None,
            "taken_down",
            "taken_down",
            None,
        ]
        assert await upgraded.integrity_problems() == []


async def test_an_importer_finding_their_own_gone_is_told_what_became_of_it(
    world: World,
) -> None:
    own = world.announcements.own
    waiting = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Acty arrived"))
    await own.withdraw(GUILD, UNTRUSTED_MEMBER, waiting.announcement.id)
    refs = [
        (await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft(title))).announcement.id
        for title in ("Carry arrived", "Hijet arrived")
    ]
    await own.take_down(GUILD, TRUSTED_MEMBER, refs[0], post_removed=None)
    await own.take_down(GUILD, MODERATOR, refs[1], post_removed=None, moderator_in=SERVER)

    for member, ref, said in (
        (
            UNTRUSTED_MEMBER,
            waiting.announcement.id,
            "You withdrew it already, while it waited for a moderator; it was never posted.",
        ),
        (TRUSTED_MEMBER, refs[0], "You took it down already."),
        (TRUSTED_MEMBER, refs[1], "A moderator took it down already."),
    ):
        with pytest.raises(UserError) as told:
            await own.post_of(GUILD, member, ref)
        assert told.value.message == said
    # Another importer's is not theirs to hear of.
    with pytest.raises(UserError, match=r"^Pick one of your announcements"):
        await own.post_of(GUILD, UNTRUSTED_MEMBER, refs[0])
