"""The sandbox a newcomer runs: the demo script, script failures, and how replies read."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sandbox.render import display_width, render_markup, render_message

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
        "/help\nexpect something the bot never says\n/nosuchcommand\nwave\nclick Don't\n"
    )
    result = sandbox("--script", str(script))
    assert result.returncode == 1
    assert "✗ line 2 failed" in result.stdout
    assert "no slash command /nosuchcommand" in result.stdout
    assert "I don't know “wave”" in result.stdout
    assert 'no button or select "Don\'t"' in result.stdout  # an odd quote is no crash
    assert "4 line(s) failed" in result.stdout


def test_a_missing_script_is_a_clear_error() -> None:
    result = sandbox("--script", "no/such/file.txt")
    assert result.returncode == 2
    assert "There is no script at no/such/file.txt" in result.stderr


def test_timestamps_render_in_the_readers_zone() -> None:
    noon_utc = int(datetime(2026, 7, 4, 18, 0, tzinfo=UTC).timestamp())
    now = datetime(2026, 7, 1, 18, 0, tzinfo=UTC)
    text = render_markup(f"<t:{noon_utc}:F> (<t:{noon_utc}:R>)", DENVER, lambda *_: "", now)
    assert text == "Sat July 04, 2026 12:00 MDT (in 3 days)"


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
        while not shown.endswith("\n> "):  # wait for the first prompt
            character = process.stdout.read(1)
            assert character, f"the sandbox ended before its prompt: {shown}"
            shown += character
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0  # the prompt's reader must not hold the exit
    finally:
        process.kill()
        process.communicate()
