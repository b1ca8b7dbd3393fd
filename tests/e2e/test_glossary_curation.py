"""/glossary curation through the loopback: members' suggestions, moderators' forms, restore,
history, and export and import files."""

from __future__ import annotations

import json

from bot.glossary import builtin_entries
from sandbox import File, Loopback, Reply
from sandbox.bodies import walk_components

from .conftest import RunningBot, statuses

FORM = {
    "headword": "Headword",
    "japanese": "Kanji (kana)",
    "meaning": "Meaning",
    "category": "Category",
    "details": "Romaji, aliases, see also (one per line)",
}


def form(reply: Reply, **changes: str) -> dict[str, str]:
    """The modal's prefilled values by label, with `changes` (by FORM name) applied."""
    assert reply.modal is not None, reply.text
    values = {
        c["label"]: c.get("value", "")
        for c in walk_components(reply.modal["components"])
        if c["type"] == 4
    }
    return values | {FORM[name]: value for name, value in changes.items()}


def export_file(*entries: dict[str, object], hidden: tuple[str, ...] = ()) -> File:
    document = {"schema_version": 1, "entries": list(entries)}
    data = json.dumps(document | ({"hidden": list(hidden)} if hidden else {})).encode()
    return File("glossary.json", data, "application/json")


async def test_a_member_suggests_and_a_moderator_approves(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    suggested = await loopback.slash(
        "glossary suggest",
        term="hatake",
        meaning="A farm field.",
        kana="はたけ",
        actor=mika,
    )
    assert suggested.ephemeral
    assert "Suggestion #1 “hatake” is waiting" in suggested.content

    refused = await loopback.slash("glossary-mod suggestions", actor=mika)
    assert refused.content == "Only moderators can review glossary suggestions."
    queue = await loopback.slash("glossary-mod suggestions", actor=marcus)
    assert queue.message.buttons == ["Approve glossary #1", "Reject glossary #1"]
    opened = await loopback.click(queue, "Approve glossary #1", actor=marcus)
    added = await loopback.submit_modal(
        opened, form(opened, headword="hatake", category="culture"), actor=marcus
    )
    assert (
        added.content == f"Approved by <@{marcus.id}>; “hatake” is in this server's glossary now."
    )
    found = await loopback.slash("glossary lookup", term="はたけ", actor=mika)
    assert found.embeds[0]["title"] == "hatake"

    # Rejecting from the same list asks why, and the member is told, as from /modqueue.
    await loopback.slash("glossary suggest", term="tanbo", meaning="A rice paddy.", actor=mika)
    queue = await loopback.slash("glossary-mod suggestions", actor=marcus)
    assert queue.message.buttons == ["Approve glossary #2", "Reject glossary #2"]
    asked = await loopback.click(queue, "Reject glossary #2", actor=marcus)
    assert asked.modal is not None, asked.text
    rejected = await loopback.submit_modal(
        asked, {"Reason (the submitter reads it)": "Already under “ta”"}, actor=marcus
    )
    assert rejected.content == (
        f"Rejected by <@{marcus.id}>; <@{mika.id}> will be told why.\nReason: Already under “ta”"
    )
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="the DM")
    assert "Already under “ta”" in loopback.dms(mika)[0].content
    assert (
        "Nothing is waiting"
        in (await loopback.slash("glossary-mod suggestions", actor=marcus)).text
    )

    long = await loopback.slash("glossary suggest", term="k" * 5000, meaning="x", actor=mika)
    assert long.content == "The term is 5,000 characters; the limit is 100."


async def test_a_long_list_of_suggestions_counts_them_all_and_points_to_the_pages(
    keitora: RunningBot, loopback: Loopback
) -> None:
    glossary, guild_id = keitora.bot.services.glossary, int(loopback.guild.id)
    for number in range(40):  # from 40 members, each under their own limit
        await glossary.suggest(guild_id, 5000 + number, f"term {number}", "A meaning.")

    queue = await loopback.slash("glossary-mod suggestions", actor=loopback.member("Marcus"))

    assert queue.embeds[0]["footer"]["text"] == (
        "40 waiting, the oldest 10 shown; /modqueue pages through them all."
    )
    assert len(queue.message.buttons) == 20  # Approve and Reject for each one shown


async def test_moderators_add_edit_and_remove_and_members_are_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    refused = await loopback.slash("glossary-mod add", actor=mika)
    assert refused.ephemeral
    assert refused.content == "Only moderators can edit the glossary."

    opened = await loopback.slash("glossary-mod add", actor=marcus)
    fields = form(
        opened,
        headword="dump kit",
        japanese="ダンプキット",
        meaning="A kit that makes the bed tip.",
        category="parts",
        details="aliases: tipper kit\nsee also: keitora",
    )
    added = await loopback.submit_modal(opened, fields, actor=marcus)
    assert added.content == "Added “dump kit” to this server's glossary."

    editing = await loopback.slash("glossary-mod edit", term="dumpkit", actor=marcus)
    assert form(editing)["Romaji, aliases, see also (one per line)"].startswith("aliases: tipper")
    changed = form(editing, meaning="A hydraulic kit that makes the bed tip.")
    await loopback.submit_modal(editing, changed, actor=marcus)
    found = await loopback.slash("glossary lookup", term="tipper kit", actor=mika)
    assert "hydraulic" in found.embeds[0]["description"]

    history = await loopback.slash("glossary-mod history", term="dumpkit", actor=marcus)
    assert (
        f"<@{marcus.id}> edited it: meaning “A kit that makes the bed tip.” → "
        "“A hydraulic kit that makes the bed tip.”"
    ) in history.content
    assert f"<@{marcus.id}> added it" in history.content
    assert (await loopback.slash("glossary-mod remove", term="shaken", actor=mika)).ephemeral
    removed = await loopback.slash("glossary-mod remove", term="dumpkit", actor=marcus)
    assert removed.content.startswith("Removed “dump kit”")
    gone = await loopback.slash("glossary lookup", term="dump kit", actor=mika)
    assert gone.embeds == []


async def test_a_removed_built_in_comes_back_whole_with_restore(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    removed = await loopback.slash("glossary-mod remove", term="shaken", actor=marcus)
    assert removed.content == (
        "Removed “shaken” from this server's glossary. "
        "`/glossary-mod restore` brings it back as the bot ships it."
    )
    history = await loopback.slash("glossary-mod history", term="shaken", actor=marcus)
    assert history.content.splitlines()[0] == "History of “shaken”"
    assert f"<@{marcus.id}> removed it" in history.content

    choices = await loopback.autocomplete("glossary-mod restore", "term", "しゃけん", actor=marcus)
    assert [c["value"] for c in choices] == ["shaken"]
    member = await loopback.slash("glossary-mod restore", term="shaken")
    assert member.ephemeral
    assert "moderators" in member.content
    restored = await loopback.slash("glossary-mod restore", term="shaken", actor=marcus)
    assert restored.content == (
        "Restored “shaken” as the bot ships it, with its Japanese spellings and aliases."
    )
    assert (await loopback.slash("glossary lookup", term="車検")).embeds[0]["title"] == "shaken"
    again = await loopback.slash("glossary-mod restore", term="shaken", actor=marcus)
    assert again.content == "“shaken” is already as the bot ships it."


async def test_history_shows_each_changed_field_before_and_after(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    editing = await loopback.slash("glossary-mod edit", term="keitora", actor=marcus)
    long = "A kei truck, the small pickup farmers in Japan drive between fields and the road."
    changed = form(editing, meaning=long, details="romaji: keitora\naliases: tiny truck")
    await loopback.submit_modal(editing, changed, actor=marcus)

    history = await loopback.slash("glossary-mod history", term="keitora", actor=marcus)
    [line] = [line for line in history.content.splitlines() if "edited it:" in line]
    assert "aliases “kei truck, mini truck, " in line, line  # trimmed between words
    assert "…” → “tiny truck”" in line
    assert "see also “kei torakku, keijidōsha, sanpō-biraki” → (none)" in line
    assert "meaning “Everyday Japanese for a kei truck" in line
    assert "→ “A kei truck, the small pickup farmers in Japan drive…”" in line
    assert "kanji" not in line  # unchanged fields are not listed


async def test_refusals_escape_the_member_text_they_quote(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    refused = await loopback.slash("glossary-mod remove", term="**nope** @everyone", actor=marcus)
    assert refused.content == (
        "There is no entry “\\*\\*nope\\*\\* @\u200beveryone” in this server's glossary; "
        "pick one from the list."
    )
    opened = await loopback.slash("glossary-mod add", actor=marcus)
    fields = form(opened, headword="bed mat", meaning="A mat.", category="parts", details="__x__")
    bad_line = await loopback.submit_modal(opened, fields, actor=marcus)
    assert bad_line.content.startswith("“\\_\\_x\\_\\_” is not a detail line")


async def test_a_refused_form_opens_again_with_everything_typed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    opened = await loopback.slash("glossary-mod add", actor=marcus)
    typed = form(
        opened,
        headword="bed mat",
        japanese="荷台マット (にだいまっと)",
        meaning="A rubber mat for the bed.",
        category="snacks",
        details="aliases: bed liner",
    )
    refused = await loopback.submit_modal(opened, typed, actor=marcus)
    assert refused.ephemeral
    assert refused.content.startswith("“bed mat” cannot be saved: category must be one of")
    reopened = await loopback.click(refused, "Fix the form", actor=marcus)
    assert reopened.modal is not None
    assert reopened.modal["title"] == "Add a glossary term"
    assert form(reopened) == typed
    added = await loopback.submit_modal(reopened, form(reopened, category="parts"), actor=marcus)
    assert added.content == "Added “bed mat” to this server's glossary."
    shown = await loopback.slash("glossary lookup", term="にだいまっと")
    assert shown.embeds[0]["title"] == "bed mat"


async def test_import_is_all_or_nothing_and_survives_a_rate_limited_followup(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    good = {"headword": "bed mat", "meaning": "A rubber mat for the bed.", "category": "parts"}
    bad = {"headword": "rack", "meaning": "", "category": "parts"}
    rejected = await loopback.slash(
        "glossary-mod import", file=export_file(good, bad), actor=marcus
    )
    assert rejected.text.startswith(
        "Nothing was imported: 1 entry has a problem. Fix it and import the whole file again."
    )
    assert "entry 2 “rack”: meaning is empty" in rejected.text
    assert (await loopback.slash("glossary lookup", term="bed mat")).embeds == []

    loopback.faults.rate_limit("POST", "/webhooks/{webhook_id}/{webhook_token}")
    imported = await loopback.slash("glossary-mod import", file=export_file(good), actor=marcus)
    [followup] = imported.followups
    assert statuses(loopback, "POST", "/webhooks/{webhook_id}/{webhook_token}")[-2:] == [429, 200]
    assert followup.content == "Imported: 1 added, 0 updated, 0 unchanged, 0 built-ins hidden."
    assert (await loopback.slash("glossary lookup", term="bed mat")).embeds[0]["title"] == "bed mat"

    member = await loopback.slash("glossary-mod import", file=export_file(good))
    assert member.content == "Only moderators can import glossary terms."


async def test_export_then_import_round_trips(keitora: RunningBot, loopback: Loopback) -> None:
    marcus = loopback.member("Marcus")
    await loopback.slash("glossary-mod remove", term="shaken", actor=marcus)
    exported = await loopback.slash("glossary-mod export", actor=marcus)
    [attachment] = exported.attachments
    document = json.loads(attachment.data)
    assert document == {
        "schema_version": 1,
        "entries": [],
        "hidden": ["shaken"],
        "built_in_links": [],
    }

    shaken = next(e for e in builtin_entries() if e.headword == "shaken")
    await keitora.bot.services.glossary.add(int(loopback.guild.id), int(marcus.id), shaken)
    file = File(attachment.filename, attachment.data, "application/json")
    imported = await loopback.slash("glossary-mod import", file=file, actor=marcus)
    assert imported.text == "Imported: 0 added, 0 updated, 0 unchanged, 1 built-in hidden."
    again = await loopback.slash("glossary-mod export", actor=marcus)
    assert again.attachments[0].data == attachment.data
    # The same file again changes nothing, and says why: the term it hides was hidden already.
    twice = await loopback.slash("glossary-mod import", file=file, actor=marcus)
    assert twice.text == (
        "Imported: 0 added, 0 updated, 1 unchanged (1 built-in hidden already), 0 built-ins hidden."
    )
