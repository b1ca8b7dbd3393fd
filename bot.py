"""Keitora's entry point: `run` (default), `sandbox`, `check` and `backup PATH`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import re
import signal
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

import aiohttp
import discord

from bot.clock import SystemClock
from bot.config import ConfigError, Settings, exposed_token_file, load_env_file
from bot.store import (
    LOCK_SUFFIX,
    DatabaseInUse,
    Store,
    StoreError,
    backup_database,
    discover_migrations,
    lock_file,
    schema_version_of,
    sole_bot,
)

log = logging.getLogger("keitora")

EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2
LOG_FORMAT = ("{asctime} {levelname:<8} {name} {message}", "%Y-%m-%d %H:%M:%S")  # as discord.py's

NO_TOKEN = """\
Keitora needs a bot token to connect to Discord, and DISCORD_TOKEN is not set.

A token is the password your bot application uses to log in. To get one:
  1. open https://discord.com/developers/applications and create an application,
  2. on its "Bot" page, press "Reset Token" and copy the token,
  3. run:  DISCORD_TOKEN=your-token python3 dev.py run   (or put DISCORD_TOKEN=... in a .env file).
README.md ("Going live") walks through it, including how to invite the bot to your server.

To try Keitora without any Discord account, run the sandbox instead:
  python3 dev.py sandbox
"""


# At DEBUG, discord.py logs each gateway event whole and each REST call's URL: an interaction
# carries a token, also in the URLs that answer it, which lets its holder answer, edit and
# follow up as the bot for 15 minutes.
INTERACTION_TOKEN = re.compile(
    r"(?P<before>/(?:interactions|webhooks)/\d+/|['\"]token['\"]:\s*['\"])[\w.-]+"
)


class HideCredentials(logging.Filter):
    """Takes the bot's token and interactions' tokens out of every line logged."""

    def __init__(self, bot_token: str | None) -> None:
        super().__init__()
        self._bot_token = bot_token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = INTERACTION_TOKEN.sub(r"\g<before>(hidden)", message)
        if self._bot_token:
            hidden = hidden.replace(self._bot_token, "(hidden)")
        if hidden != message:
            record.msg, record.args = hidden, None
        return True


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bot.py", description="Keitora, the kei truck Discord bot"
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="connect to Discord (the default)")
    sandbox = commands.add_parser("sandbox", help="try the bot on a loopback Discord, no account")
    sandbox.add_argument("--script", type=Path, help="run the console lines in FILE and exit")
    sandbox.add_argument("--db", type=Path, help="keep the sandbox database at this path")
    commands.add_parser("check", help="validate the configuration and the database")
    backup = commands.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("path", type=Path, help="where to write the copy")
    return parser.parse_args(argv)


ENV_FILE = Path(".env")


def load_settings() -> tuple[Settings, str | None]:
    """The settings, and a warning when the token's file is readable by other users."""
    environ = dict(os.environ)
    filled = load_env_file(ENV_FILE, environ)
    settings = Settings.from_env(environ)
    return settings, exposed_token_file(ENV_FILE, filled) if settings.token else None


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        settings, exposed = load_settings()
    except ConfigError as exc:
        print("Keitora's configuration has a problem:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_CONFIG
    # discord.py colours its log whenever it runs in Docker, even into a pipe or the journal,
    # which then keep the escape codes: colour only a terminal.
    plain = {} if sys.stderr.isatty() else {"formatter": logging.Formatter(*LOG_FORMAT, style="{")}
    discord.utils.setup_logging(level=settings.log_level_number, root=True, **plain)
    for handler in logging.getLogger().handlers:
        handler.addFilter(HideCredentials(settings.token))
    # At DEBUG, aiosqlite logs every statement with its values: members' words and every token
    # the database keeps, and a line per query, with nothing a host could act on.
    logging.getLogger("aiosqlite").setLevel(max(settings.log_level_number, logging.INFO))
    try:
        if args.command == "check":
            return asyncio.run(check(settings, exposed))
        if exposed:
            log.warning(exposed)
        if args.command == "backup":
            return backup(settings, args.path)
        if args.command == "sandbox":
            return sandbox(settings, args.script, args.db)
        if not settings.token:
            print(NO_TOKEN, file=sys.stderr)
            return EXIT_CONFIG
        return asyncio.run(run(settings))
    except StoreError as exc:
        print(f"Database problem: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_OK


async def run(settings: Settings) -> int:
    with sole_bot(settings.database_path):
        return await connect(settings)


async def connect(settings: Settings) -> int:
    from bot.client import ServerNotJoined, create_bot
    from web.public_calendar import WebServerError

    if settings.feed_allow_private:
        log.warning(PRIVATE_FEEDS)
    store = await Store.open(settings.database_path, durable_commits=settings.durable_commits)
    try:
        bot = create_bot(settings, store, SystemClock())
        closing: set[asyncio.Task[None]] = set()

        def close_on_signal() -> None:
            # The event loop keeps only a weak reference to a task: hold this one until it ends.
            task = asyncio.ensure_future(bot.close())
            closing.add(task)
            task.add_done_callback(closing.discard)

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, close_on_signal)
        async with bot:
            await bot.start(settings.token or "")
    except discord.LoginFailure:
        print(
            "Discord rejected the token (401 Unauthorized). Reset it on the application's Bot "
            "page in the developer portal and set DISCORD_TOKEN again.",
            file=sys.stderr,
        )
        return EXIT_CONFIG  # restarting cannot mend it: the service manager leaves it stopped
    except discord.PrivilegedIntentsRequired:
        print("Discord refused the gateway intents; see README.md, 'Intents'.", file=sys.stderr)
        return EXIT_CONFIG
    except ServerNotJoined as exc:
        return _stranger_named(str(exc.guild_id))
    except discord.HTTPException as exc:
        stranger = _server_refused(exc)
        if stranger is None:
            raise
        return _stranger_named(stranger)
    except WebServerError as exc:
        print(f"The public calendar's web server {exc}. Check WEB_PORT.", file=sys.stderr)
        return EXIT_FAILED
    except (aiohttp.ClientError, discord.GatewayNotFound, OSError) as exc:
        where = settings.api_base or "Discord"
        print(
            f"Could not reach {where}: {exc}. Check the network and DISCORD_API_BASE.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    finally:
        await store.close()
    log.info("Keitora stopped cleanly")
    return EXIT_OK


def _stranger_named(stranger: str) -> int:
    print(
        f"DISCORD_GUILD_IDS lists {stranger}, a server Keitora is not in: invite it there "
        "(README.md, 'Invite it to your server') or take the id out.",
        file=sys.stderr,
    )
    return EXIT_CONFIG


# What Discord answers a command sync for a server the bot is not in (one that removed Keitora
# after the start-up's check).
UNKNOWN_GUILD, MISSING_ACCESS = 10004, 50001
GUILD_COMMANDS = re.compile(r"/applications/\d+/guilds/(\d+)/commands")


def _server_refused(error: discord.HTTPException) -> str | None:
    """The server of DISCORD_GUILD_IDS whose commands Discord refused to sync, if that is what
    `error` is."""
    if error.code not in (UNKNOWN_GUILD, MISSING_ACCESS):
        return None
    match = GUILD_COMMANDS.search(str(error.response.url))
    return match[1] if match else None


def sandbox(settings: Settings, script_path: Path | None, database: Path | None) -> int:
    # Imported here: the pretend Discord is no part of running the real bot.
    from sandbox.session import run_sandbox, spec_to_check
    from sandbox.spec import spec_path_from_env

    script = None
    if script_path is not None:
        if not script_path.is_file():
            print(f"There is no script at {script_path}.", file=sys.stderr)
            return EXIT_CONFIG
        script = script_path.read_text(encoding="utf-8")
    spec = spec_to_check(spec_path_from_env(os.environ))
    # Its pretend Discord has none of a real bot's servers, which it would record as removed:
    # a bot running on the same database would then purge them 30 days on.
    with contextlib.nullcontext() if database is None else sole_bot(database):
        return asyncio.run(run_sandbox(settings, script=script, database=database, spec=spec))


PRIVATE_FEEDS = (
    "FEED_ALLOW_PRIVATE is on, so an importer's feed address may reach this machine and its "
    "private network (cloud metadata, admin pages): for tests and the sandbox only"
)


async def check(settings: Settings, exposed_token: str | None) -> int:
    path = settings.database_path
    print(f"configuration: ok (token {'set' if settings.token else 'not set'}, database {path})")
    for warning in (PRIVATE_FEEDS if settings.feed_allow_private else None, exposed_token):
        if warning:
            print(f"warning: {warning}")
    known = len(discover_migrations())
    if waiting := migrations_a_running_bot_would_miss(path, known):
        print(f"Database problem: {waiting}", file=sys.stderr)
        return EXIT_FAILED
    async with await Store.open(path) as store:
        print(f"migrations: schema version {await store.schema_version()} of {known}")
        problems = await store.integrity_problems()
    if problems:
        print("integrity check: FAILED")
        for problem in problems:
            print(f"  - {problem}")
        return EXIT_FAILED
    print("integrity check: ok")
    return EXIT_OK


def migrations_a_running_bot_would_miss(database: Path, known: int) -> str | None:
    """Why the migrations waiting for `database` must not be applied now: a bot runs on it,
    whose code was not written for them; None when none wait or no bot runs."""
    if not lock_file(database).exists():
        return None
    try:
        with sole_bot(database):
            return None
    except DatabaseInUse as running:
        version = schema_version_of(database)
        if version >= known:
            return None
        return (
            f"{running}: this release's migrations {version + 1} to {known} wait to be "
            "applied, and the bot running now was not written for them"
        )


# Files kept beside a database while it is open, SQLite's and the running bot's lock: a backup
# written over one of them would corrupt the live database, or let a second bot start on it.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", LOCK_SUFFIX)


def backup_target_problem(database: Path, target: Path) -> str | None:
    """Why `target` cannot take a backup of `database`, or None when it can."""
    if target.is_dir():
        example = target / "keitora.sqlite3"
        return f"{target} is a folder; name the backup file in it, such as {example}"
    for suffix in COMPANION_SUFFIXES:
        if target.resolve() == database.resolve().with_name(database.name + suffix):
            return f"{target} is the database's own {suffix} file; choose another path"
    return None


def backup(settings: Settings, target: Path) -> int:
    if problem := backup_target_problem(settings.database_path, target):
        print(f"Backup problem: {problem}", file=sys.stderr)
        return EXIT_FAILED
    # SIGTERM (a timer's timeout, `systemctl stop`) stops a backup as Ctrl-C does: reported as a
    # failure, so `backup X && upload X` goes no further, with the unfinished copy removed.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        backup_database(settings.database_path, target)
    except KeyboardInterrupt:
        print(
            f"Backup stopped before it finished; nothing was written to {target}.", file=sys.stderr
        )
        return EXIT_FAILED
    except (sqlite3.Error, OSError) as exc:
        print(f"Could not back up {settings.database_path} to {target}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    with sqlite3.connect(target) as copy:
        verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
    copy.close()
    if verdict != "ok":
        print(
            f"backup written to {target}, but its integrity check says: {verdict}", file=sys.stderr
        )
        return EXIT_FAILED
    print(f"backup written to {target} ({target.stat().st_size:,} bytes, integrity ok)")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
