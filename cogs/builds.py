"""`/build` and `/garage`: members document their trucks in a forum post (or a thread) whose
first message is the build card; updates, photos and parts are recorded, then posted there.
The card is rendered from the database after every change (cogs/_build_posts.py).
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.builds import (
    DRIVES,
    ODOMETER_UNITS,
    PLATE_STATUSES,
    TAGS,
    BuildFilter,
    BuildService,
    Photo,
    Spec,
    parse_tags,
)
from bot.builds.values import (
    SPOKEN_NAMES,
    checked_model_code,
    checked_spec,
    checked_state,
)
from bot.client import UNANSWERED, KeitoraBot, choices_or_none, respond
from bot.errors import UserError
from bot.limits import AUTOCOMPLETE_CHOICES
from bot.thread_names import thread_name
from bot.trucks import known_makes
from cogs._build_delete import DeleteBuildButton, ask_to_delete
from cogs._build_ledger import LedgerCommands, build_to_change, read_build
from cogs._build_names import ThreadNames
from cogs._build_odometer import ConfirmOdometerButton, ask_lower_reading
from cogs._build_pages import (
    GalleryButton,
    GaragePageButton,
    ListPageButton,
    PartsPageButton,
    show_gallery,
    show_garage,
    show_list,
)
from cogs._build_posts import FEATURED_TAG, BuildPosts, require_a_tag
from cogs._build_reasons import moderator_change, require_reason, told_by_dm
from cogs._text import quoted
from cogs.builds_mod import ask_to_take_back, close_or_reopen, owner_told, spec_told, take_back
from cogs.builds_views import (
    ModelText,
    ModeratorReason,
    SpecText,
    TitleText,
    TruckText,
    UpdateText,
    build_autocomplete,
    choices,
    cleared_text,
    code_reading,
    render_card,
    require_postable,
    spec_saved,
    started_text,
    tags_autocomplete,
    told_to_the_owner,
    update_choice,
    year_doubt,
)
from cogs.checks import (
    CLOSED_BUILD,
    READ_ONLY,
    build_owner_only,
    guild_id_of,
    is_moderator,
    named_build,
)
from cogs.showcase import show_renamed

BUILDS_COG = "Builds"

log = logging.getLogger(__name__)


@app_commands.guild_only()
class BuildCog(
    LedgerCommands,
    commands.GroupCog,
    name=BUILDS_COG,
    group_name="build",
    group_description="Build logs: one thread per truck, with photos, a spec card and a ledger",
):
    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.service: BuildService = bot.services.builds
        self.posts = BuildPosts(bot)
        self.names = ThreadNames(bot, self.posts)

    # -- starting ---------------------------------------------------------------------------------

    @app_commands.command(name="start", description="Start a build log for one of your trucks")
    @app_commands.describe(
        title="What the build is, e.g. Camper Carry",
        truck="The truck: 1994 Suzuki Carry DA51T, Hijet S83P '91, Honda Acty HA4 1996…",
        tags="Up to 5 of: " + ", ".join(TAGS)[:80],
    )
    @app_commands.autocomplete(tags=tags_autocomplete)
    async def start(
        self,
        interaction: discord.Interaction,
        title: TitleText,
        truck: TruckText,
        tags: str | None = None,
    ) -> None:
        guild_id = guild_id_of(interaction)
        channel = await self.posts.channel(guild_id)
        require_a_tag(channel, parse_tags(tags))
        build = await self.service.start(guild_id, interaction.user.id, title, truck, tags)
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            note = await self.posts.post(build, channel)
        except (discord.HTTPException, *UNANSWERED):
            await self.service.discard(guild_id, build.id)  # nobody could ever see it
            raise
        build = await self.service.get(guild_id, build.id)
        await respond(interaction, started_text(build) + note)

    @app_commands.command(name="rename", description="Give your build a new title or truck")
    @app_commands.describe(
        title="The new title; its thread takes it too",
        truck="The truck, corrected: 1994 Suzuki Carry DA51T…",
        build="The build (in its thread, that one; else your newest)",
        reason=told_to_the_owner(),
    )
    @app_commands.autocomplete(build=build_autocomplete)
    @build_owner_only("rename a build")
    async def rename(
        self,
        interaction: discord.Interaction,
        title: TitleText | None = None,
        truck: TruckText | None = None,
        build: str | None = None,
        reason: ModeratorReason | None = None,
    ) -> None:
        target = await build_to_change(interaction)
        # A title as it was is still a rename of a thread named otherwise (one Discord refused).
        thread = await self.posts.thread_of(target) if title is not None else None
        named = thread.name if thread is not None else None
        by = moderator_change(interaction, target, str(interaction.id), reason)
        renamed = await self.service.rename(target, title, truck, named, by=by)
        await interaction.response.defer(ephemeral=True, thinking=True)
        note = await self.posts.refresh_card(renamed)
        note += await show_renamed(self.bot, renamed)
        if renamed.title != target.title or named not in (None, thread_name(renamed.title)):
            note += await self.names.follow(renamed)
        told = owner_told(by, target, renamed)
        read = code_reading(renamed) if renamed.truck != target.truck else ""
        if (renamed.title, renamed.truck) == (target.title, target.truck):
            # Asked again for a thread that lags behind: nothing of the build changed.
            said = f"Build #{renamed.id} is already called {quoted(renamed.title)}."
        else:
            said = f"Build #{renamed.id} is now {quoted(renamed.title)}, {quoted(renamed.truck)}."
        await respond(
            interaction,
            f"{said}{cleared_text(target, renamed)}{year_doubt(renamed)}{read}{note}{told}",
        )

    # -- spec and updates -------------------------------------------------------------------------

    @app_commands.command(name="spec", description="Set your build's spec card")
    @app_commands.describe(
        build="The build (in its thread, that one; else your newest)",
        make="The maker",
        model="The model, e.g. Carry",
        model_code="The chassis code, e.g. DA63T",
        year="The year it was built",
        drive="2WD or 4WD",
        diff_lock="Has a locking differential",
        hi_lo="Has a hi-lo transfer case",
        lift="Lift, e.g. 2 in block lift",
        tyres="Tires, e.g. 23x8-12 mud terrain",
        engine="stock, or the swap",
        import_route="How it came over, e.g. importer, auction, private",
        state="The US state it is registered in: TX or Texas",
        plate_status="Its plates",
        tags="Up to 5 tags, comma-separated (replaces the build's tags)",
        reason=told_to_the_owner(),
    )
    @app_commands.rename(**SPOKEN_NAMES)  # as US members write them
    @app_commands.autocomplete(build=build_autocomplete, tags=tags_autocomplete)
    @app_commands.choices(
        make=choices(known_makes()), drive=choices(DRIVES), plate_status=choices(PLATE_STATUSES)
    )
    @build_owner_only("change a build's spec")
    async def spec(
        self,
        interaction: discord.Interaction,
        build: str | None = None,
        make: str | None = None,
        model: ModelText | None = None,
        model_code: str | None = None,
        year: int | None = None,
        drive: str | None = None,
        diff_lock: bool | None = None,
        hi_lo: bool | None = None,
        lift: SpecText | None = None,
        tyres: SpecText | None = None,
        engine: SpecText | None = None,
        import_route: SpecText | None = None,
        state: str | None = None,
        plate_status: str | None = None,
        tags: str | None = None,
        reason: ModeratorReason | None = None,
    ) -> None:
        target = await build_to_change(interaction)
        changes = checked_spec(
            Spec(
                make,
                model,
                model_code,
                year,
                drive,
                diff_lock,
                hi_lo,
                lift,
                tyres,
                engine,
                import_route,
                state,
                plate_status,
            ),
            self.bot.clock.now(),
        )
        if tags is not None:
            featured = [FEATURED_TAG] if target.featured else []
            forum = self.bot.get_channel(target.channel_id or 0)
            require_a_tag(forum, parse_tags(tags), *featured)
        by = moderator_change(interaction, target, str(interaction.id), reason)
        changed = await self.service.set_spec(target, changes, tags, by=by)
        await interaction.response.defer(ephemeral=True, thinking=True)
        applied = None
        if tags is not None:
            forum = self.bot.get_channel(changed.channel_id or 0)
            if isinstance(forum, discord.ForumChannel):
                applied, _ = await self.posts.forum_tags(
                    forum, changed, *([FEATURED_TAG] if changed.featured else [])
                )
        note = await self.posts.refresh_card(changed, applied=applied)
        truck = ""
        if changed.truck != target.truck:
            truck = (
                f" Its truck now reads {quoted(changed.truck)}, as the spec says."
                + code_reading(changed)
            )
            note += await show_renamed(self.bot, changed)
        await respond(
            interaction,
            f"Spec of build #{changed.id} saved: "
            f"{spec_saved(changed, changes, tags=tags is not None)}.{truck}{year_doubt(changed)}"
            f"{note}"
            f"{spec_told(by, target, changed)}",
        )

    @app_commands.command(name="update", description="Post a dated update to your build")
    @app_commands.describe(
        text="What you did",
        photo="A photo: PNG, JPEG, GIF or WebP, up to 25 MB",
        cost="What it cost, in dollars: 12.50",
        odometer="The odometer now",
        odometer_unit="mi or km (else as your last reading; mi at first)",
        build="The build (in its thread, that one; else your newest)",
        reason=told_to_the_owner(),
    )
    @app_commands.autocomplete(build=build_autocomplete)
    @app_commands.choices(odometer_unit=choices(ODOMETER_UNITS))
    @build_owner_only("post updates to a build")
    async def update(
        self,
        interaction: discord.Interaction,
        text: UpdateText,
        photo: discord.Attachment | None = None,
        cost: str | None = None,
        odometer: app_commands.Range[int, 0, 9_999_999] | None = None,
        odometer_unit: str | None = None,
        build: str | None = None,
        reason: ModeratorReason | None = None,
    ) -> None:
        target = await build_to_change(interaction)
        require_postable(text)
        self.posts.require_update_postable(target, photo=photo is not None)
        picture = (
            Photo.checked(
                photo.url,
                photo.filename,
                photo.content_type,
                photo.size,
                pictured=photo.width is not None,
            )
            if photo is not None
            else None
        )
        by = moderator_change(interaction, target, str(interaction.id), reason)
        update = await self.service.add_update(
            target,
            interaction.user.id,
            text,
            photo=picture,
            cost=cost,
            odometer=odometer,
            odometer_unit=odometer_unit,
            by=by,
        )
        if update.pending:
            await ask_lower_reading(interaction, target, update, by)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        posted = await self.posts.publish_update(target, update)
        await respond(interaction, posted + told_by_dm(by, target))

    @app_commands.command(
        name="delete-update", description="Delete one of your build's updates, and its post"
    )
    @app_commands.describe(
        update="The update",
        build="The build (in its thread, that one; else your newest)",
        reason=told_to_the_owner(),
    )
    @app_commands.autocomplete(build=build_autocomplete)
    @build_owner_only("delete a build's updates")
    async def delete_update(
        self,
        interaction: discord.Interaction,
        update: str,
        build: str | None = None,
        reason: ModeratorReason | None = None,
    ) -> None:
        target = await build_to_change(interaction)
        chosen = await self.service.update_named(target, update)
        # Another member's update is a moderator's to take back, told to its owner; one's own
        # (an owner's, or a moderator's own note) is asked about when its photo or cost would go.
        if interaction.user.id not in (target.owner_id, chosen.author_id):
            by = moderator_change(interaction, target, str(chosen.id), reason)
            require_reason(by, target, "deleted their update")
            await ask_to_take_back(interaction, target, chosen, reason)
            return
        if chosen.photo is not None or chosen.cost_cents is not None:
            await ask_to_take_back(interaction, target, chosen, None, told=False)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        note = await take_back(self.bot, target, chosen, None)
        await respond(
            interaction, f"Deleted the update {quoted(chosen.text)} from build #{target.id}.{note}"
        )

    @delete_update.autocomplete("update")
    async def update_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        async def listed() -> list[app_commands.Choice[str]]:
            target = await named_build(interaction)
            # Updates held for an odometer question were never posted: only those who may
            # delete them see them listed.
            if target.owner_id != interaction.user.id and not await is_moderator(interaction):
                return []
            found = await self.service.updates(target, current.strip(), AUTOCOMPLETE_CHOICES)
            zone = await self.reader_zone(interaction)
            return [update_choice(update, zone) for update in found]

        return await choices_or_none("update", current, listed())

    async def reader_zone(self, interaction: discord.Interaction) -> str | None:
        """The zone a member reads dates in: their own (`/timezone set`), else the server's."""
        guild_id = guild_id_of(interaction)
        services = self.bot.services
        own = await services.meetups.members.member_zone(guild_id, interaction.user.id)
        return own or (await services.setup.get(guild_id)).timezone

    # -- reading ----------------------------------------------------------------------------------

    @app_commands.command(name="show", description="Show a build's card", extras=READ_ONLY)
    @app_commands.describe(build="The build", member="Or a member, to show their newest build")
    @app_commands.autocomplete(build=build_autocomplete)
    async def show(
        self,
        interaction: discord.Interaction,
        build: str | None = None,
        member: discord.Member | None = None,
    ) -> None:
        guild_id = guild_id_of(interaction)
        if build is None and member is not None:
            found, _ = await self.service.search(guild_id, BuildFilter(owner_id=member.id), 0, 1)
            if not found:
                raise UserError(f"{member.mention} has no builds yet.")
            target = found[0]
        else:
            target = await read_build(interaction, build)
        told = target.locked and (
            target.owner_id == interaction.user.id or await is_moderator(interaction)
        )
        totals = await self.service.totals(target)
        card = render_card(target, totals, lock_reason_told=told)
        where = f"<#{target.thread_id}>" if target.has_thread else None
        await respond(interaction, f"Thread: {where}" if where else None, embed=card)

    @app_commands.command(name="list", description="Find builds", extras=READ_ONLY)
    @app_commands.describe(
        tag="Only builds with this tag",
        member="Only this member's builds",
        make="Only this maker",
        model_code="Only this chassis code, e.g. DA63T",
        drive="Only 2WD or 4WD",
        state="Only this US state: TX or Texas",
    )
    @app_commands.choices(tag=choices(TAGS), make=choices(known_makes()), drive=choices(DRIVES))
    async def list_(
        self,
        interaction: discord.Interaction,
        tag: str | None = None,
        member: discord.Member | None = None,
        make: str | None = None,
        model_code: str | None = None,
        drive: str | None = None,
        state: str | None = None,
    ) -> None:
        code = checked_model_code(model_code) if model_code else None
        where = BuildFilter(
            tag=tag,
            owner_id=member.id if member else None,
            make=make,
            model_code=code,
            drive=drive,
            state=checked_state(state) if state else None,
        )
        await show_list(interaction, where, 0)

    @app_commands.command(
        name="gallery", description="Page through a build's photos", extras=READ_ONLY
    )
    @app_commands.describe(build="The build")
    @app_commands.autocomplete(build=build_autocomplete)
    async def gallery(self, interaction: discord.Interaction, build: str) -> None:
        await show_gallery(interaction, await named_build(interaction), 0)

    # -- closing ----------------------------------------------------------------------------------

    @app_commands.command(name="close", description="Close a build: its thread is archived")
    @app_commands.describe(build="The build", reason=told_to_the_owner())
    @app_commands.autocomplete(build=build_autocomplete)
    @build_owner_only("close a build")
    async def close(
        self,
        interaction: discord.Interaction,
        build: str | None = None,
        reason: ModeratorReason | None = None,
    ) -> None:
        await close_or_reopen(interaction, reason, closing=True)

    @app_commands.command(name="reopen", description="Reopen a closed build", extras=CLOSED_BUILD)
    @app_commands.describe(build="The build", reason=told_to_the_owner())
    @app_commands.autocomplete(build=build_autocomplete)
    @build_owner_only("reopen a build")
    async def reopen(
        self,
        interaction: discord.Interaction,
        build: str | None = None,
        reason: ModeratorReason | None = None,
    ) -> None:
        await close_or_reopen(interaction, reason, closing=False)

    @app_commands.command(
        name="delete", description="Delete a build for good: its thread, updates and parts"
    )
    @app_commands.describe(build="The build", reason=told_to_the_owner())
    @app_commands.autocomplete(build=build_autocomplete)
    @build_owner_only("delete a build")
    async def delete(
        self, interaction: discord.Interaction, build: str, reason: ModeratorReason | None = None
    ) -> None:
        await ask_to_delete(interaction, await named_build(interaction), reason)


class GarageCog(commands.Cog):
    @app_commands.command(
        name="garage", description="A member's builds, newest first", extras=READ_ONLY
    )
    @app_commands.describe(member="Whose garage (yours if left out)")
    @app_commands.guild_only()
    async def garage(
        self, interaction: discord.Interaction, member: discord.Member | None = None
    ) -> None:
        await show_garage(interaction, (member or interaction.user).id, 0)


async def setup(bot: KeitoraBot) -> None:
    bot.add_dynamic_items(
        ListPageButton,
        GaragePageButton,
        PartsPageButton,
        GalleryButton,
        ConfirmOdometerButton,
        DeleteBuildButton,
    )
    await bot.add_cog(BuildCog(bot))
    await bot.add_cog(GarageCog())
