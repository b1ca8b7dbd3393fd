"""The sandbox console as a newcomer learns the glossary's moderation with it: a form is sent
by whoever it was opened for, a form of one box takes the text typed after submit, and what
autocomplete offers for a partly typed term can be listed."""

from __future__ import annotations

from sandbox.console import Console

from .conftest import says


async def test_a_form_is_submitted_by_the_member_it_was_opened_for(console: Console) -> None:
    await says(console, "as Marcus /glossary-mod edit term:keitora")
    assert "📝 form “Edit a glossary term” (open for Marcus):" in console.last_output
    saved = await says(console, "submit Meaning:A small Japanese pickup.")
    assert saved.startswith("(1) keitora: (only you can see this)\nSaved “keitora”")

    await says(console, "as Marcus /glossary-mod edit term:keitora")
    assert not await console.run("as Mika submit Meaning:Mine.")
    assert console.last_output == (
        "✗ The form is open for Marcus: in Discord only they can send it. "
        "Type submit, or as Marcus submit."
    )
    assert "Saved “keitora”" in await says(console, "as Marcus submit Meaning:Theirs.")


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
        "term: type one of these, or its first words (term:ke? lists those for what you typed, ke):"
    )


async def test_a_form_of_one_field_takes_the_text_after_submit_whole(console: Console) -> None:
    await says(console, "/glossary suggest term:tanbo meaning:A rice paddy.")
    await says(console, "as Marcus /glossary-mod suggestions")
    await says(console, "as Marcus click Reject glossary #1")
    rejected = await says(console, "submit Already under: ta")
    assert rejected.endswith("a member will be told why.\nReason: Already under: ta")


async def test_help_teaches_what_the_console_reads(console: Console) -> None:
    shown = await says(console, "help")
    assert "term:kei?" in shown
    assert "as whoever it was opened for" in shown
    assert "a form of one field takes all the text" in shown
