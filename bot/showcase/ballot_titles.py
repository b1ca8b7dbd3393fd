"""Which build a moderator names by its title among a ballot's candidates: as a member's titles
are told apart (`title_key`: case, width, spaces, punctuation, emoji and other symbols aside,
but for a mark between two digits), the title typed exactly, with what tells it apart, picking
one of several that read alike, and, when no build is titled so, the nearest offered with its
number."""

from __future__ import annotations

from collections.abc import Mapping
from difflib import SequenceMatcher

from bot.errors import UserError
from bot.limits import fit
from bot.names import name_key, title_key

# How alike a title typed and a build's must be for the build to be offered: a letter or two
# off ("Red Hiject"), not a word left out ("Camper" for "Camper Carry").
NEAR = 0.8
OFFERED = 3  # builds offered at most, when several are as near
HOW = "name each candidate by its number or its full title, between commas: `12, Camper Carry, 18`."


def titled_one(title: str, builds: Mapping[int, str]) -> int:
    """The one build of `builds` (id -> title) whose title reads as `title` ("Red Hijet" for
    "Red Hijet 🔴", "Camper Carry" for "Camper-Carry"), or, of several that do, the one titled
    exactly so when typed with what tells it apart (`_told_apart`); refused when none is
    (offering the nearest, by number and title), or several are (the moderator names that one
    by its number)."""
    keys = {build_id: title_key(shown) for build_id, shown in builds.items()}
    ids = _is(title_key(title), keys)
    exact = [build_id for build_id in ids if name_key(builds[build_id]) == name_key(title)]
    if len(ids) > 1 and len(exact) == 1 and _told_apart(title):
        ids = exact
    said = f"No build here is titled “{fit(title, 40)}”"
    if not ids:
        near = _nearest(title_key(title), keys)
        if not near:
            raise UserError(f"{said}; {HOW}")
        meant = " or ".join(f"#{build_id} “{fit(builds[build_id], 40)}”" for build_id in near)
        raise UserError(f"{said}: did you mean {meant}? {HOW[0].upper()}{HOW[1:]}")
    if len(ids) > 1:
        numbers = ", ".join(f"#{build_id}" for build_id in ids[:-1]) + f" and #{ids[-1]}"
        both = "both" if len(ids) == 2 else "all"
        aside = "" if len(exact) == len(ids) else ", emoji and punctuation aside"
        raise UserError(
            f"Builds {numbers} are {both} titled “{fit(title, 40)}”{aside}; name the one you "
            "mean by its number."
        )
    return ids[0]


def _told_apart(title: str) -> bool:
    """Whether `title` holds more than `title_key` reads in it, spaces aside: its emoji,
    punctuation or a times sign ("Red Hijet 🔴", "Camper-Carry", "4×4"). Typed without them
    ("Red Hijet"), it is how a moderator names every build whose title reads so, even where one
    is titled exactly that: which one is asked, rather than taken without a word."""
    return "".join(name_key(title).split()) != title_key(title)


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
