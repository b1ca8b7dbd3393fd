"""The sandbox console shows the bot's whole answer: a card as the bot last edited it, what
the bot follows a click up with; it reads a choice as the list shows it, and refuses a form
field the form does not have."""

from __future__ import annotations

import time
from zoneinfo import ZoneInfo

import pytest

from sandbox.console import Console
from sandbox.lines import FormField, StrayField, form_values
from sandbox.render import render_message

from .conftest import says


async def test_a_channel_shows_a_card_after_the_bots_gathered_edit(console: Console) -> None:
    await says(console, "as Tammy /meetup create title:Kei Day when:sat 10am location:Moab")
    await says(console, "messages #meetups")
    await says(console, "as Tammy click Going")

    card = await says(console, "messages #meetups")

    assert "Going: 1" in card


async def test_a_channel_is_shown_as_soon_as_the_bot_has_nothing_in_hand(console: Console) -> None:
    await says(console, "/help")
    await console.loopback.bot_quiet()
    started = time.monotonic()

    await says(console, "messages #general")

    # The card-edit gathering a fixed wait had to outlast (a second) is not waited for when
    # no card edit is pending.
    assert time.monotonic() - started < 0.9


async def test_settling_waits_for_no_fixed_quiet_once_the_bot_is_done(console: Console) -> None:
    await says(console, "/help")
    await console.settled()
    started = time.monotonic()

    await console.settled()

    # Nothing in hand, every event read, every request answered: the bot is done, and a quarter
    # second of quiet to make sure of it is not waited out.
    assert time.monotonic() - started < 0.25


async def _nomination_seen_then_renamed(console: Console) -> None:
    """A nomination in the queue as Marcus saw it, its build renamed since, and the queue
    post's edit for that failed by Discord: the post still offers what Marcus saw."""
    await says(console, "as Mika /build start title:Acty camper truck:1993 Honda Acty HA4 4WD")
    await says(console, "as Dale /showcase nominate build:1 reason:Nice")
    await says(console, "as Marcus messages #mod-queue")
    [post] = console.loopback.messages(console.names.channel("mod-queue"))
    path = f"/channels/{post.raw['channel_id']}/messages/{post.raw['id']}"
    # A 503, which discord.py does not retry: the bot tries the edit again only much later.
    console.loopback.faults.server_error(
        "PATCH", "/channels/{channel_id}/messages/{message_id}", status=503, applies_to=path.__eq__
    )
    await says(console, "as Mika /build rename title:Renamed Acty")


async def test_what_the_bot_follows_a_click_up_with_is_shown(console: Console) -> None:
    await _nomination_seen_then_renamed(console)

    shown = await says(console, "as Marcus click Approve in 3")

    assert "has changed since you saw it" in shown
    assert "RENAMED ACTY" in shown  # the redrawn card too


async def test_a_followup_slow_to_reach_discord_is_still_shown_with_the_click(
    console: Console,
) -> None:
    await _nomination_seen_then_renamed(console)
    # Longer than any fixed quiet: the bot is still at it all the while.
    console.loopback.faults.slow("POST", "/webhooks/{webhook_id}/{webhook_token}", 0.6)

    shown = await says(console, "as Marcus click Approve in 3")

    assert "has changed since you saw it" in shown


async def test_a_build_is_picked_by_what_the_list_shows_or_its_first_words(
    console: Console,
) -> None:
    await says(console, "as Mika /build start title:Acty camper truck:1993 Honda Acty HA4 4WD")
    listed = await says(console, "as Dale /showcase nominate build:?")
    shown = listed.splitlines()[1].strip()
    assert shown.startswith("#1 Acty camper")

    whole = await says(console, f"as Dale /showcase nominate build:{shown} reason:Nice")
    assert "Build #1 is nominated" in whole
    first_words = await says(console, "as Rosa /showcase nominate build:#1 Acty camper")
    assert "Build #1 is nominated" in first_words

    await says(console, "as Marcus /importer-mod register name:Kei Imports member:Yoshi")
    await says(console, "as Yoshi /importer announce")
    await says(console, "as Yoshi submit Title:Hijets landed")
    withdrawn = await says(console, "as Yoshi /importer withdraw announcement:#1 Hijets landed")
    assert "withdr" in withdrawn.lower()


async def test_a_form_field_the_form_does_not_have_is_refused(console: Console) -> None:
    await says(console, "as Marcus /importer-mod register name:Kei Imports member:Yoshi")
    await says(console, "as Yoshi /importer announce")

    assert not await console.run("as Yoshi submit Title:Hijets Body:Ten landed")

    assert console.last_output.startswith("✗ The form has no field “Body”")
    assert "1 Title, 2 Text, 3 Link (https://…)" in console.last_output
    assert "Yoshi" in console.forms  # still open, nothing sent
    sent = await says(console, "as Yoshi submit Title:Hijets Text:Ten landed, see https://x.jp")
    assert "HIJETS" in sent or "Hijets" in sent


def test_only_a_word_written_as_a_field_is_taken_for_one() -> None:
    fields = [FormField("title", "Title", "", True), FormField("body", "Text", "", False)]
    text = "Title:Run Text:see: the map at https://x.jp, 9:30 sharp"
    assert form_values(text, fields) == {
        "title": "Run",
        "body": "see: the map at https://x.jp, 9:30 sharp",
    }
    with pytest.raises(StrayField, match="no field “Link”"):
        form_values("Title:Run Link:https://x.jp", fields)
    with pytest.raises(StrayField, match="no field “A link”"):
        form_values('Title:Run "A link":x', fields)


async def test_an_announcements_link_is_shown_beside_its_title(console: Console) -> None:
    await says(console, "as Marcus /importer-mod register name:Kei Imports member:Yoshi")
    await says(console, "as Yoshi /importer announce")
    await says(console, "as Yoshi submit Title:Hijets landed 3:https://kei.example/hijets")
    await says(console, "as Marcus /modqueue")
    await says(console, "as Marcus click Approve")

    posted = await says(console, "messages #announcements")

    assert "HIJETS LANDED <https://kei.example/hijets>" in posted


def test_an_embeds_title_link_is_shown_as_sent_after_the_title() -> None:
    embed = {"title": "Hijets landed", "url": "https://kei.example/Hijets?a=1"}

    lines = render_message({"embeds": [embed]}, ZoneInfo("America/Denver"), lambda *_: "")

    assert "HIJETS LANDED <https://kei.example/Hijets?a=1>" in lines
