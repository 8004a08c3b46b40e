"""The language server: pygls over stdio, each LSP request answered from a :class:`Workspace`.

Edits are debounced: a change marks the corpus stale and, after ``debounce`` seconds without
another change, it is analysed again and the diagnostics of every file that changed are
published. A request that needs the corpus (hover, completion, ...) first brings it up to
date, so it answers from the text the editor sent last. Nothing is ever written to disk.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInternalError, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from tracker import __version__
from tracker.lsp import actions
from tracker.lsp.completion import completions
from tracker.lsp.convert import SOURCE, character, position, span, to_lsp
from tracker.lsp.hover import hover_text
from tracker.lsp.occurrences import Occurrence
from tracker.lsp.setup import Options, root_of, workspace_for
from tracker.lsp.workspace import Workspace

log = logging.getLogger("tracker.lsp")
ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
P = TypeVar("P")
R = TypeVar("R")


def guarded(handler: Callable[[TrackerServer, P], R]) -> Callable[[TrackerServer, P], R]:
    """A request handler whose failure (a bug) is logged in one line and answered with an
    LSP internal error that says what failed, never with a traceback (pygls would send one
    in the error's data)."""

    @functools.wraps(handler)
    def answer(ls: TrackerServer, params: P) -> R:
        try:
            return handler(ls, params)
        except JsonRpcException:
            raise
        except Exception as error:
            what = f"{type(error).__name__}: {error}"
            log.error("tracker lsp: %s failed: %s", handler.__name__, what)
            raise JsonRpcInternalError(f"tracker lsp could not answer: {what}") from None

    return answer


class Protocol(LanguageServerProtocol):
    """pygls's protocol, answering a request whose parameters do not have the LSP shape with
    an InvalidParams error (pygls logs it and answers nothing: the client would wait)."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcInvalidParams:
            if isinstance(data, dict) and "id" in data and "method" in data:
                refused = JsonRpcInvalidParams(f"invalid parameters for {data['method']}")
                self._send_response(data["id"], error=refused.to_response_error())
            raise


class TrackerServer(LanguageServer):
    """pygls's server with the workspace and the debounced analysis."""

    def __init__(self, workspace: Workspace, debounce: float) -> None:
        super().__init__("tracker", __version__, protocol_cls=Protocol)
        self.corpus = workspace
        self.debounce = debounce
        self._stale = True
        self._timer: asyncio.TimerHandle | None = None

    # Analysis

    def touched(self) -> None:
        """The corpus changed: analyse it once the edits pause."""
        self._stale = True
        if self._timer is not None:
            self._timer.cancel()
        self._timer = asyncio.get_running_loop().call_later(self.debounce, self.settle)

    def settle(self) -> None:
        """Analyse the corpus if it is stale, and publish what changed."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._stale:
            return
        self._stale = False
        try:
            published = self.corpus.refresh()
        except Exception as error:  # a bug must not stop the server: keep the last analysis
            log.error("tracker lsp: the analysis failed: %s: %s", type(error).__name__, error)
            return
        for problem in published.elsewhere:
            log.warning("%s", problem)
        for path, found in published.by_path.items():
            lines = self.corpus.lines(path)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=self.corpus.uri_of(path),
                    diagnostics=[to_lsp(d, lines) for d in found],
                )
            )

    def path(self, uri: str) -> str | None:
        found = self.corpus.path_of(uri)
        if found is None:
            log.info("tracker lsp: %s is not a claim file of %s", uri, self.corpus.claims_dir)
        return found

    def at(self, uri: str, where: types.Position) -> Occurrence | None:
        """The id under the cursor, in the corpus as the editor has it now."""
        path = self.path(uri)
        if path is None:
            return None
        self.settle()
        lines = self.corpus.lines(path)
        row = lines[where.line] if 0 <= where.line < len(lines) else ""
        return self.corpus.occurrence_at(path, where.line + 1, character(row, where.character) + 1)

    def location(self, found: Occurrence) -> types.Location:
        lines = self.corpus.lines(found.path)
        return types.Location(
            uri=self.corpus.uri_of(found.path),
            range=span(lines, found.line, found.column, found.end),
        )

    def same(self, found: Occurrence) -> list[Occurrence]:
        return [o for o in self.corpus.occurrences() if o.kind == found.kind and o.id == found.id]


def build_server(options: Options, debounce: float) -> TrackerServer:
    """The server; it serves the claims folder of the root the editor names (tracker.lsp.setup)."""
    server = TrackerServer(Workspace(options.claims_dir or Path("claims")), debounce)

    @server.feature(types.INITIALIZE)
    def initialize(ls: TrackerServer, params: types.InitializeParams) -> None:
        folders = params.workspace_folders or []
        root = root_of(params.root_uri or (folders[0].uri if folders else None), params.root_path)
        ls.corpus, problem = workspace_for(root, options)
        if problem is not None:
            log.warning("%s", problem)
            ls.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Warning, message=problem)
            )

    @server.feature(types.INITIALIZED)
    def initialized(ls: TrackerServer, params: types.InitializedParams) -> None:
        ls.settle()
        watching = ls.client_capabilities.workspace
        watched = watching.did_change_watched_files if watching else None
        if watched is not None and watched.dynamic_registration:
            # Claim files changed on disk (a checkout, another program) are checked again.
            ls.client_register_capability(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="tracker-claim-files",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers=[types.FileSystemWatcher(glob_pattern="**/*.{yaml,yml}")]
                            ),
                        )
                    ]
                )
            )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TrackerServer, params: types.DidOpenTextDocumentParams) -> None:
        path = ls.path(params.text_document.uri)
        if path is not None:
            ls.corpus.hold(path, params.text_document.text)
            ls.touched()

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TrackerServer, params: types.DidChangeTextDocumentParams) -> None:
        path = ls.path(params.text_document.uri)
        if path is not None:
            text = ls.workspace.get_text_document(params.text_document.uri).source
            ls.corpus.hold(path, text)
            ls.touched()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TrackerServer, params: types.DidCloseTextDocumentParams) -> None:
        path = ls.path(params.text_document.uri)
        if path is not None:
            ls.corpus.release(path)
            ls.touched()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def files_changed(ls: TrackerServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.touched()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded
    def hover(ls: TrackerServer, params: types.HoverParams) -> types.Hover | None:
        found = ls.at(params.text_document.uri, params.position)
        text = hover_text(ls.corpus, found) if found else None
        if found is None or text is None:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
            range=ls.location(found).range,
        )

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @guarded
    def definition(ls: TrackerServer, params: types.DefinitionParams) -> list[types.Location]:
        found = ls.at(params.text_document.uri, params.position)
        declared = ls.corpus.declaration(found.kind, found.id) if found else None
        return [ls.location(declared)] if declared else []

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    @guarded
    def references(ls: TrackerServer, params: types.ReferenceParams) -> list[types.Location]:
        found = ls.at(params.text_document.uri, params.position)
        if found is None:
            return []
        wanted = params.context.include_declaration
        return [ls.location(o) for o in ls.same(found) if wanted or not o.declaration]

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    @guarded
    def prepare_rename(ls: TrackerServer, params: types.PrepareRenameParams) -> types.Range | None:
        found = ls.at(params.text_document.uri, params.position)
        return ls.location(found).range if found else None

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    @guarded
    def rename(ls: TrackerServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        found = ls.at(params.text_document.uri, params.position)
        if found is None:
            return None
        if not ID.fullmatch(params.new_name):
            raise JsonRpcInvalidParams(
                f"'{params.new_name}' is not an id: ids match [a-z0-9][a-z0-9._-]*"
            )
        changes: dict[str, list[types.TextEdit]] = {}
        for o in ls.same(found):
            place = ls.location(o)
            changes.setdefault(place.uri, []).append(types.TextEdit(place.range, params.new_name))
        return types.WorkspaceEdit(changes=changes)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[":", " ", "[", ",", "/"]),
    )
    @guarded
    def complete(ls: TrackerServer, params: types.CompletionParams) -> types.CompletionList:
        path = ls.path(params.text_document.uri)
        items: list[types.CompletionItem] = []
        if path is not None:
            ls.settle()
            lines = ls.corpus.lines(path)
            line = params.position.line
            row = lines[line] if 0 <= line < len(lines) else ""
            column = character(row, params.position.character)
            for offer in completions(ls.corpus, path, line, column):
                edit = types.TextEdit(
                    range=span(lines, line + 1, offer.start + 1, column + 1),
                    new_text=offer.label,
                )
                items.append(
                    types.CompletionItem(label=offer.label, detail=offer.detail, text_edit=edit)
                )
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    @guarded
    def code_action(ls: TrackerServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        path = ls.path(params.text_document.uri)
        if path is None:
            return []
        ls.settle()
        return list(_actions(ls, path, params.context.diagnostics))

    return server


def _actions(
    ls: TrackerServer, path: str, diagnostics: Iterable[types.Diagnostic]
) -> Iterable[types.CodeAction]:
    lines = ls.corpus.lines(path)
    for diagnostic in diagnostics:
        if diagnostic.source not in (SOURCE, None):
            continue
        start, end = diagnostic.range.start, diagnostic.range.end
        row = lines[start.line] if 0 <= start.line < len(lines) else ""
        found: list[actions.Action | None] = [
            actions.did_you_mean(
                path,
                lines,
                diagnostic.message,
                start.line,
                character(row, start.character),
                character(row, end.character) if end.line == start.line else len(row),
            )
        ]
        if diagnostic.code == "syntax":
            found.append(actions.quote_value(path, lines, start.line))
        if diagnostic.code == "unknown-source":
            found.append(actions.declare_source(ls.corpus, path, diagnostic.message))
        for action in found:
            if action is not None:
                yield _code_action(ls, action, diagnostic)


def _code_action(
    ls: TrackerServer, action: actions.Action, diagnostic: types.Diagnostic
) -> types.CodeAction:
    changes: dict[str, list[types.TextEdit]] = {}
    for edit in action.edits:
        lines = ls.corpus.lines(edit.path)
        start = position(lines, edit.line + 1, edit.start + 1)
        end = position(lines, edit.end_line + 1, edit.end + 1)
        changes.setdefault(ls.corpus.uri_of(edit.path), []).append(
            types.TextEdit(types.Range(start, end), edit.text)
        )
    return types.CodeAction(
        title=action.title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=action.preferred or None,
        edit=types.WorkspaceEdit(changes=changes),
    )


def serve(options: Options, debounce: float = 0.15) -> None:
    """Run the server on standard input and output until the client exits."""
    build_server(options, debounce).start_io()


__all__ = ["Options", "build_server", "serve"]
