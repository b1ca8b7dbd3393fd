"""Which build a moderator names by its title among a ballot's candidates: its title as they
would read it again (case, width and spacing aside), emoji and other symbols left out when the
title typed has none of them, and, when no build is titled so, the nearest offered with its
number."""

from __future__ import annotations

from collections.abc import Mapping
from difflib import SequenceMatcher

from bot.errors import UserError
from bot.limits import fit
from bot.names import bare_name_key, name_key

# How alike a title typed and a build's must be for the build to be offered: a letter or two
# off ("Red Hiject"), not a word left out ("Camper" for "Camper Carry").
NEAR = 0.8
OFFERED = 3  # builds offered at most, when several are as near
HOW = "name each candidate by its number or its full title, between commas: `12, Camper Carry, 18`."


def titled_one(title: str, builds: Mapping[int, str]) -> int:
    """The one build of `builds` (id -> title) whose title is `title`, as typed or without its
    emoji and symbols ("Red Hijet" for "Red Hijet 🔴"); refused when none is (offering the
    nearest, by number and title), or several are (the moderator names that one by its
    number)."""
    keys = {build_id: name_key(shown) for build_id, shown in builds.items()}
    ids = _is(name_key(title), keys)
    wanted = bare_name_key(title)
    bare = {build_id: bare_name_key(shown) or keys[build_id] for build_id, shown in builds.items()}
    if not ids and wanted:
        ids = _is(wanted, bare)
    said = f"No build here is titled “{fit(title, 40)}”"
    if not ids:
        near = _nearest(wanted or name_key(title), bare)
        if not near:
            raise UserError(f"{said}; {HOW}")
        meant = " or ".join(f"#{build_id} “{fit(builds[build_id], 40)}”" for build_id in near)
        raise UserError(f"{said}: did you mean {meant}? {HOW[0].upper()}{HOW[1:]}")
    if len(ids) > 1:
        numbers = ", ".join(f"#{build_id}" for build_id in ids[:-1]) + f" and #{ids[-1]}"
        both = "both" if len(ids) == 2 else "all"
        raise UserError(
            f"Builds {numbers} are {both} titled “{fit(title, 40)}”; name the one you mean by "
            "its number."
        )
    return ids[0]


def _is(wanted: str, keys: Mapping[int, str]) -> list[int]:
    return sorted(build_id for build_id, key in keys.items() if key == wanted)


def _nearest(wanted: str, keys: Mapping[int, str]) -> list[int]:
    """The builds whose title (a key of `keys`) is nearest `wanted`, if NEAR enough."""
    matcher = SequenceMatcher(b=wanted)
    best, near = NEAR, []
    for build_id, key in sorted(keys.items()):
        matcher.set_seq1(key)
        if matcher.real_quick_ratio() < best or matcher.quick_ratio() < best:
            continue
        ratio = matcher.ratio()
        if ratio > best:
            best, near = ratio, [build_id]
        elif ratio == best:
            near.append(build_id)
    return near[:OFFERED]
