"""The words of a typed time made plain for its readers: one space between words, dashes as
"-", Japanese and holidays in English, and what says nothing about the time left out."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from bot.when.holidays import holidays_as_dates
from bot.when.japanese import from_japanese
from bot.when.words import any_of
from bot.zones import TIME_ZONE_NAMES


def normalize(text: str) -> str:
    """One space between words; dashes, and a tilde between times (10時〜14時), as "-"; one
    after a date and before a time (12/19 ~ 10am: about 10am) left out; a.m.
    as am, E.T. as ET; tonite as tonight; the twelfth as the 12th; half an hour as 30
    minutes; an ISO "T" as a space; Zulu time (1500Z) as UTC; "@" as "at", but in a mention;
    "sat10am" as "sat 10am", 10amPT as 10am PT; "after" before a time as "from"; Japanese
    dates and times in English; holidays as their dates; emoji, faces such as :), brackets, !,
    "-ish" and "till late" left out."""
    words = re.sub(
        r"[\u2212\u2013\u2014]|(?<=[\dm時])\s*[~\u301c\uff5e]\s*(?=\d|noon)",
        "-",
        _ABOUT_AFTER_A_DATE.sub(r"\1 ", from_japanese(text)),
    )
    # A mention (<@&1>, @everyone) keeps its @, so that a refusal quotes it as typed.
    words = re.sub(r"(?<!<)@(?!everyone\b|here\b)", " at ", words).replace(",", " ")
    words = holidays_as_dates(_EMOTICON.sub(" ", _DISCORD_EMOJI.sub(" ", words)))
    words = "".join(
        " " if _decoration(char) and words[max(i - 2, 0) : i] != "<@" else char  # <@!id> too
        for i, char in enumerate(words)
    )
    words = re.sub(r"(?<![a-z])([ap])\.\s?m\b\.?", r"\1m", words, flags=re.I | re.A)
    words = re.sub(r"\s+in\s+the\s+([ap]m)\b", r" \1", words, flags=re.I | re.A)  # 10 in the am
    words = re.sub(
        r"(?:(?<=\d)|(?<=\d[ap]m)|(?<=\d [ap]m)|(?<=noon)|(?<=midnight))\s*-?\s*ish\b",
        " ",
        words,
        flags=re.I | re.A,
    )
    words = re.sub(r"\.{2,}|…", " ", words)  # sat 10am...
    words = TILL_LATE.sub(" ", words)
    words = re.sub(  # sat-10am, but not the offset of sat -07:00
        r"\b((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)(?:-\s*|\s+-\s+|\s+-(?!\d\d:?\d\d(?![\w:])))(?=\d)",
        r"\1 ",
        words,
        flags=re.I | re.A,
    )
    words = re.sub(
        r"\b(?:[a-z]\.){2,}", lambda dotted: dotted[0].replace(".", ""), words, flags=re.I
    )
    words = re.sub(r"\b(?:tonite|2nite|2night)\b", "tonight", words, flags=re.I | re.A)
    words = re.sub(r"(?<=\d)t(?=\d)", " ", words, flags=re.I | re.A)
    words = re.sub(r"(?<=\d)z\b", " UTC", words, flags=re.I | re.A)  # 1500Z: Zulu time
    words = re.sub(r"(?<=[a-z]{3})(?=\d)", " ", words, flags=re.I | re.A)
    words = _JOINED_ZONE.sub(" ", words)
    words = re.sub(r"(?<=[a-z])\.(?!\w)", " ", words, flags=re.I | re.A)
    words = _DAY_IN_WORDS.sub(_day_in_figures, words)
    words = _HALF_HOURS.sub(_half_hours_in_minutes, words)
    return _AFTER_A_TIME.sub("from", " ".join(words.split()))


# A tilde spaced from a date ending in figures, before a time: "12/19 ~10am", "dec 19 ~ 10am"
# are about 10am, as "sat ~10am" is, not a range from the 19th. Spaced from the time too, it is
# before an hour with am, pm, minutes or 時 only (12月19日 〜 10時 as dec 19 ~ 10am), so that
# "dec 19 ~ 21" stays two days.
_ABOUT_AFTER_A_DATE = re.compile(
    r"((?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"|(?<![\w/.-])\d{1,2}([/-])\d{1,2}(?:\2\d\d(?:\d\d)?)?)\s+)[~\u301c\uff5e]"
    r"(?:(?=\d)|\s+(?=\d{1,2}(?::\d\d)?\s?[ap]m?\b|\d{1,2}:\d\d|\d{1,2}時))",
    re.I | re.A,
)


# 7pm till late: a start with no end, which is the start (and says it is the evening's).
TILL_LATE = re.compile(r"\s+(?:till?|until|['’]til)\s+late\b", re.I | re.A)


def as_typed(text: str, words: str) -> str:
    """The member's own words in `text` for `words`, which were read from it made plain
    ("xmas 1500Z" for "dec 25 1500"). Text and plain text are matched word for word: a plain
    word also typed (perhaps with a comma or bracket) is quoted as typed; one a rewrite made
    (dec 25 of xmas, 1500 of 1500Z) as all the typed words that rewrite came from; and words
    found apart, with all that was typed between them. Words not found give the whole text."""
    plain = normalize(text)
    typed = _typed_words(text, plain)
    pieces: list[tuple[int, int]] = []
    # Where the words stand together, there: "this morning" of "this eve this morning".
    phrase = r"\s+".join(map(re.escape, words.split()))
    together = re.search(rf"(?<!\S){phrase}(?!\S)", plain)
    start_at = together.start() if together else 0
    for word in words.split():
        found = re.compile(rf"(?<!\S){re.escape(word)}(?!\S)").search(plain, start_at)
        if found is None and (index := plain.find(word, start_at)) >= 0:  # "-blah" of 10am-blah
            found = re.compile(re.escape(word)).match(plain, index)
        if found is None:
            return " ".join(text.split())
        start_at = found.end()
        for plain_word, span, verbatim in typed:
            first, last = max(found.start(), plain_word.start()), min(found.end(), plain_word.end())
            if span is None or first >= last:
                continue
            if verbatim:  # only the part found: "10am" of 10am/11am, "evening" of evening.
                offset = span[0] - plain_word.start()
                span = (first + offset, last + offset)
            if pieces and span[0] <= pieces[-1][1]:
                pieces[-1] = (pieces[-1][0], max(pieces[-1][1], span[1]))
            else:
                pieces.append(span)
    if not pieces:
        return text.strip()
    # One stretch from the first word to the last: words found apart ("1st" and "of next
    # month" of "1st sat of next month") glued together would quote what no one typed.
    return " ".join(text[pieces[0][0] : pieces[-1][1]].split())


# What a typed word may carry that its plain word has lost: "Saturday," "(12pm" "evening."
_MARKS = ",;:!?()[]."


def _typed_words(text: str, plain: str) -> list[tuple[re.Match[str], tuple[int, int] | None, bool]]:
    """Each word of `plain`, where in `text` it was read from, and whether it is there
    verbatim. Where it is, the span is its own within the typed word ("Saturday" of
    "Saturday,"); where a rewrite made it, the whole run of typed words the rewrite came from
    (xmas for dec and for 25)."""
    typed, words = list(re.finditer(r"\S+", text)), list(re.finditer(r"\S+", plain))
    matcher = SequenceMatcher(
        None,
        [w[0].casefold().strip(_MARKS) for w in typed],
        [w[0].casefold().strip(_MARKS) for w in words],
        autojunk=False,
    )
    spans: list[tuple[tuple[int, int] | None, bool]] = []
    for kind, i1, i2, j1, j2 in matcher.get_opcodes():
        if kind == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                at = typed[i][0].casefold().find(words[j][0].casefold())
                verbatim = at >= 0
                start = typed[i].start() + at if verbatim else typed[i].start()
                end = start + len(words[j][0]) if verbatim else typed[i].end()
                spans.append(((start, end), verbatim))
        elif kind != "delete":
            run = (typed[i1].start(), typed[i2 - 1].end()) if i1 < i2 else None
            spans += [(run, False)] * (j2 - j1)
    return [(word, span, verbatim) for word, (span, verbatim) in zip(words, spans, strict=True)]


_FIRST_NINE = (
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
)
_TEENS = (
    *("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"),
    *("seventeenth", "eighteenth", "nineteenth"),
)
# The days of the month in words, the twelfth, twenty-first: "twenty first" as a key.
_DAYS_IN_WORDS = (
    {word: n for n, word in enumerate(_FIRST_NINE + _TEENS, start=1)}
    | {f"twenty {word}": 21 + n for n, word in enumerate(_FIRST_NINE)}
    | {"twentieth": 20, "thirtieth": 30, "thirty first": 31}
)
_ORDINAL = any_of(_DAYS_IN_WORDS, space=r"[\s-]+")  # twenty-first
# Only after "the" or a month (the twelfth, dec twelfth): "second" is also a unit of time.
_DAY_IN_WORDS = re.compile(
    rf"\b(the|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\s+({_ORDINAL})\b",
    re.I | re.A,
)


def _day_in_figures(match: re.Match[str]) -> str:
    """ "the twelfth" as "the 12th", "dec twenty-first" as "dec 21st"."""
    day = _DAYS_IN_WORDS[re.sub(r"[\s-]+", " ", match[2].casefold())]
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(day % 10 if day not in (11, 12, 13) else 0, "th")
    return f"{match[1]} {day}{suffix}"


# "after 5pm" before the time a meetup starts (fri after 6): its start, as "from 6"; not the
# minutes of "ten after six" or "10 after 6", nor "the day after 12/5".
_AFTER_A_TIME = re.compile(
    r"(?<![\w-])(?<!\d )(?<!five )(?<!ten )(?<!quarter )(?<!twenty )after"
    r"(?= \d{1,2}(?:[:.]\d\d)?\s?(?:[ap]m?)?(?![\w/.:-]))",
    re.I | re.A,
)
# A zone's abbreviation joined to its time: 10amPT, 1000EST.
_ABBREVIATIONS = any_of(name for name in TIME_ZONE_NAMES if len(name) <= 4)
_JOINED_ZONE = re.compile(
    rf"(?:(?<=\d)|(?<=\d[ap]m))(?=(?:{_ABBREVIATIONS})\b)",
    re.I | re.A,
)
# In half an hour, an hour and a half, 1.5 hours: counted in minutes, which the reader takes.
_HALF_HOURS = re.compile(
    r"\b(?:(?P<half>half\s+an?\s+hour)|(?:an?|one)\s+hour\s+and\s+a\s+half"
    r"|(?P<hours>\d{1,2})\.5\s*(?:hours?|hrs?|h))\b",
    re.I | re.A,
)


def _half_hours_in_minutes(match: re.Match[str]) -> str:
    hours = 0 if match["half"] else int(match["hours"] or 1)
    return f"{hours * 60 + 30} minutes"


_DISCORD_EMOJI = re.compile(r"<a?:\w+:\d+>", re.A)
# Faces typed in characters (:) ;-) :D <3), which say nothing about the time.
_EMOTICON = re.compile(r"(?<!\S)(?:[:;]-?[()DPp]|<3)(?!\S)", re.A)


def _decoration(char: str) -> bool:
    """Emoji and marks members put around a time (🚚, !), and the dots calendars copy between
    a date and its time (Dec 5 · 9–11 AM), which say nothing about it."""
    return char in "!?~〜()[]·⋅•|" or unicodedata.category(char) in ("So", "Sk", "Cf", "Mn")
