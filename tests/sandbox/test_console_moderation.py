"""The sandbox console as a newcomer learns the glossary's moderation with it: a form is sent
by whoever it was opened for, a form of one box takes the text typed after submit, and what
autocomplete offers for a partly typed term can be listed."""

from __future__ import annotations

from sandbox.console import Console
from sandbox.replies import Message
from sandbox.state import Json

from .conftest import says


async def test_a_form_is_submitted_by_the_member_it_was_opened_for(console: Console) -> None:
    await says(console, "as Marcus /glossary-mod edit term:keitora")
    assert "📝 form “Edit a glossary term” (open for Marcus):" in console.last_output
    saved = await says(console, "submit Meaning:A small Japanese pickup.")
    assert saved.startswith("(1) keitora: (only you can see this)\nSaved “keitora”")

    await says(console, "as Marcus /glossary-mod edit term:keitora")
    assert not await console.run("as Mika submit Meaning:Mine.")
    assert console.last_output == (
        "✗ Mika has no form open: in Discord each member sends only their own. "
        "Marcus has one: as Marcus submit."
    )
    assert "Saved “keitora”" in await says(console, "as Marcus submit Meaning:Theirs.")


async def test_each_member_has_a_form_of_their_own_and_the_later_approval_is_told_it_is_late(
    console: Console,
) -> None:
    await says(console, "/glossary suggest term:tanbo meaning:A flooded rice paddy.")
    await says(console, "as Marcus messages #mod-queue")
    assert "(open for Marcus)" in await says(console, "as Marcus click Approve")
    assert "(open for Akiko)" in await says(console, "as Akiko click Approve")

    approved = await says(console, "as Marcus submit category:culture")
    late = await says(console, "as Akiko submit category:culture")

    assert "Approved by @Marcus" in approved
    assert "That glossary suggestion was already decided: Approved by @Marcus" in late
    assert not await console.run("as Akiko submit")
    assert console.last_output.startswith("✗ Akiko has no form open")


async def test_submit_without_as_sends_the_form_of_whoever_the_line_acts_as(
    console: Console,
) -> None:
    await says(console, "as Marcus /glossary-mod edit term:keitora")
    await says(console, "as Akiko /glossary-mod edit term:shaken")
    await says(console, "as Marcus")

    saved = await says(console, "submit Meaning:A small Japanese pickup.")

    assert "Saved “keitora”" in saved
    assert "Saved “shaken”" in await says(console, "submit Meaning:The inspection.")


async def test_a_question_mark_after_typed_text_lists_what_autocomplete_offers_for_it(
    console: Console,
) -> None:
    listed = await says(console, "/glossary lookup term:keito?")
    assert listed.splitlines()[0] == "term, for “keito”: type one of these, or its first words:"
    assert [line.split(" — ")[0].strip() for line in listed.splitlines()[1:]] == [
        "keitora",
        "kei torakku",
        "keitora-ichi",
    ]
    whole = await says(console, "/glossary lookup term:?")
    assert whole.splitlines()[0] == (
        "term: type one of these, or its first words (term:ak? lists those for what you typed, ak):"
    )


async def test_a_form_of_one_field_takes_the_text_after_submit_whole(console: Console) -> None:
    await says(console, "/glossary suggest term:tanbo meaning:A rice paddy.")
    await says(console, "as Marcus /glossary-mod suggestions")
    await says(console, "as Marcus click Reject glossary #1")
    rejected = await says(console, "submit Already under: ta")
    assert rejected.endswith("@Mika will be told why.\nReason: Already under: ta")


async def test_help_teaches_what_the_console_reads(console: Console) -> None:
    shown = await says(console, "help")
    assert "term:kei?" in shown
    assert "as Marcus submit" in shown
    assert "a form of one field takes all the text" in shown


async def test_a_form_from_a_message_deleted_before_submit_sends_nothing(
    console: Console,
) -> None:
    await says(console, "/glossary suggest term:tanbo meaning:A flooded rice paddy.")
    await says(console, "as Marcus messages #mod-queue")  # the queue's card, there for all
    assert "📝 form" in await says(console, "as Marcus click Approve")
    opened_on = console.forms["Marcus"].record.message
    assert opened_on is not None
    await _delete(console, opened_on)
    sent = len(console.loopback.core.interactions)

    assert not await console.run("as Marcus submit category:culture")

    assert console.last_output.startswith("✗ The message the form was opened from")
    assert "was deleted" in console.last_output
    assert "nothing was sent" in console.last_output
    assert len(console.loopback.core.interactions) == sent
    assert not await console.run("as Marcus submit category:culture")
    assert console.last_output.startswith("✗ Marcus has no form open")


async def _delete(console: Console, raw: Json) -> None:
    """A moderator deletes the message `raw` in Discord's client."""
    await console.loopback.delete_message(Message.of(console.loopback.world, raw))
