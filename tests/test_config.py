from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_env_file

GUILD = "123456789012345678"


def test_defaults_when_nothing_is_set() -> None:
    settings = Settings.from_env({})
    assert settings.token is None
    assert settings.database_path == Path("data/keitora.sqlite3")
    assert settings.guild_ids == ()
    assert settings.api_base is None
    assert settings.feed_poll_seconds == 900
    assert settings.feed_allow_private is False
    assert settings.log_level == "INFO"
    assert settings.durable_commits is True


def test_every_variable_is_read() -> None:
    settings = Settings.from_env(
        {
            "DISCORD_TOKEN": "abc.def.ghi",
            "DATABASE_PATH": "/tmp/k.sqlite3",
            "DISCORD_GUILD_IDS": f"{GUILD}, 987654321098765432",
            "DISCORD_API_BASE": "http://127.0.0.1:9999/api/v10/",
            "FEED_POLL_SECONDS": "120",
            "FEED_ALLOW_PRIVATE": "yes",
            "LOG_LEVEL": "debug",
            "DATABASE_DURABLE_COMMITS": "off",
        }
    )
    assert settings.token == "abc.def.ghi"
    assert settings.database_path == Path("/tmp/k.sqlite3")
    assert settings.guild_ids == (int(GUILD), 987654321098765432)
    assert settings.api_base == "http://127.0.0.1:9999/api/v10"
    assert settings.feed_poll_seconds == 120
    assert settings.feed_allow_private is True
    assert settings.log_level == "DEBUG"
    assert settings.durable_commits is False


@pytest.mark.parametrize(
    ("variable", "value", "complaint"),
    [
        ("DISCORD_TOKEN", "abc def", "no spaces"),
        ("DISCORD_TOKEN", "Bot abc.def", "without the 'Bot ' prefix"),
        # What the portal shows beside the token: the application id, the public key, the
        # OAuth2 client secret. None has the token's dots.
        ("DISCORD_TOKEN", "1234567890123456789", "three parts separated by dots"),
        ("DISCORD_TOKEN", "a3f1" * 16, "three parts separated by dots"),
        ("DISCORD_TOKEN", "Zx9_kQ-1" * 4, "three parts separated by dots"),
        ("DISCORD_GUILD_IDS", "abc", "'abc' is not a server id"),
        ("DISCORD_GUILD_IDS", f"{GUILD},12", "'12' is not a server id"),
        ("DISCORD_API_BASE", "discord.com/api", "http(s) URL"),
        ("FEED_POLL_SECONDS", "often", "whole number of seconds"),
        ("FEED_POLL_SECONDS", "5", "more often than every 60 s"),
        # Past a week a feed is as good as never read, and past Python's dates it cannot be.
        ("FEED_POLL_SECONDS", "604801", "less often than every 604800 s (7 days)"),
        ("FEED_POLL_SECONDS", "99999999999999999999", "less often than every 604800 s"),
        ("FEED_ALLOW_PRIVATE", "maybe", "expected on/off"),
        ("DATABASE_DURABLE_COMMITS", "sometimes", "expected on/off"),
        ("LOG_LEVEL", "loud", "one of DEBUG, INFO"),
    ],
)
def test_each_bad_value_names_its_variable(variable: str, value: str, complaint: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({variable: value})
    [problem] = caught.value.problems
    assert problem.startswith(f"{variable}=")
    assert complaint in problem


def test_a_database_path_that_is_a_folder_asks_for_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"DATABASE_PATH": str(tmp_path)})
    assert caught.value.problems == [
        f"DATABASE_PATH={str(tmp_path)!r}: is a folder; give the database file's path, "
        f"such as {tmp_path / 'keitora.sqlite3'}"
    ]


def test_a_database_path_from_home_is_read_as_a_shell_would() -> None:
    # A .env file or systemd's EnvironmentFile passes `~` on as it is: taken literally, the
    # database would go to a folder named "~" under the working directory.
    settings = Settings.from_env({"DATABASE_PATH": "~/keitora/keitora.sqlite3"})
    assert settings.database_path == Path.home() / "keitora" / "keitora.sqlite3"


def test_all_problems_are_reported_together() -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"LOG_LEVEL": "x", "FEED_POLL_SECONDS": "y"})
    assert len(caught.value.problems) == 2


def test_the_token_never_appears_in_errors_or_repr() -> None:
    secret = "MTIz secret"
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"DISCORD_TOKEN": secret})
    assert "secret" not in str(caught.value)
    assert "tok3n" not in repr(Settings.from_env({"DISCORD_TOKEN": "tok3n.a.b"}))


def test_env_file_fills_only_unset_variables(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# comment\nLOG_LEVEL=DEBUG\nexport DATABASE_PATH='x.sqlite3'\nnot a pair\n"
    )
    environ = {"LOG_LEVEL": "WARNING"}
    load_env_file(env_file, environ)
    assert environ == {"LOG_LEVEL": "WARNING", "DATABASE_PATH": "x.sqlite3"}


@pytest.mark.parametrize(
    ("encoding", "how"),
    [
        ("utf-8-sig", "Notepad's UTF-8, with a byte-order mark"),
        ("utf-16", "Windows PowerShell's `echo … > .env`"),
    ],
)
def test_env_file_as_windows_editors_save_it_is_read(
    tmp_path: Path, encoding: str, how: str
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("DISCORD_TOKEN=abc.def.ghi\r\nLOG_LEVEL=DEBUG\r\n", encoding=encoding)
    environ: dict[str, str] = {}
    load_env_file(env_file, environ)
    assert environ == {"DISCORD_TOKEN": "abc.def.ghi", "LOG_LEVEL": "DEBUG"}, how


def test_an_env_file_that_is_not_text_is_a_configuration_problem(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_bytes(b"DISCORD_TOKEN=\xff\xfe\xfa\n")
    with pytest.raises(ConfigError) as caught:
        load_env_file(env_file, {})
    assert caught.value.problems == [f"{env_file} is not UTF-8 text: save it as UTF-8"]


def test_the_web_server_is_off_unless_a_port_is_set() -> None:
    settings = Settings.from_env({})
    assert settings.web_port is None
    assert settings.web_base_url is None


def test_the_web_address_defaults_to_localhost_on_the_port() -> None:
    assert Settings.from_env({"WEB_PORT": "8080"}).web_base_url == "http://localhost:8080"
    settings = Settings.from_env(
        {"WEB_PORT": "8080", "WEB_BASE_URL": "https://meetups.example.org/"}
    )
    assert settings.web_port == 8080
    assert settings.web_base_url == "https://meetups.example.org"


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"WEB_PORT": "http"}, "WEB_PORT='http': expected a TCP port number"),
        ({"WEB_PORT": "70000"}, "WEB_PORT='70000': expected a TCP port number"),
        ({"WEB_PORT": "²"}, "WEB_PORT='²': expected a TCP port number"),
        ({"WEB_PORT": "80", "WEB_BASE_URL": "meetups.example.org"}, "public http(s) address"),
        ({"WEB_PORT": "80", "WEB_BASE_URL": "https://x.org/?a=1"}, "without a query"),
        ({"WEB_PORT": "80", "WEB_BASE_URL": "https://x.org/" + "a" * 200}, "at most 200"),
        ({"WEB_BASE_URL": "https://x.org"}, "WEB_PORT is not"),
    ],
)
def test_bad_web_settings_are_refused(env: dict[str, str], complaint: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env(env)
    assert any(complaint in problem for problem in caught.value.problems), caught.value.problems
