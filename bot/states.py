"""US states and territories as members write them: by their two letters or by name, in any
case. Importers, arrivals, alerts and builds all read a state this way."""

from __future__ import annotations

from typing import Final

# fmt: off
STATE_NAMES: Final = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "district of columbia": "DC",
    "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID", "illinois": "IL",
    "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
    "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI",
    "minnesota": "MN", "mississippi": "MS", "missouri": "MO", "montana": "MT",
    "nebraska": "NE", "nevada": "NV", "new hampshire": "NH", "new jersey": "NJ",
    "new mexico": "NM", "new york": "NY", "north carolina": "NC", "north dakota": "ND",
    "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA", "puerto rico": "PR",
    "rhode island": "RI", "south carolina": "SC", "south dakota": "SD", "tennessee": "TN",
    "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA",
    "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY",
}
# fmt: on
US_STATES: Final = frozenset(STATE_NAMES.values())


def state_code(text: str) -> str | None:
    """The code of the state `text` names by code or by name, in any case; None if none."""
    typed = " ".join(text.split())
    if typed.upper() in US_STATES:
        return typed.upper()
    return STATE_NAMES.get(typed.casefold())


def state_name(code: str) -> str:
    """The name of the state `code` stands for, in lower case (`CO` → "colorado")."""
    return next(name for name, named in STATE_NAMES.items() if named == code)
