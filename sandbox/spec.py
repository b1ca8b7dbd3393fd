"""Where Discord's OpenAPI description of its HTTP API is found, and what breaking it looks like.

Apart from `validator.py` on purpose: finding the spec, and running without it, must not import
jsonschema, which only the tests and the sandbox install (`requirements-dev.txt`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SPEC_ENV = "KEITORA_DISCORD_SPEC"
HOW_TO_GET = (
    "take specs/openapi.json from the public repository discord/discord-api-spec and put it at "
    f"../shared/discord-api-spec/openapi.json beside this checkout, or name its path in {SPEC_ENV}"
)


def spec_path_from_env(environ: Mapping[str, str]) -> Path:
    """Where the spec should be: `$KEITORA_DISCORD_SPEC`, else `../shared/...` beside the repo.

    The file may be missing; whether that is acceptable is the caller's decision.
    """
    named = environ.get(SPEC_ENV)
    if named:
        return Path(named)
    repository = Path(__file__).resolve().parent.parent
    return repository.parent / "shared" / "discord-api-spec" / "openapi.json"


@dataclass(frozen=True, slots=True)
class Violation:
    """One place where a body breaks the spec."""

    method: str
    path: str
    direction: str  # "request", "query" or "response"
    pointer: str  # JSON pointer into the body (or to a parameter of the query)
    message: str

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.direction} {self.pointer or '/'}: {self.message}"
