"""The card of a build whose thread Discord would not start goes with the build: a card left in
the channel names a build nobody can find. Deleted at once when Discord lets it be; one Discord
did not let go of then (a 5xx, a 429 outlasting discord.py's waits, the network) is deleted by
a job (BUILD_UNSENT_CARD_JOB), which asks again, backing off, until the card is gone, and
once it is, never again. A card whose thread Discord could not say it started goes the same
way, the thread (one started on a card shares its id) deleted first: a card deleted first
leaves its thread standing, empty, named after the build."""

from __future__ import annotations

from bot.clock import Clock
from bot.delivery import Outgoing
from bot.jobs import GiveUp, Handler, Job, JobQueue
from bot.privacy.posts import AuthoredPosts, BuildThread, PostedMessage

BUILD_UNSENT_CARD_JOB = "builds.unsent_card"  # deletes the card of a build that never started
GIVEN_UP = "Discord could not say whether the build's thread was started, so the build was given up"


async def delete_card_later(
    jobs: JobQueue, clock: Clock, guild_id: int, card: PostedMessage, *, thread: bool = False
) -> None:
    """Schedule the deletion of `card` (with `thread`, of the thread started on it first, if
    there is one), due now: one job a card, however often it is asked."""
    await jobs.schedule(
        BUILD_UNSENT_CARD_JOB,
        f"{card.channel_id}:{card.message_id}",
        clock.now(),
        payload={"channel_id": card.channel_id, "message_id": card.message_id, "thread": thread},
        guild_id=guild_id,
    )


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
