"""/glossary through the loopback: lookups, autocomplete, buttons across restarts, curation by
moderators, import/export, and the word of the day posted once a day despite restarts and 429s."""

from __future__ import annotations

import asyncio
import gc
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import discord

from bot.client import DiscordSender
from bot.delivery import nonce_for
from bot.glossary import DAILY_WORD_JOB, builtin_entries
from bot.japanese import normalize
from sandbox import ChannelRef, File, Loopback, Reply
from sandbox.bodies import walk_components
from tests.glossary_queries import QUERY_TABLE, SUGGESTED_TABLE

from .conftest import RunningBot, eventually

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


MAKES = ("Suzuki", "Daihatsu", "Honda", "Subaru", "Mitsubishi", "Mazda", "Nissan", "Toyota")


def export_file(*entries: dict[str, object], hidden: tuple[str, ...] = ()) -> File:
    document = {"schema_version": 1, "entries": list(entries)}
    data = json.dumps(document | ({"hidden": list(hidden)} if hidden else {})).encode()
    return File("glossary.json", data, "application/json")


async def test_lookup_is_private_unless_public_and_public_posts_cool_down(
    keitora: RunningBot, loopback: Loopback
) -> None:
    private = await loopback.slash("glossary lookup", term="軽トラ")
    assert private.ephemeral
    [card] = private.embeds
    assert card["title"] == "keitora"
    assert card["description"].startswith("**軽トラ (けいとら) keitora**")

    public = await loopback.slash("glossary lookup", term="keijidosha", public=True)
    assert not public.ephemeral
    assert loopback.messages("general")[-1].embeds[0]["title"] == "keijidōsha"

    again = await loopback.slash("glossary random", public=True, actor=loopback.member("Dale"))
    assert again.ephemeral
    assert "just posted in this channel" in again.content
    keitora.clock.advance(timedelta(seconds=6))
    assert not (await loopback.slash("glossary random", public=True)).ephemeral

    long = await loopback.slash("glossary lookup", term="k" * 5000)
    assert long.ephemeral
    assert long.content == "The term is 5,000 characters; the limit is 200."


async def test_only_a_posted_public_card_starts_the_cooldown(
    keitora: RunningBot, loopback: Loopback
) -> None:
    nothing = await loopback.slash("glossary lookup", term="zzzz", public=True)
    assert nothing.ephemeral
    assert nothing.content.startswith("No entry for “zzzz”.")
    suggested = await loopback.slash("glossary lookup", term="tokyo", public=True)
    assert suggested.ephemeral
    assert suggested.content.startswith("No entry for “tokyo” — did you mean “nōkyō”")
    too_long = await loopback.slash("glossary lookup", term="k" * 5000, public=True)
    assert too_long.content == "The term is 5,000 characters; the limit is 200."

    posted = await loopback.slash("glossary lookup", term="keitora", public=True)
    assert not posted.ephemeral
    again = await loopback.slash("glossary lookup", term="shaken", public=True)
    assert "just posted in this channel" in again.content


async def test_members_asking_for_public_cards_at_the_same_moment_post_one(
    keitora: RunningBot, loopback: Loopback
) -> None:
    names = ["Dale", "Marcus", "Akiko"]
    replies = await asyncio.gather(
        *(
            loopback.slash("glossary lookup", term="shaken", public=True, actor=loopback.member(n))
            for n in names
        )
    )
    assert sorted(reply.ephemeral for reply in replies) == [False, True, True]
    assert len(loopback.messages("general")) == 1


async def test_autocomplete_finds_every_way_of_writing_a_term(
    keitora: RunningBot, loopback: Loopback
) -> None:
    for query, headword in QUERY_TABLE + SUGGESTED_TABLE:
        choices = await loopback.autocomplete("glossary lookup", "term", query)
        assert choices, query
        assert choices[0]["value"] == normalize(headword), query
    popular = await loopback.autocomplete("glossary lookup", "term", "")
    assert 0 < len(popular) <= 25
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in popular)
    assert await loopback.autocomplete("glossary lookup", "term", "@everyone zzzz") == []
    assert (await loopback.autocomplete("glossary lookup", "term", "da63t"))[0]["value"] == "da63t"
    # An English alias matches from the start of its words, as search does: "rice" is in
    # "hammer price" (rakusatsu's alias) but is no word of it.
    rice = await loopback.autocomplete("glossary lookup", "term", "rice")
    assert "rakusatsu" not in [c["value"] for c in rice]
    price = await loopback.autocomplete("glossary lookup", "term", "price")
    assert "rakusatsu" in [c["value"] for c in price]


async def test_did_you_mean_buttons_look_terms_up_even_after_a_restart(
    keitora: RunningBot, loopback: Loopback
) -> None:
    reply = await loopback.slash("glossary lookup", term="nanba")
    assert reply.ephemeral
    assert reply.content.startswith("No entry for “nanba” — did you mean")
    assert reply.message is not None
    assert reply.message.buttons == ["kuro nanbā", "shiro nanbā", "kiiro nanbā"]

    clicked = await loopback.click(reply, "kiiro nanbā")
    assert clicked.embeds[0]["title"] == "kiiro nanbā"
    await keitora.restart()
    clicked = await loopback.click(reply, "shiro nanbā")
    assert clicked.embeds[0]["title"] == "shiro nanbā"
    see_also = await loopback.click(clicked, "kiiro nanbā")  # a see-also button
    assert see_also.embeds[0]["title"] == "kiiro nanbā"


async def test_search_and_browse_pages_survive_a_restart(
    keitora: RunningBot, loopback: Loopback
) -> None:
    found = await loopback.slash("glossary search", query="inspection certificate")
    assert "shakenshō" in found.embeds[0]["description"]

    first = await loopback.slash("glossary browse", category="model")
    assert first.embeds[0]["title"].startswith("Glossary: model terms (page 1 of")
    # Every line says what the term is: a chassis code names the truck it belongs to.
    lines = first.embeds[0]["description"].splitlines()
    codes = [line for line in lines if line.startswith(("**DA", "**HA", "**S"))]
    assert codes, lines
    assert all(" — " in line and any(make in line for make in MAKES) for line in codes), codes
    await keitora.restart()
    second = await loopback.click(first, "Next")
    assert "(page 2 of" in second.message.embeds[0]["title"]


async def test_a_search_with_a_misspelt_english_word_finds_the_meanings_it_meant(
    keitora: RunningBot, loopback: Loopback
) -> None:
    reply = await loopback.slash("glossary search", query="inspecton")

    lines = reply.embeds[0]["description"].splitlines()
    assert any(line.startswith("**shaken**") for line in lines), lines
    assert all(line.endswith("*(found in its meaning)*") for line in lines), lines
    nothing = await loopback.slash("glossary search", query="lorem ipsum dolor")
    assert nothing.embeds[0]["description"] == "Nothing matched."


async def test_a_search_for_mentions_or_emoji_is_no_search_for_their_digits(
    keitora: RunningBot, loopback: Loopback
) -> None:
    for query in ("<@1>", "<@!1> <#1>", "<@&1>", "<:kei:1>", "<a:kei:1>"):
        refused = await loopback.slash("glossary search", query=query)
        sent = refused.record.callback_body["data"]
        assert refused.ephemeral, query
        assert "embeds" not in sent, query
        assert sent["content"] == (
            "Mentions, channels, roles and custom emoji are not searched: type the words of a "
            "term or its meaning, such as `shaken` or `inspection`."
        )
    mixed = await loopback.slash("glossary search", query="<@1> inspection <:kei:1>")
    words = await loopback.slash("glossary search", query="inspection")
    assert mixed.embeds[0]["description"] == words.embeds[0]["description"]


async def test_replies_with_buttons_leave_no_view_listening(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # The buttons are dynamic items, answered from their custom ids. discord.py would otherwise
    # keep each private reply's view, with a task waiting on it, for 15 minutes.
    for query in ("truck", "inspection", "kei", "auction", "rust"):
        reply = await loopback.slash("glossary search", query=query)
        assert reply.ephemeral
        assert reply.message is not None
        assert reply.message.buttons
    browse = await loopback.slash("glossary browse")
    assert browse.message is not None
    assert browse.message.buttons == ["Previous", "Next"]
    did_you_mean = await loopback.slash("glossary lookup", term="nanba")
    assert did_you_mean.message is not None
    assert did_you_mean.message.buttons

    def no_view_listening() -> bool:
        # Stopped views may be kept to send again (replies listing the same terms share one),
        # but none that listens for clicks.
        gc.collect()
        views = [o for o in gc.get_objects() if isinstance(o, discord.ui.View)]
        return not any(not view.is_finished() for view in views)

    # Within seconds, where a view kept would stay for 15 minutes: the last dispatch may still
    # be finishing after its reply arrived.
    await eventually(no_view_listening, "the views to be stopped or collected", within=3)


async def test_a_member_suggests_and_a_moderator_approves(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    suggested = await loopback.slash(
        "glossary suggest",
        term="hatake @everyone",
        meaning="A farm field.",
        kana="はたけ",
        actor=mika,
    )
    assert suggested.ephemeral
    assert "Suggestion #1 “hatake @\u200beveryone” is waiting" in suggested.content

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
        f"Rejected by <@{marcus.id}>; a member will be told why.\nReason: Already under “ta”"
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
    assert added.content == "Added “dump kit” in this server's glossary."

    editing = await loopback.slash("glossary-mod edit", term="dumpkit", actor=marcus)
    assert form(editing)["Romaji, aliases, see also (one per line)"].startswith("aliases: tipper")
    changed = form(editing, meaning="A hydraulic kit that makes the bed tip.")
    await loopback.submit_modal(editing, changed, actor=marcus)
    found = await loopback.slash("glossary lookup", term="tipper kit", actor=mika)
    assert "hydraulic" in found.embeds[0]["description"]

    history = await loopback.slash("glossary-mod history", term="dumpkit", actor=marcus)
    assert (
        f"<@{marcus.id}> edit: meaning “A kit that makes the bed tip.” → "
        "“A hydraulic kit that makes the bed tip.”"
    ) in history.content
    assert f"<@{marcus.id}> add" in history.content
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
    assert f"<@{marcus.id}> remove: removed" in history.content

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
    [line] = [line for line in history.content.splitlines() if "edit:" in line]
    assert "aliases “kei truck, mini truck, " in line, line  # trimmed to 60 characters
    assert "…” → “tiny truck”" in line
    assert "see also “kei torakku, keijidōsha, sanpō-biraki” → (none)" in line
    assert "meaning “Everyday Japanese for a kei truck" in line
    assert "→ “A kei truck, the small pickup farmers in Japan drive betwee…”" in line
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
    assert added.content == "Added “bed mat” in this server's glossary."
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
    assert imported.text == "Imported: 0 added, 0 updated, 0 unchanged, 1 built-ins hidden."
    again = await loopback.slash("glossary-mod export", actor=marcus)
    assert again.attachments[0].data == attachment.data


def statuses(loopback: Loopback, method: str, template: str) -> list[int | None]:
    return [r.status for r in loopback.requests if (r.method, r.template) == (method, template)]


async def glossary_channel_due(keitora: RunningBot, loopback: Loopback) -> ChannelRef:
    """Set #glossary as the glossary channel and move the clock just past the first post's time."""
    admin, glossary = loopback.member("Akiko"), loopback.guild.channel("glossary")
    await loopback.slash("setup channel", kind="glossary", channel=glossary, actor=admin)
    due = await next_daily_due(keitora)
    keitora.clock.set(datetime.fromtimestamp(due + 1, UTC))
    return glossary


async def next_daily_due(keitora: RunningBot) -> int:
    """When the pending word-of-the-day job is due, once the setup listener has planned it."""
    for _ in range(200):
        due = await keitora.bot.services.jobs.next_due_at([DAILY_WORD_JOB])
        if due is not None:
            return due
        await asyncio.sleep(0.01)  # the listener runs just after the /setup reply
    raise AssertionError("no word-of-the-day job was planned")


async def settled(keitora: RunningBot, key: str) -> str:
    """The state of a word-of-the-day job once no worker holds it any more."""
    for _ in range(200):
        state = await keitora.store.fetchval(
            "SELECT state FROM jobs WHERE kind = ? AND key = ?", (DAILY_WORD_JOB, key)
        )
        if state in ("done", "failed"):
            return state
        await asyncio.sleep(0.01)  # a background runner may hold the job
    raise AssertionError(f"the job {key} did not finish")


async def test_a_word_of_the_day_sent_before_a_crash_is_not_sent_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    glossary = await glossary_channel_due(keitora, loopback)

    # A worker claims the job and posts, then dies before recording the post and the job's end.
    jobs = keitora.bot.services.jobs
    [job] = await jobs.claim_due(5, worker="crashed", kinds=[DAILY_WORD_JOB])
    post = await keitora.bot.services.word_of_the_day.compose(job)
    sender = DiscordSender(keitora.bot)
    first = await sender.send(post, nonce=nonce_for(job.key))
    [posted] = loopback.messages(glossary)

    keitora.clock.advance(jobs.lease + timedelta(seconds=1))  # the lease runs out
    await keitora.bot.job_runner.run_due()
    assert await settled(keitora, job.key) == "done"
    assert loopback.messages(glossary) == [posted]
    sends = [
        record.request
        for record in loopback.requests
        if (record.method, record.template) == ("POST", "/channels/{channel_id}/messages")
    ]
    assert [(body["nonce"], body["enforce_nonce"]) for body in sends] == [
        (nonce_for(job.key), True)
    ] * 2
    recorded = await keitora.store.fetchval(
        "SELECT message_id FROM deliveries WHERE job_id = ?", (job.id,)
    )
    assert recorded == first.message_id


async def test_a_settled_word_of_the_day_is_not_sent_again_when_its_job_runs_twice(
    keitora: RunningBot, loopback: Loopback
) -> None:
    glossary = await glossary_channel_due(keitora, loopback)
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.messages(glossary)) == 1)
    # As if a second worker had claimed the same row before the first one's "done" landed.
    await keitora.store.execute(
        "UPDATE jobs SET state = 'pending', finished_at = NULL WHERE kind = ?", (DAILY_WORD_JOB,)
    )
    keitora.clock.advance(timedelta(seconds=1))
    await keitora.bot.job_runner.run_due()
    assert len(loopback.messages(glossary)) == 1
    assert len(statuses(loopback, "POST", "/channels/{channel_id}/messages")) == 1


async def test_a_word_of_the_day_that_missed_its_day_is_not_posted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin, glossary = loopback.member("Akiko"), loopback.guild.channel("glossary")
    await loopback.slash("setup channel", kind="glossary", channel=glossary, actor=admin)
    due = await next_daily_due(keitora)
    [key] = [
        row["key"]
        for row in await keitora.store.fetchall(
            "SELECT key FROM jobs WHERE kind = ?", (DAILY_WORD_JOB,)
        )
    ]
    # The bot was down for two days: yesterday's and the day before's words are stale.
    two_days = int(timedelta(days=2).total_seconds())
    keitora.clock.set(keitora.clock.now().fromtimestamp(due + two_days + 1, UTC))
    await keitora.bot.job_runner.run_due()
    assert await settled(keitora, key) == "failed"
    assert loopback.messages(glossary) == []
    # Today's hour has passed too, so tomorrow's word is next.
    next_due = await keitora.bot.services.jobs.next_due_at([DAILY_WORD_JOB])
    assert next_due == due + two_days + 86400


async def test_the_glossary_cog_reloads_and_still_posts_the_word_of_the_day(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await keitora.bot.reload_extension("cogs.glossary")  # its handler is registered anew
    glossary = await glossary_channel_due(keitora, loopback)
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.messages(glossary)) == 1)


async def test_word_of_the_day_is_posted_once_a_day_across_restarts(
    keitora: RunningBot, loopback: Loopback
) -> None:
    glossary = await glossary_channel_due(keitora, loopback)

    loopback.faults.rate_limit("POST", "/channels/{channel_id}/messages")
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.messages(glossary)) == 1)
    [first] = loopback.messages(glossary)
    assert statuses(loopback, "POST", "/channels/{channel_id}/messages") == [429, 200]
    assert first.embeds[0]["title"].startswith("Word of the day: ")

    await keitora.restart()
    assert await keitora.bot.job_runner.run_due() == 0
    keitora.clock.advance(timedelta(hours=2))
    await keitora.bot.job_runner.run_due()
    assert len(loopback.messages(glossary)) == 1

    keitora.clock.advance(timedelta(days=1))
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.messages(glossary)) == 2)
    second = loopback.messages(glossary)[1]
    assert second.embeds[0]["title"] != first.embeds[0]["title"]


async def test_a_word_of_the_day_with_pasted_mentions_pings_nobody(
    keitora: RunningBot, loopback: Loopback
) -> None:
    guild_id, marcus = int(loopback.guild.id), int(loopback.member("Marcus").id)
    glossary = keitora.bot.services.glossary
    for entry in builtin_entries():
        await glossary.remove(guild_id, marcus, entry.headword)
    pinging = replace(
        next(iter(builtin_entries())),
        headword="tenbin",
        meaning="@everyone <@&1> <@2> look at this",
        aliases=(),
        see_also=(),
    )
    await glossary.add(guild_id, marcus, pinging)
    channel = await glossary_channel_due(keitora, loopback)

    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.messages(channel)) == 1)

    [sent] = [
        record.request
        for record in loopback.requests
        if (record.method, record.template) == ("POST", "/channels/{channel_id}/messages")
    ]
    assert "@everyone" in json.dumps(sent["embeds"]).replace("\\u200b", "")
    assert sent["allowed_mentions"]["parse"] == []
    assert not sent["allowed_mentions"].get("users")
    assert not sent["allowed_mentions"].get("roles")
