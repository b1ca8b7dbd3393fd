"""What a newcomer types at the sandbox console before they know it: an option left empty, a
command without the options it needs, a reading line without what it reads."""

from __future__ import annotations

from sandbox.console import Console
from sandbox.interactions import APPLICATION_COMMAND

from .conftest import says


def _commands_sent(console: Console) -> int:
    return sum(
        1
        for event, payload in console.loopback.dispatched
        if event == "INTERACTION_CREATE" and payload["type"] == APPLICATION_COMMAND
    )


async def test_an_option_left_empty_is_not_sent_as_discords_client_leaves_it_out(
    console: Console,
) -> None:
    before = _commands_sent(console)

    assert not await console.run("/glossary lookup term:")

    assert console.last_output.startswith("✗ /glossary lookup needs term:")
    assert _commands_sent(console) == before
    shown = await says(console, "/auction decode sheet:4.5 B public:")  # an optional one
    assert "4.5" in shown


async def test_a_command_without_the_options_it_needs_names_them_all(console: Console) -> None:
    assert not await console.run("as Tammy /meetup create title:Run")

    assert console.last_output.startswith(
        "✗ /meetup create needs when: and location:, as in /meetup create title:… when:… location:…"
    )
    assert "capacity:" in console.last_output  # what else it takes


async def test_an_expect_line_without_what_it_expects_says_so(console: Console) -> None:
    assert not await console.run("expect")
    assert console.last_output == "✗ Say what the last output should contain: expect Going"


async def test_dms_alone_shows_the_dms_of_whoever_one_acts_as(console: Console) -> None:
    # Only one's own DMs can be read, so there is nobody else `dms` alone could mean.
    await says(console, "as Tammy /meetup create title:Run when:sat 10am location:Moab capacity:1")
    await says(console, "messages #meetups")
    await says(console, "click Going")
    await says(console, "as Dale click Going")  # on the waitlist: the one place is taken
    await says(console, "click Can't go")

    assert "You're in! A place opened up at **Run**" in await says(console, "as Dale dms")
    assert "(no DMs)" in await says(console, "dms")


async def test_messages_alone_shows_the_channel_one_is_in(console: Console) -> None:
    await says(console, "as Tammy /meetup create title:Run when:sat 10am location:Moab")

    assert await says(console, "messages") == "(no messages in #general)"
    assert "Run" in await says(console, "in #meetups messages")
    await says(console, "in #meetups")
    assert "Run" in await says(console, "messages")
    assert not await console.run("in #mod-queue messages")
    assert console.last_output.startswith("✗ Mika cannot view #mod-queue")


async def test_a_question_mark_lists_an_options_fixed_choices(console: Console) -> None:
    listed = await says(console, "as Akiko /setup channel kind:?")
    assert listed.splitlines()[0].startswith("kind: type one of these")
    assert "  meetups" in listed.splitlines()
    assert "  modqueue" in listed.splitlines()

    some = await says(console, "as Akiko /setup unset setting:role?")
    names = [line.strip() for line in some.splitlines()[1:]]
    assert names
    assert all("role" in name.lower() for name in names)


async def test_a_forum_shows_which_posts_it_holds(console: Console) -> None:
    await says(console, "/build start title:Acty camper truck:1993 Honda Acty HA4 4WD")

    shown = await says(console, "messages #builds")

    assert shown == (
        "#builds is a forum: each post is a thread of its own, shown with messages #name.\n"
        "Posts: #Acty camper"
    )
    assert "ACTY CAMPER" in await says(console, "messages #Acty camper")
    assert "a forum's posts are threads: messages #Acty camper" in await says(console, "help")


async def test_a_form_sent_without_its_required_fields_names_them_all(console: Console) -> None:
    await says(console, "as Marcus /glossary-mod add")

    assert not await console.run("as Marcus submit")
    assert console.last_output.startswith("✗ The form needs 1 Headword, 3 Meaning and 4 Category")
    assert not await console.run("as Marcus submit Headword:tanbo")

    assert console.last_output == (
        "✗ The form needs 3 Meaning and 4 Category, as in submit 3:… 4:…; nothing was sent."
    )
    assert "Marcus" in console.forms  # still open
    added = await says(console, "as Marcus submit 1:tanbo 3:A rice paddy. 4:culture")
    assert "Added “tanbo”" in added


async def test_a_channel_whose_name_has_spaces_is_named_in_quotes(console: Console) -> None:
    await says(console, "/build start title:Acty camper truck:1993 Honda Acty HA4 4WD")
    thread = console.loopback.channel("Acty camper")

    posted = await says(console, 'in "#Acty camper" /build update text:Washed it')

    sent = [
        payload
        for event, payload in console.loopback.dispatched
        if event == "INTERACTION_CREATE" and payload["type"] == APPLICATION_COMMAND
    ][-1]
    assert sent["channel_id"] == thread.id
    assert "Update posted" in posted
    assert not await console.run("in #Acty camper /help")
    assert 'a name with spaces goes in quotes: in "#Acty camper"' in console.last_output
    assert 'in "#Acty camper" /build show' in await says(console, "help")


async def test_chat_text_is_told_how_commands_and_messages_are_typed(console: Console) -> None:
    assert not await console.run("hello there")

    assert console.last_output == (
        "✗ I don't know “hello”: a command starts with / (/help lists the bot's), and "
        "say hello there posts a message; help lists every line I understand."
    )


async def test_a_command_typed_without_its_slash_is_shown_with_it(console: Console) -> None:
    assert not await console.run("Meetup list")

    assert console.last_output.startswith("✗ I don't know “Meetup”: a command starts with /")
    assert "(/meetup list)" in console.last_output


async def test_say_posts_a_message_where_one_is_as_whoever_one_acts_as(console: Console) -> None:
    posted = await says(console, "as Dale in #general say hello there")

    assert posted.endswith("Dale:\nhello there")
    created = [p for e, p in console.loopback.dispatched if e == "MESSAGE_CREATE"][-1]
    assert created["content"] == "hello there"
    assert "Dale:\nhello there" in await says(console, "messages #general")
    assert not await console.run("say")
    assert console.last_output == "✗ Say what to post: say hello there"
    assert not await console.run("in #mod-queue say hi")  # Mika may not view it
    assert "403" in console.last_output


async def test_channels_named_alike_but_for_case_are_listed_to_pick_from(console: Console) -> None:
    await says(console, "/build start title:Acty Camper truck:1993 Honda Acty HA4 4WD")
    await says(console, "as Dale /build start title:ACTY CAMPER truck:1995 Honda Acty HA4")

    assert not await console.run('messages "#acty camper"')

    assert console.last_output == (
        "✗ #acty camper is the name, but for case or accents, of #Acty Camper and #ACTY CAMPER; "
        'type the one you mean as it is written (a name with spaces in quotes: "#Acty Camper").'
    )
    assert "#1 · ACTY CAMPER" in await says(console, 'messages "#Acty Camper"')


async def test_threads_of_one_name_are_named_by_id_and_never_taken_one_for_the_other(
    console: Console,
) -> None:
    # Two members may give their builds one title: each has a thread of that name.
    await says(console, "/build start title:My Carry truck:1994 Suzuki Carry DA51T")
    await says(console, "as Dale /build start title:My Carry truck:1999 Suzuki Carry DA52T")
    first, second = [
        c["id"] for c in console.loopback.world.channels.values() if c["name"] == "My Carry"
    ]

    assert not await console.run('messages "#My Carry"')

    assert console.last_output == (
        f"✗ 2 channels are named #My Carry: #{first} and #{second}, oldest first; name the one "
        f"you mean by its id (#{second})."
    )
    listed = await says(console, "messages #builds")
    assert f"Posts: #My Carry (#{first}), #My Carry (#{second})" in listed
    assert "DA52T" in await says(console, f"messages #{second}")
    assert f"You are in #My Carry (#{second}) now" in await says(console, f"in #{second}")
    posted = await says(console, "as Dale /build update text:New bed")
    assert "Update posted on build #2 in #My Carry" in posted
    assert "New bed" in await says(console, "messages")
    assert "New bed" not in await says(console, f"messages #{first}")


async def test_a_listed_options_example_of_typing_less_is_taken_from_its_list(
    console: Console,
) -> None:
    await says(console, "/build start title:Camper truck:1994 Suzuki Carry DA51T")

    listed = await says(console, "/build spec build:1 drive:?")

    assert listed.splitlines()[0] == (
        "drive: type one of these, or its first words (drive:2W? lists those for what you "
        "typed, 2W):"
    )


async def test_a_role_is_named_in_any_case(console: Console) -> None:
    told = await says(console, "as Akiko /setup role kind:organizer role:@organizer")
    assert "Members with @Organizer were already organizers" in told


async def test_a_question_mark_for_an_option_of_no_list_says_what_it_takes(
    console: Console,
) -> None:
    before = _commands_sent(console)

    assert not await console.run("as Tammy /meetup create title:? when:sat 10am location:Moab")

    assert console.last_output.startswith(
        "✗ title: has no list of choices to show; it takes what you type: “"
    )
    assert console.last_output.endswith("”. Nothing was sent.")
    assert _commands_sent(console) == before


async def test_a_misspelt_command_is_told_the_command_it_is_likely_a_typo_of(
    console: Console,
) -> None:
    sent = _commands_sent(console)
    assert not await console.run("/glosary lookup term:kei")

    assert console.last_output.startswith(
        "✗ There is no command /glosary here: did you mean /glossary? (/help lists the bot's)"
    )
    assert _commands_sent(console) == sent
    assert not await console.run("/zzz")
    assert console.last_output.startswith("✗ There is no command /zzz here; /help lists the bot's")
