"""An OR is refused quoting what the member typed, the whole stretch each side of it (`under 5k
or 1995`, `grade over 4 or price under 5k`), not the word next to it nor the conditions it was
read as (`price<=5k or 1995`), with the alert to add for each side holding the member's other
words (`hijet under 5k`, not a bare `under 5k` that would DM every truck); and a bound word
after an OR that goes before a number of its own (`5k or under 8k`, `2000 or after 2010`) starts
the other side, not a bound of the first."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, tidy
from bot.errors import UserError
from tests.test_alerts import GUILD, MIKA, alerts  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "quoted"),
    [
        ("hijet $5k or $8k", ("“$5k or $8k”", "“hijet $5k”", "“hijet $8k”")),
        ("hijet or carry", ("“hijet or carry”", "“hijet”", "“carry”")),
        # The words outside the OR go with each side.
        ("hijet or carry under 5k", ("“hijet or carry”", "“hijet under 5k”", "“carry under 5k”")),
        ("hijet or carry 4x4", ("“hijet or carry”", "“hijet 4x4”", "“carry 4x4”")),
        ("hijet under 5k or 1995", ("“under 5k or 1995”", "“hijet under 5k”", "“hijet 1995”")),
        (
            "hijet grade over 4 or price under 5k",
            (
                "“grade over 4 or price under 5k”",
                "“hijet grade over 4”",
                "“hijet price under 5k”",
            ),
        ),
        (
            "hijet 95-99 or 2001 carry",
            ("“95-99 or 2001”", "“hijet 95-99 carry”", "“hijet 2001 carry”"),
        ),
        (
            "hijet on the way or carry",
            ("“on the way or carry”", "“hijet on the way”", "“hijet carry”"),
        ),
        # A known phrase either side is whole: not “truck or mini”.
        (
            "kei truck or mini truck",
            ("“kei truck or mini truck”", "“kei truck”", "“mini truck”"),
        ),
        (
            "hijet under 5k or under 8k",
            ("“under 5k or under 8k”", "“hijet under 5k”", "“hijet under 8k”"),
        ),
        (
            "hijet before 2000 or after 2010",
            ("“before 2000 or after 2010”", "“hijet before 2000”", "“hijet after 2010”"),
        ),
        (
            "hijet over 25 years or under 5 years",
            (
                "“over 25 years or under 5 years”",
                "“hijet over 25 years”",
                "“hijet under 5 years”",
            ),
        ),
        # A side that alone reads otherwise (`5`) is given as read, and so is the other, in the
        # form the help gives: not “grade 4” beside “grade:5”.
        ("grade 4 or 5", ("“grade 4 or 5”", "“grade:4”", "“grade:5”")),
        ("hijet grade 4 or 5", ("“grade 4 or 5”", "“hijet grade:4”", "“hijet grade:5”")),
        (
            "hijet price<=5k or under 8k",
            ("“price<=5k or under 8k”", "“hijet price<=5k”", "“hijet under 8k”"),
        ),
    ],
)
async def test_an_or_is_quoted_as_typed(
    alerts: AlertService, typed: str, quoted: tuple[str, str, str]
) -> None:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, typed)
    said, before, after = quoted
    assert str(refused.value) == (
        f"Alerts have no OR: every word must appear, so {said} would wait for an item holding "
        f"all of them. For either, add two alerts: one for {before} and one for {after}."
    )


async def test_an_or_with_a_bound_consumed_before_it_is_quoted_as_typed(
    alerts: AlertService,
) -> None:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, "hijet 1995 or newer $5k or $8k")
    assert "so “$5k or $8k” would wait" in str(refused.value)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (("under 5k or 1995 " * 12)[:199], "“under 5k or 1995”"),
        (("hijet or carry " * 14)[:199], "“hijet or carry”"),
        (("grade 4 or 5 " * 16)[:199], "“grade 4 or 5”"),
    ],
)
def test_an_alert_of_many_ors_is_read_a_few_times_only(
    monkeypatch: pytest.MonkeyPatch, typed: str, said: str
) -> None:
    # Each OR had every stretch of words beside it read again (0.3 s for 200 characters on
    # the event loop); the refusal quotes the first OR, so only it is looked into.
    reads = 0
    read = tidy._said

    def counted(text: str, this_year: int) -> str:
        nonlocal reads
        reads += 1
        return read(text, this_year)

    monkeypatch.setattr(tidy, "_said", counted)
    with pytest.raises(UserError, match=f"so {said} would wait"):
        tidy.tidy_query(typed, this_year=2026)
    assert reads <= 12
