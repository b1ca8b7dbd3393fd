"""Keitora's messages in Discord that a forget changes, where they are, and the follow-up
job that changes them: a forget schedules `FORGET_FOLLOW_UP_JOB` in the transaction that
forgets, and the job edits or deletes each message until Discord has taken every change."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from bot.errors import NotFound

if TYPE_CHECKING:  # the job queue and the privacy service import this module
    from bot.jobs import Job
    from bot.privacy import Forgotten

FORGET_FOLLOW_UP_JOB = "privacy.forget_follow_up"
# Why a build's thread goes, as Discord's audit log shows it, when a forget deletes it; and for
# every thread in jobs scheduled before threads carried their reason.
OWNER_FORGOTTEN = "Its owner was forgotten"

# One change a forget's follow-up makes in Discord, made when called.
Change = Callable[[], Awaitable[None]]


class ShowcasePost(NamedTuple):
    """Where a build's showcase post is in Discord."""

    build_id: int
    channel_id: int
    message_id: int


class PostedMessage(NamedTuple):
    """One of Keitora's messages, where it is in Discord."""

    channel_id: int
    message_id: int


class QueuePost(NamedTuple):
    """Where the mod-queue channel's post of one queue item is in Discord."""

    kind: str
    ref_id: int
    channel_id: int
    message_id: int


class BuildThread(NamedTuple):
    """Where a build lives in Discord: its thread (a forum post, or the thread started on the
    card), the channel it was started in, the card (in a forum, the post's own first message;
    in a text channel, a message of that channel) and the updates posted in the thread; and
    why it goes, for Discord's audit log (a forget's, or `/build delete`'s); and whether the
    thread stands (one Discord deleted leaves a text channel's card)."""

    channel_id: int
    thread_id: int
    starter_id: int | None
    update_ids: tuple[int, ...]
    reason: str = OWNER_FORGOTTEN
    thread_stands: bool = True  # as in jobs scheduled before threads Discord deleted went


class NamingPost(NamedTuple):
    """One of Keitora's messages whose words may name a member by mention as the moderator who
    decided something (a decided queue post: "Rejected by <@id>; …"), and that member: what a
    forget's follow-up scheduled before the queue recorded its deciders reads and un-names."""

    channel_id: int
    message_id: int
    member_id: int


class AuthoredPosts(Protocol):
    """Messages Keitora wrote that name a member or list what a forget removed, as the discord
    layer reaches them: build cards, showcase posts, meetup cards, Build of the Month ballots
    and moderation queue posts, each rendered again from the database by its own cog; and the
    importer role Keitora gave a member whose profile went. A message already gone is no error,
    and a refusal that no retry can change is logged there; anything else raised means try
    again later."""

    async def refresh_build_card(self, guild_id: int, build_id: int) -> None: ...

    async def forget_showcase_post(
        self, guild_id: int, post: ShowcasePost, *, kept: bool
    ) -> None: ...

    async def refresh_meetup_card(self, guild_id: int, meetup_id: int) -> None: ...

    async def refresh_ballot(self, guild_id: int, ballot_id: int) -> None: ...

    async def refresh_queue_post(self, guild_id: int, post: QueuePost) -> None: ...

    async def delete_message(self, guild_id: int, message: PostedMessage) -> None: ...

    async def delete_build_thread(self, guild_id: int, thread: BuildThread) -> None: ...

    async def refresh_build_updates(self, guild_id: int, update_ids: Sequence[int]) -> None: ...

    async def take_importer_role(self, guild_id: int, member_id: int) -> None: ...

    async def unname_moderator(self, guild_id: int, post: NamingPost) -> None: ...


def follow_up_handler(posts: AuthoredPosts) -> Callable[[Job], Awaitable[None]]:
    """The FORGET_FOLLOW_UP_JOB handler: a kept build's card, updates and showcase post
    edited to show a former member, a deleted build's showcase post, thread and card
    deleted; meetup cards and open ballots rendered again, withdrawn queue posts deleted
    and changed ones rendered again (those the member decided as a moderator saying "a
    moderator"); a forgotten importer's role taken back. Each change is safe to make
    twice, so a retry makes them all again."""

    async def follow_up(job: Job) -> None:
        assert job.guild_id is not None, "scheduled with its server"
        guild_id, payload = job.guild_id, job.payload
        kept = set(payload["builds"])
        steps: list[Change] = [
            *(partial(posts.refresh_build_card, guild_id, b) for b in payload["builds"]),
            *(
                partial(posts.forget_showcase_post, guild_id, post, kept=post.build_id in kept)
                for post in (ShowcasePost(*fields) for fields in payload["showcase_posts"])
            ),
            # Jobs scheduled before meetups, ballots and queue posts were followed carry none.
            *(partial(posts.refresh_meetup_card, guild_id, m) for m in payload.get("meetups", [])),
            *(partial(posts.refresh_ballot, guild_id, b) for b in payload.get("ballots", [])),
            *(
                partial(posts.delete_message, guild_id, PostedMessage(*fields))
                for fields in payload.get("queue_posts", [])
            ),
            *(
                partial(posts.refresh_queue_post, guild_id, QueuePost(*fields))
                for fields in payload.get("changed_queue_posts", [])
            ),
            *(
                partial(
                    posts.delete_build_thread,
                    guild_id,
                    BuildThread(*fields[:3], tuple(fields[3]), *fields[4:]),
                )
                for fields in payload.get("build_threads", [])
            ),
            *(
                partial(posts.take_importer_role, guild_id, m)
                for m in payload.get("importer_roles", [])
            ),
            # Jobs scheduled before the queue recorded who decided each post name the
            # decided posts to read, and un-name the member on where they decided.
            *(
                partial(posts.unname_moderator, guild_id, NamingPost(*fields))
                for fields in payload.get("naming_posts", [])
            ),
        ]
        # Last, as the longest: each of a thread's updates is an edit of its own.
        if updates := payload.get("build_updates"):
            steps.append(partial(posts.refresh_build_updates, guild_id, updates))
        await _each_made(steps)

    return follow_up


def follow_up_payload(done: Forgotten) -> dict[str, Any]:
    """The FORGET_FOLLOW_UP_JOB's payload: what to change in Discord, as JSON."""
    return {
        "builds": sorted(done.builds),
        "showcase_posts": [list(post) for post in sorted(done.showcase_posts)],
        "meetups": sorted(done.meetups),
        "ballots": sorted(done.ballots),
        "queue_posts": [list(post) for post in sorted(done.queue_posts)],
        "changed_queue_posts": [list(post) for post in sorted(done.changed_queue_posts)],
        "build_threads": [
            [*thread[:3], list(thread.update_ids), *thread[4:]]
            for thread in sorted(done.build_threads)
        ],
        "build_updates": sorted(done.build_updates),
        "importer_roles": sorted(done.importer_roles),
    }


async def _each_made(steps: Sequence[Change]) -> None:
    """Make every change, one after another: one that must wait (Discord busy, a permission
    missing in one channel) holds back none after it, and is raised once the rest are made,
    for the job to try them all again (each is safe to make twice). Something deleted
    meanwhile, by a moderator, needs no change."""
    from bot.jobs import TryAgain  # the job queue imports this module

    waiting: TryAgain | None = None
    for step in steps:
        try:
            await step()
        except NotFound:
            continue
        except TryAgain as later:
            waiting = waiting or later
    if waiting is not None:
        raise waiting
