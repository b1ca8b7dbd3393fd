"""Members own their data: every service that stores a member's id says what it holds, how to
export it and how to forget it, and `/privacy` asks them all.

A service registers a `MemberData` naming the tables and member columns it covers (a test walks
the schema and fails on a member column no registration covers), an `export` that returns the
member's rows by section and server, and a `forget` that deletes or anonymises them in one
server, inside the one transaction the privacy service holds for the whole forget. Anonymised
rows keep their place in shared history with `FORMER_MEMBER` where the member's id was. The
messages in Discord a forget changes, and the job that changes them, are in
`bot.privacy.posts`.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.clock import Clock, from_unix, unix
from bot.errors import UserError
from bot.limits import ATTACHMENT_MAX
from bot.privacy.posts import (
    FORGET_FOLLOW_UP_JOB,
    BuildThread,
    PostedMessage,
    QueuePost,
    ShowcasePost,
    follow_up_payload,
)
from bot.store import Params, Store

if TYPE_CHECKING:  # the job queue registers its own part here
    from bot.jobs import JobQueue

# Of the export document; raised when its shape changes (2: ids as text; 3: every instant as
# ISO 8601 text in UTC, `at` columns too; 4: yes or no as true or false, statuses in words;
# 5: moderation queue items by what they were, people as "you" or "a moderator", no mentions).
SCHEMA_VERSION = 5
# What a member column holds once its member is forgotten: Discord never issues the id 0, so it
# matches nobody, and the discord layer shows it as "a former member".
FORMER_MEMBER = 0
CONFIRM_FOR = timedelta(minutes=10)
# An export this long (in bytes of JSON) is zipped: members with years of build logs would
# otherwise download megabytes of repetitive text.
ZIP_ABOVE = 1_000_000
JSON_EXACT_INTEGER = 2**53 - 1  # the largest integer every JSON reader keeps exact
# The section a member's builds are exported under and a forget counts them by: the data a
# forget's confirmation asks a choice of.
BUILDS = "builds"

Rows = list[dict[str, Any]]
# What a service exports: section name -> server -> the member's rows there.
Sections = dict[str, dict[int, Rows]]


@dataclass(frozen=True)
class Forgotten:
    """What forgetting a member changed in one server, counted by what members call it."""

    deleted: Mapping[str, int] = field(default_factory=dict)
    anonymised: Mapping[str, int] = field(default_factory=dict)
    # Meetups whose cards name the member as organizer or show their answer in the counts.
    meetups: frozenset[int] = frozenset()
    builds: frozenset[int] = frozenset()  # kept builds whose cards still name the member
    # The showcase posts of the member's builds, which name them: of a kept build, to be shown
    # with a former member; of a deleted one, to be deleted with it.
    showcase_posts: frozenset[ShowcasePost] = frozenset()
    # Open ballots listing the member's builds: the ballot shows a kept one with a former
    # member, and a deleted one as withdrawn.
    ballots: frozenset[int] = frozenset()
    # Moderation queue posts of items that left the queue with the member: their buttons would
    # lead nowhere, and an announcement's post shows what the member wrote.
    queue_posts: frozenset[PostedMessage] = frozenset()
    # Moderation queue posts rendered again: of items still waiting that showed what the member
    # wrote (a co-nominator's reason), without it; of items the member decided as a moderator,
    # saying "a moderator" instead.
    changed_queue_posts: frozenset[QueuePost] = frozenset()
    # The threads and cards of deleted builds: the member's words and photos, which Keitora
    # posted and so only Keitora (or a moderator) can delete.
    build_threads: frozenset[BuildThread] = frozenset()
    # The member's posted updates that stay (on kept builds, or on others' builds): each
    # names them as its author.
    build_updates: frozenset[int] = frozenset()
    # Members whose importer profile went: the importer role Keitora gave them is taken back.
    importer_roles: frozenset[int] = frozenset()

    def plus(self, other: Forgotten) -> Forgotten:
        return Forgotten(
            _added(self.deleted, other.deleted),
            _added(self.anonymised, other.anonymised),
            self.meetups | other.meetups,
            self.builds | other.builds,
            self.showcase_posts | other.showcase_posts,
            self.ballots | other.ballots,
            self.queue_posts | other.queue_posts,
            self.changed_queue_posts | other.changed_queue_posts,
            self.build_threads | other.build_threads,
            self.build_updates | other.build_updates,
            self.importer_roles | other.importer_roles,
        )

    def names_in_discord(self) -> bool:
        """Whether anything in Discord must change after this forget: Keitora's messages, or
        the importer role it gave."""
        changed = (self.meetups, self.builds, self.showcase_posts, self.ballots)
        queue = (self.queue_posts, self.changed_queue_posts)
        builds = (self.build_threads, self.build_updates)
        return any(changed) or any(queue) or any(builds) or bool(self.importer_roles)


def _added(first: Mapping[str, int], second: Mapping[str, int]) -> dict[str, int]:
    total = Counter(first)
    total.update(second)
    return {label: count for label, count in total.items() if count}


@dataclass(frozen=True)
class MemberData:
    """One service's part of a member's data."""

    covers: Mapping[str, tuple[str, ...]]  # table -> the member columns this service handles
    export: Callable[[int], Awaitable[Sections]]
    # (guild_id, member_id, keep_builds) -> what changed; runs inside the forget's transaction
    forget: Callable[[int, int, bool], Awaitable[Forgotten]]


@dataclass(frozen=True)
class ExportFile:
    filename: str
    data: bytes
    rows: int
    servers: int


@dataclass(frozen=True)
class ForgetRequest:
    id: int
    member_id: int
    expires_at: datetime
    servers: tuple[int, ...] = ()  # where something is stored about the member, as asked
    # The export's sections that hold something of theirs, as asked ("builds": what to ask
    # them of their builds).
    sections: frozenset[str] = frozenset()


class BuildsSinceAsked(Exception):
    """A forget confirmed by a question that asked nothing of builds, the member having none
    then, who started `count` since: nothing was forgotten, and the confirmation stays open
    until they are asked again, with the choice."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} builds started since the member was asked")
        self.count = count


@dataclass(frozen=True)
class ForgetReport:
    servers: tuple[int, ...]
    forgotten: Forgotten
    by_server: Mapping[int, Forgotten]


def instant_text(moment: datetime) -> str:
    """An instant as every export writes it: ISO 8601 to the second, in UTC with its offset."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


async def member_rows(
    store: Store,
    sql: str,
    params: Params,
    *,
    yes_no: Collection[str] = (),
    words: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[int, Rows]:
    """The rows `sql` selects (its first column `guild_id`), by server, ready for JSON:
    instants (columns named `at` or `*_at`) as `instant_text`, Discord ids as text, JSON
    columns left as text; the `yes_no` columns (kept as 0 and 1) as true and false, and each
    column of `words` in the words it maps its codes to (a code it lacks kept as it is)."""
    by_guild: dict[int, Rows] = {}
    for row in await store.fetchall(sql, params):
        values = dict(row)
        guild_id = values.pop("guild_id")
        for name, value in values.items():
            if value is None:
                continue
            if name in yes_no:
                values[name] = bool(value)
            elif words is not None and name in words:
                values[name] = words[name].get(value, value)
            elif (name == "at" or name.endswith("_at")) and isinstance(value, int):
                values[name] = instant_text(from_unix(value))
            elif isinstance(value, int) and abs(value) > JSON_EXACT_INTEGER:
                # A Discord id (a channel, a thread, a message): JSON readers such as
                # JavaScript's keep a number exact only up to 2**53, and Discord's ids are past it.
                values[name] = str(value)
        by_guild.setdefault(guild_id, []).append(values)
    return by_guild


class PrivacyService:
    """The registry, the export, and the confirmed forget across every server."""

    def __init__(self, store: Store, clock: Clock, jobs: JobQueue) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        # The follow-up names what it changes (an importer's member, a moderator's posts).
        jobs.forget_payload_when_finished(FORGET_FOLLOW_UP_JOB)
        self._parts: list[MemberData] = []
        # Members whose forget is running in this process (one bot runs on a database).
        self._forgetting: set[int] = set()
        self.register(
            MemberData(
                covers={"forget_requests": ("member_id",)},
                export=self._export_requests,
                forget=self._forget_requests,
            )
        )

    def register(self, part: MemberData) -> None:
        """Add a service's part; parts are forgotten in the order registered (a part whose
        rows others point at registers after them)."""
        self._parts.append(part)

    def covered(self) -> dict[str, set[str]]:
        """Every table's member columns some registered part handles."""
        tables: dict[str, set[str]] = {}
        for part in self._parts:
            for table, columns in part.covers.items():
                tables.setdefault(table, set()).update(columns)
        return tables

    # --- export ----------------------------------------------------------------------------------

    async def collect(self, member_id: int) -> dict[int, dict[str, Rows]]:
        """Everything stored about the member: server -> section -> rows (empty sections left
        out, servers in id order)."""
        servers: dict[int, dict[str, Rows]] = {}
        for part in self._parts:
            for section, by_guild in (await part.export(member_id)).items():
                for guild_id, rows in by_guild.items():
                    if rows:
                        servers.setdefault(guild_id, {})[section] = rows
        return dict(sorted(servers.items()))

    async def export(
        self, member_id: int, server_names: Mapping[int, str] | None = None
    ) -> ExportFile | None:
        """The member's data as a JSON file (zipped when large); None when nothing is stored.
        Each server is named as `server_names` has it (the discord layer's names of the servers
        Keitora is in; a server it left is kept a while, nameless)."""
        names = server_names or {}
        servers = await self.collect(member_id)
        if not servers:
            return None
        document = {
            "schema_version": SCHEMA_VERSION,
            "member_id": str(member_id),
            "exported_at": instant_text(self._clock.now()),
            "servers": {
                str(guild_id): {
                    "guild_id": str(guild_id),
                    "server_name": names.get(guild_id),
                    **sections,
                }
                for guild_id, sections in servers.items()
            },
        }
        text = json.dumps(document, ensure_ascii=False, indent=1).encode()
        rows = sum(len(rows) for sections in servers.values() for rows in sections.values())
        name = f"keitora-data-{member_id}"
        if len(text) <= ZIP_ABOVE:
            return ExportFile(f"{name}.json", text, rows, len(servers))
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{name}.json", text)
        if packed.tell() > ATTACHMENT_MAX:
            raise UserError(
                "Your data is too large for one Discord attachment even zipped; ask a server "
                "admin for a copy from the bot's database."
            )
        return ExportFile(f"{name}.zip", packed.getvalue(), rows, len(servers))

    # --- forget ----------------------------------------------------------------------------------

    async def request_forget(self, guild_id: int, member_id: int) -> ForgetRequest | None:
        """Open a confirmation for 10 minutes, replacing any the member has open (a dismissed
        ephemeral one cannot be reached again); None when nothing is stored about them.
        Refused while their forget is under way."""
        self._refuse_while_forgetting(member_id)
        now = self._clock.now()
        # Before collecting: a member's own confirmation, open or expired, is nothing to forget.
        # The old one's buttons then find it gone, and only the newest can confirm.
        await self.drop_expired_requests()
        await self._drop_requests_of(member_id)
        servers = await self.collect(member_id)
        if not servers:
            return None
        async with self._store.transaction():
            # Again: another /privacy forget of theirs may have opened one meanwhile.
            await self._drop_requests_of(member_id)
            expires = now + CONFIRM_FOR
            request_id = await self._store.insert(
                "INSERT INTO forget_requests (guild_id, member_id, requested_at, expires_at) "
                "VALUES (?, ?, ?, ?)",
                (guild_id, member_id, unix(now), unix(expires)),
            )
        held = frozenset(section for sections in servers.values() for section in sections)
        return ForgetRequest(request_id, member_id, expires, tuple(servers), held)

    async def cancel(self, clicker_id: int, member_id: int, request_id: int) -> None:
        _refuse_unless_theirs(clicker_id, member_id)
        async with self._store.transaction():
            await self._claim(member_id, request_id)

    async def forget(
        self, clicker_id: int, member_id: int, request_id: int, *, keep_builds: bool | None
    ) -> ForgetReport:
        """Forget the member everywhere once they confirmed; `keep_builds` None when they were
        asked nothing of builds, having none. Builds started since then are not deleted
        unasked: `BuildsSinceAsked` is raised instead. The confirmation is taken and every
        server forgotten in one transaction: what the member starts meanwhile (a build, an
        RSVP) waits for its commit and stays, as nothing they were asked about."""
        _refuse_unless_theirs(clicker_id, member_id)
        self._refuse_while_forgetting(member_id)
        async with self._store.transaction():
            await self._claim(member_id, request_id)
            if keep_builds is None and (started := await self._builds_of(member_id)):
                raise BuildsSinceAsked(started)  # rolls the claim back
            # Claimed, until the last server is done a new confirmation must not open a
            # second forget beside this one.
            self._forgetting.add(member_id)
            try:
                return await self._forget_everywhere(member_id, request_id, bool(keep_builds))
            finally:
                self._forgetting.discard(member_id)

    async def _forget_everywhere(
        self, member_id: int, request_id: int, keep_builds: bool
    ) -> ForgetReport:
        """Inside the confirmation's transaction."""
        servers = tuple(await self.collect(member_id))
        by_server: dict[int, Forgotten] = {}
        for guild_id in servers:
            done = Forgotten()
            for part in self._parts:
                done = done.plus(await part.forget(guild_id, member_id, keep_builds))
            if done.names_in_discord():
                # Discord's copies are changed by a job, committed with the forget: a restart
                # or a refusal must not leave them naming the member.
                await self._jobs.schedule(
                    FORGET_FOLLOW_UP_JOB,
                    f"{request_id}:{guild_id}",
                    self._clock.now(),
                    payload=follow_up_payload(done),
                    guild_id=guild_id,
                )
            by_server[guild_id] = done
        total = Forgotten()
        for done in by_server.values():
            total = total.plus(done)
        return ForgetReport(servers, total, by_server)

    async def _builds_of(self, member_id: int) -> int:
        """How many builds the member owns, in every server."""
        servers = await self.collect(member_id)
        return sum(len(sections.get(BUILDS, ())) for sections in servers.values())

    def _refuse_while_forgetting(self, member_id: int) -> None:
        if member_id in self._forgetting:
            raise UserError(
                "Your data is being forgotten right now; nothing more was changed. Use /privacy "
                "export in a minute to see that nothing is left."
            )

    async def _claim(self, member_id: int, request_id: int) -> None:
        """Take the open confirmation `request_id` of `member_id` (inside a transaction)."""
        expires_at = await self._store.fetchval(
            "DELETE FROM forget_requests WHERE id = ? AND member_id = ? RETURNING expires_at",
            (request_id, member_id),
        )
        if expires_at is None:
            # Ids are never reused: a later one of theirs was asked after this one.
            if await self._store.fetchval(
                "SELECT 1 FROM forget_requests WHERE member_id = ? AND id > ?",
                (member_id, request_id),
            ):
                raise UserError(
                    "This confirmation was replaced by a newer /privacy forget; nothing was "
                    "changed. Use the buttons of the newest one."
                )
            raise UserError(
                "This confirmation is no longer open (it was used, cancelled, replaced or "
                "expired); nothing more was changed. Use /privacy forget to start again."
            )
        if expires_at <= unix(self._clock.now()):
            raise UserError(
                "This confirmation expired after 10 minutes; nothing was deleted. "
                "Use /privacy forget to start again."
            )

    async def _drop_requests_of(self, member_id: int) -> None:
        await self._store.execute("DELETE FROM forget_requests WHERE member_id = ?", (member_id,))

    async def drop_expired_requests(self) -> int:
        """Delete the confirmations that expired, which can confirm nothing (a daily chore, and
        before each new one); returns how many."""
        return await self._store.execute(
            "DELETE FROM forget_requests WHERE expires_at <= ?", (unix(self._clock.now()),)
        )

    async def _export_requests(self, member_id: int) -> Sections:
        return {
            "open_forget_requests": await member_rows(
                self._store,
                "SELECT guild_id, requested_at, expires_at FROM forget_requests "
                "WHERE member_id = ? AND expires_at > ?",
                (member_id, unix(self._clock.now())),
            )
        }

    async def _forget_requests(self, guild_id: int, member_id: int, keep: bool) -> Forgotten:
        await self._store.execute(
            "DELETE FROM forget_requests WHERE guild_id = ? AND member_id = ?",
            (guild_id, member_id),
        )
        return Forgotten()


def _refuse_unless_theirs(clicker_id: int, member_id: int) -> None:
    if clicker_id != member_id:
        raise UserError(
            "This confirmation belongs to someone else; use /privacy forget for your own data."
        )


def counted(labels: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Counts by label, leaving out the zeros: what a `Forgotten` holds."""
    return {label: count for label, count in labels if count}


async def anonymise(
    store: Store, guild_id: int, member_id: int, columns: Mapping[str, Sequence[str]]
) -> int:
    """Put `FORMER_MEMBER` where the member's id is in the given columns of a service's own
    tables, in one server; returns how many rows changed."""
    changed = 0
    for table, names in columns.items():
        for name in names:
            changed += await store.execute(
                f"UPDATE {table} SET {name} = ? WHERE guild_id = ? AND {name} = ?",
                (FORMER_MEMBER, guild_id, member_id),
            )
    return changed
