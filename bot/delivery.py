"""What the bot sends later, as plain values, and the outbox that sends each job's message once.

A service's job handler describes its message as an `Outgoing` (where, text, embeds as plain data
in Discord's JSON form, buttons, the users it may mention) and returns it; the job runner hands
it to the outbox, which sends it through the `Sender` that the discord layer implements and
records the sent message id as soon as Discord answers, then marks the job done (with what a
sent hook keeps) in a transaction of its own. A job claimed again after a crash, or after its
hook failed, finds the record and sends nothing, finishing what is left; a crash between the
send and the record is covered by the nonce: a retry sends the same nonce with `enforce_nonce`,
and Discord answers with the message it already created instead of a second one, but only for a
few minutes. A DM goes straight to the channel of
the member's latest recorded DM, when there is one.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

from bot.clock import Clock, unix
from bot.jobs import GiveUp, Job, JobQueue
from bot.limits import MESSAGE_NONCE
from bot.privacy import FORMER_MEMBER
from bot.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Channel:
    """A text channel, announcement channel or thread."""

    id: int


@dataclass(frozen=True)
class DirectMessage:
    user_id: int
    # The member's DM channel, when the outbox knows it from an earlier DM: the send is then
    # one request, not two (opening the channel first).
    channel_id: int | None = None


Destination = Channel | DirectMessage


@dataclass(frozen=True)
class Button:
    """A button whose `custom_id` a persistent component of the discord layer answers."""

    label: str
    custom_id: str


@dataclass(frozen=True)
class Outgoing:
    to: Destination
    content: str = ""
    embeds: tuple[Mapping[str, Any], ...] = ()  # Discord's JSON embed objects
    buttons: tuple[Button, ...] = ()
    mention_user_ids: tuple[int, ...] = ()  # the only users it may ping; nobody else, no roles

    @property
    def recipient_id(self) -> int | None:
        """The member a DM is for; None for a post in a channel."""
        return self.to.user_id if isinstance(self.to, DirectMessage) else None


class Refused(Exception):
    """Discord will never accept this message: unknown channel, closed DMs, missing access."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"{reason} (code {code})")
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class Sent:
    channel_id: int
    message_id: int


# Called with a job and where its message went, inside the transaction that marks the job done,
# once the send is recorded: a service keeping where its posts are (the moderation queue) keeps
# it once, as long as it needs to, not as long as the job's record lasts. A hook that fails is
# run again by the job's retry, on the message already sent, which is never sent again.
SentHook = Callable[[Job, Sent], Awaitable[None]]


class Sender(Protocol):
    async def send(self, message: Outgoing, *, nonce: str) -> Sent:
        """Send `message`; return where it went and its id. Raise `Refused` when retrying
        cannot help; any other exception (rate limit, server error, timeout) means try again
        later."""
        ...


async def _uncancelled(work: Awaitable[None]) -> None:
    """Run `work` to its end even when the caller is cancelled meanwhile, then let the
    cancellation go on."""
    task = asyncio.ensure_future(work)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        await task
        raise


def nonce_for(text: str) -> str:
    """A nonce that is the same for the same `text`, within Discord's length."""
    return hashlib.sha256(text.encode()).hexdigest()[:MESSAGE_NONCE]


def job_nonce(job: Job) -> str:
    """The same nonce for every try of one job, so Discord can drop a repeat: of its kind and
    key, as two kinds may key their jobs alike (a ballot's number)."""
    return nonce_for(f"{job.kind}:{job.key}")


@dataclass(frozen=True)
class Delivery:
    job_id: int
    message_id: int | None
    refusal_code: int | None
    refusal: str | None
    channel_id: int | None  # where the message went: the channel, or the member's DM channel

    @property
    def sent(self) -> Sent | None:
        """Where the message went, when Discord accepted it."""
        if self.message_id is None or self.channel_id is None:
            return None
        return Sent(self.channel_id, self.message_id)


async def delivered_to(store: Store, kind: str, key: str) -> tuple[int, int] | None:
    """The channel and message ids of the post job (kind, key) sent to a channel, once the
    outbox recorded it; None for a DM, whose channel is the member's (`Delivery`, the outbox's
    own read, has it). Its callers find their own posts (an announcement's card, a ballot's
    result) to edit or delete them; a member's DM is found by the record its sender keeps of
    it (an alert DM's), and a forget deletes the member's delivery rows."""
    row = await store.fetchone(
        "SELECT deliveries.channel_id, deliveries.message_id FROM jobs "
        "JOIN deliveries ON deliveries.job_id = jobs.id "
        "WHERE jobs.kind = ? AND jobs.key = ? AND deliveries.message_id IS NOT NULL",
        (kind, key),
    )
    return None if row is None or row["channel_id"] is None else (row[0], row[1])


class Outbox:
    """Sends the message a job composed and records the outcome under the job."""

    def __init__(self, store: Store, queue: JobQueue, clock: Clock, sender: Sender) -> None:
        self._store = store
        self._queue = queue
        self._clock = clock
        self._sender = sender

    async def recorded(self, job: Job) -> Delivery | None:
        """What became of the job's message, when an earlier try got as far as recording it."""
        row = await self._store.fetchone(
            "SELECT job_id, message_id, refusal_code, refusal, "
            "coalesce(dm_channel_id, channel_id) FROM deliveries WHERE job_id = ?",
            (job.id,),
        )
        return None if row is None else Delivery(*row)

    async def send(self, job: Job, message: Outgoing, *, on_sent: SentHook | None = None) -> int:
        """Send once: the message id is committed as soon as Discord answers, then what
        `on_sent` records with the job's completion (`finish`)."""
        if isinstance(message.to, DirectMessage):
            if message.to.user_id == FORMER_MEMBER:
                # Whoever a DM was meant for (an anonymised organizer, say) asked to be forgotten.
                raise GiveUp("the member it is for was forgotten")
            channel_id = await self._dm_channel(message.to.user_id)
            message = replace(message, to=DirectMessage(message.to.user_id, channel_id))
        try:
            sent = await self._sender.send(message, nonce=job_nonce(job))
        except Refused as refusal:
            await self._record(job, message, refusal_code=refusal.code, refusal=refusal.reason)
            raise GiveUp(f"Discord refused the message: {refusal}") from None
        # Alone, not with the hook: a hook that fails must not undo the record of a message
        # members already see, or its retry would send it again once the nonce is forgotten.
        # For the same reason a stop or the job's time limit cutting the job short now waits
        # for the record.
        await _uncancelled(self._record(job, message, sent))
        await self.finish(job, sent, on_sent)
        return sent.message_id

    async def finish(self, job: Job, sent: Sent, on_sent: SentHook | None) -> None:
        """Mark the job done, with what `on_sent` records of its recorded send; nothing, when
        another worker took the job over (its lease ran out), since that worker's claim keeps
        what its own hook records."""
        async with self._store.transaction():
            if await self._queue.done(job) and on_sent is not None:
                await on_sent(job, sent)

    async def _dm_channel(self, user_id: int) -> int | None:
        """The channel of the member's latest DM: latest sent, since jobs are made (and
        numbered) long before they are sent, and a channel opened again replaces the last."""
        return await self._store.fetchval(
            "SELECT dm_channel_id FROM deliveries WHERE user_id = ? AND dm_channel_id IS NOT NULL "
            "ORDER BY at DESC, job_id DESC LIMIT 1",
            (user_id,),
        )

    async def _record(
        self,
        job: Job,
        message: Outgoing,
        sent: Sent | None = None,
        *,
        refusal_code: int | None = None,
        refusal: str | None = None,
    ) -> None:
        channel_id = message.to.id if isinstance(message.to, Channel) else None
        user_id = message.recipient_id
        dm_channel_id = sent.channel_id if sent is not None and user_id is not None else None
        await self._store.execute(
            # A worker whose claim ran out while it sent may find the record made by the worker
            # that took over; Discord answered both with the same message (the nonce), so the
            # first record stands.
            "INSERT INTO deliveries (job_id, channel_id, user_id, dm_channel_id, message_id, "
            "refusal_code, refusal, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (job_id) DO NOTHING",
            (
                job.id,
                channel_id,
                user_id,
                dm_channel_id,
                None if sent is None else sent.message_id,
                refusal_code,
                refusal,
                unix(self._clock.now()),
            ),
        )
