"""Members' suggestions through the loopback: what they type reaches the moderator's approval
form as that form reads it, and the approved term's history names the suggestion."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_glossary_curation import form


async def test_a_reading_typed_with_the_kanji_reaches_the_approval_form_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    await loopback.slash(
        "glossary suggest",
        term="hatake",
        meaning="A farm field.",
        kanji="畑（はたけ）",
        kana="はたけ",
        actor=mika,
    )
    queue = await loopback.slash("glossary-mod suggestions", actor=marcus)
    opened = await loopback.click(queue, "Approve glossary #1", actor=marcus)
    assert form(opened)["Kanji (kana)"] == "畑 (はたけ)"
    await loopback.submit_modal(opened, form(opened, category="culture"), actor=marcus)
    entry = await keitora.bot.services.glossary.entry(int(loopback.guild.id), "hatake")
    assert (entry.kanji, entry.kana) == ("畑", "はたけ")


async def test_the_history_of_an_approved_term_names_its_suggestion_and_who_made_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    await loopback.slash("glossary suggest", term="tanbo", meaning="A rice paddy.", actor=mika)
    await loopback.slash("glossary suggest", term="hatake", meaning="A farm field.", actor=mika)
    queue = await loopback.slash("glossary-mod suggestions", actor=marcus)
    opened = await loopback.click(queue, "Approve glossary #2", actor=marcus)
    await loopback.submit_modal(opened, form(opened, category="culture"), actor=marcus)

    history = await loopback.slash("glossary-mod history", term="hatake", actor=marcus)
    sent = history.record.callback_body
    assert sent is not None
    assert sent["data"]["allowed_mentions"] == {"parse": []}  # naming them pings nobody
    (line,) = sent["data"]["content"].splitlines()[1:]
    assert line.endswith(
        f"<@{marcus.id}> added it, from suggestion #2 by <@{mika.id}>: meaning “A farm field.”"
    )


async def test_a_suggestion_holding_a_mention_is_refused_naming_its_field_and_not_queued(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = loopback.member("Mika")
    held = "may not hold mentions (everyone, here, a member, a role), channels, custom emoji"
    for typed, field in (
        ({"term": "@everyone", "meaning": "ping all"}, "term"),
        ({"term": "田んぼ道", "meaning": "<@&1> hi @here"}, "meaning"),
        ({"term": "tanbo", "meaning": "A paddy.", "kanji": "<:kei:456>"}, "kanji"),
    ):
        refused = await loopback.slash("glossary suggest", **typed, actor=mika)
        data = refused.record.callback_body["data"]  # type: ignore[index]
        assert data["flags"] & 64, "ephemeral"
        assert data["content"].startswith(f"The {field} {held}"), data["content"]
    pending = await keitora.bot.services.glossary.pending_suggestions(int(loopback.guild.id))
    assert pending == []


async def test_a_one_word_gloss_is_taken_and_junk_is_refused_as_typed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = loopback.member("Mika")
    taken = await loopback.slash("glossary suggest", term="耕運機", meaning="tiller", actor=mika)
    assert taken.content.startswith("Thanks! Suggestion #1 “耕運機”"), taken.content
    for typed, refusal in (
        (
            {"term": "ab", "meaning": "x y"},
            "The meaning needs a word of at least 3 letters or digits (a kana or kanji counts as "
            "one); nothing was suggested.",
        ),
        (
            {"term": "hatake", "meaning": "aaa"},
            "The meaning “aaa” holds no word: say what the term means; nothing was suggested.",
        ),
        (
            {"term": "hatake", "meaning": "A farm field.", "kana": "**xyz**"},
            "The kana “\\*\\*xyz\\*\\*” holds more than hiragana or katakana: type the reading "
            "in kana (けいとら), and romaji in the term; nothing was suggested.",
        ),
    ):
        refused = await loopback.slash("glossary suggest", **typed, actor=mika)
        data = refused.record.callback_body["data"]  # type: ignore[index]
        assert data["flags"] & 64, "ephemeral"
        assert data["content"] == refusal
    pending = await keitora.bot.services.glossary.pending_suggestions(int(loopback.guild.id))
    assert [suggestion.term for suggestion in pending] == ["耕運機"]


async def test_a_term_of_one_kana_is_taken_and_one_letter_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = loopback.member("Mika")
    taken = await loopback.slash("glossary suggest", term="ア", meaning="A size mark.", actor=mika)
    assert taken.content.startswith("Thanks! Suggestion #1 “ア”"), taken.content
    refused = await loopback.slash("glossary suggest", term="a", meaning="A size mark.", actor=mika)
    data = refused.record.callback_body["data"]  # type: ignore[index]
    assert data["flags"] & 64, "ephemeral"
    assert data["content"] == (
        "The term needs at least 2 letters or digits, or kana or kanji; nothing was suggested."
    )
    pending = await keitora.bot.services.glossary.pending_suggestions(int(loopback.guild.id))
    assert [suggestion.term for suggestion in pending] == ["ア"]
    # Approved, it is a term members find as they type it, in either width: written under its
    # romaji, as the form offers a term typed in kana.
    marcus = loopback.member("Marcus")
    queue = await loopback.slash("glossary-mod suggestions", actor=marcus)
    opened = await loopback.click(queue, "Approve glossary #1", actor=marcus)
    await loopback.submit_modal(opened, form(opened, category="auction"), actor=marcus)
    for typed in ("ア", "ｱ"):
        found = await loopback.slash("glossary lookup", term=typed)
        embed = found.embeds[0]
        assert (embed["title"], embed["description"]) == ("a", "**(ア)**\n\nA size mark."), typed
