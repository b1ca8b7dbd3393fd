"""An alert's text cut into what it asks: words, quoted phrases (`"dump bed"`, “dump bed”) and
what a minus leaves out (`-dump`, `-"flat bed"`); and what a new alert may not say, refused with
the way to say it (OR, NOT, an unclosed quote)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.alerts.spellings import MAX_PHRASE, is_emoji, text_words
from bot.errors import UserError
from bot.limits import holds_mention, plain_quote

_QUOTES = '"“”„＂'
# A hyphen, and what keyboards make of one (phones turn "--" into a dash), the minus sign,
# and the full-width hyphen Japanese keyboards give.
MINUS = "-‐‑–—−－"
_SIGN = r"(?:>=|<=|[:=<>])"
# A quoted phrase starts a token (after its minus), as does a condition's quoted value
# (`model:"hijet jumbo"`); what follows its closing quote up to the next space (a comma, a full
# stop) is punctuation. Anything else is a token up to a space.
_TOKEN = re.compile(
    rf"(?P<field>[^\W\d_]+{_SIGN})[{_QUOTES}](?P<value>[^{_QUOTES}]*)[{_QUOTES}]\S*"
    rf"|(?P<minus>[{MINUS}]+)?[{_QUOTES}](?P<phrase>[^{_QUOTES}]*)[{_QUOTES}]\S*"
    r"|(?P<bare>\S+)"
)
_OPEN_QUOTE = re.compile(rf"^(?:[^\W\d_]+{_SIGN})?[{_QUOTES}]")
# What no item's words hold: links (an announcement's link is not read, only its words).
_LINK = re.compile(r"^(?:https?://|www\.)", re.I)
# A server's own emoji as Discord sends it (`<:kei:123…>`, `<a:kei:123…>` when it moves): an
# item's text holds its code only where someone typed it, so no alert can wait for it.
_CUSTOM_EMOJI = re.compile(r"<a?(:\w+:)\d+>")
_LONE_SIGN = re.compile(rf"^(?:{_SIGN}|[≤≥])")
_QUOTED = re.compile(rf"[{_QUOTES}][^{_QUOTES}]*[{_QUOTES}]")
# Words that join others in a search box; an alert already wants every word, so "and" asks
# nothing more, and "or" and "not" would be read as words to find.
_AND = frozenset({"and", "&", "&&", "+"})
_OR = frozenset({"or", "|", "||"})


@dataclass(frozen=True)
class Token:
    text: str  # a bare token as typed, or a quoted phrase's words
    left_out: bool
    quoted: bool


def tokens(query: str) -> list[Token]:
    """`hijet -dump "flat bed"` → hijet, dump (left out), flat bed (a phrase). A lone minus or
    quote is a word's punctuation, as alerts kept before they meant more were read."""
    found: list[Token] = []
    for match in _TOKEN.finditer(query):
        if match["field"] is not None:
            found.append(Token(match["field"] + match["value"], left_out=False, quoted=False))
        elif match["bare"] is None:
            found.append(Token(match["phrase"], bool(match["minus"]), quoted=True))
        else:
            word = match["bare"].lstrip(MINUS)
            left_out = bool(word) and word != match["bare"]
            found.append(Token(word if left_out else match["bare"], left_out, quoted=False))
    return found


# A bare token written as a condition: a field's name, its sign, and a value.
_SAID_AS_CONDITION = re.compile(rf"(?P<field>[^\W\d_]+){_SIGN}[\w$]")


def conditions_said(query: str) -> list[tuple[str, str]]:
    """Each token of `query` written as a condition (`color:white`, `model:"hijet jumbo"`): the
    field it names, and the token as typed."""
    said: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(query):
        if match["field"] is not None:
            said.append((match["field"].rstrip("<>=:"), match[0]))
        elif match["bare"] is not None and (bare := _SAID_AS_CONDITION.match(match["bare"])):
            said.append((bare["field"], match[0]))
    return said


def phrase_words(token: Token) -> list[str] | None:
    """A quoted phrase's words as an item's text is read, or None where they cannot be
    matched as one phrase (too long, or holding an emoji): then each is a word of its own."""
    words = text_words(token.text)
    if len(words) > MAX_PHRASE or any(is_emoji(char) for char in token.text):
        return None
    return words


def outside_quotes(query: str, change: Callable[[str], str]) -> str:
    """`query` with `change` made to its text outside quoted phrases, which are kept as typed."""
    kept = [match.span() for match in _QUOTED.finditer(query)]
    pieces, start = [], 0
    for begin, end in kept:
        pieces += [change(query[start:begin]), query[begin:end]]
        start = end
    return "".join([*pieces, change(query[start:])])


def without_and(query: str) -> str:
    """`hijet AND carry` is `hijet carry`: every word must appear already."""
    return " ".join(word for word in query.split(" ") if word.casefold() not in _AND)


def _check_bare(text: str) -> None:
    if text and not text.strip(MINUS):
        raise UserError(
            "A minus goes right before the word it leaves out, as in -dump; "
            f"{plain_quote(text)} alone leaves nothing out."
        )
    if _LINK.match(text):
        raise UserError(
            "Alerts read an announcement's words, not its link: give the words you want, "
            "such as hijet dump."
        )
    if _LONE_SIGN.match(text):
        raise UserError(
            f"{plain_quote(text)} is a sign without its field: name its field, as in "
            "price<=5000 or grade>=4."
        )


def _check_no_mention(text: str) -> str:
    """Refuse a mention (of a member, role or channel, or a link to a slash command or a server's
    page, which Discord draws as one) in `text`, naming it: no item's words hold one. A command's
    link may hold a space (`</alerts add:123>`), so the words are searched together."""
    words = text.split()
    for end in range(1, len(words) + 1):
        if holds_mention(" ".join(words[:end])):
            start = max(at for at in range(end) if holds_mention(" ".join(words[at:end])))
            raise UserError(
                f"{plain_quote(' '.join(words[start:end]))}: a mention is not a word an "
                "announcement holds; give the words you want, such as hijet dump."
            )
    return text


def shown_token(token: Token) -> str:
    text = f'"{token.text}"' if token.quoted else token.text
    return f"-{text}" if token.left_out else text


# An OR as quoted, and the words either side of it.
OrSaid = tuple[str, str, str]


def ors(query: str) -> list[OrSaid]:
    """Each OR of `query` (outside quotes) with the word before and after it: the OR itself,
    not the OR as quoted, is its middle."""
    found = tokens(query)
    shown = [shown_token(token) for token in found]
    return [
        (" ".join(shown[at - 1 : at]), token.text, " ".join(shown[at + 1 : at + 2]))
        for at, token in enumerate(found)
        if not (token.quoted or token.left_out) and token.text.casefold() in _OR
    ]


def _check_no_or(said: str, before: str, after: str) -> None:
    if not (before and after):
        raise UserError(
            f"{plain_quote(said)} has an OR with no word on its other side, and alerts have no "
            "OR: every word must appear. Give the words you want, such as hijet dump; for either "
            "of two words, add an alert for each."
        )
    raise UserError(
        f"Alerts have no OR: every word must appear, so {plain_quote(said)} would wait for an "
        f"item holding all of them. For either, add two alerts: one for {plain_quote(before)} and "
        f"one for {plain_quote(after)}."
    )


def check_readable(
    query: str, is_condition: Callable[[str], bool], typed_ors: list[OrSaid] | None = None
) -> None:
    """Refuse what a new alert would read otherwise than meant, saying how to get it; an OR is
    quoted as `typed_ors` says (each OR of `query` as the member typed it), or as read."""
    outside_quotes(query, _check_no_mention)
    custom = _CUSTOM_EMOJI.search(query)
    if custom:
        raise UserError(
            f"{plain_quote(custom[1])} is this server's own emoji, which alerts cannot match: "
            "give words, or an emoji every keyboard has, such as 🛻."
        )
    found = tokens(query)
    for said, before, after in typed_ors or [
        (" ".join(read).strip(), read[0], read[2]) for read in ors(query)
    ]:
        _check_no_or(said, before, after)
    for at, token in enumerate(found):
        if token.quoted or token.left_out:
            continue
        after = " ".join(shown_token(token) for token in found[at + 1 : at + 2])
        if token.text == "NOT":
            raise UserError(
                "Alerts have no NOT: leave a word out with a minus, as in hijet -dump; "
                f"{plain_quote(f'NOT {after}'.strip())} would wait for the word “not”."
            )
    for token in found:
        if not token.quoted and _OPEN_QUOTE.match(token.text):
            raise UserError(
                f"A quote is not closed in {plain_quote(query)}: a phrase goes between two, "
                'as in "dump bed".'
            )
        if not token.quoted:
            _check_bare(token.text)
        if token.quoted and not text_words(token.text):
            raise UserError('The quotes hold no word: put a phrase between them, as in "dump bed".')
        if token.quoted and any(is_emoji(char) for char in token.text):
            raise UserError(
                f"A quoted phrase holds words only: put the emoji of {plain_quote(token.text)} "
                "outside the quotes, as a word of its own."
            )
        if token.quoted and phrase_words(token) is None:
            raise UserError(
                f"A quoted phrase is at most {MAX_PHRASE} words, and {plain_quote(token.text)} "
                "is longer: leave out the quotes to want each of its words anywhere."
            )
        if token.left_out and not token.quoted and is_condition(token.text):
            raise UserError(
                f"{plain_quote(token.text)} cannot be left out with a minus: write the condition "
                "you want instead, as in price>5000 for price<=5000."
            )
