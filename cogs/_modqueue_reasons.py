"""The reason form a moderator rejects a queue item with, and its refusal with "Fix the form"."""

from __future__ import annotations

import discord

from bot.client import HeldForm, report_error
from bot.errors import UserError
from bot.limits import fit
from bot.modqueue import Changed, NotWaiting
from cogs._sent_forms import refuse_with_fix, sent_embed
from cogs.checks import guild_id_of, require_moderator
from cogs.modqueue_card_views import queue_of, rejected
from cogs.modqueue_views import (
    REASON_LABELS,
    REVIEW,
    FixedForm,
    answer_changed,
    answer_not_waiting,
    decision_button,
    hold_page,
    pages_held,
    settle,
)


class ReasonForm(HeldForm):
    """Why an item is rejected; the submitter reads it. A reason refused (too short once its
    spaces are gone, or as a source refuses it) shows what was sent under the refusal, with
    "Fix the form" (`decision_button` `fix`): the form again with what was typed, which answers
    in place of the refusal once fixed, and on the /modqueue page it was first sent from
    (`FixedForm`). The form is for the revision of the item its button was rendered from
    (`seen`): a reason sent once the item changed is refused, the item shown as it is now
    under what was typed, with "Fix the form" to send it again once looked at."""

    reason: discord.ui.TextInput[ReasonForm] = discord.ui.TextInput(
        label=REASON_LABELS["reason"],
        style=discord.TextStyle.paragraph,
        min_length=3,
        max_length=500,
    )

    def __init__(
        self,
        label: str,
        kind: str,
        ref_id: int,
        seen: int,
        *,
        typed: str | None = None,
        fixed: FixedForm | None = None,
    ) -> None:
        super().__init__(title=fit(f"Reject {label.lower()} #{ref_id}", 45))
        self.kind, self.ref_id, self.seen, self.fixed = kind, ref_id, seen, fixed
        self._page = None if fixed is None else fixed.page
        if typed is not None:
            # Discord opens no form prefilled short of its field's min_length, and a reason
            # refused as too short is short: the box then takes it as typed, to be added to,
            # the service still holding a reason to 3 to 500 characters once stripped.
            if len(typed) < (self.reason.min_length or 0):
                self.reason.min_length = None
            self.reason.default = typed

    async def on_submit(self, interaction: discord.Interaction) -> None:
        # The form may stay open for minutes: whoever submits must still be a moderator.
        await require_moderator(interaction, REVIEW)
        moderator_id = interaction.user.id
        decision = await queue_of(interaction).reject(
            guild_id_of(interaction),
            self.kind,
            self.ref_id,
            moderator_id,
            self.reason.value,
            lambda decision: rejected(moderator_id, decision),
            seen=self.seen,
            server=interaction.guild.name if interaction.guild else None,
        )
        said = rejected(moderator_id, decision)
        await settle(interaction, self.kind, self.ref_id, said, fixed=self.fixed, became="rejected")

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        if isinstance(error, NotWaiting):  # nothing to fix: nobody can reject it now
            await answer_not_waiting(interaction, error, fixed=self.fixed)
            return
        if isinstance(error, Changed):  # the reason was for other words: shown, to send again
            typed = self.reason.value
            await answer_changed(interaction, self.kind, error, fixed=self.fixed, typed=typed)
            return
        if not isinstance(error, UserError):
            await report_error(interaction, error)
            return
        page = self._page or await hold_page(interaction)
        if page is not None:
            pages_held.hold((interaction.user.id, self.kind, self.ref_id), page)
        # Outer spaces mean nothing in a reason: the form reopens without them.
        sent = sent_embed(REASON_LABELS, {"reason": self.reason.value.strip()})
        fix = decision_button("fix", self.kind, self.ref_id, revision=self.seen)
        await refuse_with_fix(interaction, error, sent, fix)
