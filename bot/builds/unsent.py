"""The card of a build whose thread Discord would not start goes with the build: a card left in
the channel names a build nobody can find. Deleted at once when Discord lets it be; one Discord
did not let go of then (a 5xx, a 429 outlasting discord.py's waits, the network) is deleted by
a job (BUILD_UNSENT_CARD_JOB), which asks again, backing off, until the card is gone, and
once it is, never again. A card whose thread Discord could not say it started goes the same
way, the thread (one started on a card shares its id) deleted first: a card deleted first
leaves its thread standing, empty, named after the build.

A card or forum post whose start Discord never answered may have been taken all the same, with
an id the bot never heard. A text channel's card was sent with a nonce, which Discord answers,
for a few minutes, with the message it took: a job (BUILD_LOST_CARD_JOB) sends again with it
and deletes what comes back. A forum post is looked for among the server's active threads by a
job (BUILD_LOST_POST_JOB), a few times as Discord may start it late, and deleted."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple, Protocol

from bot.clock import Clock, unix
from bot.delivery import Outgoing
from bot.errors import NotFound
from bot.jobs import GiveUp, Handler, Job, JobQueue, TryAgain
from bot.privacy.posts import AuthoredPosts, BuildThread, PostedMessage

log = logging.getLogger(__name__)

BUILD_UNSENT_CARD_JOB = "builds.unsent_card"  # deletes the card of a build that never started
BUILD_LOST_CARD_JOB = "builds.lost_card"  # finds by its nonce a card sent unanswered, deletes it
BUILD_LOST_POST_JOB = "builds.lost_post"  # finds a forum post started unanswered, deletes it
GIVEN_UP = "Discord could not say whether the build's thread was started, so the build was given up"
# How long after the first send Discord still answers a nonce with the message it took: it
# promises "the past few minutes"; past the short end, a send again may post a new message.
NONCE_WINDOW = timedelta(minutes=2)
# When a forum post Discord did not answer for is first looked for, and how many looks in all
# (backing off between them): Discord may start a post after the ask is given up.
LOST_POST_FIRST_LOOK = timedelta(seconds=30)
LOST_POST_LOOKS = 4


class LostPost(NamedTuple):
    """A forum post the bot asked for without an answer: the forum, the post's name, its
    card's title (which names the build, whose number is never given out again), and when the
    bot asked (unix seconds)."""

    forum_id: int
    name: str
    card_title: str
    asked_at: int


class LostStarts(Protocol):
    """Cards and posts Discord may have taken without saying, as the discord layer reaches them.
    Raises `TryAgain` while Discord does not answer."""

    async def delete_sent_with_nonce(
        self, guild_id: int, channel_id: int, nonce: str, stand_in: str
    ) -> None:
        """Send `stand_in` to the channel with `nonce`, enforced, and delete what comes back:
        the message sent with it before, or, none taken, `stand_in`."""

    async def delete_lost_post(self, guild_id: int, post: LostPost) -> bool:
        """Delete the post, when the server's active threads show it; False when they do not."""


class Builds(Protocol):
    """The builds, as a lost post's job asks whether its build exists (NotFound: not)."""

    async def get(self, guild_id: int, build_id: int) -> Any: ...


class UnsentCards:
    """The jobs that delete what Discord took of a build that never started."""

    def __init__(self, jobs: JobQueue, clock: Clock) -> None:
        self._jobs = jobs
        self._clock = clock
        jobs.forget_payload_when_finished(BUILD_LOST_POST_JOB)  # the build's title

    async def delete_card_later(
        self, guild_id: int, card: PostedMessage, *, thread: bool = False
    ) -> None:
        """Schedule the deletion of `card` (with `thread`, of the thread started on it first, if
        there is one), due now: one job a card, however often it is asked."""
        await self._jobs.schedule(
            BUILD_UNSENT_CARD_JOB,
            f"{card.channel_id}:{card.message_id}",
            self._clock.now(),
            payload={
                "channel_id": card.channel_id,
                "message_id": card.message_id,
                "thread": thread,
            },
            guild_id=guild_id,
        )

    async def card_lost(
        self, guild_id: int, channel_id: int, build_id: int, nonce: str, sent_at: datetime
    ) -> None:
        """Have the card of build `build_id` Discord never answered for, first sent at
        `sent_at` with `nonce`, found and deleted, due now."""
        await self._jobs.schedule(
            BUILD_LOST_CARD_JOB,
            f"{channel_id}:{nonce}",
            self._clock.now(),
            payload={
                "channel_id": channel_id,
                "build_id": build_id,
                "nonce": nonce,
                "sent_at": unix(sent_at),
            },
            guild_id=guild_id,
        )

    async def post_lost(self, guild_id: int, build_id: int, post: LostPost) -> None:
        """Have the forum post of build `build_id` Discord never answered for looked for, and
        deleted, after LOST_POST_FIRST_LOOK: the build is given up meanwhile."""
        await self._jobs.schedule(
            BUILD_LOST_POST_JOB,
            f"{guild_id}:{build_id}",
            self._clock.now() + LOST_POST_FIRST_LOOK,
            payload={"build_id": build_id, "post": list(post)},
            guild_id=guild_id,
        )

    def lost_card_handler(self, posts: LostStarts) -> Handler:
        """The BUILD_LOST_CARD_JOB handler: within NONCE_WINDOW, the card sent again with its
        nonce and deleted; past it, Discord would post anew, so the nonce is logged for a
        moderator, and nothing sent."""

        async def find(job: Job) -> Outgoing | None:
            if job.guild_id is None:
                raise GiveUp("a card without a server")
            channel_id, nonce = int(job.payload["channel_id"]), str(job.payload["nonce"])
            sent_at = datetime.fromtimestamp(int(job.payload["sent_at"]), UTC)
            if self._clock.now() - sent_at > NONCE_WINDOW:
                raise GiveUp(
                    f"past the minutes Discord answers nonce {nonce} with the card it took: a "
                    f"card it took stays in channel {channel_id}"
                )
            stand_in = f"Build #{job.payload['build_id']} was not started."
            await posts.delete_sent_with_nonce(job.guild_id, channel_id, nonce, stand_in)
            return None

        return find

    def lost_post_handler(self, posts: LostStarts, builds: Builds) -> Handler:
        """The BUILD_LOST_POST_JOB handler: the post of a build that no longer exists deleted
        when found; looked for again, backing off, LOST_POST_LOOKS times in all."""

        async def look(job: Job) -> Outgoing | None:
            if job.guild_id is None:
                raise GiveUp("a post without a server")
            build_id = int(job.payload["build_id"])
            try:
                await builds.get(job.guild_id, build_id)
            except NotFound:
                pass
            else:
                return None  # started after all: the post is the build's
            if await posts.delete_lost_post(job.guild_id, LostPost(*job.payload["post"])):
                return None
            if job.attempts < LOST_POST_LOOKS:
                raise TryAgain(f"no post of build #{build_id} among the active threads yet")
            log.info("no post of build #%s was started in %s", build_id, job.guild_id)
            return None

        return look


def unsent_card_handler(posts: AuthoredPosts) -> Handler:
    """The BUILD_UNSENT_CARD_JOB handler: the card deleted; one gone already is no error, and
    what Discord may yet take (a 429, a 5xx) is tried again later."""

    async def delete(job: Job) -> Outgoing | None:
        if job.guild_id is None:
            raise GiveUp("a card without a server")
        card = PostedMessage(int(job.payload["channel_id"]), int(job.payload["message_id"]))
        if job.payload.get("thread"):  # none in jobs scheduled before threads were looked for
            started = BuildThread(card.channel_id, card.message_id, card.message_id, (), GIVEN_UP)
            await posts.delete_build_thread(job.guild_id, started)
        else:
            await posts.delete_message(job.guild_id, card)
        return None

    return delete
