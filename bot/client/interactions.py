"""What the cogs share to answer an interaction: `respond` and `in_time`, the one error path
(`KeitoraTree`, `guarded`, `report_error`), and the buttons of a `stateless_view`."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import secrets
from collections.abc import Awaitable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import aiohttp
import discord
from discord import app_commands

from bot.errors import UserError
from bot.invisible import shown_inert

if TYPE_CHECKING:  # the bot module imports this one
    # Named as a string in `KeitoraTree`'s base, which ruff does not read as a use.
    from bot.client.keitora import KeitoraBot  # noqa: F401

log = logging.getLogger(__name__)
# What a send that may have gone out raises when Discord never said so (a 5xx, a timeout, a
# dropped connection): unlike a refusal, it leaves whether the message exists unknown.
UNANSWERED = (discord.DiscordServerError, TimeoutError, aiohttp.ClientError)

# Discord drops an interaction not answered within 3 seconds of its creation; work not done
# by this age is deferred first.
ACK_WITHIN = 2.0
T = TypeVar("T")


async def respond(
    interaction: discord.Interaction,
    content: str | None = None,
    *,
    ephemeral: bool = True,
    **kwargs: Any,
) -> None:
    """Answer an interaction, or follow it up when it was already answered or deferred."""
    if interaction.response.is_done():
        await interaction.followup.send(content, ephemeral=ephemeral, **kwargs)
    else:
        await interaction.response.send_message(content, ephemeral=ephemeral, **kwargs)


async def in_time(
    interaction: discord.Interaction,
    work: Awaitable[T],
    *,
    ephemeral: bool = True,
    editing: bool = False,
) -> T:
    """`work`'s result. Work still running `ACK_WITHIN` seconds after the interaction was made
    (a burst of clicks queued for the database) defers the interaction first, so Discord does
    not expire it, and `respond` then follows up; quick work answers in one request.

    `editing`: the answer replaces the message whose button was clicked, so a deferral says
    that (a deferred update) instead of starting a new "thinking" message."""
    task = asyncio.ensure_future(work)
    age = (discord.utils.utcnow() - interaction.created_at).total_seconds()
    done, _ = await asyncio.wait({task}, timeout=max(ACK_WITHIN - age, 0))
    if not done and not interaction.response.is_done():
        if editing:
            await interaction.response.defer()
        else:
            await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    return await task


async def choices_or_none(what: str, current: str, listing: Awaitable[list[T]]) -> list[T]:
    """An autocomplete's choices, or none when listing them fails: Discord shows the member an
    empty list either way, so the log says why (a refusal, such as no build named yet, as a
    note; anything else with its traceback)."""
    try:
        return await listing
    except UserError as refusal:
        log.info("%s autocomplete lists nothing: %s", what, refusal.message)
    except Exception:
        log.warning("%s autocomplete failed for %r", what, current[:100], exc_info=True)
    return []


async def answer_in_place(
    interaction: discord.Interaction, text: str, *, embeds: Sequence[discord.Embed] = ()
) -> None:
    """Answer a confirmation's button by replacing the confirmation with `text`, so its buttons
    cannot be pressed again. What the question showed beside its text (a reason in a footer)
    goes too, unless the answer still means it (`embeds`)."""
    shown = list(embeds)
    if interaction.response.is_done():
        await interaction.edit_original_response(content=text, embeds=shown, view=None)
    else:
        await interaction.response.edit_message(content=text, embeds=shown, view=None)


class KeepItButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"keep:(?P<kept>removed|taken-down|deleted|locked|cancelled)",
):
    """The "Keep it" answer to a question before something is undone for good (an importer
    removed, a post taken down, an update deleted, a ballot called off by a lock, a series
    cancelled): nothing is,
    and the question's buttons go, with the reason it kept.
    `kept` says what was not done to it."""

    def __init__(self, kept: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Keep it", style=discord.ButtonStyle.secondary, custom_id=f"keep:{kept}"
            )
        )
        self.kept = kept

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> KeepItButton:
        return cls(match["kept"])

    async def callback(self, interaction: discord.Interaction) -> None:
        said = f"Kept; nothing was {self.kept.replace('-', ' ')}."
        await guarded(interaction, answer_in_place(interaction, said))


class ConfirmButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"(?!)",  # never matches: only a subclass's own template is registered
):
    """The danger answer to a question before something is done for good (a build locked, an
    update deleted, an importer removed, a post taken down): `confirmed` checks who clicked and
    does it. A subclass names its custom id's prefix and its label:

        class LockBuildButton(ConfirmButton, prefix="build:lock", label="Lock it"): ...

    Its custom id is `prefix:number`, which the question's buttons in Discord keep: a prefix
    or its form never changes, or questions already asked stop answering. `tail` matches what
    older custom ids carried after the number (see `from_custom_id`)."""

    prefix: ClassVar[str]
    label: ClassVar[str]

    def __init_subclass__(cls, *, prefix: str, label: str, tail: str = "") -> None:
        super().__init_subclass__(template=rf"{re.escape(prefix)}:(?P<id>\d{{1,19}}){tail}")
        cls.prefix, cls.label = prefix, label

    def __init__(self, target_id: int, *, label: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or self.label,
                style=discord.ButtonStyle.danger,
                custom_id=f"{self.prefix}:{target_id}",
            )
        )
        self.target_id = target_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ConfirmButton:
        return cls(int(match["id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self.confirmed(interaction))

    async def confirmed(self, interaction: discord.Interaction) -> None:
        """Do what was asked, for a member still allowed to: asked again, since the question
        may outlive a moderator's role."""
        raise NotImplementedError


GUILD_ONLY = "This command works inside a server, not in direct messages."


class KeitoraTree(app_commands.CommandTree["KeitoraBot"]):
    """The one error path and the server-wide gates: members see a readable refusal or a
    reference to quote."""

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        # Discord's clients do not offer guild-only commands in DMs, but an outdated client or
        # a hand-made request may still send one; no command's own checks should meet it.
        if interaction.guild_id is not None or not self._guild_only(interaction.command):
            return True
        if interaction.type is discord.InteractionType.autocomplete:
            # A refusal message cannot answer an autocomplete; no choices is the honest reply.
            await interaction.response.autocomplete([])
            return False
        raise app_commands.NoPrivateMessage(GUILD_ONLY)

    @staticmethod
    def _guild_only(
        command: app_commands.Command[Any, ..., Any] | app_commands.ContextMenu | None,
    ) -> bool:
        if command is None:
            return False  # unknown to this tree: discord.py refuses it itself
        # Discord reads where a command may run from its top-level command only.
        root = getattr(command, "root_parent", None) or command
        return root.guild_only

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await report_error(interaction, error)


async def guarded(interaction: discord.Interaction, work: Awaitable[None]) -> None:
    """Run a component's or form's work through the one error path: discord.py only logs what
    a dynamic item's callback raises, and the member would see "interaction failed"."""
    try:
        await work
    except Exception as error:
        await report_error(interaction, error)


async def report_error(
    interaction: discord.Interaction, error: Exception, *, view: discord.ui.View | None = None
) -> None:
    """Turn a refusal into an ephemeral message, with `view` under it if given; log anything
    else with a reference."""
    cause = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    if isinstance(cause, UserError):
        log.info(
            "refused %s for user %s: %s",
            _command_name(interaction),
            interaction.user.id,
            cause.message,
        )
        message = inert_quotes(cause.message)
    elif isinstance(cause, app_commands.CheckFailure):
        # A check's refusal may quote what a member or moderator wrote, as a UserError does.
        message = inert_quotes(str(cause)) or "You cannot use this command here."
    else:
        reference = secrets.token_hex(3).upper()
        log.error(
            "unhandled error (ref %s) in %s by user %s in guild %s with options %s",
            reference,
            _command_name(interaction),
            interaction.user.id,
            interaction.guild_id,
            json.dumps(interaction.data, default=str)[:500],
            exc_info=cause,
        )
        message = f"Something went wrong on my side (ref {reference}). Please tell a moderator."
    if interaction.type is discord.InteractionType.autocomplete:
        return
    try:
        await respond(interaction, message, **({"view": view} if view else {}))
    except discord.HTTPException:
        log.warning("could not tell user %s about an error", interaction.user.id, exc_info=True)


# Refusals quote what members wrote (a term, a title, a date) inside “…”, plainly: services do
# not know Discord's Markdown. The one error path makes each quote inert, so a title such as
# "[Free parts](https://…)" shows as typed instead of as a link.
# A quote runs from a “ to the ” after which no other ” comes before the next “ (or the end): a
# ” the member typed does not end it early, nor does a “ they typed start another, either of
# which would leave the rest of their text live.
_QUOTED = re.compile(r"“(.*?)”(?=[^“”]*(?:“|\Z))", re.DOTALL)


# Discord renders <#id>, <t:…>, <:name:id>, <a:name:id>, </command:id> and <id:…> as links,
# timestamps and emoji; a backslash before the < shows them as typed.
_DISCORD_CODE = re.compile(r"<(?=[#:/]|a:|t:|id:)")
# @everyone and @here ping, and <@id>, <@!id> and <@&id> show as a member or a role whatever the
# id's length: a zero-width space after the @ leaves each as typed, pinging nobody.
_MENTION = re.compile(r"@(?=everyone|here|[!&]?\d+>)")


def echo(text: str) -> str:
    """Member text made inert: no Markdown, no @everyone, @here, role or user pings, no
    channel, timestamp, emoji or command codes, and no character turning round what follows."""
    escaped = _MENTION.sub("@\u200b", discord.utils.escape_markdown(shown_inert(text)))
    return _DISCORD_CODE.sub(r"\\<", escaped)


# Pings the bot's own words never hold: one left outside every quote was typed by a member
# whose own ” and “ read as the end of one quote and the start of another (`x” @here “y`).
_EVERYONE = re.compile(r"@(?=everyone|here)")


def inert_quotes(message: str) -> str:
    """`message` with the member's text inside each “…” made inert (see `echo`), and nothing in
    it left to turn round what follows or to ping everyone: the bot's own words never hold
    such a character, nor @everyone or @here."""
    quoted = _QUOTED.sub(lambda quote: f"“{echo(quote[1])}”", shown_inert(message))
    return _EVERYONE.sub("@\u200b", quoted)


def _command_name(interaction: discord.Interaction) -> str:
    command = interaction.command
    if command is not None:
        return f"/{command.qualified_name}"
    custom_id = (interaction.data or {}).get("custom_id")
    return f"component {custom_id}" if custom_id else f"interaction {interaction.type.name}"


def stateless_view(items: Iterable[discord.ui.Item[Any]]) -> discord.ui.View:
    """A message's buttons whose clicks the dynamic items registered at start-up answer from
    the custom ids alone, also after a restart.

    The view is stopped: a stopped view still renders its components, but discord.py keeps
    nothing for it. It would otherwise keep a private reply's view, with a task waiting on it,
    for 15 minutes, and answer no click with it.
    """
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    view.stop()
    return view
