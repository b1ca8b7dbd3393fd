"""A member's forget takes every job naming them, whatever became of it: a "vote free" DM the
outbox skipped (the voter had voted again) keeps no payload once finished, but its key names
the voter, for the 60 days a finished job is kept. Through the loopback, reading the jobs the
bot keeps after the forget."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_build_delete_ballots import ballot_of
from .test_forget_messages import forget
from .test_privacy import FORGET_ME
from .test_reminders import settled
from .test_showcase_nominations import dms_sent_to


async def jobs_naming(keitora: RunningBot, member_id: int) -> list[tuple[str, str, str]]:
    """The jobs kept whose key or payload holds the member's id: (kind, key, state)."""
    rows = await keitora.store.fetchall(
        "SELECT kind, key, state FROM jobs WHERE instr(key, ?1) OR instr(payload, ?1)",
        (str(member_id),),
    )
    return [(row["kind"], row["key"], row["state"]) for row in rows]


async def test_a_forget_takes_a_skipped_vote_free_dm_naming_the_voter(
    keitora: RunningBot, loopback: Loopback
) -> None:
    tammy, dale = loopback.member("Tammy"), loopback.member("Dale")
    ballot, _ = await ballot_of(loopback, "Mika", "Dale", "Rosa")
    await loopback.click(ballot, "#2 Build 2", actor=tammy)
    asked = await loopback.slash("build delete", build="2", actor=dale)
    await loopback.click(asked, "Delete it", actor=dale)
    await loopback.click(ballot, "#3 Build 3", actor=tammy)  # again, before her DM goes
    await settled(keitora, "showcase.%")
    assert dms_sent_to(loopback, "Tammy") == []
    [(kind, _, state)] = await jobs_naming(keitora, tammy.id)
    assert (kind, state) == ("showcase.vote_freed", "done")

    await forget(loopback, "Tammy", FORGET_ME)
    await settled(keitora, "%")

    assert await jobs_naming(keitora, tammy.id) == []
