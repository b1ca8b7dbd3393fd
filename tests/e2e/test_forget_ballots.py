"""/privacy forget's confirmation says what the forget does to the open Build of the Month ballot
a member's builds are on, for each choice: deleted, they leave it, and a ballot left with one
build is called off; kept, they stay on it as a former member's. Said only when it applies, and
read from what the bot sent."""

from __future__ import annotations

import pytest

from sandbox import Loopback

from .conftest import RunningBot
from .test_build_delete_ballots import ballot_of, sent
from .test_privacy import DELETE_BUILDS

KEPT = "Kept anonymized, it stays on the ballot as a former member's."


async def confirmation_of(loopback: Loopback, member: str) -> str:
    """What the bot sent `member` asking to confirm their forget."""
    return sent(await loopback.slash("privacy forget", actor=loopback.member(member)))


async def test_a_ballot_left_with_one_build_is_said_to_be_called_off(
    loopback: Loopback, keitora: RunningBot
) -> None:
    _, link = await ballot_of(loopback, "Mika", "Hank")

    mika = loopback.member("Mika")
    asked = await loopback.slash("privacy forget", actor=mika)
    assert (
        f"\n**On the open Build of the Month ballot** ({link}): your build #1 “Build 1”. "
        "Deleted, it leaves the ballot, which would be left with one build and called off: "
        f"no votes are counted. {KEPT}\nThese buttons expire"
    ) in sent(asked)

    # As said: the ballot is called off once the build is deleted.
    await loopback.click(asked, DELETE_BUILDS, actor=mika)
    assert loopback.guild is not None
    ballot = await keitora.bot.services.showcase.ballots.ballot(int(loopback.guild.id), 1)
    assert ballot.called_off


@pytest.mark.parametrize(
    ("owners", "member", "said"),
    [
        (
            ("Mika", "Hank", "Rosa"),
            "Hank",
            "your build #2 “Build 2”. Deleted, it leaves the ballot, which goes on with the 2 "
            f"other builds; votes for it are free again. {KEPT}",
        ),
        (
            ("Mika", "Mika", "Hank"),
            "Mika",
            "your builds #1 “Build 1” and #2 “Build 2”. Deleted, they leave the ballot, which "
            "would be left with one build and called off: no votes are counted. Kept "
            "anonymized, they stay on the ballot as a former member's.",
        ),
        (
            ("Mika", "Mika", "Hank", "Rosa"),
            "Mika",
            "your builds #1 “Build 1” and #2 “Build 2”. Deleted, they leave the ballot, which "
            "goes on with the 2 other builds; votes for them are free again. Kept anonymized, "
            "they stay on the ballot as a former member's.",
        ),
    ],
    ids=["goes on without it", "two of three builds", "two of four builds"],
)
async def test_what_becomes_of_the_ballot_is_said_of_its_builds_left(
    loopback: Loopback, keitora: RunningBot, owners: tuple[str, ...], member: str, said: str
) -> None:
    _, link = await ballot_of(loopback, *owners)

    asked = await confirmation_of(loopback, member)
    assert (
        f"\n**On the open Build of the Month ballot** ({link}): {said}\nThese buttons expire"
    ) in asked


async def test_nothing_is_said_of_ballots_a_members_builds_are_not_on(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await ballot_of(loopback, "Mika", "Hank")
    rosa = loopback.member("Rosa")
    await loopback.slash("build start", title="Farm truck", truck="Honda Acty HA4", actor=rosa)

    for member in ("Rosa", "Marcus"):  # a build not on it; the moderator who opened it
        asked = await confirmation_of(loopback, member)
        assert "These buttons expire" in asked
        assert "Build of the Month" not in asked
