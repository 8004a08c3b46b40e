"""What the cross-record rules share: the corpus and its files as one context (documents read
once), and how a reference to nothing is told and said."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tracker.corpus.records import Corpus
from tracker.diagnostics import Diagnostic, did_you_mean
from tracker.reading.files import CorpusFiles, DocumentRefused
from tracker.reading.parse import decode


@dataclass
class Context:
    corpus: Corpus
    files: CorpusFiles
    documents: dict[str, str | DocumentRefused] = field(default_factory=dict)

    def document_text(self, name: str) -> str | DocumentRefused:
        """A local document's text, read once however many claims quote it."""
        if name not in self.documents:
            try:
                text, problems = decode(name, self.files.read_document(name))
                self.documents[name] = (
                    text
                    if text is not None
                    else DocumentRefused(problems[0].message if problems else "unreadable")
                )
            except DocumentRefused as exc:
                self.documents[name] = exc
        return self.documents[name]


Rule = Callable[[Context], Iterable[Diagnostic]]


def missing_reference(ctx: Context, kind: str, ident: str, known: Iterable[str]) -> bool:
    """Whether a reference names nothing: not declared, not an entry that was declared but
    failed to read (whose own error is reported where it stands), and not a word of a file
    that does not parse (which may declare it; that file's error says so)."""
    if ident in known or (kind, ident) in ctx.corpus.broken:
        return False
    for path, words in ctx.corpus.unparsed.items():
        if ident in words:
            ctx.corpus.excused[path] = ctx.corpus.excused.get(path, 0) + 1
            return False
    return True


def unknown_message(kind: str, value: str, known: Iterable[str]) -> str:
    hint = did_you_mean(value, known)
    advice = f"did you mean '{hint}'?" if hint else f"declare it under '{kind}s'"
    return f"unknown {kind} '{value}'; {advice}"
