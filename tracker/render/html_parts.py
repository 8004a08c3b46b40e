"""The pieces of the HTML page: a claim with its quotes, a competing answer, a conflict, the
history, the claims not compared and the sources table. Every user-written string goes
through :func:`esc`; links are made only from relative paths and http(s) URLs, never from
other schemes (``javascript:``)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

from tracker.analysis.history import HistoryItem
from tracker.analysis.report import AnswerView, ClaimView, Row, origins_text, said
from tracker.corpus.records import Source, source_name
from tracker.render.markup import esc
from tracker.render.table import internal_mark


class Anchors:
    """Claim anchors on the page: a claim shown in several places carries its id once, where
    it is shown in full, and links point there only when it exists."""

    def __init__(self) -> None:
        self.placed: set[str] = set()

    def take(self, claim_id: str) -> str:
        if claim_id in self.placed:
            return ""
        self.placed.add(claim_id)
        return f' id="claim-{esc(claim_id)}"'

    def link(self, claim_id: str) -> str:
        code = f"<code>{esc(claim_id)}</code>"
        return f'<a href="#claim-{esc(claim_id)}">{code}</a>' if claim_id in self.placed else code


def document_href(document: str, prefix: str) -> str | None:
    """A safe link to a document: an http(s) URL, or a path relative to the page."""
    scheme = urlsplit(document).scheme.lower()
    if scheme in ("http", "https"):
        return document
    if scheme or document.startswith(("/", "\\")):
        return None
    return quote(posixpath.join(prefix, document)) if prefix else quote(document)


def claim_item(claim: ClaimView, prefix: str, anchors: Anchors) -> str:
    """A claim in full: id, words, who said it and when, and its quotes with their documents."""
    quotes = []
    for document, text in claim.quotes:
        link = document_href(document, prefix)
        name = f'<a href="{esc(link)}">{esc(document)}</a>' if link else esc(document)
        quoted = f"<q>{esc(text)}</q> — " if text else ""
        quotes.append(f"<li>{quoted}{name}</li>")
    when = f', <span class="date">said {esc(claim.date)}</span>' if claim.date else ""
    evidence = f'<ul class="quotes">{"".join(quotes)}</ul>' if quotes else ""
    return (
        f'<li class="claim"{anchors.take(claim.id)}><code>{esc(claim.id)}</code> '
        f'{esc(claim.text)} <span class="by">({esc(claim.credit)}{when})</span>'
        f"{evidence}</li>"
    )


def names(sources: dict[str, Source], ids: Iterable[str]) -> str:
    return ", ".join(esc(source_name(sources, s)) for s in ids)


def answer_card(
    answer: AnswerView, sources: dict[str, Source], prefix: str, anchors: Anchors
) -> str:
    """A competing answer: what it says, its independent origins by name, its relays, and
    every claim that gives it."""
    origins = (
        f'<p class="origins">{esc(origins_text(answer.origin_count))}: '
        f"{names(sources, answer.origins)}</p>"
    )
    relays = (
        f'<p class="relays">Relayed by {names(sources, answer.relays)}</p>' if answer.relays else ""
    )
    claims = "".join(claim_item(c, prefix, anchors) for c in answer.claims)
    return (
        f'<article class="answer"><h4>{esc(answer.answer)}</h4>{origins}{relays}'
        f'<ul class="claims">{claims}</ul></article>'
    )


def _verdict(row: Row) -> str:
    conflict = row.conflict
    parts = []
    if conflict.upheld:
        upheld = f"<code>{esc(conflict.upheld)}</code>"
        parts.append(f'<p class="verdict">The claim upheld: {upheld}</p>')
    mark = internal_mark(row)
    if mark:
        parts.append(f'<p class="internal"><strong>{esc(mark)}</strong></p>')
    for label, text in (("Note", conflict.note), ("Resolution", conflict.resolution)):
        if text:
            parts.append(f'<p class="note">{label}: {esc(text)}</p>')
    return "".join(parts)


def _conflict_attributes(row: Row) -> str:
    conflict = row.conflict
    return (
        f'class="conflict" id="{esc(conflict.id)}" data-topic="{esc(conflict.topic or "")}"'
        f' data-status="{esc(conflict.status)}" data-sources="{esc(" ".join(row.sources))}"'
    )


def _basis(row: Row) -> str:
    """Why the claims conflict: the kind, and for figures how far apart they are."""
    conflict = row.conflict
    return esc(conflict.kind) + (f"; {esc(conflict.detail)}" if conflict.detail else "")


def _status(status: str) -> str:
    return f'<span class="status status-{esc(status)}">{esc(status)}</span>'


def conflict_item(row: Row, anchors: Anchors) -> str:
    """A conflict inside its dispute: which answers clash, on what basis, its verdict, and
    the claims on each side (linked to where they are shown in full)."""
    conflict = row.conflict
    clash = " vs ".join(f"<strong>{esc(said(side))}</strong>" for side in row.sides)
    by_side = "; ".join(", ".join(anchors.link(c.id) for c in side.claims) for side in row.sides)
    return (
        f"<li {_conflict_attributes(row)}><code>{esc(conflict.id)}</code> "
        f'{_status(conflict.status)} {clash} <span class="basis">({_basis(row)})</span>'
        f'<p class="sides">Claims: {by_side}</p>{_verdict(row)}</li>'
    )


def loose_conflict(row: Row, prefix: str, anchors: Anchors) -> str:
    """A contradiction on no single topic, each side with its claims in full."""
    conflict = row.conflict
    sides = "".join(
        f'<div class="side"><h4>{esc(said(side))}</h4><ul class="claims">'
        + "".join(claim_item(c, prefix, anchors) for c in side.claims)
        + "</ul></div>"
        for side in row.sides
    )
    return (
        f"<article {_conflict_attributes(row)}><h3><code>{esc(conflict.id)}</code> "
        f'{_status(conflict.status)} <span class="basis">({_basis(row)})</span></h3>'
        f'{_verdict(row)}<div class="sides-grid">{sides}</div></article>'
    )


def history_list(items: list[HistoryItem], anchors: Anchors) -> str:
    """Revisions and retractions, each read old → new with the time each answer holds."""
    lines = []
    for item in items:
        if item.superseded_by:
            who = (
                f"{anchors.link(item.claim.id)} → "
                f"{', '.join(anchors.link(c) for c in item.superseded_by)}"
            )
        else:
            who = f"{anchors.link(item.claim.id)} retracted {esc(item.retracted or '')}"
        lines.append(f"<li>{who}: {esc(item.change)} ({esc(item.claim.attribution)})</li>")
    return f'<ul class="history">{"".join(lines)}</ul>'


def uncompared_list(claims: list[ClaimView], prefix: str, anchors: Anchors) -> str:
    return f'<ul class="claims">{"".join(claim_item(c, prefix, anchors) for c in claims)}</ul>'


SOURCE_HEADERS = (
    "Source",
    "Kind",
    "Part of",
    "Reliability",
    "Originated",
    "Relayed",
    "Conflicts",
    "Opposed by",
)


def sources_table(rows: list[dict[str, object]], sources: dict[str, Source]) -> str:
    """One row per source (rows as :func:`tracker.analysis.sources.source_rows` gives them):
    the page's last part, where a reader checks who is who."""
    body = []
    for row in rows:
        ident = str(row["source"])
        listed = row["opposed"]
        opposed = [str(o) for o in listed] if isinstance(listed, list) else []
        part_of = str(row["part_of"] or "")
        cells = [
            f"{esc(row['name'])}<br><code>{esc(ident)}</code>",
            esc(row["kind"]),
            names(sources, [part_of]) if part_of else "—",
            esc(row["reliability"]) if row["reliability"] else "not rated",
            esc(row["originated"]),
            esc(row["relayed"]),
            esc(row["conflicts"]),
            names(sources, opposed) if opposed else "—",
        ]
        body.append(
            "<tr>"
            + "".join(
                f'<td data-label="{h}">{c}</td>' for h, c in zip(SOURCE_HEADERS, cells, strict=True)
            )
            + "</tr>"
        )
    head = "".join(f'<th scope="col">{h}</th>' for h in SOURCE_HEADERS)
    return (
        '<div class="scroll" role="region" aria-label="Sources" tabindex="0">'
        f'<table id="sources-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )
