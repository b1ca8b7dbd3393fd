"""The loopback Discord: REST + gateway on 127.0.0.1 for the real, unmodified discord.py client.

`Loopback` is the driver tests use; `point_client_at` points discord.py at any API base.
"""

from bot.client import point_client_at
from sandbox.api import File
from sandbox.core import SandboxTimeout
from sandbox.driver import Loopback
from sandbox.invoke import InvocationError
from sandbox.replies import Attachment, Message, Reply
from sandbox.state import ChannelRef, Guild, RoleRef, UserRef

__all__ = [
    "Attachment",
    "ChannelRef",
    "File",
    "Guild",
    "InvocationError",
    "Loopback",
    "Message",
    "Reply",
    "RoleRef",
    "SandboxTimeout",
    "UserRef",
    "point_client_at",
]
