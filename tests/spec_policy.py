"""The test run's one policy on Discord's OpenAPI spec: check against it, or say loudly why not.

A test that drives the loopback Discord takes the `discord_spec` fixture and passes it to
`Loopback(spec=...)`. Without the spec such tests still run, unchecked, so a fresh clone passes;
the run then ends with a warning that counts them and says how to get the spec. On CI (`CI` set
to true, 1, yes or on) a missing spec stops the run before any test: there an unchecked pass
would hide requests Discord refuses. Tests that are about the spec itself skip without it,
except on CI.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sandbox.spec import HOW_TO_GET, spec_path_from_env


@dataclass
class SpecCheck:
    """Where the spec should be, whether it is there, and the tests that ran without it."""

    path: Path
    found: bool
    unchecked: set[str] = field(default_factory=set)


_CHECK = pytest.StashKey[SpecCheck]()


def on_ci(environ: Mapping[str, str]) -> bool:
    # CI services set CI to "true", "1" or "yes"; any of them means a CI run.
    return environ.get("CI", "").strip().lower() in ("true", "1", "yes", "on")


def pytest_configure(config: pytest.Config) -> None:
    path = spec_path_from_env(os.environ)
    check = SpecCheck(path, path.is_file())
    config.stash[_CHECK] = check
    config.pluginmanager.register(_UncheckedCounter(check))


class _UncheckedCounter:
    """Counts the tests that ran unchecked from their reports, which reach the process that
    prints the summary also when pytest-xdist runs the tests in workers."""

    def __init__(self, check: SpecCheck) -> None:
        self._check = check

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "setup" and _UNCHECKED in report.user_properties:
            self._check.unchecked.add(report.nodeid)


def _missing_on_ci(check: SpecCheck) -> str:
    return (
        f"Discord's OpenAPI spec is not at {check.path}, and a CI run must check the bot's "
        f"requests against it. To get it, {HOW_TO_GET}."
    )


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what will not run
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    check = config.stash[_CHECK]
    if check.found or not on_ci(os.environ):
        return
    # A pytest-xdist worker that raised here would only crash; there each test that needs the
    # spec fails with the reason instead (see `discord_spec`).
    if hasattr(config, "workerinput"):
        return
    if any("spec_check" in item.fixturenames for item in items):
        raise pytest.UsageError(_missing_on_ci(check))


@pytest.fixture(scope="session")
def spec_check(pytestconfig: pytest.Config) -> SpecCheck:
    return pytestconfig.stash[_CHECK]


_UNCHECKED = ("discord_spec", "unchecked")  # a user property on the test's reports


@pytest.fixture
def discord_spec(spec_check: SpecCheck, request: pytest.FixtureRequest) -> Path | None:
    """The spec for `Loopback(spec=...)`; None, and the test counted as unchecked, without it."""
    if spec_check.found:
        return spec_check.path
    if on_ci(os.environ):
        pytest.fail(_missing_on_ci(spec_check), pytrace=False)
    request.node.user_properties.append(_UNCHECKED)
    return None


# Around the terminal reporter's own summary, so that the warning comes after the list of
# failures and skips, right above the final counts, where a reader looks last.
@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter,
) -> Generator[None, None, None]:
    yield
    check = terminalreporter.config.stash.get(_CHECK, None)
    if check is None or not check.unchecked:
        return
    count = len(check.unchecked)
    tests = "1 test" if count == 1 else f"{count} tests"
    terminalreporter.write_sep(
        "=", f"{tests} ran without checking the bot's requests against Discord's spec", yellow=True
    )
    terminalreporter.write_line(
        f"Discord's OpenAPI spec is not at {check.path}. To check them, {HOW_TO_GET}."
    )
