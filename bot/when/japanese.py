"""Dates and times written the Japanese way (2026年12月12日(土) 午後3時半), rewritten as the
forms the reader takes (Dec 12 2026 3:30pm): members who deal with Japanese auctions and
exporters copy dates from them."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

from bot.eligibility import REIWA

# A year written 2026年 or in the reigning era, 令和8年 (its first year 令和元年).
_DATE = re.compile(r"(?:(?:令和\s*(\d{1,2}|元)|(\d{4}))\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# 5日: the 5th, in whichever month comes (after a month the reader refused, left as typed)
_MONTHDAY = re.compile(r"(?<![\d月])(\d{1,2})\s*日")
_WEEKDAY = re.compile(r"[(（]\s*([月火水木金土日])(?:曜日?)?\s*[)）]|([月火水木金土日])曜日?")
_WEEKDAYS = dict(
    zip("月火水木金土日", ("mon", "tue", "wed", "thu", "fri", "sat", "sun"), strict=True)
)


def names_weekday(text: str) -> bool:
    """Whether `text` names a weekday the Japanese way: (土), 土曜日."""
    return _WEEKDAY.search(text) is not None


def with_weekday(text: str, day: date) -> str:
    """`text` with each weekday named the Japanese way named as `day`'s: (土) as (日)."""
    kanji = "月火水木金土日"[day.weekday()]
    return _WEEKDAY.sub(lambda named: named[0].replace(named[1] or named[2], kanji), text)


# Days named from today, longest first: 明後日 (the day after tomorrow) holds no 明日; and as
# said, in kana (あした, あす). A weekend (今週末) and a repeat (毎週) are read so as to be
# refused as in English, with what to write.
_DAYS = {
    "明後日": " in 2 days ",
    "あさって": " in 2 days ",
    "明日": " tomorrow ",
    "あした": " tomorrow ",
    "あす": " tomorrow ",
    "今日": " today ",
    "きょう": " today ",
    "今夜": " tonight ",
    "今晩": " tonight ",
    "こんや": " tonight ",
    "こんばん": " tonight ",
    "今週末": " this weekend ",
    "週末": " weekend ",
    "今週": " this ",  # 今週土曜: this week's Saturday
    "今度": " this coming ",  # 今度の土曜: the coming Saturday
    "来週": " next week ",
    "毎週": " weekly ",
    "毎月": " monthly ",
    "毎日": " daily ",
    "毎": " every ",  # 毎土曜, 毎日曜: its weekday read above
    "の": " ",  # 明日の10時, 来週の土曜日: "of", which says nothing here
    # The parts of a day (土曜の朝10時, 夜7時), after 今夜 above: they say the half of the hour.
    "朝": " morning ",
    "夕方": " evening ",
    "夜": " night ",
}
# 3日後, 1週間後: in so many days or weeks; read before 3日 is taken for the 3rd.
_LATER = re.compile(r"(\d{1,3})\s*(日|週間)\s*後")
_UNITS = {"日": "days", "週間": "weeks"}
# から right after a day (5日, 明日, 土曜日, (土), 来週, 今夜) starts the meetup that day: "from".
_DAY_FROM = re.compile(r"(?<=[日曜週夜)）])\s*から")
_FROM_TO = re.compile(r"から(?=\s*(?:\d|noon))")
_CLOCK = re.compile(r"(午前|午後)?\s*(\d{1,2})\s*時\s*(?:(\d{1,2})\s*分|(半))?")
# A range written the Japanese way (3時から5時まで, 午後3時〜5時), to quote as typed.
_JAPANESE_TIME = r"(?:午前|午後)?\s*\d{1,2}(?:\s*時(?:\s*\d{1,2}\s*分|\s*半)?|:\d\d)|正午"
_RANGE = re.compile(
    rf"(?:{_JAPANESE_TIME})\s*(?:から|[~〜\-])\s*(?:{_JAPANESE_TIME})(?:\s*まで)?(?![\w:])",
    re.A,
)
# 午後3 with no 時 after it (午後3から5時), or 午後 3:30: the half of the day says it is a time.
_HALF_HOUR = re.compile(r"(午前|午後)\s*(\d{1,2})(?::(\d\d))?(?![\d時:])")


def from_japanese(text: str) -> str:
    """`text` with its Japanese dates and times in English forms; other text as it was,
    full-width digits and colons made plain."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    text = _DAY_FROM.sub(" from ", text)
    text = _DATE.sub(_date, text)
    text = _LATER.sub(lambda later: f" in {later[1]} {_UNITS[later[2]]} ", text)
    text = _MONTHDAY.sub(r" \1th ", text)
    # The reader checks a weekday against the date beside it, as in English.
    text = _WEEKDAY.sub(lambda match: f" {_WEEKDAYS[match[1] or match[2]]} ", text)
    for day, english in _DAYS.items():
        text = text.replace(day, english)
    text = text.replace("正午", " noon ")
    text = _CLOCK.sub(_clock, text)
    text = _HALF_HOUR.sub(_half_day_hour, text)
    # から (from) before a time ends a range's start, as "to" does; else it starts the meetup,
    # and まで (until) only closes the range.
    return _FROM_TO.sub(" to ", text).replace("から", " from ").replace("まで", " ")


def _date(match: re.Match[str]) -> str:
    reiwa, western, month, day = match.groups()
    if not 1 <= int(month) <= 12:
        return match[0]  # refused by the reader, as written
    year = western or (reiwa and str(REIWA.offset + (1 if reiwa == "元" else int(reiwa))))
    return f" {calendar.month_abbr[int(month)]} {int(day)}{f' {year}' if year else ''} "


def _clock(match: re.Match[str]) -> str:
    return _as_clock(*match.groups())


def _half_day_hour(match: re.Match[str]) -> str:
    return _as_clock(match[1], match[2], match[3])


def _as_clock(
    meridiem: str | None, hour: str, minutes: str | None = None, half: str | None = None
) -> str:
    if not (meridiem or minutes or half):
        # Read on the 24-hour clock as "at 3" is, and pointed out as typed: 3時.
        return f" {int(hour)}時 "
    minute = 30 if half else int(minutes or 0)
    suffix = {"午前": "am", "午後": "pm"}.get(meridiem or "", "")
    # Japan writes midnight 午前0時 and noon 午後0時: 12 on the 12-hour clock.
    shown = 12 if suffix and int(hour) == 0 else int(hour)
    return f" {shown}:{minute:02d}{suffix} "


def range_as_typed(text: str) -> str | None:
    """The one range written the Japanese way in `text`, as typed (full-width digits kept), to
    quote in place of its English reading ("3時 to 5時")."""
    if text.isascii():
        return None
    plain = unicodedata.normalize("NFKC", text)
    found = list(_RANGE.finditer(plain))
    if len(found) != 1:
        return None
    # Full-width digits and marks become one character each, so the places match the text's.
    source = text if len(plain) == len(text) else plain
    return " ".join(source[found[0].start() : found[0].end()].split())
