"""Words as the search sees them: one tokenizer and one folding, for the index and the query.

Everything the index stores and everything a reader types goes through `tokens`, so
the two can only ever agree:

- a word is a run of letters, digits and combining marks (what SQLite's unicode61
  tokenizer keeps with the categories the index declares); a zero-width joiner or a
  soft hyphen inside a word does not break it, a zero-width non-joiner does (Persian
  sets off affixes with it: همکاری‌ها is found by همکاری);
- a word is split where letters meet digits, so `S400`, `S-400` and `s 400` all read
  as the tokens `s`, `400`, as do `MiG29` / `MiG-29` and `Shahed136` / `Shahed-136`;
- each token is folded: compatibility forms (NFKC: ligatures, full-width and
  presentation forms), case, accents (`café` = `cafe`; Russian `ё` = `е`, while `й`
  stays a letter of its own), Arabic-script vowel marks and the tatweel, the Arabic
  and Persian forms of yeh and kaf, and every script's decimal digits (`۱۳۶` = `136`).

`parse_query` turns what a reader typed into `Term`s (phrases of folded tokens, the
last one perhaps a prefix) plus plain-English notices for what it ignored. User text
never reaches SQLite's MATCH: `match_expression` builds it from quoted tokens only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

MAX_QUERY = 200  # characters of a query that are read
MAX_TERMS = 12  # words or phrases in one query
#: invisible characters that join the parts of one word instead of separating words.
#: The zero-width non-joiner is not one: in Persian it sets off prefixes and suffixes
#: (می‌خواهد, همکاری‌ها), so splitting there lets the stem be found.
JOINERS = frozenset("\u200d\u00ad\u2060")
#: invisible characters a query may keep (they shape words; everything else invisible goes)
WORD_MARKS = JOINERS | {"\u200c"}
#: marks dropped when folding: Latin/Greek/Cyrillic combining accents, Arabic-script
#: vowel marks (harakat, madda, hamza above/below) and the superscript alef
_DROP = frozenset(
    [chr(c) for c in range(0x0300, 0x0370)]
    + [chr(c) for c in range(0x1AB0, 0x1B00)]
    + [chr(c) for c in range(0x1DC0, 0x1E00)]
    + [chr(c) for c in range(0x20D0, 0x2100)]
    + [chr(c) for c in range(0xFE20, 0xFE30)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]  # superscript alef, tatweel
)
_SAME_LETTER = {
    "\u064a": "\u06cc",  # Arabic yeh -> Persian yeh
    "\u0649": "\u06cc",  # alef maksura -> Persian yeh
    "\u0643": "\u06a9",  # Arabic kaf -> Persian keheh
}
#: letters kept whole although Unicode decomposes them (a distinct letter, not an accent)
_KEEP = frozenset("й")
#: the characters SQLite's FTS5 query language gives a meaning to
FTS_SYNTAX = frozenset('()^:{}+*"')
OPERATORS = ("AND", "OR", "NOT", "NEAR")
_SYNTAX_SPLIT = re.compile(r'[()^:{}+"]')
STAR_NOTICE = (
    "'*' was ignored where it did not follow a word (write it at the end of a word: sanction*)."
)
#: a letters part this short before a number written apart is a designation (Fath 360)
DESIGNATION_LETTERS = 6


def is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNM"


def _digit(char: str) -> bool:
    return unicodedata.category(char) == "Nd"


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The searchable form of one run of letters or digits ('' if nothing is left)."""
    value = unicodedata.normalize("NFKC", text).casefold()
    out: list[str] = []
    for char in value:
        if char in _KEEP:
            out.append(char)
            continue
        for part in unicodedata.normalize("NFD", char):
            if part in _DROP:
                continue
            if _digit(part):
                out.append(str(unicodedata.decimal(part)))
                continue
            out.append(_SAME_LETTER.get(part, part))
    folded = unicodedata.normalize("NFC", "".join(out))
    return "".join(char for char in folded if is_word_char(char))


@dataclass(frozen=True)
class Token:
    """One searchable token and where it sits in the text it came from."""

    start: int
    end: int
    norm: str
    #: index of the raw word it belongs to (S400 gives two tokens of one word)
    word: int


def tokens(text: str) -> list[Token]:
    """Every token of `text`, in order, with its character span."""
    found: list[Token] = []
    index, size, word = 0, len(text), 0
    while index < size:
        if not is_word_char(text[index]):
            index += 1
            continue
        # one raw word: word characters, and joiners between two of them
        end = index
        while end < size and (
            is_word_char(text[end])
            or (text[end] in JOINERS and end + 1 < size and is_word_char(text[end + 1]))
        ):
            end += 1
        found.extend(_split_word(text, index, end, word))
        word += 1
        index = end
    return found


def _split_word(text: str, start: int, end: int, word: int) -> list[Token]:
    """A raw word cut where letters meet digits (marks stay with what they follow)."""
    parts: list[Token] = []
    run_start, run_digit = start, _digit(text[start])
    for position in range(start + 1, end + 1):
        if position < end:
            char = text[position]
            if char in JOINERS or unicodedata.category(char)[0] == "M":
                continue
            if _digit(char) == run_digit:
                continue
        norm = fold("".join(c for c in text[run_start:position] if c not in JOINERS))
        if norm:
            parts.append(Token(run_start, position, norm, word))
        if position < end:
            run_start, run_digit = position, _digit(text[position])
    return parts


def index_text(text: str) -> str:
    """What the index stores for `text`: its folded tokens, space-separated."""
    return " ".join(token.norm for token in tokens(text))


# ------------------------------------------------------------------ queries
@dataclass(frozen=True)
class Term:
    """A word or phrase to find: folded tokens that must stand next to each other."""

    tokens: tuple[str, ...]
    prefix: bool = False  # the last token may be the start of a longer one
    typed: str = ""  # as the reader wrote it, for "searched for ..."

    @property
    def expression(self) -> str:
        """This term in FTS5 syntax: one quoted string, then `*` for a prefix."""
        quoted = '"' + " ".join(self.tokens).replace('"', '""') + '"'
        return quoted + (" *" if self.prefix else "")

    def shown(self) -> str:
        text = " ".join(self.tokens) + ("*" if self.prefix else "")
        return f'"{text}"' if len(self.tokens) > 1 else text


@dataclass(frozen=True)
class Query:
    """What was searched for, and what the reader should be told about their input."""

    text: str  # the input as read (cleaned and cut)
    terms: tuple[Term, ...]
    notices: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.terms


def _removed_invisible(text: str) -> tuple[str, bool]:
    kept, removed = [], False
    for char in text:
        if char in "\t\n\r\f\v":
            kept.append(" ")
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co", "Cn") or (category == "Cf" and char not in WORD_MARKS):
            removed = True
            continue
        kept.append(char)
    return "".join(kept), removed


def _quote(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_query(raw: object) -> Query:
    """Read a query as words, quoted phrases and `word*` prefixes; never raises.

    Anything FTS5 would read as syntax (operators, NEAR(, column filters, ^, +, braces,
    a lone *) is read as plain words or dropped, and said so in `notices`.
    """
    notices: list[str] = []
    text = raw if isinstance(raw, str) else ("" if raw is None else str(raw))
    text, removed = _removed_invisible(text)
    if removed:
        notices.append("Control and invisible characters in the query were removed.")
    text = " ".join(text.split())
    if len(text) > MAX_QUERY:
        text = text[:MAX_QUERY].rstrip()
        notices.append(f"The query was cut to its first {MAX_QUERY} characters.")

    pieces = text.split('"')
    if len(pieces) % 2 == 0:  # an odd number of quote marks: the last one has no partner
        notices.append('An unmatched quote mark (") was ignored.')
        pieces = pieces[:-2] + [pieces[-2] + " " + pieces[-1]]
    terms: list[Term] = []
    ignored: dict[str, None] = {}
    for number, piece in enumerate(pieces):
        if number % 2 == 1:  # inside quotes: one phrase
            phrase = _phrase(piece, notices, ignored)
            if phrase is not None:
                terms.append(phrase)
            continue
        for chunk in piece.split():
            terms.extend(_chunk_terms(chunk, notices, ignored))
    if ignored:
        shown = ", ".join(f"'{char}'" for char in ignored)
        notices.append(
            f"Search syntax is not used here: {shown} was ignored (write words, "
            '"a phrase" or word*).'
        )
    terms = _designations(terms)
    unique = list(dict.fromkeys(terms))
    if len(unique) > MAX_TERMS:
        notices.append(f"Only the first {MAX_TERMS} words or phrases were searched for.")
        unique = unique[:MAX_TERMS]
    if not unique:
        notices.append("Type a word to search for (letters or digits).")
    return Query(text, tuple(unique), tuple(dict.fromkeys(notices)))


def _phrase(piece: str, notices: list[str], ignored: dict[str, None]) -> Term | None:
    body = piece.strip()
    prefix = body.endswith("*") and len(body) > 1 and is_word_char(body.rstrip("*")[-1:] or " ")
    for char in body:
        if char in FTS_SYNTAX and not (char == "*" and prefix):
            ignored.setdefault(char, None)
    found = tuple(token.norm for token in tokens(body))
    if not found:
        return None
    return Term(found, prefix, f'"{body}"')


def _chunk_terms(chunk: str, notices: list[str], ignored: dict[str, None]) -> list[Term]:
    """The terms of one whitespace-separated chunk ('S-400' is one term of two tokens)."""
    if chunk in OPERATORS:
        notices.append(f"'{chunk}' was read as a word, not as an operator.")
    elif chunk.upper().startswith("NEAR("):
        notices.append(f"'{_quote(chunk[:5])}' was read as a word.")
    head, colon, _rest = chunk.partition(":")
    if colon and head and all(is_word_char(c) for c in head):
        notices.append(f"'{_quote(head)}:' is not a column filter here; it was read as a word.")
    if chunk[:1] == "-" and len(chunk) > 1:
        notices.append("'-' before a word does not exclude it; the word was searched.")
    terms: list[Term] = []
    for char in chunk:
        if char in FTS_SYNTAX and char != "*":
            ignored.setdefault(char, None)
    # syntax characters separate words ('title:sanctions' is two words); '*' ends a
    # prefix when it follows a word character and is ignored anywhere else
    for part in _SYNTAX_SPLIT.split(chunk):
        pieces = part.split("*")
        for number, piece in enumerate(pieces):
            starred = number < len(pieces) - 1
            found = tuple(token.norm for token in tokens(piece))
            prefix = starred and bool(found) and is_word_char(piece[-1])
            if starred and not prefix:
                notices.append(STAR_NOTICE)
            if found:
                terms.append(Term(found, prefix, piece + ("*" if prefix else "")))
    return terms


def _is_year(token: str) -> bool:
    return len(token) == 4 and token[:2] in ("19", "20")


def _designations(terms: list[Term]) -> list[Term]:
    """Join a short letters word and the number written apart after it (`Shahed 136`,
    `Fath 360`, `s 400`) into one phrase, as the same name written `Shahed-136` is."""
    out: list[Term] = []
    for term in terms:
        if out:
            before = out[-1]
            last = before.tokens[-1]
            if (
                not before.prefix
                and len(term.tokens) == 1
                and term.tokens[0].isdigit()
                and len(term.tokens[0]) <= 5
                and not _is_year(term.tokens[0])
                and last.isalpha()
                and len(last) <= DESIGNATION_LETTERS
                and not before.typed.startswith('"')
                and not term.typed.startswith('"')
            ):
                out[-1] = Term(
                    before.tokens + term.tokens, term.prefix, f"{before.typed} {term.typed}"
                )
                continue
        out.append(term)
    return out


def match_expression(terms: tuple[Term, ...] | list[Term], every: bool = True) -> str:
    """The FTS5 MATCH expression: quoted terms joined by AND (or OR when `every` is False)."""
    return (" AND " if every else " OR ").join(term.expression for term in terms)
