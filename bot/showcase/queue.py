"""Showcase nominations as one source of the moderation queue."""

from __future__ import annotations

from bot.builds import Build, BuildService, lock_reason
from bot.errors import NotFound
from bot.modqueue import QueueItem, headcount
from bot.showcase.service import ShowcaseService
from bot.showcase.values import (
    NOMINATION_KIND,
    Nomination,
    RejectedNominations,
    build_fingerprint,
    nomination_revision,
)


class NominationQueue:
    """Showcase nominations as one source of the moderation queue: an item per nominated build,
    named by its first pending nomination and listing every nominator. Approving claims the
    build's one feature (the table's key decides it once, also against `/showcase-mod feature`)
    and answers all its nominations; the discord layer then posts the feature as that command
    does. Rejecting turns them all down and each nominator is told why."""

    kind = NOMINATION_KIND
    label = "Showcase nomination"

    def __init__(self, showcase: ShowcaseService, builds: BuildService) -> None:
        self._showcase = showcase
        self._builds = builds

    async def pending(self, guild_id: int, limit: int) -> list[QueueItem]:
        # Five queries however many builds wait (nominations, builds, their tags, their
        # covers, their nominations rejected before): /modqueue reads up to LISTED_UP_TO items
        # of each source on every page.
        nominated = await self._showcase.pending_by_build(guild_id, limit)
        build_ids = [group[0].build_id for group in nominated]
        builds = await self._builds.get_many(guild_id, build_ids)
        covers = await self._builds.first_photos(list(builds.values()))
        rejected = await self._showcase.rejected_before(guild_id, build_ids)
        # A build deleted between the two reads took its nominations with it.
        return [
            self._item_of(group, build, covers.get(build.id), rejected.get(build.id, []))
            for group in nominated
            if (build := builds.get(group[0].build_id)) is not None
        ]

    async def item(self, guild_id: int, ref_id: int) -> QueueItem | None:
        nominations = await self._showcase.pending_alongside(guild_id, ref_id)
        if not nominations:
            return None
        build = await self._builds.get(guild_id, nominations[0].build_id)
        cover = (await self._builds.first_photos([build])).get(build.id)
        rejected = await self._showcase.rejected_before(guild_id, [build.id])
        return self._item_of(nominations, build, cover, rejected.get(build.id, []))

    def _item_of(
        self,
        nominations: list[Nomination],
        build: Build,
        cover: str | None,
        rejected: list[RejectedNominations],
    ) -> QueueItem:
        """The item of a build's pending nominations (oldest first), named by the first, showing
        the photo a feature would; its revision moves once the build reads otherwise than when
        the first was made. A build a moderator locked is never featured: its item is on hold,
        to be rejected, or approved once the build is unlocked. One that reads as it did when
        its nominations were last rejected (of `rejected`, latest first) repeats those."""
        reasons = [f"“{n.reason}”" for n in nominations if n.reason]
        count = len(nominations)
        seen = nominations[0].build_seen
        now = build_fingerprint(build, cover)
        repeats = next(
            (
                earlier.rejected
                for earlier in rejected
                if earlier.rejected.ref_id < nominations[0].id and earlier.build_judged == now
            ),
            None,
        )
        return QueueItem(
            kind=self.kind,
            ref_id=nominations[0].id,
            title=f"Build #{build.id} · {build.title}",
            body="\n".join([build.truck, *reasons]),
            submitter_id=nominations[0].nominated_by,
            co_submitter_ids=tuple(n.nominated_by for n in nominations[1:]),
            # shown where mentions do not render (an embed's author)
            submitted_by=headcount(count),
            created_at=nominations[0].created_at,
            image_url=cover,
            revision=nomination_revision(seen, now),
            on_hold=(
                f"Build #{build.id} is locked by a moderator{lock_reason(build)}"
                if build.locked
                else None
            ),
            repeats=repeats,
        )

    async def named(self, guild_id: int, ref_id: int) -> str | None:
        try:
            build = await self._showcase.nominated_build(guild_id, ref_id)
        except NotFound:
            return None  # its nominations went with their build, or their member
        return f"build #{build.id} “{build.title}” for the showcase"

    async def approve(self, guild_id: int, ref_id: int, moderator_id: int) -> str:
        build = await self._showcase.nominated_build(guild_id, ref_id)
        await self._showcase.claim_feature(build, moderator_id, None, approving_nominations=True)
        return f"Build #{build.id} is featured."

    async def reject(self, guild_id: int, ref_id: int, moderator_id: int, reason: str) -> None:
        await self._showcase.dismiss(guild_id, ref_id, moderator_id, reason)

    async def gone(self, guild_id: int, ref_id: int) -> bool:
        return not await self._showcase.has_nomination(guild_id, ref_id)
