"""The demo world keeps its ids across runs, so a database kept with `--db` still matches it."""

from __future__ import annotations

import time
from typing import Any

from sandbox import Loopback
from sandbox.state import DISCORD_EPOCH_MS, World


def _demo_ids(loopback: Loopback) -> dict[str, Any]:
    guild = loopback.guild
    assert guild is not None
    forum = guild.channels[guild.channel("builds").id]
    return {
        "guild": guild.id,
        "bot": loopback.bot.id,
        "channels": {c["name"]: c["id"] for c in guild.channels.values()},
        "roles": {r["name"]: r["id"] for r in guild.roles.values()},
        "members": {m["user"]["global_name"]: m["user"]["id"] for m in guild.members.values()},
        "tags": {t["name"]: t["id"] for t in forum["available_tags"]},
    }


def _distinct_things(ids: dict[str, Any]) -> list[str]:
    # @everyone shares the guild's id and the bot is a member, as on Discord; all else differs.
    roles = [i for name, i in ids["roles"].items() if name != "@everyone"]
    return [
        ids["guild"],
        *ids["channels"].values(),
        *roles,
        *ids["members"].values(),
        *ids["tags"].values(),
    ]


def test_two_loopbacks_build_the_demo_with_the_same_ids() -> None:
    first, second = _demo_ids(Loopback(spec=None)), _demo_ids(Loopback(spec=None))

    assert first == second
    assert len(first["members"]) == 9


def test_demo_ids_are_unique_and_in_the_past_while_messages_stay_time_based() -> None:
    loopback = Loopback(spec=None)
    ids = _distinct_things(_demo_ids(loopback))
    now_ms = time.time() * 1000

    assert len(set(ids)) == len(ids) == 1 + 7 + 4 + 9 + 7
    assert all((int(i) >> 22) + DISCORD_EPOCH_MS < now_ms for i in ids)
    message_id = int(loopback.world.ids.next())
    assert abs((message_id >> 22) + DISCORD_EPOCH_MS - now_ms) < 60_000
    assert message_id > max(map(int, ids))


def test_same_names_in_one_world_still_get_distinct_ids() -> None:
    world = World()
    owners = [world.add_guild(f"Club {n}", owner="Owner").owner_id for n in range(3)]

    assert len(set(owners)) == 3
