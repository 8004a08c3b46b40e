"""`tracker lsp` driven over stdio by a real LSP client (pytest-lsp), on a copy of the bundled
corpus edited during the tests: diagnostics as you type (and in the files an edit affects),
completion, hover, definition, references, rename across files, code actions.

One server serves the whole module (starting one costs about half a second); each test
leaves the buffers it edits as it found them.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest
import pytest_asyncio
from conftest import REPO, installed_tracker
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities, make_test_lsp_client

pytestmark = pytest.mark.asyncio(loop_scope="module")

KILLING = "claims/haniyeh-killing.yaml"
SOURCES = "claims/sources.yaml"
FIGURES = "claims/figures.yaml"
REACTIONS = "claims/reactions.yaml"


class Editor:
    """The client with the buffers it has opened, as an editor holds them."""

    def __init__(self, client: LanguageClient, root: Path) -> None:
        self.client = client
        self.root = root
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}
        self.registered: list[types.RegistrationParams] = []  # by the server, in the client

    def uri(self, path: str) -> str:
        return (self.root / path).as_uri()

    def text(self, path: str) -> str:
        if path not in self.texts:
            return (self.root / path).read_text(encoding="utf-8")
        return self.texts[path]

    def put(self, path: str, text: str) -> None:
        """Open ``path`` with ``text``, or change its buffer to it (unsaved)."""
        uri = self.uri(path)
        if path not in self.texts:
            self.versions[path] = 1
            self.client.text_document_did_open(
                types.DidOpenTextDocumentParams(
                    types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
                )
            )
        else:
            self.versions[path] += 1
            self.client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(version=self.versions[path], uri=uri),
                    [types.TextDocumentContentChangeWholeDocument(text=text)],
                )
            )
        self.texts[path] = text

    def replace(self, path: str, old: str, new: str) -> None:
        text = self.text(path)
        assert old in text, old
        self.put(path, text.replace(old, new, 1))

    def restore(self, *paths: str) -> None:
        for path in paths:
            self.put(path, (self.root / path).read_text(encoding="utf-8"))

    def where(self, path: str, needle: str, offset: int = 0) -> types.Position:
        """The position of ``needle`` (plus ``offset`` characters) in the buffer."""
        for number, row in enumerate(self.text(path).splitlines()):
            if needle in row:
                return types.Position(number, row.index(needle) + offset)
        raise AssertionError(needle)

    async def settled(self) -> None:
        """Wait until the server has analysed every edit: a request answers only after it
        has, and its diagnostics are sent before the answer."""
        await self.client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(self.uri(KILLING)), types.Position(0, 0))
        )

    async def diagnostics(self, path: str) -> list[tuple[int, int, str, str]]:
        await self.settled()
        found: Sequence[types.Diagnostic] = self.client.diagnostics.get(self.uri(path), [])
        return [
            (d.range.start.line + 1, d.range.start.character + 1, str(d.code), d.message)
            for d in found
        ]

    async def actions(self, path: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
        """The code actions the server offers for one of its diagnostics."""
        found = await self.client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(self.uri(path)),
                diagnostic.range,
                types.CodeActionContext([diagnostic]),
            )
        )
        assert found is not None
        return [a for a in found if isinstance(a, types.CodeAction)]

    async def hover(self, path: str, needle: str) -> str:
        answer = await self.client.text_document_hover_async(
            types.HoverParams(
                types.TextDocumentIdentifier(self.uri(path)),
                self.where(path, needle, len(needle) - 2),
            )
        )
        assert answer is not None, needle
        assert isinstance(answer.contents, types.MarkupContent)
        return answer.contents.value

    def apply(self, edit: types.WorkspaceEdit) -> None:
        """Apply a workspace edit to the buffers (opening the files it touches)."""
        assert edit.changes is not None
        for uri, edits in edit.changes.items():
            path = Path(uri.removeprefix("file://")).relative_to(self.root).as_posix()
            lines = self.text(path).splitlines(keepends=True)
            starts = [0]
            for line in lines:
                starts.append(starts[-1] + len(line))
            text = "".join(lines)

            def offset(p: types.Position, starts: list[int] = starts) -> int:
                return starts[p.line] + p.character

            for change in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
                text = (
                    text[: offset(change.range.start)]
                    + change.new_text
                    + text[offset(change.range.end) :]
                )
            self.put(path, text)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def editor(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Editor]:
    root = tmp_path_factory.mktemp("lsp")
    shutil.copytree(REPO / "claims", root / "claims")
    shutil.copytree(REPO / "seeds", root / "seeds")
    before = sorted((p, p.read_bytes()) for p in root.rglob("*") if p.is_file())
    client = make_test_lsp_client()
    registered: list[types.RegistrationParams] = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)  # type: ignore[untyped-decorator]
    def register(params: types.RegistrationParams) -> None:
        registered.append(params)

    await client.start_io(installed_tracker(), "lsp", "--debounce", "0.01", cwd=root)
    await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri()
        )
    )
    editor = Editor(client, root)
    editor.registered = registered
    yield editor
    await client.shutdown_session()
    # The server never writes: not a file of the corpus changed, nothing was added.
    assert sorted((p, p.read_bytes()) for p in root.rglob("*") if p.is_file()) == before


async def test_the_bundled_corpus_has_no_diagnostics(editor: Editor) -> None:
    editor.put(KILLING, editor.text(KILLING))
    for path in (KILLING, SOURCES, FIGURES, REACTIONS):
        assert await editor.diagnostics(path) == []


async def test_claim_files_changed_on_disk_are_watched(editor: Editor) -> None:
    await editor.settled()
    [registration] = [r for p in editor.registered for r in p.registrations]
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    assert registration.register_options == {"watchers": [{"globPattern": "**/*.{yaml,yml}"}]}


async def test_a_typo_is_diagnosed_where_typed_and_where_it_matters(editor: Editor) -> None:
    editor.replace(KILLING, "source: mideast-officials", "source: mideast-oficials")
    found = await editor.diagnostics(KILLING)
    line = editor.where(KILLING, "mideast-oficials").line + 1
    assert found == [
        (
            line,
            13,
            "unknown-source",
            "unknown source 'mideast-oficials'; did you mean 'mideast-officials'?",
        )
    ]
    # The source it means is not reported unused in the sources file: the error offers it.
    assert await editor.diagnostics(SOURCES) == []
    # The did-you-mean fix, applied, clears it.
    uri = editor.uri(KILLING)
    [published] = editor.client.diagnostics[uri]
    offered = await editor.actions(KILLING, published)
    assert [a.title for a in offered] == [
        "Change to 'mideast-officials'",
        "Declare source 'mideast-oficials' in claims/sources.yaml",
    ]
    fix = offered[0]
    assert fix.is_preferred
    assert fix.edit is not None
    editor.apply(fix.edit)
    assert await editor.diagnostics(KILLING) == []
    assert await editor.diagnostics(SOURCES) == []


async def test_an_edit_reaches_the_files_it_affects(editor: Editor) -> None:
    """A source renamed in the sources file makes the claims of another file that name it
    unknown there, and renaming it back clears them."""
    editor.replace(SOURCES, "  fars:\n", "  farz:\n")
    found = await editor.diagnostics(KILLING)
    assert [d[2] for d in found] == ["unknown-source", "unknown-source"]
    assert all("did you mean 'farz'?" in d[3] for d in found)
    editor.restore(SOURCES)
    assert await editor.diagnostics(KILLING) == []


async def test_a_misspelt_key_is_fixed_by_its_did_you_mean(editor: Editor) -> None:
    editor.replace(KILLING, "    source: fars\n", "    soruce: fars\n")
    await editor.diagnostics(KILLING)
    published = editor.client.diagnostics[editor.uri(KILLING)]
    [unknown] = [d for d in published if d.code == "unknown-key"]
    assert unknown.range.end.character - unknown.range.start.character == len("soruce")
    [fix] = await editor.actions(KILLING, unknown)
    assert fix.title == "Change to 'source'"
    assert fix.edit is not None
    editor.apply(fix.edit)
    assert "    source: fars\n" in editor.text(KILLING)
    assert await editor.diagnostics(KILLING) == []
    editor.restore(KILLING)


async def test_a_file_that_does_not_parse_makes_no_id_unknown_elsewhere(editor: Editor) -> None:
    editor.replace(SOURCES, "  afp:\n", "  afp:\n  - [\n")
    found = await editor.diagnostics(SOURCES)
    assert [d[2] for d in found] == ["syntax"]
    assert "in other files to ids it may declare are not checked" in found[0][3]
    for path in (KILLING, FIGURES, REACTIONS):
        assert await editor.diagnostics(path) == [], path
    editor.restore(SOURCES)
    assert await editor.diagnostics(SOURCES) == []


async def test_quote_this_value_fixes_a_stray_colon(editor: Editor) -> None:
    editor.replace(
        KILLING,
        "text: Haniyeh was killed by a projectile.",
        "text: Fars said: Haniyeh was killed by a projectile.",
    )
    found = await editor.diagnostics(KILLING)
    assert [d[2] for d in found] == ["syntax"]
    [syntax] = editor.client.diagnostics[editor.uri(KILLING)]
    [quote] = await editor.actions(KILLING, syntax)
    assert quote.title == "Quote this value"
    assert quote.edit is not None
    editor.apply(quote.edit)
    assert 'text: "Fars said: Haniyeh was killed by a projectile."' in editor.text(KILLING)
    assert await editor.diagnostics(KILLING) == []
    editor.restore(KILLING)


async def test_declare_source_adds_a_stub_to_the_sources_file(editor: Editor) -> None:
    editor.replace(KILLING, "source: fars\n", "source: tasnim\n")
    found = await editor.diagnostics(KILLING)
    assert [d[2:] for d in found] == [
        ("unknown-source", "unknown source 'tasnim'; declare it under 'sources'")
    ]
    [unknown] = editor.client.diagnostics[editor.uri(KILLING)]
    [declare] = await editor.actions(KILLING, unknown)
    assert declare.title == "Declare source 'tasnim' in claims/sources.yaml"
    assert declare.edit is not None
    assert declare.edit.changes is not None
    assert list(declare.edit.changes) == [editor.uri(SOURCES)]
    editor.apply(declare.edit)
    assert "  tasnim:\n    name: tasnim\n" in editor.text(SOURCES)
    assert await editor.diagnostics(KILLING) == []
    assert await editor.diagnostics(SOURCES) == []
    editor.restore(KILLING, SOURCES)


async def test_completion_offers_what_the_key_takes(editor: Editor) -> None:
    async def labels(path: str, needle: str, offset: int) -> dict[str, str | None]:
        found = await editor.client.text_document_completion_async(
            types.CompletionParams(
                types.TextDocumentIdentifier(editor.uri(path)),
                editor.where(path, needle, offset),
            )
        )
        assert isinstance(found, types.CompletionList)
        return {item.label: item.detail for item in found.items}

    sources = await labels(KILLING, "source: mideast-officials", len("source: "))
    assert sources["afp"] == "Agence France-Presse (agency)"
    assert "idf-hagari" in sources
    assert "haniyeh-killing.method" not in sources
    assert "nyt" in await labels(KILLING, "via: [nyt, afp]", len("via: [nyt, "))
    topics = await labels(KILLING, "topic: haniyeh-killing.method", len("topic: "))
    assert topics["haniyeh-killing.method"] == "How was Ismail Haniyeh killed?"
    positions = await labels(KILLING, "position: explosive device", len("position: "))
    assert list(positions) == ["explosive device", "projectile", "aerial strike"]
    claims = await labels(KILLING, "claims: [israel-says-response", len("claims: ["))
    assert "fars-projectile" in claims
    assert "afp" not in claims
    documents = await labels(KILLING, "document: seeds/", len("document: "))
    assert list(documents) == ["seeds/haniyeh-tehran-2024-08-02.txt"]
    stances = await labels(KILLING, "stance: denies", len("stance: "))
    assert list(stances) == ["asserts", "denies"]


async def test_hover_on_a_claim_a_source_and_a_topic(editor: Editor) -> None:
    claim = await editor.hover(KILLING, "id: nyt-planted-device")
    assert "“explosive device”, an answer with 1 independent origin" in claim
    # Each conflict names the other claim and what it says there.
    assert (
        "It is in 2 conflicts: position with `fars-projectile` saying “projectile” (open)"
    ) in claim
    source = await editor.hover(KILLING, "source: idf-hagari")
    assert "**Daniel Hagari** (source `idf-hagari`)" in source
    assert "kind: person · reliability: C" in source
    assert "part of: Israeli military (`israel-military`) → Government of Israel" in source
    topic = await editor.hover(KILLING, "topic: haniyeh-killing.method")
    assert "**How was Ismail Haniyeh killed?**" in topic
    assert "- projectile: 1 independent origin (1 claim)" in topic


async def test_hover_on_a_revised_claim_says_who_revised_it(editor: Editor) -> None:
    editor.replace(
        KILLING,
        "claims:\n",
        "claims:\n  - {id: fars-revised, text: t, source: fars, topic: haniyeh-killing.method,"
        " position: projectile, supersedes: [fars-projectile]}\n",
    )
    revised = await editor.hover(KILLING, "id: fars-projectile")
    editor.restore(KILLING)
    assert "It was revised by `fars-revised`: “projectile” is history" in revised, revised


async def test_definition_and_references_across_files(editor: Editor) -> None:
    where = editor.where(KILLING, "source: idf-hagari", len("source: "))
    document = types.TextDocumentIdentifier(editor.uri(KILLING))
    definitions = await editor.client.text_document_definition_async(
        types.DefinitionParams(text_document=document, position=where)
    )
    assert isinstance(definitions, list)
    [definition] = definitions
    assert isinstance(definition, types.Location)
    assert definition.uri == editor.uri(SOURCES)
    assert definition.range.start == editor.where(SOURCES, "idf-hagari:")
    references = await editor.client.text_document_references_async(
        types.ReferenceParams(
            text_document=document,
            position=where,
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    assert references is not None
    assert {r.uri for r in references} == {editor.uri(KILLING)}
    assert len(references) == editor.text(KILLING).count("idf-hagari")


async def test_rename_a_source_across_every_file(editor: Editor) -> None:
    where = editor.where(SOURCES, "  afp:", 2)
    edit = await editor.client.text_document_rename_async(
        types.RenameParams(types.TextDocumentIdentifier(editor.uri(SOURCES)), where, "agence-fp")
    )
    assert edit is not None
    assert edit.changes is not None
    paths = [SOURCES, KILLING, FIGURES, REACTIONS]
    assert set(edit.changes) == {editor.uri(p) for p in paths}
    for path in paths:
        assert len(edit.changes[editor.uri(path)]) == len(
            [
                w
                for w in editor.text(path).replace("[", " ").replace(",", " ").split()
                if w in ("afp", "afp:", "afp]")
            ]
        ), path
    editor.apply(edit)
    assert "afp" not in editor.text(KILLING).replace("AFP", "")
    for path in paths:
        assert await editor.diagnostics(path) == [], path
    with pytest.raises(Exception, match="is not an id"):  # the server answers an LSP error
        await editor.client.text_document_rename_async(
            types.RenameParams(
                types.TextDocumentIdentifier(editor.uri(SOURCES)), where, "Not An Id"
            )
        )
    editor.restore(*paths)
    assert await editor.diagnostics(KILLING) == []
