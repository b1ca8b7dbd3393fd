"""What a decoded sheet means for a buyer: the one-line summary, and the advice with the most
urgent first."""

from __future__ import annotations

from collections.abc import Iterable

from bot.auction.sheet import DamageMark, GradeInfo, MileageMark, Severity, SheetDecode
from bot.auction.words import ACCIDENT_HISTORY, REPAIR_HISTORY, declared

# What to paste, when nothing pasted was read; the title says that nothing was.
PASTE_HINT = "Paste the grade and codes as the sheet prints them, such as “4.5 B A1 U2 S1 XX W1”."


def summarise(decode: SheetDecode) -> str:
    """One line: grade, interior, how many marks and how bad; or what to paste, when nothing
    was read. What was not read is listed once, beside the decode (not counted here)."""
    if not decode.recognised:
        return PASTE_HINT
    head = [f"Grade {decode.grade.grade}" if decode.grade else "No overall grade given"]
    if decode.interior:
        head.append(f"interior {decode.interior.letter}")
    parts = [", ".join(head)]
    if decode.worst_severity is not None:
        count = len(decode.damages)
        marks = (
            f"{count} damage mark{'s' if count != 1 else ''}, worst {decode.worst_severity.label}"
        )
        parts.append(marks + ("; rust or corrosion marked" if decode.rust_warning else ""))
    else:
        parts.append("No damage marks")
    if decode.words:
        count = len(decode.words)
        parts.append(f"{count} word{'s' if count != 1 else ''} explained")
    return ". ".join(parts) + "."


def advise(decode: SheetDecode) -> tuple[str, ...]:
    """What a buyer should do about what the sheet shows, most urgent first: nothing when
    nothing was read (the summary says what to paste)."""
    if not decode.recognised:
        return ()
    tokens = [word.token for word in decode.words] + list(decode.unknown)
    lines = [
        *_grade_advice(decode.grade),
        *_repair_advice(decode.grade, tokens),
        *_rust_advice(decode.damages),
        *_damage_advice(decode.damages),
        *_mileage_advice(decode.mileage_marks),
    ]
    # An accident is no structural repair, so it is said apart from the all-clear.
    accident = _accident_advice(tokens)
    # Unread codes may be the damage: no all-clear then.
    if not lines and decode.grade is not None and not decode.unknown:
        lines.append("No structural repair, rust or heavy damage in what you pasted.")
    return tuple(lines + accident)


def _repair_advice(grade: GradeInfo | None, tokens: list[str]) -> list[str]:
    """修復歴あり: said unless the grade has said it already (R, RA)."""
    if (grade and grade.structural_repair) or not any(
        declared(token, REPAIR_HISTORY) for token in tokens
    ):
        return []
    return [
        f"Repair history declared ({REPAIR_HISTORY}あり): the frame or structural skeleton was "
        "damaged and repaired, whatever the grade says. Ask for photos of the repaired area "
        "before bidding, and why the grade does not show it."
    ]


def _accident_advice(tokens: list[str]) -> list[str]:
    """事故歴あり or なし: a loose everyday word, so what it does not say is said too."""
    said = [declared(token, ACCIDENT_HISTORY) for token in tokens]
    if True in said:
        return [
            f"Accident history declared ({ACCIDENT_HISTORY}あり): a loose word for any past "
            "accident or damage, not the frame repair 修復歴 means. Ask what happened and for "
            "photos of the repaired areas."
        ]
    if False in said:
        return [
            f"No accident history declared ({ACCIDENT_HISTORY}なし): a loose word with no fixed "
            "definition, so the grade and marks are what say what work was done."
        ]
    return []


def _grade_advice(grade: GradeInfo | None) -> list[str]:
    if grade is None:
        return ["No overall grade found: add the number or letter from the grade box (評価点)."]
    if grade.structural_repair:
        return [
            f"Grade {grade.grade} means structural repair history: the frame or skeleton was "
            "damaged and fixed. Ask for photos of the repaired area before bidding. On a kei "
            "truck it flags chassis work; on its own it doesn't say how bad the accident was."
        ]
    advice = {
        "0": "Grade 0 means repair history at some houses and no grade at others: ask which, "
        "and for photos of the frame.",
        "***": "No grade given: the truck may not run or may be a write-off. Ask the exporter "
        "why, and for photos.",
        "1": "Grade 1 covers modified, flood, salt or hail-damaged and very rough cars: ask "
        "which it is before bidding.",
        "2": "Grade 2: expect heavy corrosion or holes; look hard at the frame and bed.",
    }
    return [advice[grade.grade]] if grade.grade in advice else []


def _rust_advice(damages: tuple[DamageMark, ...]) -> list[str]:
    rusty = [d for d in damages if d.rust]
    if not rusty:
        return []
    # The marks themselves are listed beside the rust warning; this line says what to do.
    line = (
        "Rust or corrosion is marked, and many kei trucks worked on farms: ask for photos of "
        "the underbody (下回り), frame and bed, not just the panels."
    )
    if any(d.code == "C" for d in rusty):
        line += " Corrosion means the metal itself is going, which is worse than surface rust."
    return [line]


def _damage_advice(damages: tuple[DamageMark, ...]) -> list[str]:
    lines = []
    severe = [d for d in damages if d.severity is Severity.SEVERE and not d.rust]
    if severe:
        lines.append(
            f"Severe marks ({_tokens(severe)}): budget for panel work, paint or replacement parts."
        )
    replaced = [d for d in damages if d.code == "XX"]
    if replaced:
        lines.append(f"Replaced panels ({_tokens(replaced)}): ask why they were replaced.")
    lines += [
        f"Several repair marks on the {panel}: together they can outline an old accident, "
        "so look closely at that area."
        for panel in _panels_with_repeated_repairs(damages)
    ]
    return lines


def _panels_with_repeated_repairs(damages: tuple[DamageMark, ...]) -> list[str]:
    counts: dict[str, int] = {}
    for mark in damages:
        if mark.code == "W" and mark.panel:
            counts[mark.panel.casefold()] = counts.get(mark.panel.casefold(), 0) + 1
    return [panel for panel, count in counts.items() if count > 1]


def _mileage_advice(marks: tuple[MileageMark, ...]) -> list[str]:
    if not marks:
        return []
    return [
        f"Mileage flagged ({_tokens(marks)}): don't rely on the odometer reading; ask for "
        "service records (記録簿) instead."
    ]


def _tokens(items: Iterable[DamageMark | MileageMark]) -> str:
    return ", ".join(dict.fromkeys(item.token for item in items))
