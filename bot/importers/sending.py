"""Sending announcements out: each is posted to the announcements channel through the outbox,
then published by a queue that spends each channel's hourly budget and drops nothing; what a
suspended importer announced waits in the outbox until the suspension is lifted."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.clock import Clock, from_unix, unix
from bot.delivery import Outgoing, delivered_to
from bot.errors import NotFound
from bot.importers.values import Announcement, AnnouncementCard, Publisher, PublishLater
from bot.jobs import GiveUp, Job, JobQueue, NotYet, WaitsForPost
from bot.setup import SetupService
from bot.store import Store

IMPORTER_POST_JOB = "importer.post"
IMPORTER_PUBLISH_JOB = "importer.publish"
# Discord publishes about 10 messages an hour from one announcement channel.
PUBLISH_LIMIT = 10
PUBLISH_WINDOW = timedelta(hours=1)
WAIT_FOR_POST = timedelta(seconds=30)
# How often what a suspension holds back in the outbox looks again (lifting it also wakes it).
HELD_RECHECK = timedelta(minutes=15)
# Seconds a publish may take: a 429 is answered at once and waited out in the queue, so longer
# is Discord failing, or the bot's global limit holding the client back.
PUBLISH_TIMEOUT = 20.0

# (guild id, announcement id) -> the announcement as stored; `NotFound` once it is gone.
AnnouncementReader = Callable[[int, int], Awaitable[Announcement]]
# Told that where an announcement's card was posted is kept on it (guild, announcement ids),
# once, inside that transaction.
CardKept = Callable[[int, int], Awaitable[None]]


# An approved announcement not posted, as `post_stage` finds it, in its importer's words: the
# export's status, and a reply's "“…” was <words>".
NOT_POSTED = {
    "on its way": "approved, and is on its way to the announcements channel",
    "held": "approved, but is held back by the suspension and was never posted",
    "failed": "approved, but could not be posted",
}


async def post_stage(
    store: Store, jobs: JobQueue, key: str | None, *, suspended: bool
) -> str | None:
    """How an approved announcement (post jobs `key`, of an importer `suspended` or not) stands
    while it is not posted: 'on its way' (its post waits in the outbox, or is being sent),
    'held' (a suspension holds it back: it goes out only if that is lifted) or 'failed'
    (Discord refused it for good); None once sent, or so long ago its post's record is gone."""
    if key is None or await delivered_to(store, IMPORTER_POST_JOB, key) is not None:
        return None
    state = await jobs.state(IMPORTER_POST_JOB, key)
    if state == "failed":
        return "failed"
    if state == "pending" and suspended:
        return "held"
    return "on its way" if state in ("pending", "claimed") else None


async def card_of(
    store: Store, guild_id: int, announcement_id: int, key: str | None
) -> tuple[int, int] | None:
    """The channel and message of the announcement's card (post jobs `key`): as the
    announcement keeps it (`keep_card`), or, in the moments before that, as the outbox recorded
    the post; None while not posted."""
    row = await store.fetchone(
        "SELECT channel_id, message_id FROM announcements "
        "WHERE guild_id = ? AND id = ? AND message_id IS NOT NULL",
        (guild_id, announcement_id),
    )
    if row is not None:
        return row[0], row[1]
    return None if key is None else await delivered_to(store, IMPORTER_POST_JOB, key)


async def keep_card(
    store: Store,
    guild_id: int,
    announcement_id: int,
    key: str,
    *,
    kept: CardKept | None = None,
) -> tuple[int, int] | None:
    """Keep on the announcement where its post (jobs `key`) went, once sent: the outbox's
    record of it is purged 60 days on, and its card is edited (a suspension, a rename, a
    removal) or taken down as long as it stands. Where it went; None while not sent. `kept`
    is told of it the once it is kept (in a transaction of its own; without `kept`, in the
    caller's)."""
    sent = await delivered_to(store, IMPORTER_POST_JOB, key)
    if sent is None:
        return None
    keep = (
        "UPDATE announcements SET channel_id = ?, message_id = ? "
        "WHERE guild_id = ? AND id = ? AND message_id IS NULL"
    )
    if kept is None:  # inside the caller's transaction
        await store.execute(keep, (*sent, guild_id, announcement_id))
        return sent
    # One transaction: a stop between the two would leave `kept` never told.
    async with store.transaction():
        if await store.execute(keep, (*sent, guild_id, announcement_id)):
            await kept(guild_id, announcement_id)
    return sent


def post_key(importer_id: int, announcement_id: int) -> str:
    """The key of an announcement's post and publish jobs (by importer first: what a
    suspension holds back is found by its prefix)."""
    return f"{importer_id}:{announcement_id}"


class AnnouncementOutbox:
    """The post and the publishing of each announcement that goes out."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        setup: SetupService,
        jobs: JobQueue,
        read: AnnouncementReader,
        kept: CardKept,
    ) -> None:
        self._store = store
        self._clock = clock
        self._setup = setup
        self._jobs = jobs
        self._read = read
        self._kept = kept  # told where each card was posted

    async def send_out(self, guild_id: int, importer_id: int, announcement_id: int) -> None:
        """Post the announcement, then publish it (inside the caller's transaction)."""
        now = self._clock.now()
        key = post_key(importer_id, announcement_id)
        payload = {"announcement_id": announcement_id}
        for kind in (IMPORTER_POST_JOB, IMPORTER_PUBLISH_JOB):
            await self._jobs.schedule(kind, key, now, payload=payload, guild_id=guild_id)

    async def waiting_to_publish(self, importer_id: int) -> int:
        """How many of the importer's posts wait for the channel's publish budget."""
        return len(await self._jobs.pending_keys(IMPORTER_PUBLISH_JOB, f"{importer_id}:"))

    async def waiting_to_post(self, importer_id: int) -> int:
        """How many of the importer's posts are in the outbox, not sent yet."""
        return len(await self._jobs.pending_keys(IMPORTER_POST_JOB, f"{importer_id}:"))

    def handlers(
        self, card: AnnouncementCard, publisher: Publisher
    ) -> dict[str, Callable[[Job], Awaitable[Outgoing | None]]]:
        """The job handlers that post an announcement and then publish it."""

        async def post(job: Job) -> Outgoing:
            announcement = await self._job_announcement(job)
            if announcement.status != "posting":
                raise GiveUp("the announcement is not to be posted")
            self.hold_back(announcement)
            channel = (await self._setup.get(announcement.guild_id)).channels.get("announcements")
            if channel is None:  # unset since: the post waits for the next one set
                raise NotYet(
                    self._clock.now() + HELD_RECHECK,
                    "the server has no announcements channel; held until one is set",
                )
            return card(announcement, channel)

        async def publish(job: Job) -> None:
            # Run at once after each post (it waits for it): where the card went is kept there,
            # also while a suspension made since holds the publishing back.
            announcement = await self._job_announcement(job)
            sent = await keep_card(
                self._store, announcement.guild_id, announcement.id, job.key, kept=self._kept
            )
            self.hold_back(announcement)
            now = self._clock.now()
            if sent is None:
                if await self._post_failed(job.key):
                    raise GiveUp("the announcement was never posted")
                raise WaitsForPost(now + WAIT_FOR_POST, "the announcement is not posted yet")
            channel_id, message_id = sent
            await self._wait_for_budget(channel_id, now)
            try:
                published = await publisher.publish(channel_id, message_id)
            except PublishLater as later:
                raise NotYet(now + timedelta(seconds=later.retry_after), str(later)) from None
            if published:
                await self._store.execute(
                    "INSERT INTO importer_publishes (guild_id, channel_id, message_id, "
                    "published_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (job.guild_id, channel_id, message_id, unix(now)),
                )

        return {IMPORTER_POST_JOB: post, IMPORTER_PUBLISH_JOB: publish}

    def hold_back(self, announcement: Announcement) -> None:
        """Keep what is still to be sent of a suspended importer's announcement (its post, its
        publishing, alert DMs) in the outbox: `NotYet`, so it waits without spending retries
        and goes out once the suspension is lifted (which wakes it: `release_held`)."""
        if announcement.importer_suspended:
            raise NotYet(
                self._clock.now() + HELD_RECHECK,
                f"{announcement.importer_name} is suspended; held until that is lifted",
            )

    async def release_held(self, guild_id: int, importer_id: int) -> None:
        """Send now what a lifted suspension held back (inside the transaction lifting it)."""
        for kind in (IMPORTER_POST_JOB, IMPORTER_PUBLISH_JOB):
            await self._jobs.run_now(kind, f"{importer_id}:")

    async def _wait_for_budget(self, channel_id: int, now: datetime) -> None:
        recent = await self._store.fetchall(
            "SELECT published_at FROM importer_publishes WHERE channel_id = ? AND "
            "published_at > ? ORDER BY published_at",
            (channel_id, unix(now - PUBLISH_WINDOW)),
        )
        if len(recent) >= PUBLISH_LIMIT:
            frees_at = from_unix(recent[len(recent) - PUBLISH_LIMIT]["published_at"])
            raise NotYet(frees_at + PUBLISH_WINDOW, "the channel's publish budget is spent")

    async def _post_failed(self, key: str) -> bool:
        return await self._jobs.state(IMPORTER_POST_JOB, key) in (None, "failed")

    async def _job_announcement(self, job: Job) -> Announcement:
        if job.guild_id is None:
            raise GiveUp("an announcement without a server")
        try:
            return await self._read(job.guild_id, job.payload["announcement_id"])
        except NotFound:
            raise GiveUp("the announcement is gone") from None
