"""/glossary through the loopback as members ask it: lookups, public cards and their cooldown,
autocomplete, search and browse, and buttons that outlive a restart. Curation and the word of the
day have files of their own."""

from __future__ import annotations

import asyncio
import gc
from datetime import timedelta

import discord

from bot.japanese import normalize
from sandbox import Loopback
from tests.glossary_queries import QUERY_TABLE, SUGGESTED_TABLE

from .conftest import RunningBot, eventually

MAKES = ("Suzuki", "Daihatsu", "Honda", "Subaru", "Mitsubishi", "Mazda", "Nissan", "Toyota")


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
    assert suggested.content.startswith("No entry for “tokyo”: did you mean “nōkyō”")
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
    assert reply.content.startswith("No entry for “nanba”: did you mean")
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


async def test_a_search_lists_the_term_a_meaning_is_about_before_those_naming_it_later(
    keitora: RunningBot, loopback: Loopback
) -> None:
    reply = await loopback.slash("glossary search", query="inspection")
    lines = reply.embeds[0]["description"].splitlines()
    assert lines[0].startswith("**shaken**"), lines  # the inspection itself
    assert any(line.startswith("**shuppinhyō**") for line in lines[1:]), lines  # its sheet
    assert reply.message is not None
    assert reply.message.buttons[0] == "shaken", reply.message.buttons


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


async def test_a_lookup_answered_by_a_nearby_term_says_the_term_typed_has_no_entry(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    for removed in ("keitora", "kei torakku"):  # "keitora" now begins keitora-ichi alone
        await loopback.slash("glossary-mod remove", term=removed, actor=marcus)
    for typed, shown in (("keitora", "keitora-ichi"), ("shakken", "shaken")):
        reply = await loopback.slash("glossary lookup", term=typed, public=True)
        keitora.clock.advance(timedelta(seconds=6))
        data = reply.record.callback_body["data"]  # type: ignore[index]
        assert data["content"] == (
            f"No entry for “{typed}”: did you mean “{shown}”? Its card is below."
        )
        assert data["embeds"][0]["title"] == shown
    exact = await loopback.slash("glossary lookup", term="shaken")
    assert not exact.record.callback_body["data"].get("content")  # type: ignore[index]


async def test_a_search_for_the_full_kanji_word_finds_its_short_form(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # 四輪駆動 is yonku's alias; 二輪駆動 is no term, and 二駆 (niku) is its short form.
    found = await loopback.slash("glossary search", query="二輪駆動")
    assert found.embeds[0]["description"].splitlines()[0].startswith("**niku**")
    lookup = await loopback.slash("glossary lookup", term="二輪駆動")
    assert lookup.content == "No entry for “二輪駆動”: did you mean “niku” or “yonku”?"
    assert lookup.message.buttons == ["niku", "yonku"]


async def test_a_search_for_truck_lists_the_kei_truck_first(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # keitora's meaning, "Everyday Japanese for a kei truck", is about a truck, not Japanese.
    reply = await loopback.slash("glossary search", query="truck")
    assert reply.embeds[0]["description"].startswith("**keitora**")
    assert reply.message is not None
    assert reply.message.buttons[0] == "keitora"
