"""The loopback Discord: REST + gateway on 127.0.0.1 for the real, unmodified discord.py client.

`Loopback` is the driver tests use; `point_client_at` points discord.py at any API base.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.client import point_client_at
    from sandbox.api import File
    from sandbox.core import SandboxTimeout
    from sandbox.driver import Loopback
    from sandbox.invoke import InvocationError, MemberRefused
    from sandbox.replies import Attachment, Message, Reply
    from sandbox.state import ChannelRef, Guild, RoleRef, UserRef

# Where each export lives: loaded when first used, so that a tool importing one module of the
# package (the spec) does not load discord.py, the bot and the whole loopback with it.
_HOMES = {
    "Attachment": "sandbox.replies",
    "ChannelRef": "sandbox.state",
    "File": "sandbox.api",
    "Guild": "sandbox.state",
    "InvocationError": "sandbox.invoke",
    "Loopback": "sandbox.driver",
    "MemberRefused": "sandbox.invoke",
    "Message": "sandbox.replies",
    "Reply": "sandbox.replies",
    "RoleRef": "sandbox.state",
    "SandboxTimeout": "sandbox.core",
    "UserRef": "sandbox.state",
    "point_client_at": "bot.client",
}

__all__ = [
    "Attachment",
    "ChannelRef",
    "File",
    "Guild",
    "InvocationError",
    "Loopback",
    "MemberRefused",
    "Message",
    "Reply",
    "RoleRef",
    "SandboxTimeout",
    "UserRef",
    "point_client_at",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value  # later uses skip this hook
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
