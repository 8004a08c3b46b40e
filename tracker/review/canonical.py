"""fmt's canonical layout without ruamel.yaml: a scalar written as the round trip writes it
(:func:`scalar`), and the proof that a text is in the layout already (:func:`is_canonical`).

The round trip (:mod:`tracker.review.layout`) is the definition of the layout; this module
only predicts it, for the texts whose prediction is certain, and says "don't know" (None,
False) for every other. ``fmt --check`` on a formatted file then costs a libyaml compose and
one walk over its nodes instead of a ruamel.yaml round trip (about ten times slower), and an
import can write its file directly and have it proven here. A text this module cannot prove
goes through the round trip as before, so a wrong "don't know" costs time, never meaning.

What is proven: the file's YAML nodes written out in the layout (keys in the format's order,
entries as block mappings, lists of plain values in flow style, two-space indents with the
dashes indented under their key) give back its lines exactly, apart from comment lines, blank
lines and end-of-line comments, which the round trip keeps where they are.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator

import yaml
from ruamel.yaml.nodes import ScalarNode as RuamelScalar
from ruamel.yaml.resolver import VersionedResolver

from tracker.corpus.fields import (
    CLAIM_FIELDS,
    CONTRADICTION_FIELDS,
    EVIDENCE_FIELDS,
    SOURCE_FIELDS,
    TOP_LEVEL_KEYS,
    TOPIC_FIELDS,
)

_STR = "tag:yaml.org,2002:str"
_YAML11 = yaml.resolver.Resolver()  # PyYAML's reading (layout.represent_text quotes by it)
_YAML12 = VersionedResolver()  # ruamel.yaml's reading (its emitter leaves plain by it)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")  # a first character that forces quotes
# Characters this module leaves to the round trip: anything outside the printable ranges
# (controls, tabs, line breaks, the byte-order mark, YAML 1.1's line and paragraph breaks).
_UNSURE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_FLOW_STOP = re.compile(r"[,\[\]{}]")
_COLON_SPACE = re.compile(r":(?: |$)")
_SPACE_HASH = re.compile(r" #")
# Numbers and dates every YAML reader reads alike, which the round trip keeps as written.
_VERBATIM = re.compile(r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RESOLVED_FIRST = frozenset(_YAML11.yaml_implicit_resolvers) | frozenset(
    _YAML12.versioned_resolver.keys() if isinstance(_YAML12.versioned_resolver, dict) else ()
)


def _is_text(value: str) -> tuple[bool, bool]:
    """Whether YAML 1.1 and YAML 1.2 readers read ``value`` unquoted as text."""
    if value[0] not in _RESOLVED_FIRST and not value[0].isdigit():
        return True, True
    eleven = _YAML11.resolve(yaml.ScalarNode, value, (True, False)) == _STR  # type: ignore[no-untyped-call]
    twelve = _YAML12.resolve(RuamelScalar, value, (True, False)) == _STR
    return eleven, twelve


@functools.lru_cache(maxsize=1 << 16)  # ids, kinds, topics and positions come again and again
def scalar(value: str, *, flow: bool = False) -> str | None:
    """``value`` (a string) as the round trip writes it, inside a flow list or mapping when
    ``flow``; None when this module does not know (empty text, line breaks, tabs, control
    and other characters the round trip escapes)."""
    if not value or _UNSURE.search(value):
        return None
    eleven, twelve = _is_text(value)
    if not eleven or value[0] in _INDICATORS:  # quoted by the layout (layout.represent_text)
        return "'" + value.replace("'", "''") + "'"
    plain = (
        twelve
        and value[0] != " "
        and value[-1] != " "
        and not value.startswith(("---", "..."))
        and not _COLON_SPACE.search(value)
        and not _SPACE_HASH.search(value)
        and not (flow and _FLOW_STOP.search(value))
    )
    if plain:
        return value
    if "'" in value:  # ruamel.yaml's emitter prefers double quotes then
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "'" + value + "'"


class _Unsure(Exception):
    """The text holds something this module does not predict: ask the round trip."""


_ORDERS = {
    "sources": tuple(SOURCE_FIELDS),
    "topics": tuple(TOPIC_FIELDS),
    "claims": tuple(CLAIM_FIELDS),
    "contradictions": tuple(CONTRADICTION_FIELDS),
}
_EVIDENCE = tuple(EVIDENCE_FIELDS)


def _leaf(node: yaml.Node, flow: bool) -> str:
    """A scalar node as the layout writes it."""
    if not isinstance(node, yaml.ScalarNode):
        raise _Unsure
    value = node.value
    if node.tag == _STR:
        found = scalar(value, flow=flow)
        if found is None:
            raise _Unsure
        return found
    if node.style not in (None, ""):
        raise _Unsure  # a quoted number: the round trip keeps it text
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and _VERBATIM.match(value):
        return str(value)
    if node.tag == "tag:yaml.org,2002:timestamp" and _DATE.match(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise _Unsure from None
        return str(value)
    if node.tag == "tag:yaml.org,2002:null" and value == "null" and flow:
        return "null"
    if node.tag == "tag:yaml.org,2002:bool" and value in ("true", "false"):
        return str(value)
    raise _Unsure


class _Block:
    """A block scalar (``>-``, ``|``) as written: the round trip keeps its lines."""

    def __init__(self, head: str, node: yaml.ScalarNode) -> None:
        self.head = head  # "    quote:"
        self.node = node


_BLOCK_HEADER = re.compile(r"^[|>][-+]?$")


def _value(head: str, node: yaml.Node) -> Iterator[str | _Block]:
    """A key's line with its scalar value; a block scalar's lines are checked as written."""
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        yield _Block(head, node)
        return
    yield f"{head} {_leaf(node, False)}"


def _key(node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
        raise _Unsure
    return _leaf(node, False)


def _flow(node: yaml.Node) -> str:
    """A node inside a flow collection."""
    if isinstance(node, yaml.SequenceNode):
        if not node.value:
            raise _Unsure
        return "[" + ", ".join(_flow(item) for item in node.value) + "]"
    if isinstance(node, yaml.MappingNode):
        if not node.value:
            raise _Unsure
        _no_duplicates(node)
        return "{" + ", ".join(f"{_key(k)}: {_flow(v)}" for k, v in node.value) + "}"
    return _leaf(node, True)


def _no_duplicates(node: yaml.MappingNode) -> None:
    if not all(isinstance(k, yaml.ScalarNode) for k, _ in node.value):
        raise _Unsure  # a list or mapping as a key
    keys = [k.value for k, _ in node.value]
    if len(set(keys)) != len(keys):
        raise _Unsure


# How a value is laid out: "styled" (fmt's rule: mappings block, lists of plain values flow,
# other lists block) or as written (deeper values, which fmt leaves in their own style).
_STYLED = True


def _is_flow(node: yaml.Node, styled: bool) -> bool:
    if isinstance(node, yaml.MappingNode):
        return False if styled else bool(node.flow_style)
    if isinstance(node, yaml.SequenceNode):
        if styled:
            return not any(isinstance(i, yaml.MappingNode | yaml.SequenceNode) for i in node.value)
        return bool(node.flow_style)
    return True


def _mapping(
    node: yaml.MappingNode,
    indent: int,
    order: tuple[str, ...] | None,
    children: dict[str, tuple[tuple[str, ...] | None, dict[str, tuple[str, ...]]]],
    first_prefix: str | None = None,
) -> Iterator[str | _Block]:
    """The lines of a block mapping at ``indent``; ``order`` puts its known keys first;
    ``children`` says which values are laid out with an order of their own."""
    if not node.value:
        raise _Unsure
    _no_duplicates(node)
    keys = [str(k.value) for k, _ in node.value]
    if order is not None:
        known = [k for k in order if k in keys]
        if keys != known + [k for k in keys if k not in known]:
            raise _Unsure  # keys out of order: the round trip reorders them
    pad = " " * indent
    for number, (key, value) in enumerate(node.value):
        prefix = first_prefix if number == 0 and first_prefix is not None else pad
        head = f"{prefix}{_key(key)}:"
        child = children.get(str(key.value))
        styled = child is not None or order is not None
        if isinstance(value, yaml.ScalarNode):
            yield from _value(head, value)
        elif _is_flow(value, styled):
            yield f"{head} {_flow(value)}"
        elif isinstance(value, yaml.MappingNode):
            yield head
            sub_order, sub_children = child if child is not None else (None, {})
            yield from _mapping(value, indent + 2, sub_order, _nested(sub_children))
        else:
            yield head
            assert isinstance(value, yaml.SequenceNode)
            sub_order, sub_children = child if child is not None else (None, {})
            yield from _sequence(value, indent + 2, sub_order, sub_children)


def _nested(
    orders: dict[str, tuple[str, ...]],
) -> dict[str, tuple[tuple[str, ...] | None, dict[str, tuple[str, ...]]]]:
    return {key: (order, {}) for key, order in orders.items()}


def _sequence(
    node: yaml.SequenceNode,
    indent: int,
    item_order: tuple[str, ...] | None,
    item_children: dict[str, tuple[str, ...]],
) -> Iterator[str | _Block]:
    """The lines of a block list whose dashes stand at ``indent``."""
    if not node.value:
        raise _Unsure
    pad = " " * indent
    for item in node.value:
        styled = item_order is not None
        if isinstance(item, yaml.ScalarNode):
            yield f"{pad}- {_leaf(item, False)}"
        elif _is_flow(item, styled):
            yield f"{pad}- {_flow(item)}"
        elif isinstance(item, yaml.MappingNode):
            yield from _mapping(
                item, indent + 2, item_order, _nested(item_children), first_prefix=f"{pad}- "
            )
        else:
            raise _Unsure  # a block list in a block list


def _lines(root: yaml.Node) -> Iterator[str | _Block]:
    """The structural lines of the document in the layout."""
    if not isinstance(root, yaml.MappingNode):
        raise _Unsure
    _no_duplicates(root)
    keys = [str(k.value) for k, _ in root.value]
    known = [k for k in TOP_LEVEL_KEYS if k in keys]
    if keys != known + [k for k in keys if k not in known]:
        raise _Unsure
    for key, value in root.value:
        name = str(key.value)
        head = f"{_key(key)}:"
        if isinstance(value, yaml.ScalarNode):
            yield from _value(head, value)
        elif _is_flow(value, _STYLED):
            yield f"{head} {_flow(value)}"
        elif name in ("sources", "topics") and isinstance(value, yaml.MappingNode):
            yield head
            _no_duplicates(value)
            for ident, entry in value.value:
                entry_head = f"  {_key(ident)}:"
                if isinstance(entry, yaml.ScalarNode):
                    yield f"{entry_head} {_leaf(entry, False)}"
                elif _is_flow(entry, _STYLED):
                    yield f"{entry_head} {_flow(entry)}"
                elif isinstance(entry, yaml.MappingNode):
                    yield entry_head
                    yield from _mapping(entry, 4, _ORDERS[name], {})
                else:
                    raise _Unsure
        elif name in ("claims", "contradictions") and isinstance(value, yaml.SequenceNode):
            yield head
            for item in value.value:
                if not isinstance(item, yaml.MappingNode):
                    raise _Unsure
                yield from _mapping(
                    item, 4, _ORDERS[name], {"evidence": (_EVIDENCE, {})}, first_prefix="  - "
                )
        elif isinstance(value, yaml.MappingNode):
            yield head
            yield from _mapping(value, 2, None, {})
        else:
            assert isinstance(value, yaml.SequenceNode)
            yield head
            yield from _sequence(value, 2, None, {})


_COMMENT_OR_BLANK = re.compile(r"^(?: *#.*)?$")


def is_canonical(text: str, root: yaml.Node | None) -> bool:
    """Whether ``text``, composed into ``root`` (by :func:`tracker.reading.parse.parse`),
    is what fmt's round trip would write back unchanged. False means "not proven": the
    caller asks the round trip."""
    if root is None or not text.endswith("\n") or text.endswith("\n\n") or "\t" in text:
        return False
    lines = text[:-1].split("\n")
    number = 0  # the next line of the text to match
    try:
        for want in _lines(root):
            while number < len(lines) and _COMMENT_OR_BLANK.match(lines[number]):
                number += 1
            if number >= len(lines):
                return False
            if isinstance(want, _Block):
                number = _block_lines(want, lines, number)
                continue
            line = lines[number]
            if line != want and not (
                line.startswith(want + " ") and line[len(want) :].lstrip().startswith("#")
            ):
                return False
            number += 1
        return all(_COMMENT_OR_BLANK.match(line) for line in lines[number:])
    except (_Unsure, RecursionError):
        return False


def _block_lines(block: _Block, lines: list[str], number: int) -> int:
    """Check the lines of a block scalar whose key and header (``key: >-``) are line
    ``number``: no explicit indentation, no blank or trailing-space lines, every line
    indented more than its key. The number of the first line after it."""
    node, header = block.node, lines[number]
    head, _, indicator = header.rpartition(" ")
    if head != block.head or node.start_mark.line != number or not _BLOCK_HEADER.match(indicator):
        raise _Unsure
    key_indent = len(head) - len(head.lstrip(" -"))
    end = node.end_mark.line if node.end_mark.column == 0 else node.end_mark.line + 1
    if end <= number + 1:
        raise _Unsure
    while end > number + 1 and not lines[end - 1] and not indicator.endswith("+"):
        end -= 1  # blank lines after the block (before the next entry) are not its content
    first = lines[number + 1]
    if len(first) - len(first.lstrip(" ")) != key_indent + 2:
        raise _Unsure  # the round trip indents the block two spaces under its key
    for line in lines[number + 1 : end]:
        if not line.strip() or line.endswith(" ") or not line.startswith(" " * (key_indent + 2)):
            raise _Unsure
    return end
