"""Text a member typed, quoted back in an answer (a lookup that found nothing, a search's title,
a date not read, an import's errors, an auction sheet's unknown codes): a character in it that
turns round the text after it is written out by its code point, so that it turns round nothing,
least of all in an answer posted to the channel."""

from __future__ import annotations

import json

from sandbox import Loopback

from .conftest import RunningBot
from .test_glossary_moderation import imported

RLO = "\u202e"


def sent_since(loopback: Loopback, already: int) -> str:
    """Every body the bot sent Discord after the first `already` requests, as one text."""
    return json.dumps([r.request for r in loopback.requests[already:]], ensure_ascii=False)


async def test_a_lookup_and_a_search_quote_a_right_to_left_override_inert(
    keitora: RunningBot, loopback: Loopback
) -> None:
    already = len(loopback.requests)
    missing = await loopback.slash("glossary lookup", term=f"abc{RLO}def")
    assert missing.content.startswith("No entry for “abc[U+202E]def”.")
    searched = await loopback.slash("glossary search", query=f"abc{RLO}def")
    assert searched.embeds[0]["title"] == "Glossary search: abc[U+202E]def"
    assert RLO not in sent_since(loopback, already)


async def test_a_date_not_read_is_quoted_inert(keitora: RunningBot, loopback: Loopback) -> None:
    already = len(loopback.requests)
    refused = await loopback.slash("eligibility", manufactured=f"19{RLO}96")
    assert refused.content.startswith("I can't read “19[U+202E]96” as a date.")
    assert RLO not in sent_since(loopback, already)


async def test_an_import_error_quotes_the_headword_inert(
    keitora: RunningBot, loopback: Loopback
) -> None:
    already = len(loopback.requests)
    reversed_ = {"headword": f"rtl{RLO}term", "meaning": "A term.", "category": "parts"}
    refused = await imported(loopback, reversed_)
    assert "• entry 1 “rtl[U+202E]term”: its headword may not hold U+202E" in refused
    assert RLO not in sent_since(loopback, already)


async def test_a_public_sheet_decode_posts_no_right_to_left_override(
    keitora: RunningBot, loopback: Loopback
) -> None:
    already = len(loopback.requests)
    public = await loopback.slash("auction decode", sheet=f"4.5 B A1 Q{RLO}Z9", public=True)
    assert not public.ephemeral
    assert "Q[U+202E]Z9" in json.dumps(public.embeds, ensure_ascii=False)
    assert RLO not in sent_since(loopback, already)


async def test_a_removed_term_typed_is_answered_as_missing_with_what_it_might_be(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # The bot gets the text as typed (in Discord, text not picked from the list goes so).
    await loopback.slash("glossary-mod remove", term="keitora", actor=loopback.member("Marcus"))
    answer = await loopback.slash("glossary lookup", term="keitora")
    assert answer.content.startswith("No entry for “keitora”: did you mean")
    assert "“keitora-ichi”" in answer.content
    assert not answer.embeds


async def test_a_refusal_raised_in_a_service_quotes_it_inert(
    keitora: RunningBot, loopback: Loopback
) -> None:
    already = len(loopback.requests)
    refused = await loopback.slash("timezone set", tz=f"Den{RLO}ver")
    assert refused.content.startswith("“Den[U+202E]ver” is not a time zone I know")
    assert RLO not in sent_since(loopback, already)
