"""Settings read once from the environment (and an optional `.env` file), validated up front."""

from __future__ import annotations

import codecs
import logging
import os
import stat
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

DEFAULT_DATABASE_PATH = "data/keitora.sqlite3"
DEFAULT_FEED_POLL_SECONDS = 900
MIN_FEED_POLL_SECONDS = 60
MAX_FEED_POLL_SECONDS = 7 * 24 * 3600
MAX_BASE_URL = 200
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"", "0", "false", "no", "off"})

T = TypeVar("T")


class ConfigError(Exception):
    """One or more settings are wrong; each line names the variable and what is wrong with it."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Settings:
    token: str | None = field(repr=False)
    database_path: Path
    guild_ids: tuple[int, ...]
    api_base: str | None
    feed_poll_seconds: int
    feed_allow_private: bool
    log_level: str
    web_port: int | None = None  # the public calendar's web server; off when None
    web_base_url: str | None = None  # where people reach it; set whenever web_port is
    durable_commits: bool = True  # each commit waits for the disk (Store.open says why)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read and validate every variable, reporting all problems at once."""
        env = dict(os.environ if environ is None else environ)
        problems: list[str] = []

        def parse(name: str, parser: Callable[[str], T], default: T) -> T:
            raw = env.get(name, "").strip()
            if not raw:
                return default
            try:
                return parser(raw)
            except ValueError as exc:
                problems.append(f"{name}={_shown(name, raw)}: {exc}")
                return default

        settings = cls(
            token=parse("DISCORD_TOKEN", _token, None),
            database_path=parse("DATABASE_PATH", _database_path, Path(DEFAULT_DATABASE_PATH)),
            guild_ids=parse("DISCORD_GUILD_IDS", _guild_ids, ()),
            api_base=parse("DISCORD_API_BASE", _api_base, None),
            feed_poll_seconds=parse("FEED_POLL_SECONDS", _poll_seconds, DEFAULT_FEED_POLL_SECONDS),
            feed_allow_private=parse("FEED_ALLOW_PRIVATE", _flag, False),
            log_level=parse("LOG_LEVEL", _log_level, "INFO"),
            web_port=parse("WEB_PORT", _port, None),
            web_base_url=parse("WEB_BASE_URL", _base_url, None),
            durable_commits=parse("DATABASE_DURABLE_COMMITS", _flag, True),
        )
        if settings.web_port is None and settings.web_base_url:
            problems.append("WEB_BASE_URL is set but WEB_PORT is not: set WEB_PORT to serve it")
        if problems:
            raise ConfigError(problems)
        if settings.web_port is not None and settings.web_base_url is None:
            return replace(settings, web_base_url=f"http://localhost:{settings.web_port}")
        return settings

    @property
    def log_level_number(self) -> int:
        return logging.getLevelName(self.log_level)


def load_env_file(path: Path, environ: dict[str, str]) -> set[str]:
    """Fill `environ` from KEY=VALUE lines of `path`; variables already set win. Returns the
    names the file set."""
    if not path.is_file():
        return set()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError([f"{path} cannot be read: {exc.strerror}"]) from None
    # Windows editors save text with a byte-order mark (Notepad), or as UTF-16 (PowerShell 5's
    # `echo … > .env`): read as plain UTF-8, the first variable would silently go missing.
    encoding = (
        "utf-16" if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    )
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        raise ConfigError([f"{path} is not UTF-8 text: save it as UTF-8"]) from None
    filled = set()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.removeprefix("export ").split("=", 1)
        if key.strip() not in environ:
            environ[key.strip()] = value.strip().strip("'\"")
            filled.add(key.strip())
    return filled


def exposed_token_file(path: Path, filled: Collection[str]) -> str | None:
    """A warning when the token came from `path` and users other than its owner may read it,
    as a shell's usual umask leaves a new file; None when it is private (or not the source)."""
    if "DISCORD_TOKEN" not in filled or os.name != "posix":
        return None
    if not path.stat().st_mode & (stat.S_IRGRP | stat.S_IROTH):
        return None
    return (
        f"{path} holds DISCORD_TOKEN and other users of this machine can read it; make it "
        f"yours alone: chmod 600 {path}"
    )


def _shown(name: str, raw: str) -> str:
    return "(hidden)" if name == "DISCORD_TOKEN" else repr(raw)


def _token(raw: str) -> str:
    if raw.lower().startswith("bot "):
        raise ValueError("give the token alone, without the 'Bot ' prefix")
    if any(ch.isspace() for ch in raw):
        raise ValueError("a bot token has no spaces; copy it again from the developer portal")
    if "." not in raw:
        # The application id, public key and client secret the portal also shows have none.
        raise ValueError(
            "a bot token has three parts separated by dots, and this has none: it may be the "
            "application id, public key or client secret. Copy the token from the Bot page "
            "(Reset Token)"
        )
    return raw


def _database_path(raw: str) -> Path:
    path = Path(raw).expanduser()
    if path.is_dir():
        raise ValueError(
            f"is a folder; give the database file's path, such as {path / 'keitora.sqlite3'}"
        )
    return path


def _guild_ids(raw: str) -> tuple[int, ...]:
    ids = []
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 17 <= len(part) <= 20:
            raise ValueError(
                f"{part!r} is not a server id; ids are 17 to 20 digits "
                "(Developer Mode → right-click the server → Copy Server ID)"
            )
        ids.append(int(part))
    return tuple(ids)


def _api_base(raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("expected an http(s) URL such as https://discord.com/api/v10")
    return raw.rstrip("/")


def _poll_seconds(raw: str) -> int:
    try:
        seconds = int(raw)
    except ValueError:
        raise ValueError("expected a whole number of seconds") from None
    if seconds < MIN_FEED_POLL_SECONDS:
        raise ValueError(f"polling more often than every {MIN_FEED_POLL_SECONDS} s is refused")
    if seconds > MAX_FEED_POLL_SECONDS:
        raise ValueError(
            f"polling less often than every {MAX_FEED_POLL_SECONDS} s (7 days) is refused"
        )
    return seconds


def _port(raw: str) -> int:
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise ValueError("expected a TCP port number from 1 to 65535")
    return int(raw)


def _base_url(raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("expected the public http(s) address, such as https://keitora.example.org")
    if parts.query or parts.fragment:
        raise ValueError("give the address without a query (?) or fragment (#)")
    if len(raw) > MAX_BASE_URL:
        raise ValueError(f"at most {MAX_BASE_URL} characters, so the links fit in Discord messages")
    return raw.rstrip("/")


def _flag(raw: str) -> bool:
    word = raw.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError("expected on/off (or true/false, 1/0, yes/no)")


def _log_level(raw: str) -> str:
    level = raw.upper()
    if level not in LOG_LEVELS:
        raise ValueError(f"expected one of {', '.join(LOG_LEVELS)}")
    return level
