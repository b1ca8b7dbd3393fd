"""What a `click` presses: a button named by words its label holds, a choice asked for when several
labels hold them, a message whose buttons the bot removed or that was deleted said to be so, and
a DM a click leads to shown by `dms` right after, and the buttons a card has once the bot redrew
it pressed rather than those it had when shown."""

from __future__ import annotations

from sandbox.console import Console

from .conftest import says


async def _ballot(console: Console) -> str:
    """A Build of the Month ballot of two builds, shown: its buttons "#1 Camper Carry" and
    "#2 Dump Carry"."""
    await says(console, "/build start title:Camper Carry truck:1993 Suzuki Carry DA41T")
    await says(console, "as Dale /build start title:Dump Carry truck:1995 Suzuki Carry DC51T")
    await says(console, "as Marcus /showcase-mod vote start candidates:1, 2")
    return await says(console, "messages #showcase")


async def test_a_click_names_a_button_by_words_its_label_holds(console: Console) -> None:
    assert "#1 Camper Carry" in await _ballot(console)

    voted = await says(console, "as Rosa click camper carry")

    assert "#1" in voted
    assert "vote" in voted.lower()


async def test_a_click_several_labels_hold_lists_them_and_asks_which(console: Console) -> None:
    await _ballot(console)

    assert not await console.run("as Rosa click Carry")

    assert "“Carry” is in 2 labels on (" in console.last_output
    assert "“#1 Camper Carry” (click 1 in " in console.last_output
    assert "“#2 Dump Carry” (click 2 in " in console.last_output
    assert "Which one?" in console.last_output


async def test_a_click_on_a_message_whose_buttons_were_removed_says_so(console: Console) -> None:
    await says(console, "/build start title:Acty camper truck:1993 Honda Acty HA4 4WD")
    await says(console, "as Dale /showcase nominate build:1 reason:Nice")
    await says(console, "as Marcus messages #mod-queue")
    await says(console, "as Marcus click Approve")

    assert not await console.run("as Marcus click Approve")

    assert "has no buttons any more" in console.last_output
    assert "nothing to click yet" not in console.last_output
    number = console.last_output.removeprefix("✗ (").partition(")")[0]
    assert not await console.run(f"as Marcus click 1 in {number}")
    assert f"({number}) has no buttons any more" in console.last_output


async def test_a_click_on_a_message_that_never_had_buttons_says_it_has_none(
    console: Console,
) -> None:
    await says(console, "/build start title:Acty camper truck:1993 Honda Acty HA4 4WD")

    assert not await console.run("click Approve in 1")

    assert console.last_output == "✗ Message (1) has no buttons or menus to click."


async def test_a_dm_a_click_leads_to_is_shown_by_dms_right_after(console: Console) -> None:
    await says(console, "as Tammy /meetup create title:Run when:sat 10am location:Moab capacity:1")
    await says(console, "messages #meetups")
    await says(console, "click Going")
    await says(console, "as Dale click Going")  # on the waitlist: the one place is taken

    # Dale gets the place, and a DM from a job: its channel is slow to open, so nothing reaches
    # Discord for a while as the bot waits on it and on the card's edit.
    console.loopback.faults.slow("POST", "/users/@me/channels", 2.0)
    await says(console, "click Can't go")

    assert "You're in! A place opened up at **Run**" in await says(console, "as Dale dms Dale")


async def test_a_click_presses_the_buttons_a_card_has_now_not_those_last_shown(
    console: Console,
) -> None:
    await says(
        console,
        "as Tammy /meetup create title:Multi Six when:mon 10am MT location:Denver "
        "repeat:weekly capacity:10",
    )
    await says(console, "messages #meetups")
    await says(console, "as Mika click Going")
    shown = _going_id(console)
    # Its first date moves past the next one: the card is redrawn for the next date, with
    # buttons for it, while the bot's edit gathers other clicks for a moment.
    # In the evening, so whatever today is, it falls on no other date of the Monday series.
    await says(console, "as Tammy /meetup edit meetup:Multi Six when:in 16 days 9pm")

    await says(console, "as Rosa click Going in 2")

    await console.settled()
    now = _going_id(console)
    assert now != shown
    answer = next(
        record.request["data"]["content"]
        for record in reversed(console.loopback.requests)
        if record.path.endswith("/callback")
    )
    assert f"<t:{now.rpartition(':')[2]}:F>" in answer, answer


def _going_id(console: Console) -> str:
    """The custom id of the Going button on the card, shown as (2), as the card is now."""
    card = console.loopback.messages("meetups")[-1].raw
    assert console.transcript.number_of(card) == 2
    return str(card["components"][0]["components"][0]["custom_id"])


async def test_a_click_on_a_message_deleted_since_it_was_shown_says_so(console: Console) -> None:
    await says(console, "as Tammy /meetup create title:Run when:sat 10am location:Moab")
    await says(console, "messages #meetups")
    card = console.loopback.messages("meetups")[-1]
    number = console.transcript.number_of(card.raw)
    await console.loopback.delete_message(card)  # a moderator deletes the card
    sent = len(console.loopback.dispatched)

    assert not await console.run(f"as Dale click Going in {number}")
    assert f"({number}) was deleted" in console.last_output
    assert not await console.run("as Dale click Going")
    assert f"({number}) was deleted" in console.last_output
    assert len(console.loopback.dispatched) == sent  # the bot never heard of either click


async def test_a_message_is_named_by_its_number_as_shown_in_brackets_too(
    console: Console,
) -> None:
    await says(console, "as Tammy /meetup create title:Run when:sat 10am location:Moab")
    await says(console, "messages #meetups")

    going = await says(console, "as Mika click Going in (2)")

    assert "You're going to **Run**" in going


async def test_helps_example_of_a_click_on_a_numbered_message_runs(console: Console) -> None:
    # The help's example was "click Approve glossary #3 in 4", the button of a moderator's
    # suggestions list alone: a newcomer tried it on the queue card, whose buttons are
    # "Approve" and "Reject". Its example now names a button any member can reach.
    example = next(
        line.split()[:4] for line in (await says(console, "help")).splitlines() if "in 4 " in line
    )
    assert example == ["click", "Next", "in", "4"]
    for _ in range(4):
        await says(console, "/glossary browse")

    assert "PAGE 2 OF" in await says(console, " ".join(example))
