"""What each output does to hostile user text, function by function: exact results, so that
any weakening of an escape fails here."""

from __future__ import annotations

import pytest

from tracker.escape import markdown, one_line, shorten, spreadsheet, terminal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("red \x1b[31mtext\x1b[0m", "red text"),
        ("title \x1b]0;pwned\x07 here", "title  here"),
        ("bell\x07 and nul\x00 and del\x7f", "bell and nul and del"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("abc\u202edcba", "abcdcba"),
        ("isolate\u2066x\u2069", "isolatex"),
        ("\x9b31m c1 csi", "31m c1 csi"),
    ],
)
def test_terminal(text: str, expected: str) -> None:
    assert terminal(text) == expected


def test_one_line_and_shorten() -> None:
    assert one_line("  a \n\t b  ") == "a b"
    assert shorten("a\nb c", 10) == "a b c"
    assert shorten("abcdefghij", 10) == "abcdefghij"
    assert shorten("abcdefghijk", 10) == "abcdefghi…"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", "a \\| b"),
        ("line\nbreak", "line<br>break"),
        ("cr\rbreak", "cr<br>break"),
        ("crlf\r\nbreak", "crlf<br>break"),
        ("<script>", "&lt;script&gt;"),
        ("`code` *b* _i_ [l](u) # h \\", "\\`code\\` \\*b\\* \\_i\\_ \\[l\\](u) \\# h \\\\"),
        ("x\u202ey", "xy"),
        ("a & b", "a &amp; b"),
    ],
)
def test_markdown(text: str, expected: str) -> None:
    assert markdown(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+HYPERLINK()", "'+HYPERLINK()"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("|cmd", "'|cmd"),
        ("%0A", "'%0A"),
        ("\tx", "'\tx"),
        ("\r=x", "'\n=x"),
        ("-", "'-"),
        ("-5", "-5"),
        ("+1.5", "+1.5"),
        ("-5 °C", "-5 °C"),
        ("+1 option", "+1 option"),
        ("-5 x=1", "'-5 x=1"),
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("plain", "plain"),
        ("esc \x1b]0;title\x07 seq", "esc  seq"),
    ],
)
def test_spreadsheet(text: str, expected: str) -> None:
    assert spreadsheet(text) == expected


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("plain", '"plain"'),
        ('say "no"', '"say \\"no\\""'),
        ("tab\there", '"tab\\there"'),
        ("esc \x1b", '"esc \\u001b"'),  # JSON's own escape for a C0 control
        ("del \x7f", '"del \\x7f"'),
        ("c1 \x80\x9f", '"c1 \\x80\\x9f"'),
        ("nel \x85", '"nel \\x85"'),
        ("line \u2028 sep \u2029", '"line \\u2028 sep \\u2029"'),
        ("nonchar \ufffe\uffff", '"nonchar \\ufffe\\uffff"'),
        (
            "kept \u00e9 \u20ac \U0001f4a3 \u2027 \u202a",
            '"kept \u00e9 \u20ac \U0001f4a3 \u2027 \u202a"',
        ),
    ],
)
def test_yaml_string_holds_exactly_the_text(text: str, written: str) -> None:
    import yaml

    from tracker.escape import yaml_string

    assert yaml_string(text) == written
    assert yaml.safe_load(f"k: {written}") == {"k": text}


def test_lone_surrogates_are_found() -> None:
    from tracker.escape import lone_surrogate

    assert lone_surrogate("half \ud800 of it") == "\\ud800"
    assert lone_surrogate("low \udfff") == "\\udfff"
    assert lone_surrogate("whole \U0001f4a3 emoji \ud7ff \ue000") is None


@pytest.mark.parametrize(
    ("text", "comment"),
    [
        ("feed.json", "feed.json"),
        ("two\nlines.csv", "two lines.csv"),
        ("name\udcff.csv", "name\\udcff.csv"),
        ("bell\x07 and \x1b[31mred", "bell and red"),
        ("nel\x85 and del\x7f", "nel and del"),
    ],
)
def test_yaml_comment_is_one_safe_line(text: str, comment: str) -> None:
    from tracker.escape import yaml_comment

    assert yaml_comment(text) == comment


def test_markdown_leaves_bare_addresses_linkable() -> None:
    """GitHub links a bare address as written: its underscores stay, and only what could
    break the row is percent-encoded (the same address)."""
    assert markdown("see https://x.org/a_b*c|d`e and a_b | e") == (
        "see https://x.org/a_b*c%7Cd%60e and a\\_b \\| e"
    )
    assert markdown("http://x.org/<script>") == "http://x.org/&lt;script&gt;"
