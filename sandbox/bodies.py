"""Message bodies: the limits Discord puts on a create or edit body, and applying one to a message.

Covers content, embeds, components (unique `custom_id`s, echoed with numeric ids), attachments
(multipart `files[n]`, kept so the bot can fetch them) and mentions as `allowed_mentions` permits.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from sandbox.api import File, invalid_form
from sandbox.media import image_size
from sandbox.state import Json, StoredFile

if TYPE_CHECKING:
    from sandbox.core import Core

EPHEMERAL = 1 << 6
IS_COMPONENTS_V2 = 1 << 15
MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_EMBED_FIELDS = 25
MAX_EMBED_TOTAL = 6000
# Each part of an embed has a length of its own, besides the 6,000 they share.
_EMBED_PART_LENGTHS = {
    ("title",): 256,
    ("description",): 4096,
    ("footer", "text"): 2048,
    ("author", "name"): 256,
}
_EMBED_FIELD_LENGTHS = {"name": 256, "value": 1024}
MAX_ACTION_ROWS = 5  # a message without the Components V2 flag
MAX_V2_COMPONENTS = 40  # a Components V2 message, nested components counted
MAX_MODAL_COMPONENTS = 5
MAX_CUSTOM_ID = 100
MAX_SELECT_OPTIONS = 25
MAX_FORM_TEXT = 45  # a form's title, and each field's label
MAX_TEXT_INPUT = 4000  # what a form's text field may hold, and its min_length and max_length
# Flags a sender may set; Discord drops the rest: SUPPRESS_EMBEDS, EPHEMERAL,
# SUPPRESS_NOTIFICATIONS, IS_COMPONENTS_V2.
_SETTABLE_FLAGS = (1 << 2) | EPHEMERAL | (1 << 12) | (1 << 15)
_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")

# Component types, as Discord numbers them.
ACTION_ROW = 1
BUTTON, STRING_SELECT, TEXT_INPUT, USER_SELECT, ROLE_SELECT, MENTIONABLE_SELECT = 2, 3, 4, 5, 6, 7
CHANNEL_SELECT, LABEL = 8, 18
_LINK, _PREMIUM = 5, 6  # button styles
_WEB = ("http", "https")
_IMAGE = (*_WEB, "attachment")
_PICTURES = ("image", "thumbnail")


def apply_body(core: Core, message: Json, body: Json, files: dict[int, File]) -> None:
    """Apply the fields a create or edit body carries; absent fields keep their value.

    The body is checked whole before anything is written, so a refused edit changes nothing.
    """
    check_body(body, message["flags"])
    wanted = body.get("attachments")
    if "attachments" in body or files:
        _check_attachments(message, wanted, files)
    changes: Json = {}
    if "content" in body:
        changes["content"] = body["content"] or ""
    if "embeds" in body:
        changes["embeds"] = [_stored_embed(embed) for embed in body["embeds"] or []]
    if "components" in body:
        changes["components"] = number_components(body["components"] or [])
    if body.get("flags") is not None:
        kept = message["flags"] & ~_SETTABLE_FLAGS
        changes["flags"] = kept | (int(body["flags"]) & _SETTABLE_FLAGS)
    if "attachments" in body or files:
        changes["attachments"] = _attachments(core, message, wanted, files)
    message.update(changes)
    if "content" in body or "allowed_mentions" in body:
        _resolve_mentions(core, message, body.get("allowed_mentions"))


def check_body(body: Json, flags: int = 0) -> None:
    """Refuse, as Discord does, a message body breaking a limit the spec does not express
    (`flags`: those the message already has, which an edit keeps)."""
    content = body.get("content") or ""
    # The spec allows 4,000 characters (a Nitro user's limit); Discord's docs, which win,
    # give bots 2,000.
    if len(content) > MAX_CONTENT:
        raise invalid_form(f"content: must be {MAX_CONTENT} or fewer in length")
    check_embeds(body.get("embeds") or [])
    check_allowed_mentions(body.get("allowed_mentions"))
    components = body.get("components") or []
    check_layout(components, v2=bool((int(body.get("flags") or 0) | flags) & IS_COMPONENTS_V2))
    check_custom_ids(components)
    check_buttons(components)


def check_allowed_mentions(allowed: Json | None) -> None:
    """`parse` and a list of ids for the same kind exclude each other (an empty list does not
    conflict), as Discord's docs say."""
    parse = set((allowed or {}).get("parse") or [])
    for kind in ("users", "roles"):
        if kind in parse and (allowed or {}).get(kind):
            raise invalid_form(
                f"allowed_mentions: parse {kind!r} and a list of {kind} exclude each other"
            )


def check_buttons(components: list[Json]) -> None:
    """A link button has a url and no custom_id; any other (but premium) the reverse."""
    for component in walk_components(components):
        if component.get("type") != BUTTON or component.get("style") == _PREMIUM:
            continue
        link = component.get("style") == _LINK
        if link != bool(component.get("url")) or link == bool(component.get("custom_id")):
            raise invalid_form(
                "components: a link button has a url and no custom_id; any other button "
                "has a custom_id and no url"
            )


def check_layout(components: list[Json], *, v2: bool) -> None:
    """What the spec's limits leave out: without the Components V2 flag a message holds at
    most 5 action rows and nothing else at the top; with it, at most 40 components in all. A
    row holds up to 5 buttons or a single select menu, alone."""
    if v2:
        if sum(1 for _ in walk_components(components)) > MAX_V2_COMPONENTS:
            raise invalid_form(f"components: at most {MAX_V2_COMPONENTS} in all, nested counted")
    elif len(components) > MAX_ACTION_ROWS or any(c.get("type") != ACTION_ROW for c in components):
        raise invalid_form(
            f"components: at most {MAX_ACTION_ROWS} action rows, and only rows, without the "
            "Components V2 flag"
        )
    for component in walk_components(components):
        if component.get("type") != ACTION_ROW:
            continue
        kinds = [child.get("type") for child in component.get("components") or []]
        if any(kind != BUTTON for kind in kinds) and len(kinds) > 1:
            raise invalid_form("components: a row holds buttons, or one select menu alone")


def check_modal(modal: Json) -> None:
    """A form holds 1 to 5 components (the spec allows 40), with unique custom_ids and
    prefilled values that fit their fields; its title and labels hold at most 45 characters."""
    components = modal.get("components") or []
    if not 1 <= len(components) <= MAX_MODAL_COMPONENTS:
        raise invalid_form(f"components: a form holds 1 to {MAX_MODAL_COMPONENTS}")
    if len(modal.get("custom_id") or "") > MAX_CUSTOM_ID:
        raise invalid_form(f"custom_id: must be {MAX_CUSTOM_ID} or fewer in length")
    labels = [c.get("label") for c in walk_components(components)]
    if any(len(text or "") > MAX_FORM_TEXT for text in [modal.get("title"), *labels]):
        raise invalid_form(f"a form's title and labels must be {MAX_FORM_TEXT} or fewer in length")
    check_custom_ids(components)
    check_text_inputs(components)


def check_embeds(embeds: list[Json]) -> None:
    """At most 10 embeds of at most 25 fields, each part within its own length, with at most
    6,000 characters among them all."""
    if len(embeds) > MAX_EMBEDS:
        raise invalid_form(f"embeds: must be {MAX_EMBEDS} or fewer in length")
    for index, embed in enumerate(embeds):
        if len(embed.get("fields") or []) > MAX_EMBED_FIELDS:
            raise invalid_form(f"embeds.{index}.fields: must be {MAX_EMBED_FIELDS} or fewer")
    for index, embed in enumerate(embeds):
        _check_embed_links(index, embed)
        _check_embed_parts(index, embed)
    total = sum(map(_embed_length, embeds))
    if total > MAX_EMBED_TOTAL:
        raise invalid_form(
            f"embeds: {total} characters; a message's embeds may hold {MAX_EMBED_TOTAL} in all"
        )


def _check_embed_links(index: int, embed: Json) -> None:
    # Discord's docs: links in an embed are http(s), and its images may also name an uploaded
    # file as attachment://filename.
    links = [("url", embed.get("url"), _WEB)]
    links += [(f"{part}.url", (embed.get(part) or {}).get("url"), _IMAGE) for part in _PICTURES]
    links += [("author.url", (embed.get("author") or {}).get("url"), _WEB)]
    for part in ("author", "footer"):
        links.append((f"{part}.icon_url", (embed.get(part) or {}).get("icon_url"), _IMAGE))
    for where, url, schemes in links:
        if url is None:
            continue
        parts = urlsplit(url)
        if parts.scheme not in schemes or not parts.netloc:
            raise invalid_form(
                f"embeds.{index}.{where}: not a well formed URL with a scheme of {schemes}"
            )


def _check_embed_parts(index: int, embed: Json) -> None:
    parts = [
        (".".join(path), _at(embed, path), limit) for path, limit in _EMBED_PART_LENGTHS.items()
    ]
    for number, field in enumerate(embed.get("fields") or []):
        parts += [
            (f"fields.{number}.{key}", field.get(key), limit)
            for key, limit in _EMBED_FIELD_LENGTHS.items()
        ]
    for where, text, limit in parts:
        if isinstance(text, str) and len(text) > limit:
            raise invalid_form(f"embeds.{index}.{where}: must be {limit} or fewer in length")
        # Discord trims a field's name and value first, so one of only whitespace is empty.
        if where.startswith("fields.") and not (text or "").strip():
            raise invalid_form(f"embeds.{index}.{where}: must be 1 or more in length")


def _stored_embed(embed: Json) -> Json:
    """An embed as Discord keeps it (and hands it back): its fields' names and values trimmed
    of the whitespace around them; a zero-width space is not whitespace, and stays."""
    fields = [
        {**field, "name": field["name"].strip(), "value": field["value"].strip()}
        for field in embed.get("fields") or []
    ]
    return {"type": "rich", **embed, **({"fields": fields} if "fields" in embed else {})}


def _at(embed: Json, path: tuple[str, ...]) -> object:
    found: object = embed
    for key in path:
        found = found.get(key) if isinstance(found, dict) else None
    return found


def _embed_length(embed: Json) -> int:
    texts = [
        embed.get("title"),
        embed.get("description"),
        (embed.get("footer") or {}).get("text"),
        (embed.get("author") or {}).get("name"),
    ]
    for field in embed.get("fields") or []:
        texts += [field.get("name"), field.get("value")]
    return sum(len(text) for text in texts if isinstance(text, str))


def check_custom_ids(components: list[Json]) -> None:
    """Every `custom_id` among a message's (or a modal's) components must be unique and of at
    most 100 characters; a select menu offers 1 to 25 options."""
    seen: set[str] = set()
    for component in walk_components(components):
        if component.get("type") == STRING_SELECT:
            options = len(component.get("options") or [])
            if not 1 <= options <= MAX_SELECT_OPTIONS:
                raise invalid_form(f"components: a select offers 1 to {MAX_SELECT_OPTIONS} options")
        custom_id = component.get("custom_id")
        if custom_id is None:
            continue
        if len(custom_id) > MAX_CUSTOM_ID:
            raise invalid_form(f"components: custom_id must be {MAX_CUSTOM_ID} or fewer in length")
        if custom_id in seen:
            raise invalid_form(f"components: custom_id {custom_id!r} is used more than once")
        seen.add(custom_id)


def check_text_inputs(components: list[Json]) -> None:
    """A form's prefilled values must fit their fields, neither empty, longer than max_length
    nor shorter than min_length: Discord refuses to open one that does not, so a member could
    never edit what it holds."""
    for component in walk_components(components):
        if component.get("type") != TEXT_INPUT:
            continue
        low, high = component.get("min_length") or 0, component.get("max_length") or 0
        if max(low, high) > MAX_TEXT_INPUT:
            raise invalid_form(
                f"components: a text field's min_length and max_length are at most {MAX_TEXT_INPUT}"
            )
        value = component.get("value")
        if value == "":
            # Discord refuses an empty value (BASE_TYPE_MIN_LENGTH): a field with nothing
            # prefilled sends no value at all.
            raise invalid_form(
                f"components: value of {component.get('custom_id')!r} must be 1 or more in length"
            )
        if value and (len(value) < low or (high and len(value) > high)):
            raise invalid_form(
                f"components: value of {component.get('custom_id')!r} is {len(value)} "
                f"characters; its min_length is {low or 'none'}, its max_length {high or 'none'}"
            )


def walk_components(components: list[Json]) -> Iterator[Json]:
    """Every component, depth first, including children, accessories and labelled ones."""
    for component in components:
        yield component
        yield from walk_components(component.get("components") or [])
        for key in ("accessory", "component"):
            if isinstance(component.get(key), dict):
                yield from walk_components([component[key]])


def number_components(components: list[Json]) -> list[Json]:
    """Components as Discord echoes them: every one gets a numeric `id`, depth first."""
    counter = itertools.count(1)

    def walk(component: Json) -> Json:
        echoed = {**_component_defaults(component["type"]), **component}
        echoed.setdefault("id", next(counter))
        if isinstance(echoed.get("components"), list):
            echoed["components"] = [walk(child) for child in echoed["components"]]
        for key in ("accessory", "component"):
            if isinstance(echoed.get(key), dict):
                echoed[key] = walk(echoed[key])
        return echoed

    return [walk(component) for component in components]


def _component_defaults(kind: int) -> Json:
    if kind in (3, 5, 6, 7, 8):  # select menus
        return {"min_values": 1, "max_values": 1} | ({"options": []} if kind == 3 else {})
    if kind == 17:  # container
        return {"accent_color": None, "spoiler": False}
    if kind == 14:  # separator
        return {"spacing": 1, "divider": True}
    if kind == 11:  # thumbnail
        return {"description": None, "spoiler": False}
    return {}


def _check_attachments(message: Json, wanted: list[Json] | None, files: dict[int, File]) -> None:
    existing = {a["id"] for a in message["attachments"]}
    for entry in wanted or []:
        key = str(entry["id"])
        if key not in existing and not (key.isdigit() and int(key) in files):
            raise invalid_form(f"attachments: no file uploaded for id {key}")


def _attachments(
    core: Core, message: Json, wanted: list[Json] | None, files: dict[int, File]
) -> list[Json]:
    # Entries whose id names an attachment the message already has keep it; any other id is the
    # index of a `files[n]` part (discord.py sends `{"id": 0}` for the first new file).
    # `_check_attachments` has made sure each entry names one or the other.
    existing = {a["id"]: a for a in message["attachments"]}
    if wanted is None:
        wanted = [*existing.values(), *({"id": index} for index in files)]
    result = []
    for entry in wanted:
        key = str(entry["id"])
        if key in existing:
            result.append(existing[key])
        else:
            result.append(store_file(core, message["channel_id"], files[int(key)], entry))
    return result


def store_file(core: Core, channel_id: str, upload: File, entry: Json | None = None) -> Json:
    """Keep an uploaded file and describe it as an attachment with a URL the bot can fetch."""
    attachment_id = core.world.ids.next()
    filename = (entry or {}).get("filename") or upload.filename
    core.world.files[attachment_id] = StoredFile(filename, upload.content_type, upload.data)
    url = f"{core.world.origin}/attachments/{channel_id}/{attachment_id}/{quote(filename)}"
    attachment = {
        "id": attachment_id,
        "filename": filename,
        "size": len(upload.data),
        "url": url,
        "proxy_url": url,
        "content_type": upload.content_type,
    }
    if (size := image_size(upload.data)) is not None:
        attachment["width"], attachment["height"] = size
    if (entry or {}).get("description"):
        attachment["description"] = entry["description"]
    return attachment


def _resolve_mentions(core: Core, message: Json, allowed: Json | None) -> None:
    # Without allowed_mentions Discord parses every kind; with it, only what it lists is a ping.
    parse = set(allowed.get("parse", [])) if allowed is not None else {"users", "roles", "everyone"}
    allowed_users = set(map(str, (allowed or {}).get("users", [])))
    allowed_roles = set(map(str, (allowed or {}).get("roles", [])))
    content = message["content"]
    users = core.world.users
    message["mentions"] = [
        users[uid]
        for uid in dict.fromkeys(_USER_MENTION.findall(content))
        if uid in users and ("users" in parse or uid in allowed_users)
    ]
    message["mention_roles"] = [
        rid
        for rid in dict.fromkeys(_ROLE_MENTION.findall(content))
        if "roles" in parse or rid in allowed_roles
    ]
    message["mention_everyone"] = "everyone" in parse and (
        "@everyone" in content or "@here" in content
    )
