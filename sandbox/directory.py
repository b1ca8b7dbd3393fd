"""The demo server's members, channels and roles as the sandbox console names them: by the
names a person types (`Marcus`, `#meetups`, `@Moderator`), refused with the names there are."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping

from sandbox.driver import Loopback
from sandbox.lines import fold, in_words
from sandbox.state import ChannelRef, ChannelType, Guild, Json, RoleRef, UserRef


class ConsoleError(Exception):
    """A line the console could not carry out; the message says why."""


class Directory:
    def __init__(self, loopback: Loopback) -> None:
        self.loopback = loopback

    def name_of(self, kind: str, snowflake: str) -> str:
        world = self.loopback.world
        if kind == "channel":
            # Discord's client shows a channel mention it cannot resolve as #unknown.
            return world.channels.get(snowflake, {}).get("name", "unknown")
        # A user or role it cannot resolve, Discord's client shows as @unknown-user or
        # @deleted-role, never as its id.
        if kind == "role":  # rendered after an @, which @everyone's own name has already
            role = self.guild().roles.get(snowflake, {})
            return role.get("name", "deleted-role").removeprefix("@")
        return world.users.get(snowflake, {}).get("global_name", "unknown-user")

    def member(self, name: str) -> UserRef:
        with contextlib.suppress(KeyError, LookupError):
            return self.loopback.member(name)
        # A person types a name in any case (as DALE), as Discord's member search takes it.
        alike = {
            member["user"]["global_name"]
            for member in self.guild().members.values()
            if fold(name) in (fold(member["user"]["global_name"]), fold(member["user"]["username"]))
        }
        if len(alike) == 1:
            return self.loopback.member(alike.pop())
        raise ConsoleError(f"There is no member {name}; type members to see who is here.")

    def channel(self, name: str) -> ChannelRef:
        """The channel or thread `name` names: `#meetups`, or in quotes when it has spaces
        (`"#Sat Cruise"`)."""
        name = name.strip()
        if len(name) > 1 and name[0] == name[-1] == '"':
            name = name[1:-1].strip()
        name = name.removeprefix("#")
        channels = self.guild().channels.values()
        exact = sorted(
            (c for c in channels if name in (c["name"], c["id"])), key=lambda c: int(c["id"])
        )
        if len(exact) == 1:
            return self._ref(exact[0])
        if exact:
            # Threads may share a name (two builds of one title): neither is taken for the other.
            ids = [f"#{c['id']}" for c in exact]
            raise ConsoleError(
                f"{len(exact)} channels are named #{name}: {in_words(ids)}, oldest first; name "
                f"the one you mean by its id ({ids[-1]})."
            )
        # Discord's client finds a channel however its name is typed: case and accents aside.
        alike = [c for c in channels if fold(c["name"]) == fold(name)]
        if len(alike) == 1:
            return self._ref(alike[0])
        if alike:
            names = [f"#{c['name']}" for c in alike]
            listed = in_words(names)
            quoted = f' (a name with spaces in quotes: "{names[0]}")' if " " in name else ""
            raise ConsoleError(
                f"#{name} is the name, but for case or accents, of {listed}; type the one you "
                f"mean as it is written{quoted}."
            )
        known = ", ".join(f"#{c['name']}" for c in channels if c["type"] not in ChannelType.THREADS)
        raise ConsoleError(f"There is no channel #{name}; there are {known}.")

    def key(self, channel_id: str, name: str) -> str:
        """What names a channel again later: its name, or its id when another shares it."""
        shared = sum(c["name"] == name for c in self.guild().channels.values()) > 1
        return channel_id if shared else name

    def _ref(self, channel: Json) -> ChannelRef:
        return ChannelRef(channel["id"], channel["name"], self.guild().id, channel["type"])

    def has_role(self, name: str) -> bool:
        return bool(self._roles_named(name))

    def role(self, name: str) -> RoleRef:
        named = self._roles_named(name)
        if len(named) == 1:
            return RoleRef(named[0]["id"], named[0]["name"], self.guild().id)
        shown = "@" + name.removeprefix("@")
        if named and len({role["name"] for role in named}) == 1:
            # Roles may share a name, as Discord allows: neither is taken for the other.
            ids = [f"@{role['id']}" for role in sorted(named, key=lambda r: int(r["id"]))]
            raise ConsoleError(
                f"{len(ids)} roles are named {shown}: {in_words(ids)}, oldest first; name the "
                f"one you mean by its id ({ids[-1]})."
            )
        if named:
            listed = in_words(["@" + role["name"] for role in named])
            raise ConsoleError(
                f"{shown} is the name, but for case or accents, of {listed}; type the one you "
                "mean as it is written."
            )
        known = ", ".join("@" + role["name"].removeprefix("@") for role in self.roles())
        raise ConsoleError(f"There is no role {name}; there are {known}.")

    def _roles_named(self, name: str) -> list[Json]:
        """The roles `name` names: by id, else as written, else in another case or accents;
        several when it names no one role."""
        # @everyone's own name starts with @; every other role's is written after one.
        typed = (name, name.removeprefix("@"))
        by_id = [role for role in self.roles() if role["id"] in typed]
        exact = [role for role in self.roles() if role["name"] in typed]
        alike = [role for role in self.roles() if fold(role["name"]) in map(fold, typed)]
        return by_id or exact or alike

    def roles(self) -> list[Json]:
        return list(self.guild().roles.values())

    def guild(self) -> Guild:
        assert self.loopback.guild is not None, "the sandbox always has its demo server"
        return self.loopback.guild

    def listing(self, unregistered: Mapping[str, str]) -> str:
        """Who is in the demo server, with their roles, as the `members` line shows them.

        `unregistered` maps each member holding the server's importer role whom no moderator
        registered to that role's id: the role alone makes no one an importer, so they are told
        apart, with the command that registers them.
        """
        guild = self.guild()
        lines = []
        for member in guild.members.values():
            user = member["user"]
            if user.get("bot"):
                continue
            not_registered = (
                " role, not registered: a moderator registers importers with "
                f"/importer-mod register name:… member:{user['global_name']}"
            )
            roles = [
                guild.roles[role_id]["name"]
                + (not_registered if unregistered.get(user["id"]) == role_id else "")
                for role_id in member["roles"]
            ]
            owner = ["owner, admin"] if user["id"] == guild.owner_id else []
            lines.append(
                f"{user['global_name']}"
                + (f" ({', '.join(owner + roles)})" if owner + roles else "")
            )
        return "\n".join(lines)
