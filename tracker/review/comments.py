"""The comments of a YAML text, found on the text itself (what follows a '#' outside any
scalar): fmt and the re-import merge check that what they write keeps every one of them."""

from __future__ import annotations

import bisect
import re
from collections import Counter

import yaml

from tracker.reading.parse import LOADER

_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#[^\n]*", re.MULTILINE)


def comments(text: str) -> Counter[str]:
    """Every comment of a YAML text (what follows a '#' outside any scalar), counted.

    ``fmt`` checks that the result keeps each of them before it writes: the comment handling
    of ruamel.yaml is internal to it, so the guarantee is checked on the text itself."""
    return Counter(comment for _, comment in comment_places(text))


def comment_places(text: str) -> list[tuple[int, str]]:
    """Every comment of a YAML text with its line (0-based), in order. Scanned with the
    loader's own scanner (libyaml where present), so that a text the loader reads is never
    refused here; a text it cannot scan raises yaml.YAMLError."""
    spans: list[tuple[int, int]] = []
    for token in yaml.scan(text, Loader=LOADER):
        if isinstance(token, yaml.ScalarToken):
            spans.append((token.start_mark.index, token.end_mark.index))
    starts = [start for start, _ in spans]
    found: list[tuple[int, str]] = []
    for match in _COMMENT.finditer(text):
        where = bisect.bisect_right(starts, match.start()) - 1
        if where >= 0 and spans[where][0] <= match.start() < spans[where][1]:
            continue  # a '#' inside a scalar ("#1 suspect") is text, not a comment
        found.append((text.count("\n", 0, match.start()), match.group().rstrip()))
    return found
