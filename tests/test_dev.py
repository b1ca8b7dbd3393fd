"""dev.py installs only what a task needs: the production tasks never get the dev tools."""

from __future__ import annotations

from pathlib import Path

import pytest

import dev


@pytest.fixture
def venv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(dev, "VENV", tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("task", "expected"),
    [
        ("run", "requirements.txt"),
        ("check", "requirements.txt"),
        ("test", "requirements-dev.txt"),
        ("sandbox", "requirements-dev.txt"),
        ("lint", "requirements-dev.txt"),
        ("install", "requirements.txt"),
    ],
)
def test_each_task_installs_its_own_requirements(task: str, expected: str) -> None:
    assert dev.requirements_for(task).name == expected


def test_production_is_satisfied_by_a_development_install_but_not_the_other_way(
    venv: Path,
) -> None:
    assert not dev.is_installed(dev.RUNTIME)
    dev.stamp_for(dev.RUNTIME).write_text(dev.requirements_digest(dev.RUNTIME))
    assert dev.is_installed(dev.RUNTIME)
    assert not dev.is_installed(dev.DEVELOPMENT)

    dev.stamp_for(dev.RUNTIME).unlink()
    dev.stamp_for(dev.DEVELOPMENT).write_text(dev.requirements_digest(dev.DEVELOPMENT))
    assert dev.is_installed(dev.RUNTIME)
    assert dev.is_installed(dev.DEVELOPMENT)


def test_a_changed_pin_means_installing_again(venv: Path) -> None:
    dev.stamp_for(dev.RUNTIME).write_text("digest of older pins")
    assert not dev.is_installed(dev.RUNTIME)


def test_install_sets_up_the_runtime_pins_and_runs_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A host installs as root and checks the database as the bot's user: a check run here
    # would open (or make) a database as root.
    installed: list[Path] = []
    monkeypatch.setattr(dev, "ensure_venv", lambda pins: installed.append(pins) or Path("py"))

    def nothing_may_run(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"ran {args}")

    monkeypatch.setattr(dev.subprocess, "run", nothing_may_run)
    assert dev.main(["install"]) == 0
    assert installed == [dev.RUNTIME]
