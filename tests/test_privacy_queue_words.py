"""The moderation queue's part of a /privacy export reads as its member knows it: people as
"you", "a moderator" or counted members, a channel and a time in words, a reason as it was
typed but for Discord's codes in it (in words too), each item's state in words, and an item
whose source is gone by its kind and number."""

from __future__ import annotations

import discord
import pytest

from bot.client.interactions import echo
from bot.modqueue.exported import decided_state, decision_read_by, export_member
from bot.store import Store

MODERATOR, MEMBER = 9, 2
# A Discord id past what a JSON reader keeps exact: the export writes it as text.
SNOWFLAKE = 1_200_000_000_000_000_001


@pytest.mark.parametrize(
    ("words", "reader", "read"),
    [
        (
            "Rejected by <@9>; <@1>, <@2>, <@3> and 2 more will be told why.",
            MEMBER,
            "Rejected by a moderator; you and 4 other members will be told why.",
        ),
        (
            "Rejected by <@9>; <@1>, <@2>, <@3> and 2 more will be told why.",
            MODERATOR,
            "Rejected by you; 5 members will be told why.",
        ),
        (
            "Rejected by <@9>; <@1>, <@2> will be told why.",
            MEMBER,
            "Rejected by a moderator; you and another member will be told why.",
        ),
        (
            "Rejected by <@9>; <@1> and <@2> will be told why.",
            MEMBER,
            "Rejected by a moderator; you and another member will be told why.",
        ),
        (
            "Rejected by <@9>; <@3>, <@4> and <@5> will be told why.",
            MEMBER,
            "Rejected by a moderator; 3 members will be told why.",
        ),
        (
            "Approved by <@9>. Discord did not confirm the showcase post of build #1 in <#55>. "
            "`/showcase-mod feature build:1` features it after <t:1795000000:t>",
            MODERATOR,
            "Approved by you. Discord did not confirm the showcase post of build #1 in a "
            "channel. `/showcase-mod feature build:1` features it after "
            "2026-11-18T11:06:40+00:00",
        ),
    ],
)
def test_people_channels_and_times_read_in_words(words: str, reader: int, read: str) -> None:
    assert decision_read_by(words, reader) == read


def test_a_reason_reads_as_typed_its_codes_in_words() -> None:
    reason = "Ask <@2> or <@!7> about the *bed* <#5> <@&6> by <t:1795000000:R>"
    words = f"Rejected by <@9>; <@2> will be told why.\nReason: {echo(reason)}"
    assert discord.utils.escape_markdown("*bed*") in words  # inert on the post

    assert decision_read_by(words, MEMBER) == (
        "Rejected by a moderator; you will be told why.\nReason: Ask you or a member about the "
        "*bed* a channel a role by 2026-11-18T11:06:40+00:00"
    )


@pytest.mark.parametrize(
    ("outcome", "taken_down_by", "state"),
    [
        ("approved", None, "approved"),
        ("approved", "importer", "approved, then taken down by its importer"),
        ("approved", "moderator", "approved, then taken down by a moderator"),
        ("rejected", None, "rejected"),
        ("removed", None, "removed with its importer"),
        (None, None, "decided"),  # not known
    ],
)
def test_the_state_of_an_item_reads_in_words(
    outcome: str | None, taken_down_by: str | None, state: str
) -> None:
    assert decided_state(outcome, taken_down_by) == state


async def test_ids_past_a_json_number_and_an_unknown_kind_read_in_words(store: Store) -> None:
    await store.execute("INSERT INTO guilds (guild_id) VALUES (?)", (SNOWFLAKE,))
    # Who decided the second is not kept (as before the queue kept it); it names the member
    # as told why.
    for ref_id, decider, words in (
        (1, SNOWFLAKE, f"Rejected by <@{SNOWFLAKE}>."),
        (2, None, f"Rejected by <@{MODERATOR}>; <@{SNOWFLAKE}> will be told why."),
    ):
        await store.execute(
            "INSERT INTO modqueue_decisions (guild_id, kind, ref_id, decided_by, decision, "
            "outcome, decided_at) VALUES (?, 'retired', ?, ?, ?, 'rejected', 0)",
            (SNOWFLAKE, ref_id, decider, words),
        )

    exported = await export_member(store, SNOWFLAKE, {})

    assert exported["queue_decisions_unposted"][SNOWFLAKE] == [
        {
            "item": "a moderation queue item #1",
            "state": "rejected",
            "decided_by": "you",
            "decision": "Rejected by you.",
            "decided_at": "1970-01-01T00:00:00+00:00",
        },
        {
            "item": "a moderation queue item #2",
            "state": "rejected",
            "decided_by": "a moderator",
            "decision": "Rejected by a moderator; you will be told why.",
            "decided_at": "1970-01-01T00:00:00+00:00",
        },
    ]


@pytest.mark.parametrize(
    "typed",
    ["@everyone", "@here", "@\u200beveryone", "\\@here", "https://example.com/@everyone"],
)
def test_everyone_and_here_typed_in_a_reason_stay_unable_to_ping(typed: str) -> None:
    """A file pings nobody, but its words are pasted back into Discord: there, as on the post,
    @everyone and @here carry a zero-width space after the @ and mention nobody."""
    words = f"Rejected by <@9>; <@2> will be told why.\nReason: {echo(typed)}"

    read = decision_read_by(words, MEMBER).split("Reason: ")[1]

    assert read == discord.utils.escape_mentions(typed.replace("@\u200b", "@"))
    assert "\u200b" in read


@pytest.mark.parametrize(
    "reason",
    [
        r"Use \> for a quote",
        r"C:\Users\kei\! and \*",
        "  - a list item, indented",
        "> a quote\n# a heading\n- a list",
        "[the rules](https://example.com/rules_page) and snake_case",
        "a\u200bb, and me@example.com",
        r"https://example.com/a\_b_c, as typed, and [the \_](https://example.com)",
    ],
)
def test_a_reason_reads_exactly_as_typed_whatever_it_holds(reason: str) -> None:
    words = f"Rejected by <@9>; <@2> will be told why.\nReason: {echo(reason)}"

    read = decision_read_by(words, MEMBER)

    assert read == f"Rejected by a moderator; you will be told why.\nReason: {reason}"


@pytest.mark.parametrize(
    ("reason", "read"),
    [
        (r"\<#5> and <t:1795000000> typed", "a channel and 2026-11-18T11:06:40+00:00 typed"),
        (r"\<@1200000000000000001>, escaped", "a member, escaped"),
        (
            r"https://example.com/a\_b_c, as typed, and [<#5> \_](https://example.com)",
            r"https://example.com/a\_b_c, as typed, and [a channel \_](https://example.com)",
        ),
    ],
)
def test_a_reasons_codes_read_in_words_however_typed(reason: str, read: str) -> None:
    words = f"Rejected by <@9>; <@2> will be told why.\nReason: {echo(reason)}"

    assert decision_read_by(words, MEMBER) == (
        f"Rejected by a moderator; you will be told why.\nReason: {read}"
    )


def test_a_reason_stored_before_every_mention_took_one_form_reads_as_typed() -> None:
    stored = "Rejected by <@9>; <@2> will be told why.\nReason: Ask \\<@2> or \\<@&6> first"
    assert decision_read_by(stored, MEMBER) == (
        "Rejected by a moderator; you will be told why.\nReason: Ask you or a role first"
    )
