"""The Build of the Month ballot's vote buttons, whose custom_id carries the ballot and the build,
so votes keep counting across restarts."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.client import KeitoraBot, guarded, in_time, respond
from bot.limits import BUTTON_LABEL, fit
from bot.showcase import ShowcaseService
from bot.showcase.ballot_votes import DeletedSince
from bot.showcase.values import ClickedBallot
from cogs._build_gone import told_gone
from cogs._text import echo
from cogs.checks import guild_id_of

ALREADY_ANSWERED = "Voting closes when a moderator closes the ballot; counts show then."

# A vote button's custom_id: the ballot and the build.
VOTE_ID = r"showcase:vote:(?P<ballot>\d{1,18}):(?P<build>\d{1,18})"


def showcase_of(interaction: discord.Interaction) -> ShowcaseService:
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    return bot.services.showcase


class VoteButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=VOTE_ID,
):
    """A member's vote for one build of a ballot; clicking another moves it."""

    def __init__(self, ballot_id: int, build_id: int, label: str = "Vote") -> None:
        super().__init__(
            discord.ui.Button(
                label=fit(label, BUTTON_LABEL),
                custom_id=f"showcase:vote:{ballot_id}:{build_id}",
                style=discord.ButtonStyle.primary,
            )
        )
        self.ballot_id, self.build_id = ballot_id, build_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> VoteButton:
        return cls(int(match["ballot"]), int(match["build"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._vote(interaction))

    async def _vote(self, interaction: discord.Interaction) -> None:
        try:
            vote = await in_time(
                interaction,
                showcase_of(interaction).ballots.vote(
                    guild_id_of(interaction),
                    self.ballot_id,
                    interaction.user.id,
                    self.build_id,
                    clicked=clicked_on(interaction, self.ballot_id),
                ),
            )
        except DeletedSince:
            if (told := await told_gone(interaction, self.build_id)) is not None:
                raise told from None
            raise
        moved = (
            f" (moved from #{vote.previous_build_id} {echo(vote.previous_title or '')})"
            if vote.previous_build_id
            else ""
        )
        await respond(
            interaction,
            f"Your vote is for #{vote.build_id} {echo(vote.title)}{moved}. {ALREADY_ANSWERED}",
        )


def clicked_on(interaction: discord.Interaction, ballot_id: int) -> ClickedBallot | None:
    """The ballot's message whose button was clicked, and the builds its buttons offer."""
    message = interaction.message
    if message is None:
        return None
    offered = (
        re.fullmatch(VOTE_ID, custom_id)
        for row in message.components
        for item in getattr(row, "children", ())
        if (custom_id := getattr(item, "custom_id", None))
    )
    candidates = tuple(
        int(match["build"]) for match in offered if match and int(match["ballot"]) == ballot_id
    )
    return ClickedBallot(message.channel.id, message.id, candidates)
