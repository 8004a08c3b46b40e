"""Making user-written text safe for each output: no forged table rows, no formulas, no
terminal escape sequences."""

from __future__ import annotations

import json
import re

from tracker.diagnostics import clip

# ANSI/VT escape sequences (CSI, OSC and two-character escapes), then any other control
# character but tab and newline.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
# Control characters but tab and newline; and the bidirectional overrides and isolates
# (U+202A-U+202E, U+2066-U+2069), which can make text display in an order other than its
# own ("Trojan Source"): a claim must read as it was written.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal(text: str) -> str:
    """Text with escape sequences, control characters and bidi overrides removed."""
    return _CONTROL.sub("", _ANSI.sub("", text))


def one_line(text: str) -> str:
    """Runs of white space, newlines included, as one space."""
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """Text on one line, cut to ``limit`` characters with an ellipsis."""
    return clip(one_line(text), limit)


_MARKDOWN = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "|": "\\|",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "\\": "\\\\",
        "#": "\\#",
    }
)


def markdown(text: str) -> str:
    """Text for a Markdown table cell or line: markup characters escaped, HTML neutralised,
    newlines as <br> so that a claim cannot break or forge a table row."""
    lines = terminal(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    return "<br>".join(_markdown_line(" ".join(line.split())) for line in lines)


# A bare web address: GitHub-style renderers link it as written, so its `_` and `*` must stay
# unescaped (an escaped `\_` breaks the link); what could break a table row or start markup
# is percent-encoded, which leaves the address the same.
_URL = re.compile(r"https?://[^\s<>]+")
_URL_UNSAFE = str.maketrans({"|": "%7C", "`": "%60", "<": "%3C", ">": "%3E", "\\": "%5C"})


def _markdown_line(line: str) -> str:
    parts: list[str] = []
    last = 0
    for match in _URL.finditer(line):
        parts.append(line[last : match.start()].translate(_MARKDOWN))
        parts.append(match.group().translate(_URL_UNSAFE))
        last = match.end()
    parts.append(line[last:].translate(_MARKDOWN))
    return "".join(parts)


def markdown_code(text: str) -> str:
    """An id in backticks (ids cannot hold backticks: they match [a-z0-9._-])."""
    return f"`{text}`"


# A signed number, optionally followed by words with no formula syntax: "-5", "+1.5",
# "-5 °C", "+1 option". Spreadsheets read such cells as numbers or text, never as formulas.
_PLAIN_SIGNED = re.compile(r"[+-]\d[\d.,]*(?:\s+[^=+\-@|!()\[\];:\t\r\n]*)?\Z")
_FORMULA_STARTS = ("=", "+", "-", "@", "|", "%", "\t", "\r", "\n")


def spreadsheet(text: str) -> str:
    """A CSV cell that a spreadsheet will not read as a formula, as defusedcsv does: a cell
    starting with = + - @ | % or a control character gets a leading apostrophe, unless it is
    a plain signed number (with words after it). Escape sequences and control characters go
    (a CSV printed to a terminal must not drive it); line breaks are normalised to ``\\n``
    so that every writer quotes them: a bare CR would end a row in most readers."""
    text = terminal(text.replace("\r\n", "\n").replace("\r", "\n"))
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_SIGNED.match(text):
        return "'" + text
    return text


# What a YAML stream may not hold as such (YAML 1.2, 5.1 "c-printable"): other controls,
# DEL, C1, surrogates, U+FFFE and U+FFFF; and the line breaks of YAML 1.1 (NEL, U+2028,
# U+2029), which a 1.1 reader would fold into a space. Inside double quotes each is written
# as an escape.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar holding exactly ``text``, for files the imports write:
    a JSON string (whose escapes YAML shares) with every character a YAML stream may not
    hold written as an escape, so that the file always parses. Lone surrogates, which no
    UTF-8 file can hold, are refused before this (see :func:`lone_surrogate`)."""
    return _NOT_PRINTABLE.sub(_escaped, json.dumps(text, ensure_ascii=False))


_PLAIN_SAFE = re.compile(r"[^\W\d_][\w .,'\u2019()/&+-]*[\w.)]|[^\W\d_]", re.UNICODE)
_YAML_WORDS = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null"])


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar a person would write: plain when it reads back as the same
    text in YAML 1.1 and 1.2 (words, spaces, common punctuation; not yes/no/null), else
    double-quoted as :func:`yaml_string` writes it."""
    if (
        _PLAIN_SAFE.fullmatch(text)
        and text.lower() not in _YAML_WORDS
        and ": " not in text
        and " #" not in text
    ):
        return text
    return yaml_string(text)


def lone_surrogate(text: str) -> str | None:
    """The first lone surrogate of ``text`` as an escape (``\\ud800``), or None."""
    found = re.search("[\ud800-\udfff]", text)
    return f"\\u{ord(found.group()):04x}" if found else None


def yaml_comment(text: str) -> str:
    """Text for a one-line YAML comment: on one line, with no control character, and with
    what is not UTF-8 (a file name's surrogate escapes) written as backslash escapes."""
    readable = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _NOT_PRINTABLE.sub(_escaped, terminal(one_line(readable)))
