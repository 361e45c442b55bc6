"""A DDL file cut into statements with sqlglot's tokenizer, each with its first line.

Cutting first means one statement sqlglot cannot parse is reported on its own and the rest
of the file still imports. The tokenizer knows the dialect's quoting (dollar-quoted bodies,
backslash escapes), so a `;` inside a string or a function body never ends a statement.
Three things a dump holds are not SQL and are handled before or beside the tokenizer:
pg_dump's COPY data blocks, psql meta-commands (`\\connect`) and mysql's `DELIMITER` lines.
MySQL executable comments (`/*!40101 ... */`) are opened so that what they hold is read
as the SQL it is, since sqlglot would otherwise drop them as comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlglot.dialects.dialect import Dialect as SqlglotDialect
from sqlglot.errors import TokenError
from sqlglot.tokens import Token, TokenType

_QUOTED = {
    TokenType.STRING, TokenType.IDENTIFIER, TokenType.HEREDOC_STRING, TokenType.BIT_STRING,
    TokenType.BYTE_STRING, TokenType.HEX_STRING, TokenType.NATIONAL_STRING,
    TokenType.RAW_STRING, TokenType.UNICODE_STRING, TokenType.NATIONAL_RAW_STRING,
}
_EXECUTABLE = re.compile(r"/\*M?!(\d{5,6})?|\*/")
_COPY_END = re.compile(r"^\\\.\r?$", re.M)
_COPY_START = re.compile(r"\bFROM\s+stdin\s*;\s*$", re.I)


class SplitError(ValueError):
    """The tokenizer could not read the file (an unterminated string, for example)."""


@dataclass(frozen=True)
class Statement:
    """One statement: `kind` is `sql`, `meta` (a psql backslash command) or `copy-data`."""

    line: int
    text: str
    kind: str = "sql"
    rows: int = 0  # data rows of a COPY block

    @property
    def words(self) -> tuple[str, ...]:
        """The first words upper-cased, for telling a statement's kind without parsing."""
        return tuple(re.findall(r"[A-Za-z_][A-Za-z0-9_.$]*", self.text[:200].upper())[:6])


def split(text: str, dialect: str) -> list[Statement]:
    """The statements of `text` in file order, COPY data blocks included as their own kind."""
    blanked, copies = _blank_copy_data(text)
    opened = _open_executable_comments(blanked, dialect)
    statements = _cut(opened, tokenize(opened, dialect), dialect)
    return sorted(statements + copies, key=lambda statement: statement.line)


def tokenize(text: str, dialect: str) -> list[Token]:
    """sqlglot's tokens of `text` for `dialect`; SplitError when it cannot read it."""
    try:
        return SqlglotDialect.get_or_raise(dialect).tokenize(text)
    except TokenError as error:
        raise SplitError(f"The file could not be read as {dialect} SQL ({error}); check for "
                         "an unterminated string or quoted name.") from None


def _blank_copy_data(text: str) -> tuple[str, list[Statement]]:
    """pg_dump's `COPY ... FROM stdin;` rows up to `\\.`, blanked with their lines kept."""
    copies: list[Statement] = []
    chars = list(text)
    for end in _COPY_END.finditer(text):
        start = _copy_head(text, end.start())
        if start is None:
            continue
        rows = text.count("\n", start, end.start())
        line = text.count("\n", 0, start) + 1
        copies.append(Statement(line, "COPY data", "copy-data", rows))
        for i in range(start, end.end()):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars), copies


def _copy_head(text: str, data_end: int) -> int | None:
    """Where the data of the COPY block ending at `data_end` starts, if a COPY heads it."""
    position = data_end
    while position > 0:
        line_start = text.rfind("\n", 0, position - 1) + 1
        line = text[line_start:position].rstrip("\r\n")
        if _COPY_START.search(line) and line.upper().startswith("COPY "):
            return position
        position = line_start
        if position == 0:
            return None
    return None


def _open_executable_comments(text: str, dialect: str) -> str:
    """`/*!40101 SET x */` becomes `          SET x   `: same offsets, now read as SQL.

    Only the gaps between tokens are searched, so a string that holds `/*!` is left alone.
    """
    if dialect != "mysql":
        return text
    tokens = tokenize(text, dialect)
    chars = list(text)
    previous_end = 0
    for token in tokens + [None]:
        gap_end = token.start if token is not None else len(text)
        for found in _executable_spans(text, previous_end, gap_end):
            for i in range(*found):
                chars[i] = " "
        if token is not None:
            previous_end = token.end + 1
    return "".join(chars)


def _executable_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The opening and closing marks of executable comments between two tokens."""
    gap = text[start:end]
    if "/*!" not in gap and "/*M!" not in gap:
        return []
    spans = []
    inside = False
    for mark in _EXECUTABLE.finditer(gap):
        opening = mark.group(0).startswith("/*")
        if opening and not inside and "!" in mark.group(0):
            inside = True
            spans.append((start + mark.start(), start + mark.end()))
        elif not opening and inside:
            inside = False
            spans.append((start + mark.start(), start + mark.end()))
    return spans


def _cut(text: str, tokens: list[Token], dialect: str) -> list[Statement]:
    line_starts = _line_starts(text)
    statements: list[Statement] = []
    delimiter = ";"
    first: Token | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if first is None and _starts_line(text, token) and token.token_type == TokenType.BACKSLASH:
            end = _line_end(text, token.start)
            statements.append(Statement(token.line, text[token.start:end].strip(), "meta"))
            i = _skip_to(tokens, i, end)
            continue
        if first is None and dialect == "mysql" and _is_delimiter_line(text, token):
            end = _line_end(text, token.start)
            delimiter = text[token.end + 1:end].strip() or ";"
            i = _skip_to(tokens, i, end)
            continue
        if first is None:
            first = token
        stop = _terminator(text, token, delimiter)
        if stop is not None:
            body = text[first.start:stop].strip()
            if body:
                statements.append(Statement(_line_of(line_starts, first.start), body))
            first = None
            i = _skip_to(tokens, i, stop + len(delimiter))
            continue
        i += 1
    if first is not None:
        body = text[first.start:].strip()
        if body:
            statements.append(Statement(_line_of(line_starts, first.start), body))
    return statements


def _terminator(text: str, token: Token, delimiter: str) -> int | None:
    """Where the statement ends if `token` holds (or is) the delimiter, else None."""
    if delimiter == ";":
        return token.start if token.token_type == TokenType.SEMICOLON else None
    if token.token_type in _QUOTED:
        return None
    if text.startswith(delimiter, token.start):
        return token.start
    found = text.find(delimiter, token.start, token.end + 1)  # `END$$` is one token
    return found if found >= 0 else None


def _skip_to(tokens: list[Token], i: int, offset: int) -> int:
    while i < len(tokens) and tokens[i].start < offset:
        i += 1
    return i


def _starts_line(text: str, token: Token) -> bool:
    line_start = text.rfind("\n", 0, token.start) + 1
    return not text[line_start:token.start].strip()


def _is_delimiter_line(text: str, token: Token) -> bool:
    return token.text.upper() == "DELIMITER" and _starts_line(text, token)


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


def _line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in re.finditer("\n", text)]


def _line_of(line_starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(line_starts, offset)
