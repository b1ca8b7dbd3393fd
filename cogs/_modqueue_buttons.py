"""The click on a queue item's Approve, Reject or "Fix the form" (`decision_button` renders
them): a reason form opens for a rejection, and an approval is taken at once. Apart from the
views, since the reason form answers through them (`settle`, the fix) and this opens it."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.client import report_error
from bot.modqueue import Changed, NotWaiting, approval_words
from cogs._modqueue_reasons import ReasonForm
from cogs._sent_forms import sent_in
from cogs.checks import guild_id_of, require_moderator
from cogs.modqueue_card_views import queue_of
from cogs.modqueue_views import (
    DECISION_TEMPLATE,
    REASON_LABELS,
    REVIEW,
    FixedForm,
    answer_changed,
    answer_not_waiting,
    approvers,
    decision_button,
    pages_held,
    settle,
)


class DecisionButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=DECISION_TEMPLATE,
):
    """Approve, or reject with a reason, one queue item; moderators only, decided once. Each
    carries the item's revision as rendered (none on buttons from before revisions: 0), and is
    refused once the item changed, its reason form too: a sender would otherwise read a reason
    against words the moderator never saw. "Fix the form" (`fix`) under a refused reason is
    Reject again, its form filled with what the refusal shows was sent, so that it works also
    after a restart; it carries the revision the reason was written for."""

    def __init__(self, action: str, kind: str, ref_id: int, *, revision: int = 0) -> None:
        super().__init__(decision_button(action, kind, ref_id, revision=revision))
        self.action, self.kind, self.ref_id, self.revision = action, kind, ref_id, revision
        self.fixed: FixedForm | None = None

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> DecisionButton:
        revision = int(match["revision"] or 0)
        return cls(match["action"], match["kind"], int(match["id"]), revision=revision)

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self._decide(interaction)
        except NotWaiting as refusal:
            await answer_not_waiting(interaction, refusal, fixed=self.fixed)
        except Changed as changed:
            # A reason refused, then its item changed: it shows again with the new refusal.
            typed = None
            if self.fixed is not None:
                typed = sent_in(REASON_LABELS, interaction.message)["reason"] or None
            await answer_changed(interaction, self.kind, changed, fixed=self.fixed, typed=typed)
        except Exception as error:
            await report_error(interaction, error)

    async def _decide(self, interaction: discord.Interaction) -> None:
        await require_moderator(interaction, REVIEW)
        queue, guild_id = queue_of(interaction), guild_id_of(interaction)
        if self.action == "fix":  # answers in place of the refusal, and on its page if held
            self.fixed = FixedForm(
                pages_held.pop((interaction.user.id, self.kind, self.ref_id), interaction.client)
            )
        # Refused alike for each button, before a form opens for an item that is gone, or that
        # changed since the button was rendered.
        await queue.waiting(guild_id, self.kind, self.ref_id, seen=self.revision)
        if self.action != "approve":
            label = queue.source(self.kind).label
            sent = {} if self.fixed is None else sent_in(REASON_LABELS, interaction.message)
            await interaction.response.send_modal(
                ReasonForm(
                    label,
                    self.kind,
                    self.ref_id,
                    self.revision,
                    typed=sent.get("reason"),
                    fixed=self.fixed,
                )
            )
            return
        own_allowed = interaction.permissions.manage_guild
        mine = (guild_id, self.kind, self.ref_id, interaction.user.id)
        await queue.require_may_approve(*mine, own_allowed=own_allowed)  # before any form opens
        approver = approvers.get(self.kind)
        if approver is not None:
            await approver(interaction, self.ref_id)
            return
        decision = await queue.approve(*mine, seen=self.revision, own_allowed=own_allowed)
        outcome = approval_words(interaction.user.id, decision.outcome)
        await settle(interaction, self.kind, self.ref_id, outcome, became="approved")


def seen_revision(interaction: discord.Interaction) -> int:
    """The revision of the item that the clicked Approve was rendered from, for an approver
    (`approvers`) to hand `ModQueue.approve`: 0 when it carries none."""
    custom_id = (interaction.data or {}).get("custom_id", "")
    match = DecisionButton.__discord_ui_compiled_template__.fullmatch(str(custom_id))
    return int(match["revision"] or 0) if match else 0
