"""What may be typed where: source ids after ``source:``, ``part_of:`` and in ``via``, topic
ids after ``topic:``, the topic's positions after ``position:`` (and ``denies:`` in an
implication), claim ids in ``supersedes``, ``upheld`` and a contradiction's ``claims``,
document paths from the seeds folder after ``document:``, the words ``stance`` and a
contradiction's ``status`` take; in block or flow style. The
context is read from the editor's text as it is now (the line being typed need not parse);
the ids offered are those of the corpus last analysed."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from tracker.lsp.workspace import Workspace

_KEYED = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_]+):\s*(.*)$")
_ITEM = re.compile(r"^(\s*)-\s+(.*)$")
_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_]+):")
LIST_KEYS = {"via": "source", "supersedes": "claim", "claims": "claim"}
KEYS = {
    "source": "source",
    "part_of": "source",
    "topic": "topic",
    "position": "position",
    "denies": "position",  # in an implication: {topic: t, denies: <a position of t>}
    "upheld": "claim",
    "document": "document",
    "stance": "stance",
    "status": "status",
    **LIST_KEYS,
}
# The words a key takes from a fixed list, each with what it means.
CHOICES = {
    "stance": (("asserts", "the claim gives the answer"), ("denies", "the claim denies it")),
    "status": (
        ("open", "nobody has judged the conflict"),
        ("resolved", "judged: name the claim that stands with upheld"),
        ("dismissed", "judged: the claims do not really conflict"),
    ),
}
MAX_DOCUMENTS = 1000
_FLOW_KEY = re.compile(r"[{,]\s*([A-Za-z_]+):\s*['\"]?([^,{}'\"]*)$")
_FLOW_TOPIC = re.compile(r"\btopic:\s*['\"]?([A-Za-z0-9._-]+)")


@dataclass(frozen=True)
class Offer:
    label: str
    detail: str
    start: int  # the character where the word being typed starts (it is replaced)


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip(" "))


def _context(lines: list[str], line: int, column: int) -> tuple[str, int, int] | None:
    """(what is asked, where the typed word starts, the key's indentation) at a cursor."""
    prefix = lines[line][:column]
    keyed = _KEYED.match(prefix)
    if prefix.count("{") > prefix.count("}"):  # inside {key: value, ...}: the last key
        inner = _FLOW_KEY.search(prefix)
        if inner is not None:
            what = KEYS.get(inner.group(1))
            return (what, len(prefix) - len(inner.group(2)), 0) if what else None
    if keyed:
        key, typed = keyed.group(2), keyed.group(3)
        what = KEYS.get(key)
        if what is None:
            return None
        if key in LIST_KEYS and typed.startswith("["):
            last = max(typed.rfind("["), typed.rfind(","))
            start = len(prefix) - len(typed[last + 1 :].lstrip())
        else:
            start = len(prefix) - len(typed.lstrip("'\""))
        return what, start, len(keyed.group(1))
    item = _ITEM.match(prefix)
    if item is None:
        return None
    dash = len(item.group(1))
    for above in range(line - 1, -1, -1):
        row = lines[above]
        if not row.strip() or row.lstrip().startswith("#"):
            continue
        if _indent(row) < dash or (_indent(row) == dash and not row.lstrip().startswith("-")):
            parent = _KEY_LINE.match(row)
            if parent and parent.group(2) in LIST_KEYS and row.rstrip().endswith(":"):
                return LIST_KEYS[parent.group(2)], len(prefix) - len(item.group(2)), dash
            return None
    return None


def _topic_of_block(lines: list[str], line: int, indent: int) -> str | None:
    """The ``topic:`` of the entry that holds ``line`` (whose keys start at ``indent``)."""

    def topic_on(row: str) -> str | None:
        keyed = _KEY_LINE.match(row)
        if keyed and len(keyed.group(1)) == indent and keyed.group(2) == "topic":
            return row[keyed.end() :].split("#")[0].strip().strip("'\"")
        return None

    for index in range(line, -1, -1):
        row = lines[index]
        if not row.strip():
            continue
        found = topic_on(row)
        if found is not None or _indent(row) < indent:
            return found
    for row in lines[line + 1 :]:
        if row.strip() and _indent(row) < indent:
            return None
        found = topic_on(row)
        if found is not None:
            return found
    return None


def completions(workspace: Workspace, path: str, line: int, column: int) -> list[Offer]:
    """The offers at a 0-based line and character column of ``path``."""
    lines = workspace.lines(path)
    if not 0 <= line < len(lines):
        return []
    found = _context(lines, line, column)
    if found is None or workspace.analysed is None:
        return []
    what, start, indent = found
    corpus = workspace.analysed.corpus
    if what == "source":
        return [
            Offer(s.id, f"{s.name} ({s.kind})", start)
            for s in sorted(corpus.sources.values(), key=lambda s: s.id)
        ]
    if what == "topic":
        return [
            Offer(t.id, t.question, start)
            for t in sorted(corpus.topics.values(), key=lambda t: t.id)
        ]
    if what in CHOICES:
        return [Offer(word, meaning, start) for word, meaning in CHOICES[what]]
    if what == "claim":
        return [
            Offer(c.id, " ".join(c.text.split())[:80], start)
            for c in sorted(corpus.claims.values(), key=lambda c: c.id)
        ]
    if what == "position":
        flow = _FLOW_TOPIC.findall(lines[line][:column].rsplit("{", 1)[-1])
        named = flow[-1] if flow else _topic_of_block(lines, line, indent)
        topic = corpus.topics.get(named or "")
        if topic is None:
            return []
        return [Offer(p, topic.question, start) for p in topic.positions or ()]
    return [Offer(d, "document", start) for d in _documents(workspace.claims_dir)]


def _documents(claims_dir: Path) -> list[str]:
    """Files under the seeds folder beside the claims folder, as claims name them."""
    root = claims_dir.resolve().parent
    seeds = root / "seeds"
    found: list[str] = []
    for folder, names, files in os.walk(seeds):
        names[:] = sorted(n for n in names if not n.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                found.append((Path(folder) / name).relative_to(root).as_posix())
            if len(found) >= MAX_DOCUMENTS:
                return found
    return found
