"""How builds look in Discord: the card, update posts, notices and choices (the pages of builds,
parts and photos are cogs/_build_pages.py)."""

from __future__ import annotations

import logging
from collections.abc import Collection

import discord
from discord import app_commands

from bot.builds import (
    TAGS,
    Build,
    BuildService,
    BuildUpdate,
    LockNews,
    Odometer,
    Totals,
    dollars_text,
    kilometres,
    outside_model_years,
)
from bot.builds.model import SinceScheduled
from bot.builds.moderated import (
    BuildDeleted,
    Closed,
    ModeratedNews,
    PartChanged,
    Renamed,
    SpecChanged,
    UpdatePosted,
)
from bot.builds.updates import UPDATE_TEXT_LIMIT
from bot.builds.values import (
    MAKE_MODEL_LIMIT,
    MODERATOR_REASON_LIMIT,
    PART_NAME_LIMIT,
    SPEC_TEXT_LIMIT,
    TITLE_LIMIT,
    TRUCK_LIMIT,
)
from bot.client import KeitoraBot, choices_or_none
from bot.errors import UserError
from bot.limits import (
    AUTOCOMPLETE_CHOICES,
    CHOICE_NAME,
    EMBED_DESCRIPTION,
    EMBED_FIELD_VALUE,
    EMBED_TITLE,
    fit,
    listed,
)
from bot.models import find_model
from bot.numbers import counted
from bot.privacy import FORMER_MEMBER
from bot.trucks import read_by_code_alone
from bot.zones import load_zone
from cogs._text import echo, member_mention, quoted
from cogs.checks import guild_id_of

log = logging.getLogger(__name__)

SPEC_LABELS = (
    ("year", "Year"),
    ("make", "Make"),
    ("model", "Model"),
    ("model_code", "Model code"),
    ("drive", "Drive"),
    ("diff_lock", "Diff lock"),
    ("hi_lo", "Hi-lo"),
    ("lift", "Lift"),
    ("tyres", "Tires"),
    ("engine", "Engine"),
    ("import_route", "Import route"),
    ("state", "State"),
    ("plate_status", "Plates"),
)
FEATURED_COLOUR = discord.Colour.gold()
OPEN_COLOUR = discord.Colour.dark_teal()
CLOSED_COLOUR = discord.Colour.light_grey()


def service_of(interaction: discord.Interaction) -> BuildService:
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    return bot.services.builds


def build_name(build: Build) -> str:
    """`#12 Camper Carry`, as plain text, for choices (a thread takes the title alone:
    `names.thread_name`)."""
    return f"#{build.id} {build.title}"


def lock_notice(news: LockNews) -> str:
    """The DM telling a build's owner that a moderator of which server locked or unlocked it,
    and where its thread is."""
    who = moderator_of(news.server)
    build = f"your build {quoted(news.title)} (#{news.build_id})"
    link = thread_link(news.guild_id, news.thread_id, news.since)
    if not news.locked:
        then = (
            ""
            if not news.since.changeable
            else " It is still closed; `/build reopen` opens it for updates again."
            if news.closed
            else " You can post updates to it again."
        )
        return f"{who} unlocked {build}.{then}{link}"
    reason = f" The reason given: “{echo(news.reason)}”." if news.reason else ""
    renaming = (
        " Its thread keeps its old name while it is locked, and takes the title "
        f"{quoted(news.title)} once it is unlocked."
        if news.renaming and not (news.since.deleted or news.since.thread_deleted)
        else ""
    )
    return (
        f"{who} locked {build}.{reason} It can still be seen, but nobody can post "
        f"updates to it or change it until a moderator unlocks it.{renaming}{link}"
    )


def moderator_of(server: str | None) -> str:
    """Who changed a member's build, for the DM: an owner in two servers reads which."""
    return f"A moderator of **{echo(server)}**" if server else "A moderator"


def thread_link(guild_id: int, thread_id: int | None, since: SinceScheduled) -> str:
    """The build's thread, linked at the end of a DM; what went since it was scheduled, the
    thread or the build (and by whom), in its place."""
    if since.deleted:
        return {
            "owner": " You have since deleted it.",
            "moderator": " A moderator has since deleted it.",
        }.get(since.deleted_by or "", " It has since been deleted.")
    if since.thread_deleted:
        return " Its thread was deleted."
    if thread_id is None:
        return ""
    return f" Its thread: https://discord.com/channels/{guild_id}/{thread_id}"


def closed_text(news: ModeratedNews, change: Closed) -> str:
    """What a moderator's close or reopen did, and what its owner may do about it, as far as
    what became of the build since (`news.since`) leaves true: no archived thread once it went,
    no reopening or updates once the build was deleted or a moderator locked it."""
    build = f"{quoted(news.title)} (#{news.build_id})"
    may = news.since.changeable
    if not change.closed:
        then = ": you can post updates to it again" if may else ""
        return f"reopened your build {build}{then}"
    if news.since.thread_deleted or not may:
        return f"closed your build {build}"
    reopen = "`/build reopen` opens it again"
    if news.thread_id is None:  # it never had one
        return f"closed your build {build}: {reopen}"
    return f"closed your build {build}: its thread is archived, and {reopen}"


def moderated_notice(news: ModeratedNews) -> str:
    """The DM telling a build's owner what a moderator of which server changed, why if they
    said, and where the build's thread is."""
    who = moderator_of(news.server)
    reason = f" The reason given: “{echo(news.reason)}”." if news.reason else ""
    link = thread_link(news.guild_id, news.thread_id, news.since)
    change = news.change
    if isinstance(change, Renamed):
        parts = [
            f"its {what} {quoted(old)} is now {quoted(new)}"
            for what, old, new in (
                ("title", change.old_title, change.title),
                ("truck", change.old_truck, change.truck),
            )
            if old != new
        ]
        return f"{who} renamed your build #{news.build_id}: {' and '.join(parts)}.{reason}{link}"
    if isinstance(change, BuildDeleted):
        thread = (
            " with its thread"
            if change.thread
            else "; its thread stays, without Keitora's posts"
            if news.thread_id
            else ""
        )
        return (
            f"{who} deleted your build {quoted(news.title)} (#{news.build_id}, "
            f"{quoted(change.truck)}){thread}.{reason}{link}"
        )
    if isinstance(change, Closed):
        return f"{who} {closed_text(news, change)}.{reason}{link}"
    build = f"your build {quoted(news.title)} (#{news.build_id})"
    if isinstance(change, SpecChanged):
        labels = dict(SPEC_LABELS, tags="Tags")
        named = listed([labels.get(name, name) for name in change.fields])
        truck = (
            f"; its truck {quoted(change.old_truck or '')} is now {quoted(change.truck)}"
            if change.truck is not None
            else ""
        )
        return f"{who} changed the spec of {build}: {named}{truck}.{reason}{link}"
    if isinstance(change, UpdatePosted):
        return f"{who} posted an update to {build}: {quoted(change.text)}.{reason}{link}"
    if isinstance(change, PartChanged):
        part = (
            f"the part {quoted(change.name)} ({dollars_text(change.cost_cents)}, {change.category})"
        )
        to = f"added {part} to" if change.added else f"removed {part} from"
        return f"{who} {to} {build}.{reason}{link}"
    went = [
        "its photo" if change.photo else "",
        f"its cost of {dollars_text(change.cost_cents)}" if change.cost_cents is not None else "",
    ]
    with_it = " and ".join(part for part in went if part)
    also = f" It went with {with_it}." if with_it else ""
    taken = f"deleted an update from {build}: {quoted(change.text)}"
    return f"{who} {taken}, posted <t:{change.posted_at}:D>.{also}{reason}{link}"


def removal_question(build: Build, update: BuildUpdate, told: bool) -> str:
    """What a member deleting an update is asked first: it cannot be undone, and (`told`, a
    moderator's of another member's) its owner is told."""
    gone = "post and photo leave" if update.photo is not None else "post leaves"
    cost = (
        f", and its cost of {dollars_text(update.cost_cents)} leaves the totals"
        if update.cost_cents is not None
        else ""
    )
    owner = " Its owner is told by DM." if told and build.owner_id != FORMER_MEMBER else ""
    return (
        f"Delete the update {quoted(update.text)} from build #{build.id} {quoted(build.title)}? "
        f"This cannot be undone: its {gone} the thread{cost}.{owner}"
    )


def started_text(build: Build) -> str:
    """What the member who started `build` is told: where it is, how the truck was read, and
    what to do next."""
    read = ", ".join(
        f"{label} {value}"
        for label, value in (
            ("year", build.spec.year),
            ("make", build.spec.make),
            ("model", build.spec.model),
            ("code", build.spec.model_code),
        )
        if value is not None
    )
    understood = f" I read the truck as {read}." if read else ""
    return (
        f"Build #{build.id} started in <#{build.thread_id}>.{understood} "
        "Add the spec with `/build spec`, then post updates with `/build update`."
        + year_doubt(build)
        + code_reading(build)
    )


def code_reading(build: Build) -> str:
    """What the truck is, on a line of its own, when its chassis code alone said so beside
    words naming no kei truck known (`1994 Corolla DA51T`); nothing otherwise."""
    read = read_by_code_alone(build.truck)
    if read is None:
        return ""
    verb = "names" if len(read.unread) == 1 else "name"
    truck = f"{read.make} {read.model}"
    return (
        f"\nThe model code {read.code} is a {truck}'s, so the card shows a {truck}: "
        f"{listed([quoted(word) for word in read.unread])} {verb} no kei truck Keitora knows. "
        f"If it is not a {read.model}, give the truck its own model code with `/build rename`, "
        "or none."
    )


def year_doubt(build: Build) -> str:
    """A warning, on a line of its own, when the build's year is not one its chassis code was
    built in; nothing otherwise."""
    model = outside_model_years(build.spec)
    if model is None:
        return ""
    return (
        f"\n⚠️ The {model.name} {model.code} {model.built}, not in {build.spec.year}: "
        "check the year or the model code; `/build spec` corrects either."
    )


def cleared_text(before: Build, after: Build) -> str:
    """What a new truck line cleared from the spec as contradicting it (`renamed_spec`), said;
    nothing when it cleared nothing."""
    cleared = []
    if before.spec.model is not None and after.spec.model is None:
        cleared.append(f"model {quoted(before.spec.model)}, a {before.spec.make}'s")
    if before.spec.model_code is not None and after.spec.model_code is None:
        known = find_model(before.spec.model_code)
        of = f", a {known.name}'s" if known else ""
        cleared.append(f"model code {before.spec.model_code}{of}")
    if not cleared:
        return ""
    verb = "is" if len(cleared) == 1 else "are"
    return f" Its {', and its '.join(cleared)}, {verb} cleared: the truck now reads otherwise."


def status_text(build: Build, *, lock_reason_told: bool = False) -> str:
    if build.locked:
        told = lock_reason_told and build.lock_reason
        reason = f": {echo(build.lock_reason)}" if told else ""
        return f"🔒 Locked by a moderator{reason}"
    if build.closed:
        return "Closed"
    return "Open"


def spec_value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return echo(str(value))


def spec_saved(build: Build, given: Collection[str], *, tags: bool) -> str:
    """The spec fields `given` (`Spec`'s names) and, with `tags`, the tags, as the card of
    `build` now shows them: `**Lift** 2 in · **Tags** camper`."""
    shown = [
        f"**{label}** {spec_value(getattr(build.spec, name))}"
        for name, label in SPEC_LABELS
        if name in given and getattr(build.spec, name) is not None
    ]
    if tags:
        shown.append(f"**Tags** {', '.join(build.tags) or 'none'}")
    return " · ".join(shown)


def age_field(build: Build) -> tuple[str, str]:
    """The build's age as its card shows it, alike however long ago the card was drawn: the day
    it started as Discord timestamps, which each reader's client dates and counts from (a count
    written into the card would stand still until it is next drawn); once closed, how long it
    was built over, from its start to its close (or the one day it took)."""
    started = discord.utils.format_dt(build.created_at, "D")
    if build.closed_at is None:
        return "Started", f"{started} ({discord.utils.format_dt(build.created_at, 'R')})"
    if not (days := build.days_built()):
        # Closed within a day of its start: one day, named once.
        return "Built over", f"less than a day, on {started}"
    closed = discord.utils.format_dt(build.closed_at, "D")
    return "Built over", f"{counted(days, 'day')}, {started} to {closed}"


def render_card(build: Build, totals: Totals, *, lock_reason_told: bool = False) -> discord.Embed:
    """The build's starter card: truck, spec, tags and running figures. Why a moderator locked
    it shows only where `lock_reason_told` (to its owner or a moderator, by /build show): a
    moderation of one member's build is not the rest of the server's business."""
    star = "★ " if build.featured else ""
    embed = discord.Embed(
        title=fit(f"{star}#{build.id} · {echo(build.title)}", EMBED_TITLE),
        description=f"**{echo(build.truck)}** — by {member_mention(build.owner_id)}",
        colour=FEATURED_COLOUR if build.featured else OPEN_COLOUR if build.open else CLOSED_COLOUR,
    )
    for name, label in SPEC_LABELS:
        value = getattr(build.spec, name)
        if value is not None:
            embed.add_field(name=label, value=fit(spec_value(value), EMBED_FIELD_VALUE))
    embed.add_field(name="Tags", value=", ".join(build.tags) or "none")
    embed.add_field(name="Spent", value=dollars_text(totals.total_cents))
    embed.add_field(name="Updates", value=str(totals.update_count))
    age, since = age_field(build)
    embed.add_field(name=age, value=since)
    if totals.last_odometer is not None:
        embed.add_field(name="Odometer", value=odometer_text(totals.last_odometer))
    if totals.photo_count:
        embed.add_field(name="Photos", value=f"{totals.photo_count:,} · `/build gallery`")
    status = status_text(build, lock_reason_told=lock_reason_told)
    embed.add_field(name="Status", value=status + (" · Featured" if star else ""))
    if totals.first_photo_url:
        embed.set_thumbnail(url=totals.first_photo_url)
    embed.set_footer(text=f"Build #{build.id}")
    return embed


def odometer_text(reading: Odometer) -> str:
    """`41,000 mi (65,983 km)`, or `65,983 km (41,000 mi)` as read on a truck counting km."""
    if reading.km is not None:
        return f"{reading.km:,} km ({reading.miles:,} mi)"
    return f"{reading.miles:,} mi ({kilometres(reading.miles):,} km)"


def lower_reading_question(build: Build, last: Odometer | None, update: BuildUpdate) -> str:
    """What the author of an update held pending (its odometer reads below the last) is asked."""
    assert last is not None
    assert update.odometer is not None  # held pending for its reading
    return (
        f"The odometer of build #{build.id} last read {odometer_text(last)}; "
        f"{odometer_text(update.odometer)} is lower. Record it anyway?"
    )


def require_postable(text: str) -> None:
    """Refuse, before it is recorded, an update whose post could not show it whole: its
    Markdown characters are escaped to show as typed, which may double it past a post's room."""
    shown = len(echo(text.strip()))
    if shown > EMBED_DESCRIPTION:
        raise UserError(
            f"With its formatting characters (_ * ~ ` | >) shown as typed, your update takes "
            f"{shown:,} characters, and a post shows {EMBED_DESCRIPTION:,}. Shorten it by about "
            f"{shown - EMBED_DESCRIPTION:,} characters, or split it in two; nothing was recorded."
        )


def render_update(build: Build, update: BuildUpdate, image: str | None) -> discord.Embed:
    """An update as posted in the build's thread, with its photo at `image`."""
    embed = discord.Embed(
        title=fit(f"Update on #{build.id} · {echo(build.title)}", EMBED_TITLE),
        # Whole: an update whose escaping would not fit is refused (`require_postable`).
        description=fit(echo(update.text), EMBED_DESCRIPTION),
        colour=OPEN_COLOUR,
        timestamp=update.created_at,
    )
    embed.add_field(name="By", value=member_mention(update.author_id))
    if update.cost_cents is not None:
        embed.add_field(name="Cost", value=dollars_text(update.cost_cents))
    if update.odometer is not None:
        embed.add_field(name="Odometer", value=odometer_text(update.odometer))
    if image is not None:
        embed.set_image(url=image)
    return embed


def update_choice(update: BuildUpdate, zone: str | None) -> app_commands.Choice[str]:
    """An update as the list to pick one shows it: `2026-12-04 · New tyres · $300.00 · photo`,
    dated in `zone` (the reader's, else the server's); without one, in UTC, saying so. A list
    shows no Discord timestamp, which would date it for each reader."""
    cost = f" · {dollars_text(update.cost_cents)}" if update.cost_cents is not None else ""
    photo = " · photo" if update.photo is not None else ""
    text = " ".join(update.text.split())
    day = f"{update.created_at:%Y-%m-%d} UTC"
    if zone:
        day = f"{update.created_at.astimezone(load_zone(zone)):%Y-%m-%d}"
    name = f"{day} · {fit(text, 50)}{cost}{photo}"
    return app_commands.Choice(name=fit(name, CHOICE_NAME), value=str(update.id))


def photo_filename(update: BuildUpdate) -> str:
    """A safe name for the re-uploaded photo: Discord's attachment:// needs plain characters."""
    assert update.photo is not None
    extension = update.photo.content_type.rsplit("/", 1)[-1].replace("jpeg", "jpg")
    return f"build-update-{update.id}.{extension}"


def echo_within(text: str, limit: int) -> str:
    """Member text made inert (`echo`) in at most `limit` characters: cut before it is escaped,
    as escaping may double it and a cut after could split an escape or a name."""
    keep = len(text)
    shown = echo(text)
    while len(shown) > limit:
        keep -= max(1, (len(shown) - limit) // 2)
        shown = echo(fit(text, keep))
    return shown


# A page of 10 builds (or 20 parts) fits in an embed's description with every line whole, so a
# page never drops a line that no other page shows: the room a line's member text may take.
LINE_TITLE = 120
LINE_TRUCK = 120
LINE_PART_NAME = 140


def build_line(build: Build) -> str:
    tags = f" · {', '.join(build.tags)}" if build.tags else ""
    where = f" · <#{build.thread_id}>" if build.has_thread else ""
    state = "" if build.open else f" · {'locked' if build.locked else 'closed'}"
    who = f"by {member_mention(build.owner_id)}"
    title, truck = echo_within(build.title, LINE_TITLE), echo_within(build.truck, LINE_TRUCK)
    return f"**#{build.id}** {title} — {truck} {who}{tags}{state}{where}"


# -- autocomplete and options -----------------------------------------------------------------


# Text options at the lengths the builds table keeps: Discord's client shows the limit as a
# member types and sends nothing longer (the service checks again, after normalising).
TitleText = app_commands.Range[str, 1, TITLE_LIMIT]
TruckText = app_commands.Range[str, 1, TRUCK_LIMIT]
UpdateText = app_commands.Range[str, 1, UPDATE_TEXT_LIMIT]
PartName = app_commands.Range[str, 1, PART_NAME_LIMIT]
SpecText = app_commands.Range[str, 1, SPEC_TEXT_LIMIT]
ModelText = app_commands.Range[str, 1, MAKE_MODEL_LIMIT]
ModeratorReason = app_commands.Range[str, 1, MODERATOR_REASON_LIMIT]


def told_to_the_owner(when: str = "") -> str:
    """A moderator's `reason` option, described with its limit (`when`: the DM's condition)."""
    limit = f"up to {MODERATOR_REASON_LIMIT} characters"
    return f"Moderators: why, told to its owner by DM{when} ({limit})"


def choices(values: tuple[str, ...]) -> list[app_commands.Choice[str]]:
    """A fixed option's choices, each value named as itself."""
    return [app_commands.Choice(name=value, value=value) for value in values]


async def build_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Builds of the server whose title or truck holds what was typed, newest first."""

    async def listed() -> list[app_commands.Choice[str]]:
        found = await service_of(interaction).suggest(
            guild_id_of(interaction), current, AUTOCOMPLETE_CHOICES
        )
        return [
            app_commands.Choice(
                name=fit(f"{build_name(b)} — {b.truck}", CHOICE_NAME), value=str(b.id)
            )
            for b in found
        ]

    return await choices_or_none("build", current, listed())


async def tags_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Completes the last of the comma-separated tags typed so far."""
    done, _, last = current.rpartition(",")
    chosen = [t.strip() for t in done.split(",") if t.strip()]
    prefix = ", ".join(chosen) + (", " if chosen else "")
    return [
        app_commands.Choice(name=fit(prefix + tag, CHOICE_NAME), value=fit(prefix + tag, 100))
        for tag in TAGS
        if tag.startswith(last.strip().casefold()) and tag not in chosen
    ][:AUTOCOMPLETE_CHOICES]
