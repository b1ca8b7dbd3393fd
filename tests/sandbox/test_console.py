"""The sandbox a newcomer runs: the demo script, script failures, and how replies read."""

from __future__ import annotations

import json
import logging
import re
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sandbox.console import Console
from sandbox.lines import (
    FormField,
    OptionLineError,
    choice_for,
    choices_holding,
    command_parts,
    fold,
    form_values,
    option_values,
)
from sandbox.render import display_width, relative, render_markup, render_message
from tests.feed_server import FeedServer, Item

from .conftest import sandbox_in, says

REPO = Path(__file__).resolve().parents[2]
DENVER = ZoneInfo("America/Denver")


def sandbox(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "bot.py", "sandbox", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.usefixtures("discord_spec")  # the script fails on spec violations, when checked
def test_the_shipped_demo_script_runs_cleanly() -> None:
    result = sandbox("--script", "data/sandbox-demo.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The whole script ran." in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.usefixtures("discord_spec")
def test_a_failing_line_fails_the_script(tmp_path: Path) -> None:
    script = tmp_path / "bad.txt"
    script.write_text(
        "/help\n"
        "expect something the bot never says\n"
        "/nosuchcommand\n"
        "wave\n"
        "/glossary lookup term:keitora\n"
        "click Don't\n"
        "as Akiko /setup channel kind:glossary channel:#nonexistent\n"
        "as Akiko /setup role kind:importer role:@Nope\n"
        "as Akiko /setup role kind:importer role:@everyone\n"
        "in #nowhere /help\n"
        "messages #nowhere\n"
        "as Nobody /help\n"
        "/\n"
        "click 1 in 99\n"
        "submit 1:text\n"
        "/help\n"
    )
    result = sandbox("--script", str(script))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "✗ line 2 failed" in result.stdout
    assert "There is no command /nosuchcommand here; /help lists the bot's." in result.stdout
    assert "I don't know “wave”" in result.stdout
    assert "There is no button or menu “Don't”" in result.stdout  # an odd quote is no crash
    assert "There is no channel #nonexistent; there are #general," in result.stdout
    assert "There is no role @Nope; there are @everyone," in result.stdout
    assert "That role is everyone in the server" in result.stdout  # @everyone is found
    assert "There is no channel #nowhere" in result.stdout
    assert "There is no member Nobody" in result.stdout
    assert "Type a command after the slash" in result.stdout
    assert "No message (99) has been shown yet." in result.stdout
    assert "No form is open" in result.stdout
    assert "✗ line 15 failed" in result.stdout
    assert "12 line(s) failed" in result.stdout  # and the last line still ran


async def test_an_edit_keeps_every_field_it_does_not_change(console: Console) -> None:
    form = await says(console, "as Marcus /glossary-mod edit term:keitora")
    assert "  2 Kanji (kana): 軽トラ (けいとら)" in form
    assert "  5 Romaji, aliases, see also (one per line): romaji: keitora\\naliases:" in form

    await says(console, "as Marcus submit Meaning:A small Japanese pickup.")
    found = await says(console, "/glossary lookup term:mini truck")  # an alias it kept
    assert "軽トラ (けいとら)" in found
    assert "A small Japanese pickup." in found

    await says(console, "as Marcus /glossary-mod edit term:keitora")
    details = '"romaji, aliases, see also (one per line)":romaji: keitora\\naliases: tiny truck'
    await says(console, f"as Marcus submit {details} 4:class")
    found = await says(console, "/glossary lookup term:tiny truck")
    assert "軽トラ (けいとら)" in found
    assert "A small Japanese pickup." in found


async def test_as_or_in_alone_holds_for_every_line_after_it(console: Console) -> None:
    assert "Only server admins" in await says(console, "/setup show")  # Mika, a member
    assert "You are Akiko now" in await says(console, "as akiko")
    assert "Only server admins" not in await says(console, "/setup show")
    assert "Only server admins" in await says(console, "as Mika /setup show")  # one line only
    assert "Only server admins" not in await says(console, "/setup show")  # still Akiko
    assert "You are in #meetups now" in await says(console, "in #meetups")
    await says(console, "/glossary lookup term:keitora public:true")
    assert "keitora" in (await says(console, "messages #meetups")).lower()
    assert not await console.run("as Nobody")
    assert "There is no member Nobody" in console.last_output
    assert console.actor == "Akiko"  # a refused switch changes nothing
    assert "You are Mika again" in await says(console, "as")  # back to the default
    await says(console, "as Marcus in #builds")  # both hold
    assert (console.actor, console.where) == ("Marcus", "builds")
    assert not await console.run("as Mika in #nowhere")
    assert (console.actor, console.where) == ("Marcus", "builds")


async def test_a_click_before_any_button_was_shown_says_how_to_see_a_channels_posts(
    console: Console,
) -> None:
    assert not await console.run("click Going")
    assert "`messages #channel`" in console.last_output


async def test_click_finds_a_button_on_any_recent_message(console: Console) -> None:
    await says(console, "/glossary browse category:auction")
    await says(console, "/glossary lookup term:sharken")
    assert "1 [shakenshō]" in console.last_output
    assert "車検証" in await says(console, "click SHAKENSHO")  # without its macron
    assert "PAGE 2 OF" in await says(console, "click next")  # on message (1)
    assert "PAGE 1 OF" in await says(console, "click 1 in 1")
    assert not await console.run("click 1")  # Previous, on the first page
    assert console.last_output == "✗ “Previous” is disabled."

    await says(console, "/glossary suggest term:tanbo meaning:A flooded rice paddy. kana:たんぼ")
    await says(console, "as Marcus /glossary-mod suggestions")
    form = await says(console, "as Marcus click Approve glossary #1")
    assert "  3 Meaning: A flooded rice paddy." in form
    await says(console, "as Marcus submit category:culture")
    assert "A flooded rice paddy." in await says(console, "/glossary lookup term:tanbo")


async def test_click_takes_words_of_a_label_when_one_button_has_them(console: Console) -> None:
    await says(console, "/glossary suggest term:tanbo meaning:A rice paddy.")
    await says(console, "as Marcus /glossary-mod suggestions")
    assert not await console.run("as Marcus click Appr")  # whole words only
    assert "Meaning: A rice paddy." in await says(console, "as Marcus click approve")

    await says(console, "/glossary suggest term:hatake meaning:A dry field.")
    await says(console, "as Marcus /glossary-mod suggestions")
    assert not await console.run("as Marcus click Reject")  # both suggestions have one
    assert console.last_output == (
        "✗ “Reject” is in 2 labels on (4): “Reject glossary #1” (click 2 in 4), "
        "“Reject glossary #2” (click 4 in 4). Which one? Type more of its label, or click it "
        "by its number."
    )
    assert "Reason" in await says(console, "as Marcus click Reject glossary #2")


async def test_a_look_at_a_channel_waits_for_what_the_bot_sends_after_its_reply(
    console: Console,
) -> None:
    await says(console, "as Marcus /importer-mod register name:Kei Imports member:Yoshi")
    await says(console, "as Yoshi /importer announce")
    await says(console, "as Yoshi submit Title:Hijets landed")
    await says(console, "as Marcus /modqueue")

    approved = await says(console, "as Marcus click Approve")

    assert "on its way" in approved  # the reply comes first; the post follows from a job
    assert "HIJETS LANDED" in await says(console, "messages #announcements")


async def test_files_the_bot_sends_are_saved_and_named(console: Console) -> None:
    paths = []
    for _ in range(2):
        shown = await says(console, "as Marcus /glossary-mod export")
        [line] = [line for line in shown.splitlines() if line.startswith("📎 glossary-")]
        paths.append(Path(line.partition(" → ")[2]))

    assert paths[0] != paths[1]  # a second export does not overwrite the first
    for path in paths:
        assert path.parent == console.files
        assert json.loads(path.read_bytes())["schema_version"] == 1


async def test_log_lines_stay_out_of_the_console_until_asked_but_the_bots_errors(
    console: Console, caplog: pytest.LogCaptureFixture
) -> None:
    library, own = logging.getLogger("discord.gateway"), logging.getLogger("bot.store")

    library.warning("Can't keep up, shard ID None websocket is 41.3s behind.")
    own.warning("a transaction held the write lock for 302 ms")
    own.error("a job gave up")
    await says(console, "log on")
    library.warning("websocket closed")
    own.warning("a transaction held the write lock for 5 ms")

    assert [r.getMessage() for r in caplog.records] == [
        "a job gave up",
        "websocket closed",
        "a transaction held the write lock for 5 ms",
    ]
    await says(console, "log off")


def test_a_missing_script_is_a_clear_error() -> None:
    result = sandbox("--script", "no/such/file.txt")
    assert result.returncode == 2
    assert "There is no script at no/such/file.txt" in result.stderr


def test_labels_match_without_case_or_accents_but_kana_keep_their_marks() -> None:
    assert fold("Shakenshō") == fold("SHAKENSHO")
    assert fold("ガ") != fold("カ")


def test_a_form_line_names_fields_by_number_or_label() -> None:
    fields = [
        FormField("a1", "Headword", "keitora", True),
        FormField("b2", "Kanji (kana)", "", False),
        FormField("c3", "Meaning", "A kei truck.", True),
    ]

    line = '3:Opens at 3:30, closes at 5:00 "kanji (kana)":軽トラ\\nけいとら'
    assert form_values(line, fields) == {
        "c3": "Opens at 3:30, closes at 5:00",
        "b2": "軽トラ\nけいとら",
    }
    assert form_values("", fields) == {}
    with pytest.raises(ValueError, match=r"no field “Kana”.*1 Headword, 2 Kanji"):
        form_values("Kana:けいとら", fields)


def test_timestamps_render_in_the_readers_zone() -> None:
    noon_utc = int(datetime(2026, 7, 4, 18, 0, tzinfo=UTC).timestamp())
    now = datetime(2026, 7, 1, 18, 0, tzinfo=UTC)
    text = render_markup(f"<t:{noon_utc}:F> (<t:{noon_utc}:R>)", DENVER, lambda *_: "", now)
    assert text == "Saturday, July 4, 2026 12:00 PM (in 3 days)"


def test_mentions_render_as_names() -> None:
    names = {("user", "1"): "Mika", ("channel", "2"): "meetups", ("role", "3"): "Moderator"}
    text = render_markup("<@1> see <#2>, <@&3>", DENVER, lambda kind, id_: names[(kind, id_)])
    assert text == "@Mika see #meetups, @Moderator"


def test_embeds_are_boxed_and_japanese_text_stays_aligned() -> None:
    message = {
        "author": {"username": "keitora"},
        "flags": 64,
        "content": "",
        "embeds": [{"title": "keitora", "description": "軽トラ (けいとら) " * 8}],
        "components": [{"type": 1, "components": [{"type": 2, "label": "Going"}]}],
    }
    lines = render_message(message, DENVER, lambda *_: "").splitlines()
    assert lines[0] == "keitora: (only you can see this)"
    box = [line for line in lines if line[0] in "┌│└"]
    assert len({display_width(line) for line in box}) == 1
    assert lines[-1] == "[Going]"


def test_an_embeds_picture_is_named_where_discord_would_show_it() -> None:
    embed = {
        "title": "Camper",
        "thumbnail": {"url": "https://cdn.example/avatar.png"},
        "image": {"url": "attachment://update-7.png"},
    }
    message = {"embeds": [embed, {"image": {"url": "https://cdn.example/truck.jpg"}}]}

    lines = render_message(message, DENVER, lambda *_: "").splitlines()

    assert any("Picture: update-7.png (attached)" in line for line in lines)
    assert any("Picture: https://cdn.example/truck.jpg" in line for line in lines)
    assert any("Small picture: https://cdn.example/avatar.png" in line for line in lines)


def test_ctrl_c_at_the_prompt_ends_the_sandbox_at_once() -> None:
    process = subprocess.Popen(
        [sys.executable, "bot.py", "sandbox"],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        shown = ""
        while not shown.endswith("Mika #general> "):  # wait for the first prompt
            character = process.stdout.read(1)
            assert character, f"the sandbox ended before its prompt: {shown}"
            shown += character
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0  # the prompt's reader must not hold the exit
    finally:
        process.kill()
        process.communicate()


@pytest.mark.parametrize(
    ("ahead", "shown"),
    [
        (timedelta(minutes=15) - timedelta(seconds=1), "in 15 minutes"),
        (timedelta(hours=3) - timedelta(seconds=20), "in 3 hours"),
        (timedelta(hours=2, minutes=31), "in 3 hours"),
        (timedelta(seconds=30), "in a few seconds"),
        (timedelta(seconds=50), "in a minute"),
        (timedelta(minutes=50), "in an hour"),
        (timedelta(hours=23), "in a day"),
        (timedelta(days=40), "in a month"),
        (timedelta(days=100), "in 3 months"),
        (-timedelta(days=800), "2 years ago"),
        (-timedelta(minutes=14, seconds=40), "15 minutes ago"),
    ],
)
def test_relative_timestamps_round_as_discord_shows_them(ahead: timedelta, shown: str) -> None:
    now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    assert relative(now + ahead, now) == shown


async def test_a_word_and_colon_that_names_no_option_stays_in_the_value(console: Console) -> None:
    created = await says(
        console, "as Akiko /meetup create title:Breakfast run when:tomorrow 9:30 location:Diner"
    )
    assert "9:30" in created
    assert "model:hijet" in await says(console, "/alerts add keywords:model:hijet")
    saved = await says(console, '/alerts add keywords:"hijet drive:4wd" ')  # quoted, or not
    assert "hijet drive:4wd" in saved
    assert "see: the hijet" in await says(console, "/alerts add keywords:see: the hijet")
    assert not await console.run("/alerts add keyword:hijet")  # a misspelt first name
    assert console.last_output == (
        "✗ /alerts add has no option keyword; its options are: keywords. Did you mean keywords:?"
    )


async def test_a_subcommand_named_like_its_option_takes_the_option_alone(
    console: Console,
) -> None:
    await says(console, "as Marcus /importer-mod register name:Kei Imports member:Yoshi")
    server = await FeedServer().start()
    try:
        server.serve_feed("/feed.xml", [Item("Acty arrived", "https://kei.example/acty")])
        feed = server.url("/feed.xml")
        saved = await says(console, f"as Yoshi /importer feed url:{feed}")
    finally:
        await server.stop()
    assert f"Saved. I read “{feed}” from now on" in saved
    assert not await console.run("as Yoshi /importer feed")
    assert (
        "needs a subcommand: url, test; type it before the options, as in /importer feed url"
        in (console.last_output)
    )


async def test_a_value_typed_without_its_options_name_is_shown_how_to_name_it(
    console: Console,
) -> None:
    assert not await console.run("/meetup reminders off")
    assert (
        "/meetup reminders takes its options by name (state:, before:), as in "
        "/meetup reminders state:off" in console.last_output
    )
    assert not await console.run("/meetup remind off")
    assert "/meetup has no subcommand 'remind' (create, " in console.last_output
    assert not await console.run("/help me")
    assert "/help takes its options by name (topic:), as in /help topic:me" in console.last_output


async def two_runs(
    tmp_path: Path, spec: Path | None, write: Callable[[str], None]
) -> AsyncIterator[tuple[str, Console]]:
    """The sandbox opened twice on one kept database: ("first", its console), then ("second",
    …); each run must keep to Discord's spec."""
    for run in ("first", "second"):
        async with sandbox_in(tmp_path, spec, write=write) as console:
            yield run, console
        assert console.loopback.violations == []


async def test_a_kept_database_opens_again_on_a_new_empty_pretend_discord(
    tmp_path: Path, discord_spec: Path | None
) -> None:
    said: list[str] = []
    async for run, console in two_runs(tmp_path, discord_spec, said.append):
        if run == "first":
            await says(console, "as Tammy /meetup create title:Kei Day when:sat 10am location:Moab")
            assert "KEI DAY" in await says(console, "messages #meetups")
            assert not any("earlier run" in line for line in said)
        else:
            assert "KEI DAY" in await says(console, "/meetup attendees meetup:1")
            assert await says(console, "messages #meetups") == "(no messages in #meetups)"
    assert any("earlier run" in line and "kept" in line for line in said)


async def test_a_kept_database_keeps_the_settings_chosen_in_an_earlier_run(
    tmp_path: Path, discord_spec: Path | None
) -> None:
    async for run, console in two_runs(tmp_path, discord_spec, lambda _: None):
        if run == "first":
            await says(console, "as Akiko /setup timezone tz:Asia/Tokyo")
            await says(console, "as Akiko /setup channel kind:meetups channel:#general")
        shown = await says(console, "as Akiko /setup show")
        assert "Asia/Tokyo" in shown, run
        general = console.loopback.channel("general").id
        answers = [
            record.request
            for record in console.loopback.requests
            if record.path.endswith("/callback") and "Keitora settings" in str(record.request)
        ]
        assert f"meetups: <#{general}>" in json.dumps(answers[-1]), run


def test_slash_lines_split_at_the_commands_own_option_names() -> None:
    names = {"title", "when", "location"}
    assert option_values("title:Run when:tomorrow 9:30 location:Diner: A&W", names) == {
        "title": "Run",
        "when": "tomorrow 9:30",
        "location": "Diner: A&W",
    }
    assert option_values("", names) == {}
    with pytest.raises(OptionLineError):  # a misspelt name is no text
        option_values("titel:Run when:9:30", names)
    assert command_parts("glossary-mod suggestions") == ("glossary-mod suggestions", None, "")
    assert command_parts("importer feed url:https://x") == ("importer feed", "url", "url:https://x")


async def test_an_autocomplete_choice_is_picked_by_what_it_shows(console: Console) -> None:
    await says(
        console, "as Tammy /meetup create title:Kei Day when:sat 10am location:Moab repeat:weekly"
    )
    listed = await says(console, "as Tammy /meetup cancel meetup:Kei Day occurrence:?")
    # The meetup is named by the first words of what its list shows, and the console says so.
    assert listed.startswith("meetup: picked “Kei Day (#1) — ")
    dates = [line.strip() for line in listed.split("\n\n")[-1].splitlines()[1:]]
    assert len(dates) > 2
    # A date not in this year names its year.
    shown = r"\w{3} \w{3} \d+(, \d{4})?, 10:00 AM M[SD]T"
    assert all(re.fullmatch(shown, date) for date in dates)

    day = dates[1].split(",")[0].split()[-1]  # the series' second date, by what it shows
    cancelled = await says(console, f"as Tammy /meetup cancel meetup:Kei Day occurrence:{dates[1]}")
    assert f"Cancelled “Kei Day” on {dates[1][:3]}" in cancelled
    assert f" {int(day)}, " in cancelled  # the bot was sent that date's value
    assert "occurrence:?" in await says(console, "help")


async def test_a_fixed_choice_is_named_as_its_list_shows_it_in_any_case(
    console: Console,
) -> None:
    await says(console, "/build start title:Camper truck:1994 Suzuki Carry DA51T")
    saved = await says(console, "/build spec build:1 drive:4wd")  # the list shows 4WD

    listed = await says(console, "/build list make:suzuki drive:4WD")

    assert "Spec of build #1 saved" in saved
    assert "Camper" in listed


async def test_a_value_out_of_discords_bounds_is_shown_with_what_was_typed(
    console: Console,
) -> None:
    long = "1997 model_code:DA51T" + "!" * 60
    assert not await console.run(f'/eligibility manufactured:"{long}"')  # no option model_code
    assert "takes 1 to 40 characters" in console.last_output
    assert "“1997 model_code:DA51T!!!" in console.last_output
    assert not await console.run(f"/eligibility manufactured:{long}")  # the last text option's
    assert "“1997 model_code:DA51T!!!" in console.last_output
    assert not await console.run(f"/glossary lookup term:{long} public:true")
    assert console.last_output.endswith('(a value holding “name:” goes in quotes: term:"…")')
    assert not await console.run("/alerts add keywords:" + "x" * 5_000)
    assert len(console.last_output) < 200  # the value is quoted, not all of it
    assert not await console.run("/build update text:x odometer:-1")
    assert "option 'odometer' takes 0 to 9999999, not -1" in console.last_output


def test_a_choice_is_named_by_its_value_its_name_or_the_first_words_of_one_name() -> None:
    choices = [
        {"name": "Kei Day — Sat Dec 5, 10:00 AM MST", "value": "1"},
        {"name": "Kei Day Two — Sat Dec 12, 10:00 AM MST", "value": "2"},
        {"name": "Moab Valley", "value": "Moab Valley"},
    ]
    assert choice_for("2", choices) == "2"
    assert choice_for("kei day — sat dec 5, 10:00 am mst", choices) == "1"
    assert choice_for("Kei Day Two", choices) == "2"
    assert choice_for("Kei Day", choices) is None  # the start of both names
    assert choice_for("Kei", choices) is None
    assert choice_for("Moab", choices) is None  # a suggestion of text: "Moab" is typed text


def test_a_choice_is_named_by_whole_words_of_its_name_not_a_part_of_one() -> None:
    # A hyphen joins a word: "keitora" is not the first word of the market's name.
    choices = [
        {"name": "keitora-ichi — 軽トラ市 — kei truck market", "value": "keitoraichi"},
        {"name": "#1 Acty camper (Moab) — 1993 Honda Acty", "value": "1"},
    ]
    assert choice_for("keitora", choices) is None
    assert choice_for("keitora-ichi", choices) == "keitoraichi"
    assert choices_holding("keitora", choices) == []
    assert choices_holding("Act", choices) == []
    assert choices_holding("Acty camper", choices) == [choices[1]]
    assert choices_holding("Moab", choices) == [choices[1]]  # brackets part words
