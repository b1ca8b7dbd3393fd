"""/glossary lookup and search through the loopback for the ways papers and members write a
term: a model code after its emissions prefix, a word with macrons, the start of a Japanese
form."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot


async def test_a_model_code_with_its_emissions_prefix_shows_the_chassis_code(
    keitora: RunningBot, loopback: Loopback
) -> None:
    reply = await loopback.slash("glossary lookup", term="GD-DA52T")
    data = reply.record.callback_body["data"]  # type: ignore[index]
    assert data["content"] == "Read “DA52T”, the chassis code after the emissions prefix “GD-”."
    assert data["embeds"][0]["title"] == "DA52T"

    bare = await loopback.slash("glossary lookup", term="3BA-")
    data = bare.record.callback_body["data"]  # type: ignore[index]
    assert not data.get("content")
    assert data["embeds"][0]["title"] == "haishutsu gasu kisei shikibetsu kigō"


async def test_a_search_with_macrons_lists_what_the_plain_spelling_lists(
    keitora: RunningBot, loopback: Loopback
) -> None:
    macrons = await loopback.slash("glossary search", query="nōhan")
    plain = await loopback.slash("glossary search", query="nohan")
    sent = macrons.record.callback_body["data"]["embeds"][0]["description"]  # type: ignore[index]
    assert sent == plain.record.callback_body["data"]["embeds"][0]["description"]  # type: ignore[index]
    assert "shōwa" not in sent


async def test_sheet_spellings_and_the_start_of_a_kanji_word_are_answered(
    keitora: RunningBot, loopback: Loopback
) -> None:
    selector = await loopback.slash("glossary lookup", term="FA/T")
    assert selector.record.callback_body["data"]["embeds"][0]["title"] == "ōtoma"  # type: ignore[index]

    begun = await loopback.slash("glossary lookup", term="凹")
    data = begun.record.callback_body["data"]  # type: ignore[index]
    assert data["content"] == "No entry for “凹”: did you mean “hekomi”?"
    assert begun.message is not None
    assert begun.message.buttons == ["hekomi"]


async def test_autocomplete_labels_name_an_entry_in_english_or_not_at_all(
    keitora: RunningBot, loopback: Loopback
) -> None:
    midship = await loopback.autocomplete("glossary lookup", "term", "middoshippu")
    assert midship[0]["name"] == "middoshippu — ミッドシップ — midship"
    expiry = await loopback.autocomplete("glossary lookup", "term", "yūkō kikan manryōbi")
    assert expiry[0]["name"] == "yūkō kikan manryōbi — 有効期間満了日 — inspection expiry date"
