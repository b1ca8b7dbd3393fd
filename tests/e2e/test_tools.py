"""/auction decode and /eligibility through the loopback, as a member uses them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.glossary import GlossaryEntry
from sandbox import Loopback

from .conftest import RunningBot


async def test_auction_sheet_is_decoded_privately_unless_public(
    keitora: RunningBot, loopback: Loopback
) -> None:
    reply = await loopback.slash("auction decode", sheet="4.5 B A1 U2 S1 XX W1 zzz")
    assert reply.ephemeral
    embed = reply.embeds[0]
    text = str(embed)
    assert "Overall grade 4.5" in text
    assert "S1" in text
    assert "zzz" in text  # unknown tokens are named, never guessed
    public = await loopback.slash("auction decode", sheet="R B S2", public=True)
    assert not public.ephemeral
    assert "Structural repair" in str(public.embeds[0])


async def test_pasted_mentions_never_ping(keitora: RunningBot, loopback: Loopback) -> None:
    reply = await loopback.slash("auction decode", sheet="4 B @everyone <@&1>", public=True)
    raw = reply.message.raw
    assert "@everyone" not in str(raw["embeds"]).replace("@\u200beveryone", "")
    # And the answer itself allows no mentions at all, whatever text it carries.
    sent = reply.record.callback_body["data"]
    assert sent["allowed_mentions"]["parse"] == []


async def test_eligibility_with_an_era_date_and_a_model(
    keitora: RunningBot, loopback: Loopback
) -> None:
    keitora.clock.set(datetime(2026, 11, 25, 18, 0, tzinfo=UTC))
    choices = await loopback.autocomplete("eligibility", "model", "da63")
    assert choices[0]["value"] == "DA63T"
    assert all(len(choice["name"]) <= 100 for choice in choices)

    reply = await loopback.slash("eligibility", manufactured="平成13年5月", model="DA63T")
    text = str(reply.embeds[0])
    assert "Eligible now** — since June 1, 2026" in text  # built May 2001
    assert "Heisei 13" in text


async def test_eligibility_on_the_anniversary_is_eligible_today(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # 26 minutes before noon UTC, on the day the 25 years are up everywhere in the US.
    keitora.clock.set(datetime(2026, 11, 30, 11, 34, tzinfo=UTC))
    reply = await loopback.slash("eligibility", manufactured="11/30/2001")
    sent = reply.record.callback_body["data"]["embeds"][0]
    assert sent["title"] == "US 25-year import date: built November 30, 2001"
    assert sent["description"].startswith("✅ **Eligible now** — since November 30, 2026 (today)\n")
    assert "<t:" not in json.dumps(sent)  # no instant for a reader's zone to shift

    named = await loopback.slash("eligibility", manufactured="Nov 2001")
    assert "built November 2001" in named.record.callback_body["data"]["embeds"][0]["title"]


async def test_a_date_outside_the_models_years_heads_the_answer(
    keitora: RunningBot, loopback: Loopback
) -> None:
    keitora.clock.set(datetime(2026, 11, 25, 18, 0, tzinfo=UTC))
    reply = await loopback.slash("eligibility", manufactured="1995", model="DA63T")
    sent = reply.record.callback_body["data"]["embeds"][0]
    assert sent["title"] == "⚠️ Check the date: DA63T was built 2002–2013"
    assert "If the date is right:\n✅ **Eligible now**" in sent["description"]


async def test_eligibility_countdown_and_bad_input(keitora: RunningBot, loopback: Loopback) -> None:
    keitora.clock.set(datetime(2026, 11, 25, 18, 0, tzinfo=UTC))
    reply = await loopback.slash("eligibility", manufactured="2002-03-29")
    assert "eligible in 4 months, 4 days" in str(reply.embeds[0]).lower()

    refused = await loopback.slash("eligibility", manufactured="next tuesday")
    assert refused.ephemeral
    assert not refused.embeds
    unknown_model = await loopback.slash("eligibility", manufactured="1998", model="ZZ99X")
    assert "I don't know the model code" in unknown_model.content


async def test_a_future_build_date_names_no_date_as_today(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # December 5 in every US state, and still December 4 in American Samoa.
    keitora.clock.set(datetime(2026, 12, 5, 10, 55, tzinfo=UTC))
    refused = await loopback.slash("eligibility", manufactured="2030-01-01")
    sent = refused.record.callback_body["data"]
    assert refused.ephemeral
    assert sent["content"] == (
        "January 1, 2030 is in the future; give the date the truck was built."
    )
    built_today = await loopback.slash("eligibility", manufactured="2026-12-05")
    assert built_today.embeds[0]["title"] == "US 25-year import date: built December 5, 2026"


async def test_the_day_before_it_has_begun_everywhere_in_the_us_says_when_it_will(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # December 5 in every US state, and still December 4 in American Samoa: "in 1 day" would
    # tell most members the 25 years are up tomorrow.
    keitora.clock.set(datetime(2026, 12, 5, 10, 55, tzinfo=UTC))
    reply = await loopback.slash("eligibility", manufactured="2001-12-05")
    sent = reply.record.callback_body["data"]["embeds"][0]
    # A countdown to that instant, which each reader's Discord counts from their own clock.
    begun = int(datetime(2026, 12, 5, 11, 0, tzinfo=UTC).timestamp())
    assert sent["description"].startswith(
        "⏳ **Eligible from December 5, 2026**, once that day has begun everywhere in the US "
        f"(midnight in American Samoa, 11:00 UTC), <t:{begun}:R>\n"
    )


async def test_a_sheet_of_garbage_is_nothing_recognized(
    keitora: RunningBot, loopback: Loopback
) -> None:
    reply = await loopback.slash("auction decode", sheet="hello world")
    sent = reply.record.callback_body["data"]["embeds"][0]
    assert sent["title"] == "Nothing recognized on this sheet"
    assert "No damage marks" not in sent["description"]
    assert not sent.get("fields")


async def test_a_sheet_of_garbage_asked_for_in_public_is_answered_to_its_member_alone(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Nothing on it was read: bad input, which the channel has no use for.
    reply = await loopback.slash("auction decode", sheet="hello @here world", public=True)
    sent = reply.record.callback_body["data"]
    assert sent.get("flags", 0) & 64, "ephemeral"
    assert sent["embeds"][0]["title"] == "Nothing recognized on this sheet"
    assert sent["allowed_mentions"]["parse"] == []
    # A sheet with one thing read on it is still shown to everyone, its unknowns named.
    partly = await loopback.slash("auction decode", sheet="4.5 hello", public=True)
    assert not partly.record.callback_body["data"].get("flags", 0) & 64


async def test_sheet_words_are_explained_from_the_servers_glossary(
    keitora: RunningBot, loopback: Loopback
) -> None:
    glossary, guild_id = keitora.bot.services.glossary, int(loopback.guild.id)
    built_in = {}
    for word in ("修復歴", "下回り", "サビ"):
        entry = (await glossary.lookup(guild_id, word)).entry
        assert entry is not None, word
        built_in[word] = entry.meaning
    moderator = int(loopback.member("marcus").id)
    await glossary.add(
        guild_id,
        moderator,
        GlossaryEntry("kin'ensha", "A car nobody has smoked in.", "auction", kanji="禁煙車"),
    )

    reply = await loopback.slash("auction decode", sheet="4 B 修復歴なし 下回りサビ 禁煙車 qq")
    sent = reply.record.callback_body["data"]["embeds"][0]
    words = next(f for f in sent["fields"] if f["name"] == "From this server's glossary")
    assert words["value"].splitlines() == [
        f"**修復歴なし** = 修復歴 ({built_in['修復歴']}) + なし (none)",
        f"**下回りサビ** = 下回り ({built_in['下回り']}) + サビ ({built_in['サビ']})",
        "**禁煙車** A car nobody has smoked in.",
    ]
    unknown = next(f for f in sent["fields"] if f["name"].startswith("Not recognized"))
    assert unknown["value"].splitlines()[0] == "• qq"
    assert "3 words explained." in sent["description"]


async def test_a_sheet_decoded_in_direct_messages_has_no_glossary_to_ask(
    keitora: RunningBot, loopback: Loopback
) -> None:
    dm = loopback.dm_channel(loopback.member("Mika"))
    reply = await loopback.slash("auction decode", sheet="4 B 修復歴なし", where=dm)
    sent = reply.record.callback_body["data"]["embeds"][0]
    assert sent["title"] == "Auction sheet decoded"
    unknown = next(f for f in sent["fields"] if f["name"].startswith("Not recognized"))
    assert unknown["value"].splitlines()[0] == "• 修復歴なし"


async def test_a_closing_quote_typed_inside_echoed_text_ends_no_escaping(
    keitora: RunningBot, loopback: Loopback
) -> None:
    typed = "DA63”*bold* @everyone"
    refused = await loopback.slash("eligibility", manufactured="1998", model=typed)

    sent = refused.record.callback_body["data"]
    assert sent["content"] == (
        "I don't know the model code “DA63”\\*bold\\* @\u200beveryone”. "
        "Pick one of the suggestions, or leave `model` out."
    )


async def test_an_unknown_model_is_echoed_escaped_once_and_inert(
    keitora: RunningBot, loopback: Loopback
) -> None:
    typed = "*DA*_63 @everyone <@&123456789012345678>"
    refused = await loopback.slash("eligibility", manufactured="1998", model=typed)

    assert refused.ephemeral
    sent = refused.record.callback_body["data"]
    assert sent["content"] == (
        "I don't know the model code “\\*DA\\*\\_63 @\u200beveryone <@\u200b&123456789012345678>”. "
        "Pick one of the suggestions, or leave `model` out."
    )
    assert sent["allowed_mentions"]["parse"] == []


async def test_public_decodes_and_eligibility_answers_cool_down_per_channel(
    keitora: RunningBot, loopback: Loopback
) -> None:
    for command, options in (
        ("auction decode", {"sheet": "4.5 B A1"}),
        ("eligibility", {"manufactured": "1998-05"}),
    ):
        first = await loopback.slash(command, **options, public=True)
        assert not first.ephemeral
        again = await loopback.slash(command, **options, public=True, actor=loopback.member("Dale"))
        data = again.record.callback_body["data"]  # type: ignore[index]
        assert data["flags"] & 64, "ephemeral"
        assert "just posted in this channel. Try again in 5 s" in data["content"]
        assert not data.get("embeds")
        elsewhere = await loopback.slash(
            command, **options, public=True, where=loopback.channel("glossary")
        )
        assert not elsewhere.ephemeral  # another channel has its own wait
        assert (await loopback.slash(command, **options)).embeds  # privately, no wait
        keitora.clock.advance(timedelta(seconds=6))
        assert not (await loopback.slash(command, **options, public=True)).ephemeral


async def test_eligibility_reads_dates_written_with_unicode_dashes_and_short_years(
    keitora: RunningBot, loopback: Loopback
) -> None:
    for typed, built in (("1998\u201005\u201012", "May 12, 1998"), ("May \u201998", "May 1998")):
        reply = await loopback.slash("eligibility", manufactured=typed)
        data = reply.record.callback_body["data"]  # type: ignore[index]
        assert data["embeds"][0]["title"].startswith(f"US 25-year import date: built {built}")


async def test_the_countdown_counts_from_the_date_most_members_have_and_each_other_one(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # 2 am on November 26 in Central time (and later east of it, where most members live), still
    # November 25 in American Samoa, Hawaii, Alaska and at midnight in Los Angeles: the verdict
    # waits for Samoa; the countdown is counted from most members' date, and from the date the
    # rest of the US is still on, each named, so no reader's calendar is a day off.
    keitora.clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))
    waiting = await loopback.slash("eligibility", manufactured="2001-12-30")
    sent = waiting.record.callback_body["data"]["embeds"][0]
    still = "where it is still November 25, 2026"
    assert sent["description"].startswith(
        f"⏳ **Eligible in 1 month, 4 days** — on December 30, 2026 (1 month, 5 days {still})\n"
    )

    passed = await loopback.slash("eligibility", manufactured="2001-11-20")
    sent = passed.record.callback_body["data"]["embeds"][0]
    assert sent["description"].startswith(
        f"✅ **Eligible now** — since November 20, 2026 (6 days ago; 5 days ago {still})\n"
    )

    epa = await loopback.slash("eligibility", manufactured="2006-01-01")
    field = next(
        f
        for f in epa.record.callback_body["data"]["embeds"][0]["fields"]
        if f["name"].startswith("EPA")
    )
    assert field["value"] == (
        f"⏳ Imports from January 1, 2027 (in 1 month, 6 days; 1 month, 7 days {still}) qualify."
    )


async def test_an_epa_year_begun_where_most_members_are_waits_for_everywhere(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # 2 am on New Year's Day in Central time, still December 31 in American Samoa.
    keitora.clock.set(datetime(2027, 1, 1, 8, 0, tzinfo=UTC))
    reply = await loopback.slash("eligibility", manufactured="2006-06-01")
    fields = reply.record.callback_body["data"]["embeds"][0]["fields"]
    epa = next(f for f in fields if f["name"].startswith("EPA"))
    begun = int(datetime(2027, 1, 1, 11, 0, tzinfo=UTC).timestamp())
    assert epa["value"] == (
        "⏳ Imports from January 1, 2027 qualify, once that day has begun everywhere in the US "
        f"(midnight in American Samoa, 11:00 UTC), <t:{begun}:R>."
    )


async def test_eligibility_says_good_to_know_briefly_with_readings_and_a_written_date(
    keitora: RunningBot, loopback: Loopback
) -> None:
    reply = await loopback.slash("eligibility", manufactured="2010")
    sent = reply.record.callback_body["data"]["embeds"][0]
    good = next(f["value"] for f in sent["fields"] if f["name"] == "Good to know")
    assert "年式 (nenshiki, model year)" in good
    assert len(good) <= 580, len(good)  # it was 816, the same in every answer
    for fact in ("製造年月", "初度登録年月", "初度検査年月", "3520-1", "code E", "DMV"):
        assert fact in good, fact
    assert sent["footer"]["text"].endswith("Facts as of July 2026.")


async def test_a_decode_says_once_what_it_did_not_recognise(
    keitora: RunningBot, loopback: Loopback
) -> None:
    def said(embed: dict) -> str:
        fields = [f"{f['name']}\n{f['value']}" for f in embed.get("fields", [])]
        return "\n".join([embed["title"], embed["description"], *fields]).lower()

    nothing = await loopback.slash("auction decode", sheet="hello")
    sent = nothing.record.callback_body["data"]["embeds"][0]
    assert sent["title"] == "Nothing recognized on this sheet"
    assert sent["description"] == (
        "Paste the grade and codes as the sheet prints them, such as “4.5 B A1 U2 S1 XX W1”."
    )
    assert said(sent).count("recognized") == 1
    assert "fields" not in sent or not sent["fields"]

    partly = await loopback.slash("auction decode", sheet="4.5 🛻 @everyone")
    sent = partly.record.callback_body["data"]["embeds"][0]
    text = said(sent)
    assert text.count("recognized") == 1, text
    assert text.count("🛻") == 1, text
    assert text.count("everyone") == 1, text
    unknown = next(f for f in sent["fields"] if f["name"] == "Not recognized (not guessed)")
    assert unknown["value"] == (
        "• 🛻\n• @\u200beveryone\nAsk your exporter or translator what these mean on that "
        "house's sheet."
    )


async def test_a_model_line_typed_as_the_model_is_asked_which_of_its_codes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    keitora.clock.set(datetime(2026, 11, 25, 18, 0, tzinfo=UTC))
    for typed, line in (("hijet", "Daihatsu Hijet"), ("Pixis", "Toyota Pixis"), ("carry", "")):
        asked = await loopback.slash("eligibility", manufactured="2000", model=typed)

        sent = asked.record.callback_body["data"]
        assert sent.get("flags", 0) & 64, "ephemeral"
        assert "don't know the model code" not in sent["content"]
        assert len(sent["content"]) <= 2000
        assert f"names the {line or 'Suzuki Carry'}, built under these codes" in sent["content"]

    listed = sent["content"].splitlines()
    assert "• DA52T 1999–2002 — built in 2000" in listed
    assert "• DA63T 2002–2013" in listed
