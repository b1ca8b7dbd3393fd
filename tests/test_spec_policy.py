"""Without Discord's spec the tests still run and the run says so; on CI it fails instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox.spec import SPEC_ENV, spec_path_from_env

REPO = Path(__file__).resolve().parents[1]

# One test that drives the loopback (so would check against the spec), one that does not.
TESTS = """
def test_drives_the_loopback(discord_spec):
    pass

def test_needs_no_spec():
    pass
"""


def test_the_spec_is_named_by_the_environment_or_sits_beside_the_checkout() -> None:
    assert spec_path_from_env({SPEC_ENV: "/specs/openapi.json"}) == Path("/specs/openapi.json")
    beside = REPO.parent / "shared" / "discord-api-spec" / "openapi.json"
    assert spec_path_from_env({}) == spec_path_from_env({SPEC_ENV: ""}) == beside


@pytest.fixture
def run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A pytest run of TESTS under the spec policy, with no spec and not on CI to begin with."""
    monkeypatch.setenv(SPEC_ENV, str(pytester.path / "absent" / "openapi.json"))
    monkeypatch.delenv("CI", raising=False)
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(TESTS)
    return pytester


# One pytest-xdist worker is all that xdist changes here: the tests run in another process, whose
# reports reach the one printing the summary, and where a UsageError would only crash. Each more
# worker is one more Python importing the loopback.
XDIST = ("-n", "1")


def _pytest(run: pytest.Pytester, *args: str) -> pytest.RunResult:
    return run.runpytest("-p", "tests.spec_policy", "-p", "no:cacheprovider", *args)


@pytest.mark.parametrize("workers", [(), XDIST], ids=["in-process", "xdist"])
def test_without_the_spec_tests_run_and_the_summary_says_how_many_and_how_to_get_it(
    run: pytest.Pytester, workers: tuple[str, ...]
) -> None:
    result = _pytest(run, *workers)

    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        [
            "=* 1 test ran without checking the bot's requests against Discord's spec =*",
            "Discord's OpenAPI spec is not at */absent/openapi.json. To check them, take "
            "specs/openapi.json from the public repository discord/discord-api-spec and put it at "
            "../shared/discord-api-spec/openapi.json beside this checkout, or name its path in "
            "KEITORA_DISCORD_SPEC.",
        ]
    )


@pytest.mark.parametrize("ci", ["true", "1", "yes"])
def test_on_ci_a_missing_spec_fails_the_run_before_any_test(
    run: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, ci: str
) -> None:
    monkeypatch.setenv("CI", ci)

    result = _pytest(run)

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["ERROR: Discord's OpenAPI spec is not at */absent/openapi.json, and a CI run must check*"]
    )
    result.assert_outcomes()


def test_on_ci_under_xdist_a_missing_spec_fails_each_test_that_needs_it_saying_why(
    run: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")

    result = _pytest(run, *XDIST)

    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(
        ["*Discord's OpenAPI spec is not at */absent/openapi.json, and a CI run must check*"]
    )


def test_on_ci_tests_that_drive_no_loopback_run_without_the_spec(
    run: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")

    result = _pytest(run, "-k", "needs_no_spec")

    result.assert_outcomes(passed=1, deselected=1)


def test_with_the_spec_the_tests_get_it_and_nothing_is_said(
    run: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = run.path / "openapi.json"
    spec.write_text("{}")
    monkeypatch.setenv(SPEC_ENV, str(spec))
    monkeypatch.setenv("CI", "true")
    run.makepyfile(
        test_given=f"def test_given(discord_spec):\n    assert str(discord_spec) == {str(spec)!r}\n"
    )

    result = _pytest(run)

    result.assert_outcomes(passed=3)
    assert "without checking" not in result.stdout.str()
