"""Build logs: the service, and the values a build is made of."""

from bot.builds.locks import lock_handler
from bot.builds.model import (
    BUILD_LOCK_JOB,
    Build,
    BuildFilter,
    BuildUpdate,
    Fallback,
    Ledger,
    LockHook,
    LockNews,
    LockNotice,
    Part,
    Photo,
    Totals,
    build_number,
)
from bot.builds.service import COUNT_UP_TO, BuildService
from bot.builds.values import (
    CATEGORIES,
    DRIVES,
    PLATE_STATUSES,
    TAGS,
    Spec,
    dollars_text,
    kilometres,
    parse_cents,
    parse_tags,
)

__all__ = [
    "BUILD_LOCK_JOB",
    "CATEGORIES",
    "COUNT_UP_TO",
    "DRIVES",
    "PLATE_STATUSES",
    "TAGS",
    "Build",
    "BuildFilter",
    "BuildService",
    "BuildUpdate",
    "Fallback",
    "Ledger",
    "LockHook",
    "LockNews",
    "LockNotice",
    "Part",
    "Photo",
    "Spec",
    "Totals",
    "build_number",
    "dollars_text",
    "kilometres",
    "lock_handler",
    "parse_cents",
    "parse_tags",
]
