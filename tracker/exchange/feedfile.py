"""The claim file of an imported feed, written directly in fmt's layout: each scalar as the
round trip writes it (:func:`tracker.review.canonical.scalar`), keys in the format's order,
the reviews as comments above their claims. Only when a scalar is one whose spelling is not
known there (a control character, say) is the text given to ``format_text``, which proves or
rewrites it: a 20,000-review feed never goes through ruamel.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.escape import yaml_comment, yaml_string
from tracker.review.canonical import scalar
from tracker.review.fmt import format_text


@dataclass
class NewSource:
    name: str
    kind: str
    url: str | None = None


@dataclass
class NewClaim:
    id: str
    text: str
    source: str
    date: str | None
    documents: list[str]
    comments: list[str] = field(default_factory=list)


class _Writer:
    def __init__(self) -> None:
        self.sure = True  # every scalar written as fmt writes it

    def scalar(self, text: str) -> str:
        found = scalar(text)
        if found is None:
            self.sure = False
            return yaml_string(text)
        return found


def feed_file(
    label: str, sources: Iterable[tuple[str, NewSource]], claims: Iterable[NewClaim]
) -> str:
    """The text of the claim file. Raises FormatError (a bug of ours) when a text that had
    to go through ``format_text`` cannot be formatted."""
    write = _Writer()
    lines = [f"# Imported from {yaml_comment(label)} by `tracker import claimreview`."]
    listed = list(sources)
    if listed:
        lines.append("sources:")
        for ident, source in listed:
            lines.append(f"  {write.scalar(ident)}:")
            lines.append(f"    name: {write.scalar(source.name)}")
            lines.append(f"    kind: {write.scalar(source.kind)}")
            if source.url:
                lines.append(f"    url: {write.scalar(source.url)}")
    lines.append("claims:")
    for claim in claims:
        lines += [f"  # {yaml_comment(said)}" for said in claim.comments]
        lines.append(f"  - id: {write.scalar(claim.id)}")
        lines.append(f"    text: {write.scalar(claim.text)}")
        lines.append(f"    source: {write.scalar(claim.source)}")
        if claim.date:
            lines.append(f"    date: {claim.date}")
        if claim.documents:
            lines.append("    evidence:")
            lines += [f"      - document: {write.scalar(url)}" for url in claim.documents]
    text = "\n".join(lines) + "\n"
    return text if write.sure else format_text(text, label)
