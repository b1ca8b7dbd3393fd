"""A refusal quotes what the member typed, not the words the reader rewrote it into (a holiday
as its date, 1500Z as 1500 UTC, tonite as tonight, @ as at)."""

from __future__ import annotations

import pytest

from bot.when.text import as_typed
from tests.when_reading import refusal


@pytest.mark.parametrize(
    ("text", "quoted", "rewritten"),
    [
        ("xmas blah 10am", "“xmas blah”", "dec 25"),
        ("christmas eve blah 7pm", "“christmas eve blah”", "dec 24"),
        ("4th of july blah 6pm", "“4th of july blah”", "jul 4"),
        ("new year's eve blah 9pm", "“new year's eve blah”", "dec 31"),
        ("sat 1500Z blah", "“1500Z blah”", "“1500 blah”"),
        ("the twelfth blah 10am", "“twelfth blah”", "12th"),
        ("sat 10am @blah", "“@blah”", "“blah”"),
        ("sat 10am—blah", "“10am—blah”", "-blah"),
        ("2026-12-05T10:00 blah 2", "“2026-12-05T10:00 blah 2”", "“2026-12-05 blah 2”"),
    ],
)
def test_words_not_read_are_quoted_as_typed(text: str, quoted: str, rewritten: str) -> None:
    message = refusal(text)
    assert message.startswith(f"I couldn't read {quoted} in “{text}”."), message
    assert rewritten not in message


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("tonite tmrw 7pm", "“tonite” and “tmrw”"),
        ("2nite sat 7pm 8pm", "two days, “2nite” and “sat”, each with a time"),
        ("sat 7pm 8pm", "two times, “7pm” and “8pm”"),
        # One day named twice is two times on it, not two days.
        ("sat 8pm or sat 8am", "two times, “8pm” and “8am”"),
        ("sat 8pm or saturday 8am", "two times, “8pm” and “8am”"),
        ("sat 10 a.m. 2 p.m.", "“10 a.m.” and “2 p.m.”"),
        ("this eve this morning 7", "“this eve” and “this morning”"),
        # Within a word typed as it was read, only the part found is quoted.
        ("sat 10am/11am", "“10am” and “11am”"),
    ],
)
def test_two_of_a_kind_are_quoted_as_typed(text: str, quoted: str) -> None:
    assert quoted in refusal(text)


def test_a_day_not_on_the_calendar_is_quoted_as_typed() -> None:
    assert refusal("feb thirtieth 10am").startswith("“feb thirtieth” is not a day on the calendar")


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("xmas @ 1500Z 10.5", "dec 25 1500 10.5", "xmas @ 1500Z 10.5"),
        ("sat10am blah", "blah", "blah"),
        ("tonite blah", "tonight", "tonite"),
        # Words the text does not hold, in that order, are answered with the whole text.
        ("sat 10am", "sun", "sat 10am"),
    ],
)
def test_as_typed_finds_the_words_the_member_wrote(text: str, words: str, expected: str) -> None:
    assert as_typed(text, words) == expected


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Saturday, Friday 10am", "“Saturday” and “Friday”"),
        ("this morning, this evening 7", "“this morning” and “this evening”"),
    ],
)
def test_a_comma_after_a_word_is_not_quoted_with_it(text: str, quoted: str) -> None:
    assert quoted in refusal(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A time of day the clock refuses: 12-hour, spaced, 24-hour, in words, after "at".
        ("tonite 13 p.m.", "“13 p.m.” is not a time on a 12-hour clock: write 1:00pm, or"),
        ("sat 10am-13 p.m.", "“13 p.m.” is not a time on a 12-hour clock"),
        ("sat 7 30 p.m.", "“7 30 p.m.” is not a time of day; write 7:30pm."),
        ("sat 25:00Z", "“25:00Z” is not a time of day; the clock runs 0:00 to 24:00."),
        ("sat @ 25", "“@ 25” is not a time of day; the clock runs 0:00 to 24:00."),
        ("xmas half past 13 p.m.", "“half past 13 p.m.” is not a time on a 12-hour clock."),
        ("sat half past noon p.m.", "“half past noon p.m.”: noon says which half of the day"),
        ("sat quarter to twelve a.m.", "“quarter to twelve a.m.” is 11:45 PM on the day before"),
        # Minutes after a space for the colon, and four digits alone.
        ("sat @10 30", "“@10 30” is not a time of day; write 10:30."),
        (
            "1800Z",
            "“1800Z” alone may be a year: write the time as 18:00 or 6:00 PM, or after a "
            "day, like sat 1800Z.",
        ),
        # Two days with a dash.
        (
            "sat–sun 10am",
            "“sat–sun” names two days; a meetup starts on one. Give the first day "
            "and its time, like sat 10am,",
        ),
        ("dec 5—6 9am", "“dec 5—6” names two days"),
        # Ranges.
        ("sat 2 p.m.–1 p.m.", "“2 p.m.–1 p.m.” ends before it starts."),
        ("sat 10am—10am", "“10am—10am” ends when it starts; give a later end."),
        ("sat 10am–2pm–4pm", "“10am–2pm–4pm” has more than one range"),
        ("sat 10am—sun 2pm", "“10am—sun 2pm” names a second day."),
    ],
)
def test_a_refusal_quotes_the_words_as_typed(text: str, expected: str) -> None:
    assert refusal(text).startswith(expected), refusal(text)
