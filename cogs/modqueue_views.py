"""How the moderation queue looks: a card per item with Approve / Reject (rendered here by
`decision_button`; the click is answered by cogs/_modqueue_buttons.py, the reason form is
cogs/_modqueue_reasons.py's), and what follows a decision."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import discord

from bot.client import (
    KeitoraBot,
    answer_in_place,
    button_view,
    guarded,
    respond,
    stateless_view,
)
from bot.limits import MESSAGE_CONTENT, fit
from bot.modqueue import (
    KIND_PATTERN,
    Changed,
    NotWaiting,
    Outcome,
    QueueItem,
    QueueMark,
    QueuePage,
    decision_buttons,
    decision_id,
    mark_of,
)
from cogs._modqueue_pages import mark_in, matches_on
from cogs._modqueue_places import decided_post, on_queue_page, on_queue_post
from cogs._pages import page_button
from cogs._sent_forms import HeldPages, fix_button, sent_embed
from cogs.checks import guild_id_of, require_moderator
from cogs.modqueue_card_views import item_embed, pending_embed, queue_of

log = logging.getLogger(__name__)

REVIEW = "review the moderation queue"
# Kinds whose approval the discord layer finishes (a glossary entry's form for its category,
# a showcase post): their cog registers what a click on Approve does instead.
Approver = Callable[[discord.Interaction, int], Awaitable[None]]
approvers: dict[str, Approver] = {}
LISTED_WITH_BUTTONS = 10  # two items (four buttons) a row, at most five rows
# A /modqueue page: four rows of decisions, the fifth for Previous / Next.
PAGE_SIZE = LISTED_WITH_BUTTONS - 2
PAGE_ROW = PAGE_SIZE // 2
# Above a page refreshed once everything it listed was decided, or withdrawn.
PAGE_EMPTIED = "Nothing this page listed waits any more."


def pending_view(page: QueuePage) -> discord.ui.View | Any:
    """Approve and Reject for each item of the page, and under them Previous / Next when there
    is more than one page, and Refresh."""
    if not page.items:
        return discord.utils.MISSING
    refs = [(item.kind, item.ref_id) for item in page.items]
    held = [item.on_hold is not None for item in page.items]
    view = decision_view(refs, [item.revision for item in page.items], held)
    if page.has_previous or page.has_next:
        first, last = mark_of(page.items[0]), mark_of(page.items[-1])
        view.add_item(QueuePageButton("previous", first, disabled=not page.has_previous))
        view.add_item(QueuePageButton("next", last, disabled=not page.has_next))
    view.add_item(RefreshButton())
    return view


async def show_page(
    interaction: discord.Interaction,
    page: QueuePage,
    content: str | None = None,
    *,
    shown: tuple[str, QueueItem] | None = None,
) -> None:
    """Have the /modqueue page the click came from show `page`, `content` above it (nothing
    once a page is turned), and under it the item `shown` in full (label, item), when given;
    no buttons once nothing waits."""
    embeds = [pending_embed(page)] + ([item_embed(*shown)] if shown else [])
    fields: dict[str, Any] = {
        "content": None if content is None else fit(content, MESSAGE_CONTENT),
        "embeds": embeds,
        "view": pending_view(page) if page.items else None,
    }
    if interaction.response.is_done():
        await interaction.edit_original_response(**fields)
    else:
        await interaction.response.edit_message(**fields)


async def show_on_page(
    page: discord.Interaction,
    guild_id: int,
    outcome: str,
    *,
    shown: tuple[str, QueueItem] | None = None,
) -> None:
    """Have the /modqueue page `page` answered show `outcome` above what waits now, from where
    it starts (and the item `shown` under it, as `show_page`); a page Discord no longer lets
    the bot edit (its token expired) is left as is."""
    try:
        message = await page.original_response()
        listed = await queue_of(page).page(guild_id, PAGE_SIZE, at=page_start(message))
        await show_page(page, listed, outcome, shown=shown)
    except discord.HTTPException as error:
        log.info("could not show a decision on a /modqueue page: %s", error)


def decision_view(
    refs: Sequence[tuple[str, int]], revisions: Sequence[int] = (), held: Sequence[bool] = ()
) -> discord.ui.View | Any:
    """Approve and Reject for each of the first `LISTED_WITH_BUTTONS` items (kind, ref id) of a
    list, each carrying the revision its item was listed at (0 for all when not given: a source
    whose items never change); Reject alone for an item `held` (on hold, as its post); no view
    for an empty list."""
    if not refs:
        return discord.utils.MISSING
    revisions = list(revisions) or [0] * len(refs)
    held = list(held) or [False] * len(refs)
    return stateless_view(
        decision_button(action, kind, ref_id, row=index // 2, revision=revisions[index])
        for index, (kind, ref_id) in enumerate(refs[:LISTED_WITH_BUTTONS])
        for action in (("reject",) if held[index] else ("approve", "reject"))
    )


# A decision button's custom id (`decision_id`), which `DecisionButton` answers.
DECISION_TEMPLATE = (
    rf"modq:(?P<action>approve|reject|fix):(?P<kind>{KIND_PATTERN}):(?P<id>\d{{1,19}})"
    r"(?::(?P<revision>\d{1,9}))?"
)


def decision_button(
    action: str, kind: str, ref_id: int, row: int | None = None, *, revision: int = 0
) -> discord.ui.Button[Any]:
    """Approve, Reject or "Fix the form" (`fix`) for one queue item, as rendered: the
    dynamic item registered for its custom id (`DecisionButton`) answers the click."""
    approve, custom_id = action == "approve", decision_id(action, kind, ref_id, revision)
    if action == "fix":
        return fix_button(custom_id)
    return discord.ui.Button(
        # The kind too: a list numbers each kind apart, so "#1" alone may be two items.
        label=f"{'Approve' if approve else 'Reject'} {kind} #{ref_id}",
        style=discord.ButtonStyle.success if approve else discord.ButtonStyle.danger,
        custom_id=custom_id,
        row=row,
    )


def seen_revision(interaction: discord.Interaction) -> int:
    """The revision of the item that the clicked Approve was rendered from, for an approver
    (`approvers`) to hand `ModQueue.approve`: 0 when it carries none."""
    custom_id = (interaction.data or {}).get("custom_id", "")
    match = re.fullmatch(DECISION_TEMPLATE, str(custom_id))
    return int(match["revision"] or 0) if match else 0


class QueuePageButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=rf"modq:page:(?P<way>previous|next):(?P<at>\d{{1,12}}):(?P<kind>{KIND_PATTERN}):(?P<id>\d{{1,19}})",
):
    """Previous / Next under a /modqueue page: the items before its first, or after its last
    (whose place in the queue rides in the custom_id), as they wait when clicked."""

    def __init__(self, way: str, mark: QueueMark, *, disabled: bool = False) -> None:
        custom_id = f"modq:page:{way}:{mark.at}:{mark.kind}:{mark.ref_id}"
        button = page_button(way, custom_id, disabled)
        button.row = PAGE_ROW
        super().__init__(button)
        self.way, self.mark = way, mark

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> QueuePageButton:
        return cls(match["way"], mark_in(match))

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._turn(interaction))

    async def _turn(self, interaction: discord.Interaction) -> None:
        await require_moderator(interaction, REVIEW)
        turned = {"after" if self.way == "next" else "before": self.mark}
        page = await queue_of(interaction).page(guild_id_of(interaction), PAGE_SIZE, **turned)
        await show_page(interaction, page)


class RefreshButton(discord.ui.DynamicItem[discord.ui.Button], template=r"modq:refresh"):
    """Refresh under a /modqueue page: the page drawn again in place, from where it starts,
    with what waits now; one whose items all left the queue meanwhile says so."""

    def __init__(self) -> None:
        super().__init__(discord.ui.Button(label="Refresh", custom_id="modq:refresh", row=PAGE_ROW))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> RefreshButton:
        return cls()

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._refresh(interaction))

    async def _refresh(self, interaction: discord.Interaction) -> None:
        await require_moderator(interaction, REVIEW)
        message = interaction.message
        start = None if message is None else page_start(message)
        page = await queue_of(interaction).page(guild_id_of(interaction), PAGE_SIZE, at=start)
        listed = set() if message is None else listed_on(message)
        still = listed & {(item.kind, item.ref_id) for item in page.items}
        emptied = bool(page.items and listed and not still)
        await show_page(interaction, page, PAGE_EMPTIED if emptied else None)


def listed_on(message: discord.Message) -> set[tuple[str, int]]:
    """The items (kind, ref id) a /modqueue page lists, as its Reject buttons name them."""
    return {
        (match["kind"], int(match["id"]))
        for match in matches_on(message, DECISION_TEMPLATE)
        if match["action"] == "reject"
    }


def page_start(message: discord.Message) -> QueueMark | None:
    """Where the /modqueue page in `message` starts: its Previous button carries its first
    item's mark; None for the only page."""
    for match in matches_on(message, QueuePageButton.__discord_ui_compiled_template__):
        if match["way"] == "previous":
            return mark_in(match)
    return None


# The reason form's one box, by name, with its label: a refused reason's refusal shows it under
# this label, and "Fix the form" reads it back from there (cogs/_sent_forms.py).
REASON_LABELS = {"reason": "Reason (the submitter reads it)"}


# The /modqueue pages refused reasons were sent from, by (moderator, kind, ref id).
pages_held = HeldPages()


async def answer_not_waiting(
    interaction: discord.Interaction,
    refusal: NotWaiting,
    *,
    fixed: FixedForm | None = None,
) -> None:
    """Answer a click or form on an item decided meanwhile: on a /modqueue page, with the page
    shown again from where it started, the item gone and who decided it, and how, above it; on
    the item's post (still offering buttons, its own edit not landed yet), with the post shown
    decided as its recorded words say, and the refusal to the moderator alone; elsewhere with
    the refusal. The words are inert already, as the post shows them: the one error path would
    escape what they quote a second time."""
    log.info("late for an item, user %s: %s", interaction.user.id, refusal.message)
    told = fit(refusal.message, MESSAGE_CONTENT)
    if on_queue_page(interaction) and interaction.message is not None:
        queue, guild_id = queue_of(interaction), guild_id_of(interaction)
        listed = await queue.page(guild_id, PAGE_SIZE, at=page_start(interaction.message))
        await show_page(interaction, listed, told)
    elif fixed is not None:
        await fixed.answer(interaction, told)
    elif on_queue_post(interaction) and refusal.posted and not interaction.response.is_done():
        # The recorded words, not the refusal's: they are what the post's own edit says, so
        # whichever of the two lands last, the post reads the same.
        post = decided_post(interaction, refusal.posted)
        await interaction.response.edit_message(**post)
        await interaction.followup.send(told, ephemeral=True)
    else:
        await respond(interaction, told)


async def answer_changed(
    interaction: discord.Interaction,
    kind: str,
    changed: Changed,
    *,
    fixed: FixedForm | None = None,
    typed: str | None = None,
) -> None:
    """Answer a decision (a click, or a reason form) rendered before its item was changed with
    the item as it is now: on a /modqueue page, the page shown again with the item in full
    under it; on the item's post, the post itself rendered again (its own refresh may be
    seconds away), and the moderator told why; from under a refused reason (`fixed`), in place
    of the refusal, and on its page if held; elsewhere, the item in full with the refusal. A
    reason `typed` shows with the refusal, to copy, or send again with "Fix the form" for the
    item as shown now (`TypedAgain`): a rejection of a changed item may well still stand."""
    log.info("decision on a changed item, user %s: %s", interaction.user.id, changed.message)
    queue, told = queue_of(interaction), fit(changed.message, MESSAGE_CONTENT)
    item = changed.item
    shown = (queue.source(kind).label, item)
    again = None if typed is None else TypedAgain(kind, item, typed)
    if on_queue_page(interaction) and interaction.message is not None:
        listed = await queue.page(
            guild_id_of(interaction), PAGE_SIZE, at=page_start(interaction.message)
        )
        await show_page(interaction, listed, told, shown=shown)
        if again is not None:
            pages_held.hold((interaction.user.id, kind, item.ref_id), interaction)
            await interaction.followup.send(told, ephemeral=True, **again.fields())
    elif fixed is not None:
        await fixed.answer(interaction, told, shown=shown, again=again)
    elif on_queue_post(interaction):
        held = item.on_hold is not None
        view = button_view(decision_buttons(kind, item.ref_id, item.revision, held=held))
        await interaction.response.edit_message(embed=item_embed(*shown), view=view)
        extra = {} if again is None else again.fields()
        await interaction.followup.send(told, ephemeral=True, **extra)
    elif again is not None:
        fields = again.fields()
        await respond(
            interaction, told, embeds=[*fields["embeds"], item_embed(*shown)], view=fields["view"]
        )
    else:
        await respond(interaction, told, embed=item_embed(*shown))


@dataclass(frozen=True)
class TypedAgain:
    """A reason refused since its item changed, shown under the refusal as any refused form's
    is (`sent_embed`), with "Fix the form": the form again, filled with it, for the item's
    revision the refusal shows."""

    kind: str
    item: QueueItem
    typed: str

    def fields(self) -> dict[str, Any]:
        sent = sent_embed(REASON_LABELS, {"reason": self.typed.strip()})
        fix = decision_button("fix", self.kind, self.item.ref_id, revision=self.item.revision)
        return {"embeds": [sent], "view": stateless_view([fix])}


@dataclass(frozen=True)
class FixedForm:
    """A form sent again from under its refusal ("Fix the form"), and the /modqueue page it
    was first sent from (`hold_page`), if any: the refusal gives way to the answer, its button
    gone, and the page shows the answer too."""

    page: discord.Interaction | None = None

    async def answer(
        self,
        interaction: discord.Interaction,
        text: str,
        *,
        shown: tuple[str, QueueItem] | None = None,
        again: TypedAgain | None = None,
    ) -> None:
        """`text` in place of the refusal, and on the page; the item `shown` in full under it,
        and what was typed with "Fix the form" again when `again` (the page held once more)."""
        embeds = [item_embed(*shown)] if shown else []
        text = fit(text, MESSAGE_CONTENT)
        if again is None:
            await answer_in_place(interaction, text, embeds=embeds)
        else:
            fields = again.fields()
            fields["embeds"] += embeds
            if interaction.response.is_done():
                await interaction.edit_original_response(content=text, **fields)
            else:
                await interaction.response.edit_message(content=text, **fields)
            if self.page is not None:
                pages_held.hold((interaction.user.id, again.kind, again.item.ref_id), self.page)
        if self.page is not None:
            await show_on_page(self.page, guild_id_of(interaction), text, shown=shown)


async def hold_page(interaction: discord.Interaction) -> discord.Interaction | None:
    """Before a form sent from a /modqueue page is refused: acknowledge it on the page, so that
    this interaction can still edit the page (for as long as Discord keeps its token) once the
    form is fixed and sent again from under the refusal. None when it came from elsewhere."""
    if not on_queue_page(interaction) or interaction.response.is_done():
        return None
    await interaction.response.defer()
    return interaction


async def settle(
    interaction: discord.Interaction,
    kind: str,
    ref_id: int,
    outcome: str,
    *,
    advice: str = "",
    fixed: FixedForm | None = None,
    became: Outcome,
) -> None:
    """Mark the item's queue post decided with `outcome` (naming the moderator as "… by <@id>"),
    what became of the item being `became`, its buttons gone: as the answer to a click on it,
    or, after answering a click in a list (/modqueue, /glossary-mod suggestions), by an edit
    through the outbox, since its buttons would otherwise still offer a decision to every
    moderator. A /modqueue page is shown again with the outcome above it, the item gone from
    it. `advice` is for the moderator who decided alone: the post keeps only the outcome. A
    form `fixed` from under a refusal answers as `FixedForm` does."""
    queue, guild_id = queue_of(interaction), guild_id_of(interaction)
    shown = on_queue_post(interaction)
    await queue.decided(guild_id, kind, ref_id, outcome, shown=shown, outcome=became)
    if on_queue_page(interaction) and interaction.message is not None:
        listed = await queue.page(guild_id, PAGE_SIZE, at=page_start(interaction.message))
        await show_page(interaction, listed, outcome + advice)
        return
    if fixed is not None:
        await fixed.answer(interaction, outcome + advice)
        return
    if not shown:
        await respond(interaction, outcome + advice)
        return
    post = decided_post(interaction, outcome)
    if interaction.response.is_done():
        await interaction.edit_original_response(**post)
    else:
        await interaction.response.edit_message(**post)
    if advice:
        await interaction.followup.send(advice.strip(), ephemeral=True)


async def show_decision(
    bot: KeitoraBot,
    guild_id: int,
    kind: str,
    ref_id: int,
    outcome: str,
    *,
    became: Outcome,
) -> None:
    """Have the post of an item decided elsewhere than on it say how (`outcome`, naming the
    moderator as "… by <@id>", and `became` what became of it, as `settle` takes them), its
    buttons gone; edited through the outbox, so a busy Discord delays the edit but does not
    lose it."""
    await bot.services.modqueue.decided(
        guild_id, kind, ref_id, outcome, shown=False, outcome=became
    )
