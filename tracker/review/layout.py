"""The canonical layout of a claim file, applied to a ruamel.yaml round-trip document: keys
in the order of the format's field tables, entries as block mappings, lists of plain values
in flow style, numbers kept exactly as written, text that a YAML 1.1 reader would misread
quoted, and every comment moved with the key it belongs to. :mod:`tracker.review.fmt` checks
the result before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import CommentMark
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.tokens import CommentToken

from tracker.corpus.fields import (
    CLAIM_FIELDS,
    CONTRADICTION_FIELDS,
    EVIDENCE_FIELDS,
    SOURCE_FIELDS,
    TOP_LEVEL_KEYS,
    TOPIC_FIELDS,
)


class _Number(str):
    """A number kept exactly as written (``1_197``, ``0x1F``, ``1e3``): ruamel.yaml would
    otherwise rewrite it (``1_`` becomes ``1``), and a field that holds text reads it raw."""

    tag: str


class _VerbatimConstructor(RoundTripConstructor):
    def construct_verbatim_number(self, node: Any) -> _Number:
        number = _Number(node.value)
        number.tag = node.tag
        return number


_YAML11 = yaml.resolver.Resolver()  # how PyYAML and other YAML 1.1 readers type plain text
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")  # YAML's c-indicator characters
# Characters a single-quoted scalar cannot hold as they are (controls, YAML 1.1 line breaks).
_NEEDS_ESCAPES = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


class _VerbatimRepresenter(RoundTripRepresenter):
    def represent_verbatim_number(self, data: _Number) -> Any:
        return self.represent_scalar(data.tag, str(data))

    def represent_text(self, data: str) -> Any:
        """Text that a YAML 1.1 reader would take for something else unquoted ('no',
        'off', 'yes', '1:30', '2024-01-01') keeps its quotes: ruamel.yaml, reading YAML 1.2,
        would drop them, and the file would change meaning for every YAML 1.1 tool."""
        tag = _YAML11.resolve(yaml.ScalarNode, data, (True, False))  # type: ignore[no-untyped-call]
        if tag != "tag:yaml.org,2002:str" or data[:1] in _INDICATORS:
            # An indicator first ("? unverified", ": b", "- a") reads as structure when plain;
            # ruamel.yaml leaves some of those plain inside a flow list ("[? unverified]").
            style = '"' if _NEEDS_ESCAPES.search(data) else "'"
            return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)
        return self.represent_str(data)


for _tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
    _VerbatimConstructor.add_constructor(_tag, _VerbatimConstructor.construct_verbatim_number)
_VerbatimRepresenter.add_representer(_Number, _VerbatimRepresenter.represent_verbatim_number)
_VerbatimRepresenter.add_representer(str, _VerbatimRepresenter.represent_text)


def round_trip_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _VerbatimConstructor
    yaml.Representer = _VerbatimRepresenter
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1 << 30  # never fold long lines: re-wrapping would make noisy diffs
    yaml.preserve_quotes = False
    return yaml


def _slot_index(container: CommentedMap | CommentedSeq) -> int:
    # ruamel keeps the comment after a mapping value in slot 2, after a list item in slot 0.
    return 2 if isinstance(container, CommentedMap) else 0


def _get_token(container: CommentedMap | CommentedSeq, key: Any) -> CommentToken | None:
    slot = container.ca.items.get(key)
    index = _slot_index(container)
    return slot[index] if slot and len(slot) > index else None


def _set_token(
    container: CommentedMap | CommentedSeq, key: Any, token: CommentToken | None
) -> None:
    slot = list(container.ca.items.get(key) or [None, None, None, None])
    while len(slot) < 4:
        slot.append(None)
    slot[_slot_index(container)] = token
    if any(part is not None for part in slot):
        container.ca.items[key] = slot
    else:
        container.ca.items.pop(key, None)


def _is_block(node: Any) -> bool:
    return (
        isinstance(node, CommentedMap | CommentedSeq)
        and len(node) > 0
        and not (node.fa.flow_style())
    )


def _tail(container: CommentedMap | CommentedSeq, key: Any) -> tuple[Any, Any]:
    """Where the comments that follow the entry ``key`` are kept: on the deepest last entry
    of its value when that is a block mapping or list, else on the entry itself."""
    value = container[key]
    while _is_block(value):
        container = value
        key = list(value.keys())[-1] if isinstance(value, CommentedMap) else len(value) - 1
        value = container[key]
    return container, key


def _split(token: CommentToken | None) -> tuple[str, str]:
    """A comment token after a value: the end-of-line comment (with its newline), and the
    comment lines that follow it, which stand before the next key."""
    if token is None:
        return "", ""
    value: str = token.value
    first, newline, rest = value.partition("\n")
    if first.strip():
        return first + newline, rest
    return "", rest


def _token(text: str, column: int) -> CommentToken | None:
    return CommentToken(text, CommentMark(column), None) if text else None


def _take_following(container: CommentedMap | CommentedSeq, key: Any) -> str:
    """Detach the comment lines that follow entry ``key`` (and everything inside it)."""
    holder, holder_key = _tail(container, key)
    token = _get_token(holder, holder_key)
    eol, following = _split(token)
    if following:
        _set_token(holder, holder_key, _token(eol, token.column if token else 0))
    return following


def _put_following(container: CommentedMap | CommentedSeq, key: Any, following: str) -> None:
    if not following:
        return
    holder, holder_key = _tail(container, key)
    token = _get_token(holder, holder_key)
    eol, more = _split(token)
    text = (eol or "\n") + more + following
    _set_token(holder, holder_key, _token(text, token.column if token else 0))


def _reorder(mapping: CommentedMap, order: Iterable[str]) -> None:
    """Put known keys in ``order``, unknown ones after them. End-of-line comments move with
    their key; comment lines that stood before a key still stand before it; comments after
    the last entry stay last."""
    keys = list(mapping.keys())
    known = [k for k in order if k in mapping]
    wanted = known + [k for k in keys if k not in known]
    if wanted == keys:
        return
    before: dict[Any, str] = {}  # comment lines standing before a key (None: after the last)
    for index, key in enumerate(keys):
        nxt = keys[index + 1] if index + 1 < len(keys) else None
        before[nxt] = _take_following(mapping, key)
    values = {k: mapping[k] for k in keys}
    slots = {k: mapping.ca.items.pop(k, None) for k in keys}
    for key in keys:
        del mapping[key]
    for index, key in enumerate(wanted):
        mapping.insert(index, key, values[key])
        if slots[key] is not None:
            mapping.ca.items[key] = slots[key]
    for index, key in enumerate(wanted):
        nxt = wanted[index + 1] if index + 1 < len(wanted) else None
        _put_following(mapping, key, before.get(nxt, ""))
    if before.get(wanted[0]):
        # Lines that stood before what is now the first key: keep them before it too.
        mapping.ca.comment = mapping.ca.comment or [None, []]
        mapping.ca.comment[1] = (mapping.ca.comment[1] or []) + [
            _token(line + "\n", 0) for line in before[wanted[0]].splitlines() if line
        ]


def _is_plain_list(node: Any) -> bool:
    return isinstance(node, CommentedSeq) and not any(
        isinstance(item, CommentedMap | CommentedSeq) for item in node
    )


def _block(child: CommentedMap, parent: CommentedMap | CommentedSeq, key: Any) -> None:
    """Make a mapping block style. A comment written after a flow mapping belongs after its
    last line once it is a block, not after its key."""
    if not child.fa.flow_style() or not child:
        child.fa.set_block_style()
        return
    child.fa.set_block_style()
    slot = 2 if isinstance(parent, CommentedMap) else 0
    attached = parent.ca.items.get(key)
    if attached and len(attached) > slot and attached[slot] is not None:
        token = attached[slot]
        attached[slot] = None
        last = list(child.keys())[-1]
        child.ca.items.setdefault(last, [None, None, None, None])[2] = token


def _flow(items: CommentedSeq, parent: CommentedMap | CommentedSeq, key: Any) -> None:
    """Make a list of plain values flow style (``[a, b]``). Comments written after its items
    cannot stay inside the brackets: they follow the list instead."""
    was_block = not items.fa.flow_style()
    items.fa.set_flow_style()
    if not was_block:
        return
    lines: list[str] = []
    column = None
    for index in range(len(items)):
        token = _get_token(items, index)
        if token is None:
            continue
        column = token.column if column is None else column
        eol, following = _split(token)
        lines += [line.strip() for line in (eol + following).splitlines() if line.strip()]
        _set_token(items, index, None)
    if not lines:
        return
    holder, holder_key = _tail(parent, key)
    token = _get_token(holder, holder_key)
    eol, following = _split(token)
    if not eol:  # the first comment can end the list's own line
        eol, lines = f"{lines[0]}\n", lines[1:]
    text = eol + following + "".join(f"{line}\n" for line in lines)
    _set_token(holder, holder_key, _token(text, token.column if token else column or 0))


def _style(node: CommentedMap | CommentedSeq, key: Any) -> None:
    """Entries as block mappings, lists of plain values in flow style, other lists block."""
    value = node[key]
    if isinstance(value, CommentedMap):
        _block(value, node, key)
    elif _is_plain_list(value):
        _flow(value, node, key)
    elif isinstance(value, CommentedSeq):
        value.fa.set_block_style()


def _canonical(node: Any, order: Iterable[str] | None, item_order: dict[str, Any]) -> None:
    """Lay out ``node``; ``item_order`` maps a key to the order of its value's entries."""
    if isinstance(node, CommentedMap):
        for key in list(node.keys()):
            _style(node, key)
        if order is not None:
            _reorder(node, order)
        for key in list(node.keys()):
            child_order = item_order.get(str(key))
            if child_order is not None:
                _canonical(node[key], child_order, {})
    elif isinstance(node, CommentedSeq):
        for index in range(len(node)):
            _style(node, index)
        for item in node:
            _canonical(item, order, item_order)


EVIDENCE_ORDER = tuple(EVIDENCE_FIELDS)
_ORDERS = {
    "sources": tuple(SOURCE_FIELDS),
    "topics": tuple(TOPIC_FIELDS),
    "claims": tuple(CLAIM_FIELDS),
    "contradictions": tuple(CONTRADICTION_FIELDS),
}


def canonical_layout(document: Any) -> None:
    """Put a ruamel.yaml document in the canonical layout, in place."""
    if not isinstance(document, CommentedMap):
        return
    document.fa.set_block_style()
    for section in list(document.keys()):
        _style(document, section)
    _reorder(document, TOP_LEVEL_KEYS)
    for section in ("sources", "topics"):
        entries = document.get(section)
        if isinstance(entries, CommentedMap):
            for key in list(entries.keys()):
                _style(entries, key)
            for entry in entries.values():
                _canonical(entry, _ORDERS[section], {})
    for section in ("claims", "contradictions"):
        entries = document.get(section)
        if isinstance(entries, CommentedSeq):
            for index in range(len(entries)):
                _style(entries, index)
            for entry in entries:
                _canonical(entry, _ORDERS[section], {"evidence": EVIDENCE_ORDER})
