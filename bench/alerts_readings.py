"""How `/alerts add` reads what members type: each text's saved words, phrases, left-out words
and bounds (with the notes its reply adds), or its refusal; and the reader's cost.

Run: `python -m bench.alerts_readings` from the repository root. Every text is read as a new alert
on Dec 5 2026 (UTC, a server with no zone). The texts are those below: makes, models, model
codes, kana, years, eras, prices, ranges, quoted phrases, ORs, commas, junk, emoji and a few
texts far past what Discord lets through (the reader must refuse those cheaply too).

Before changing how an alert is read (`bot/alerts/`), save what every text reads as at the old
commit, `--save before.txt`, and read them again at the new one, `--compare before.txt`: it lists
each text whose reading changed, before and after (and texts added to or gone from the list),
so that a change every test passes but that moves some other text's meaning is seen.
"""

from __future__ import annotations

import argparse
import ast
import itertools
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.when import print_timings
from bot.alerts import Alert, reading
from bot.alerts.ages import age_years
from bot.alerts.new import ages_said, read_new
from bot.alerts.tidy import bare_prices, bare_years, comma_words, small_words_of, year_ranges
from bot.errors import UserError

NOW = datetime(2026, 12, 5, 15, 0, tzinfo=UTC)
THIS_YEAR = NOW.year
TRUCKS = (
    "hijet", "carry", "acty", "minicab", "sambar", "scrum", "ハイゼット", "キャリイ", "軽トラ",
    "daihatsu hijet", "suzuki carry", "honda acty", "S110P", "DA63T", "HA4", "U62T", "kei truck",
)  # fmt: skip
WITH_TRUCKS = (
    "", "4wd", "4x4", "dump", "dump bed", "jumbo", "under 5k", "thru 5k", "through 5k",
    "up to 5k", "1995-1999", "95-99", "H8-H12", "平成8-12年", "H10", "1995+", "before 2000",
    "grade>=4", "for the farm", "on the way", "out of the way", "for sale", "in texas",
    "-dump", '"dump bed"', "or mini truck", ", 4wd", "$5k", "over 25 years",
)  # fmt: skip
TEXTS = (
    # Conditions as the help shows them, and as members space and sign them.
    "hijet grade>=4 price<=9000", "model:hijet drive:4wd grade>=4 price<=9000 state:TX",
    "model: hijet", "price < 9000", "mileage<30000 mi", "mileage < 30000 miles",
    "state:Colorado", "state: new mexico", "drive:4x4", "drive:awd", "code:DA63T", "code:S110P",
    "make:suzuki", "model:\"hijet jumbo\"", "grade>=4,5", "price≤5000", "price=<5000",
    "price==5000", "price!=5000", "price<=5000usd", "year>=95", "grade:S", "grade 4+",
    "4+ grade", "grade 4.5", "grade 4 or better", "grade 4 to 5", "grade 4-5", "grade 4 or 5",
    "grade>=4 or higher", "grade<=4 or higher", "grade>9", "grade:5.5", "year:1995.5",
    "year>=2040", "year>=1950", "price<=-5", "price<=5k price>=9k", "drive:2wd drive:4wd",
    "model:carry model:hijet", "make:suzuki code:S110P", "code:S110P year>=2010", "model:",
    "grade>=", "< $5000", "age>=25", "age:25", "age<80",
    # Amounts in words.
    "hijet under 5k", "hijet below $5,000", "hijet less than 5000", "carry over 3k",
    "carry max 5k", "acty at least $3k", "hijet 5k or less", "hijet 5k max", "hijet $5k",
    "hijet $5", "hijet $5k+", "hijet 5,000+", "hijet 3,500$", "hijet ~$3500", "hijet ～$3500",
    "hijet (under 5k)", "hijet [1995]", "hijet under 5", "hijet under 30k mi",
    "hijet under 5k or less", "hijet over 5k or less", "hijet from 5k", "hijet from $3k to $5k",
    "hijet 3k up to 5k", "hijet $3k-$5k", "hijet between 3k and 5k", "hijet 3-5k",
    "hijet $500-5k", "price 3000-6000", "mileage 30k-50k mi", "hijet 30k-50k mi",
    "hijet 100k km", "hijet 1995 up to 5k", "hijet thru 5k", "hijet through 5k",
    "hijet thru $5,000", "hijet through $5000", "hijet up thru 5k", "hijet up to 5k",
    "hijet until 5k", "carry thru 8k 4wd", "carry 4wd through 8k", "hijet thru 30k mi",
    "hijet under 500,000 yen", "hijet 500000 jpy", "price<=¥500000", "hijet 50万円",
    "ハイゼット ３５００ドル", "hijet 5k", "hijet 5000", "hijet 5 grand", "hijet cheap",
    "hijet price between 3000 and 5000", "hijet around 5k", "hijet under 3 owners",
    "hijet under 5 tons", "hijet over 50hp", "hijet under 40 mpg", "hijet under 660cc",
    "hijet 660cc", "hijet 660 cc", "hijet over 100 km/h", "hijet near $4,500", "hijet near 4500",
    "carry close to 5k", "hijet near 30k mi", "hijet about 5 grand", "hijet near 90210",
    "acty 4wd near 78701", "carry near 5 speed", "hijet about 2 owners", "hijet under 5 speed",
    # Model years, ages and eras.
    "hijet 1995", "hijet 95", "hijet '95", "hijet 1995-1999", "hijet 1995–99", "hijet 95-99",
    "hijet '95-'99", "hijet 1995-99", "hijet 12-16", "hijet \"12-16\"", "hijet 1999-1995",
    "hijet 1995-", "hijet 1995 thru", "hijet 1995 thru 2000", "hijet 1995 until 2000",
    "hijet 1995 and up to 2000", "hijet from 1995 to 2000", "hijet year 1995-1999",
    "hijet before 2000", "hijet after '95", "hijet since 1997", "hijet thru 2000",
    "hijet until 2000", "hijet from 1997", "hijet pre 2000", "hijet 1995 or older",
    "hijet 2000 and up", "hijet 1990s", "hijet '90s", "hijet from the 90s",
    "hijet between 1995 and 1999", "hijet 1995+", "hijet '98+", "hijet year 1995",
    "hijet \"1995\"", "hijet 1995 OBO", "hijet asking 1995", "hijet $1995", "hijet 1995 km",
    "hijet after 1940", "hijet 2024 model year", "hijet 2027", "hijet 03/1995",
    "hijet december 1995", "hijet due march", "hijet landing 2027", "hijet ETA Dec 2026",
    "hijet arriving 2026", "hijet \"due march\"", "hijet under 10 years", "hijet over 25 years old",
    "hijet 25+ yrs", "hijet 25 years or older", "hijet 10-20 years old", "hijet age 25+",
    "hijet 25 years old", "hijet 25 years", "hijet age 25", "hijet under 95 years",
    "hijet under 95 years old", "hijet 95 years old", "hijet older than 25", "hijet 25+",
    "hijet 4+", "hijet year under 95", "hijet under 95 year", "hijet 3 year old tires",
    "hijet \"3 year old\" tires", "hijet H10", "hijet h10", "hijet 平成10年", "hijet 平成10年式",
    "hijet heisei 10", "hijet showa 63", "hijet S63", "hijet S10", "hijet R2", "hijet H40",
    "hijet H8-H12", "hijet H8-12", "hijet h8 - h12", "hijet H8〜H12", "hijet H8～H12",
    "hijet H8 to H12", "hijet H8 thru H12", "hijet 平成8-12年", "hijet 平成8年-12年",
    "hijet 平成8年〜平成12年", "hijet 平成8～12年", "hijet heisei 8-12", "hijet heisei 8 to 12",
    "hijet H12-H8", "hijet 平成12-8年", "hijet S63-H5", "hijet 昭和63年-平成5年", "hijet H30-H35",
    "hijet between H8 and H12", "hijet H8-H12 4wd", "hijet 4wd H8-12 under 5k",
    "ハイゼット 平成8-12年 4WD", "hijet H8+",
    # Small words.
    "hijet for the farm", "hijet in texas", "hijet with a dump bed", "hijet on the way",
    "hijet out of the way", "hijet by the way", "carry for sale", "carry up for sale",
    "hijet out of stock", "hijet in stock", "hijet on hand", "hijet on site", "hijet on the road",
    "hijet to order", "hijet on hold", "hijet on request", "hijet on the lot", "hijet out of state",
    "hijet out of gas", "hijet out of the box", "hijet out of japan", "hijet out for the farm",
    "hijet out", "hijet way", "carry pop up in texas", "hijet sold out in texas",
    "carry pop up for sale", "hijet near Dallas", "hijet close to Austin",
    "hijet in the area of Denver", "hijet around Houston", "hijet for under 5k",
    "dump bed for a hijet", "the hijet", "on the way", "for sale", "In Stock!", "the", "a the",
    "hijet for the way", "hijet on a trailer", "hijet out of the way in texas",
    "carry out of the way for sale",
    # Quotes, minus, OR, AND, NOT, commas, slashes.
    "hijet \"dump bed\"", "hijet “flat bed”", "\"flat bed\" -rust", "hijet -dump",
    "-dump hijet", "hijet —dump", "hijet -\"flat bed\"", "-dump", "hijet -", "hijet -hijet",
    "hijet -ハイゼット", "\"hijet dump\" -dump", "model:hijet -hijet", "hijet OR carry",
    "hijet or carry", "hijet or carry under 5k", "hijet/carry", "hijet | carry", "hijet OR",
    "OR hijet", "under 5k or 1995", "grade over 4 or price under 5k", "5k or under 8k",
    "2000 or after 2010", "hijet AND dump", "hijet && dump", "hijet NOT dump", "a/c hijet",
    "hijet a/c", "hijet, carry, acty", "hijet, dump, 4wd", "carry, texas, under 5k",
    "hijet,carry", "ハイゼット、キャリイ", "「ハイゼット」", "hijet, \"dump bed\", 4wd",
    "hijet, carry, \"dump bed\"", "\"dump bed\", hijet, carry", "\"flat bed\" hijet, carry",
    "\"dump bed\" hijet or carry", "\"dump bed\" hijet/carry", "hijet \"a, b\" carry",
    "\"dump bed\" hijet, dump, 4wd", "hijet, \"flat bed\"", "hijet \"dump bed", "hijet \"\"",
    "hijet \"one two three four\"", "hijet \"🛻 truck\"", "-grade>=4", "hijet jumbo, 4wd",
    # Spellings, scripts and oddities.
    "hijets", "Hijet's dump bed", "HIJET", "ＨＩＪＥＴ", "hijét", "kyarii", "キャリィ", "キャリー",
    "軽トラ ダンプ", "ダンプ", "4駆 キャリイ", "4×4 carry", "AWD acty", "DA63T型", "EBD-DA63T",
    "sambar dias", "hijet jumbo", "hijet deck van", "acty crawler", "carry kc",
    "minicab mitsubishi", "hijet 🛻", "🛻", "🛻🛻 hijet", "hijet 🔥🔥", "hijet 👍 4wd",
    "hi\u200bjet", "hi\u00adjet dump", "hijet \u202edump", "@everyone hijet", "<@123> hijet",
    "</alerts add:123> hijet", "<id:browse> hijet", "https://example.com/hijet",
    "www.example.com", "hijet!!!", "hijet???", "...", "!!!", "$$$", "-", "\"\"", "12345",
    "asdfghjkl", "hijet hijet hijet", "hijet dump bed 4wd ac ps 5spd low miles clean",
    "a b c d e f g h i", "hijet 4wd dump jumbo ac ps 5mt hilo", "ok", "x", "軽", "hijet :)",
    "(4wd) hijet", "hijet.", "hijet, ", ", hijet", "hijet ,dump", "hijet 4wd.", "price<=5k.",
    "state:TX,", "hijet Texas", "hijet TX", "carry colorado", "hijet new mexico",
    "hijet a" * 40, "hijet " * 1000, "x" * 5000, ("hijet dump, " * 420)[:5000],
    ("\"dump bed\" " * 500)[:5000], ("🛻" * 5000), ("1995-1999 " * 500)[:5000],
    ("H8-H12 " * 715)[:5000], ("hijet or carry " * 400)[:5000],
    # Signs with a `$`, and model codes with a slash or a hyphen, as members type them.
    "carry price <= $4,500", "carry price ≤ $4,500", "carry ≤$4500", "carry price: $4,500",
    "carry price >= $3k", "S500P/S510P", "DA63T/DA16T", "hijet S500P/S510P 4wd", "da-63t",
    "S-510P", "carry -da-63t", "hijet thru 5000", "hijet up through 2000", "hijet 4.5k 4wd",
    "hijet about $4,500", "hijet approx 30k mi", "hijet 100k", "hijet 5k mi", "hijet around 5000",
    "hijet S-510P", "DA-63T型",
    # Rough amounts bare, near, of a grade, and one that could be a grade.
    "about 5", "near 5k", "grade around 4", "hijet about grade 4", "about 4.5",
    # A phrase with a loose word after it, words a zero-width space parts, unknown fields.
    "hijet out of state ok", "hijet\u200bdump", "bogus:1", "color:white",
    # Rough words before a model year or an amount, and where the member is (tester13's B3-B5).
    "hijet about 1995", "carry circa 1995", "hijet approx 1995", "hijet roughly 1995",
    "hijet ~1995", "hijet ~ 1995", "hijet c. 1995", "hijet about '95", "hijet about 1995-1999",
    "hijet about 2040", "hijet ~5k", "hijet ~ 5k", "hijet ~5000", "hijet ~5k-8k", "hijet 3k~5k",
    "hijet circa 5k", "hijet about town", "hijet near me", "hijet near you", "hijet around here",
    "hijet in my area", "near me", "hijet near CO", "hijet in CO", "hijet near colorado",
    "hijet state:CO near", "hijet near", "hijet near \"fort worth\"", "hijet near -dump",
    # A code inside Japanese, a state's code in lower case or one that is also a word (importers6).
    "キャリイDA-63T型", "hijet in tx", "hijet in OR", "carry in OK condition",
    # Bare numbers, other currencies, signs that are no price, custom emoji, years out of range,
    # conditions one of which says the other, a trailing backslash (tester16's 2-4, 10, 13-16).
    "hijet 4500", "hijet 450", "hijet 123456", "hijet £5k", "hijet €5000", "hijet 5000 EUR",
    "hijet $-5", "hijet $1e4", "hijet $0x10", "price<=0", "hijet under $0",
    "hijet <:kei:123456789012345678>", "hijet <a:kei:123456789012345678>", "hijet 2027",
    "hijet 1959", "hijet 05", "hijet price<=5k price<=4k", "hijet 4x4 4wd", "hijet\\",
    # A word beside its phrase, a measure after a number, a number with ish (review 10).
    'hijet -"dump bed" -dump', 'hijet dump "dump bed"', "kei kei truck", "kubota 1500 hours",
    "hijet 1200 lbs", "carry 1100 kg", "hijet $5000ish", "hijet 5k-ish", "hijet 5000ish",
    "hijet 1995ish", "hijet $4500obo",
)  # fmt: skip


def alert_texts() -> list[str]:
    crossed = (
        f"{truck} {words}".strip() for truck, words in itertools.product(TRUCKS, WITH_TRUCKS)
    )
    return list(dict.fromkeys([*TEXTS, *crossed]))


def read(text: str) -> tuple[bool, str]:
    """How `text` is read as a new alert: its reading and the notes its reply gives, or the
    refusal."""
    ages = age_years(NOW, THIS_YEAR)
    try:
        typed, query, asked = read_new(text, this_year=THIS_YEAR, ages=ages)
    except UserError as refusal:
        return False, f"refused: {refusal.message}"
    alert = Alert(0, 0, 0, query, typed, *asked)
    small = small_words_of(typed, THIS_YEAR)
    notes = {
        "years": bare_years(typed, THIS_YEAR),
        "spans": [f"{span}={first}-{last}" for span, first, last in year_ranges(typed, THIS_YEAR)],
        "prices": bare_prices(typed, THIS_YEAR),
        "commas": comma_words(typed),
        "left out": list(small.left_out),
        "phrases": list(small.phrases),
        "no room": [f"{lead} {phrase}" for lead, phrase in small.no_room],
        "ages": ages_said(alert.conditions, ages),
    }
    said = "; ".join(f"{name}: {values}" for name, values in notes.items() if values)
    return True, f"{reading(alert)} | kept {query!r}{f' | {said}' if said else ''}"


def shown(text: str) -> str:
    said = repr(text)
    return said if len(said) <= 80 else f"{said[:60]}… ({len(text):,} characters)"


def changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Each text whose reading differs between `before` and `after`, both readings given; a text
    only one of them has is listed as added or gone."""
    lines: list[str] = []
    for text in dict.fromkeys([*before, *after]):
        if text not in before:
            lines.append(f"added  {shown(text)}\n  now:    {after[text]}")
        elif text not in after:
            lines.append(f"gone   {shown(text)}\n  was:    {before[text]}")
        elif before[text] != after[text]:
            lines.append(f"moved  {shown(text)}\n  before: {before[text]}\n  after:  {after[text]}")
    return lines


def saved(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {ast.literal_eval(text): said for text, said in (line.split("\t", 1) for line in lines)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, help="write every text's reading to this file")
    parser.add_argument("--compare", type=Path, help="list the texts read otherwise than saved")
    parser.add_argument("--print", action="store_true", help="print every text's reading")
    parser.add_argument("--texts-at-most", type=int, help="read only the first N texts")
    args = parser.parse_args()
    timings: dict[str, list[float]] = {"read": [], "refused": []}
    readings: dict[str, str] = {}
    for text in alert_texts()[: args.texts_at_most]:
        started = time.perf_counter()
        was_read, said = read(text)
        timings["read" if was_read else "refused"].append((time.perf_counter() - started) * 1000)
        readings[text] = said
    if args.print:
        print("\n".join(f"{shown(text)}\n  {said}" for text, said in readings.items()))
    if args.save:
        lines = (f"{text!r}\t{said}\n" for text, said in readings.items())
        args.save.write_text("".join(lines), encoding="utf-8")
    if args.compare:
        moved = changes(saved(args.compare), readings)
        print("\n".join(moved))
        print(f"{len(moved)} of {len(readings):,} texts read otherwise than in {args.compare}\n")
    print(f"{len(readings):,} texts")
    print_timings(timings)


if __name__ == "__main__":
    main()
