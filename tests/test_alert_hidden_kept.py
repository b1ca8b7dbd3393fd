"""An alert kept before what shows nothing was dropped from new ones (`hi\u200bjet`, stored as
typed) is read without it, so it matches the Hijet it names as a new alert does."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

from bot.alerts import AlertService
from bot.store import Store
from tests.test_alerts import GUILD, MIKA, alerts, item  # noqa: F401 (the fixture)


async def test_a_kept_alert_with_a_zero_width_space_matches(
    alerts: AlertService, store: Store
) -> None:
    # As an old release kept it: the query as typed, no `typed` column filled.
    await store.execute(
        "INSERT INTO alerts (guild_id, member_id, query, created_at) VALUES (?, ?, ?, 0)",
        (GUILD, MIKA, "hi\u200bjet\u00ad dump"),
    )
    [kept] = await alerts.mine(GUILD, MIKA)
    assert kept.words == ("hijet", "dump")
    assert kept.typed == "hijet dump"
    [found] = await alerts.matching(item("Hijet dump arrived"))
    assert found.id == kept.id
