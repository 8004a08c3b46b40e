"""The server's diagnostics are `tracker validate`'s: the same files, lines, columns, codes,
severities and messages, with the same warnings chosen (--select, the settings' ignore, a
line's ignore comment), for every file of the bundled corpus (as it is, and with mistakes
saved into it) and of every hostile case (tests/hostile, each beside the shared base.yaml as
tests/test_hostile.py checks them). One server per corpus; the files change on disk and the
server is told so, as an editor's file watcher tells it."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from click.testing import CliRunner
from conftest import BASE, DOCUMENT, REPO, installed_tracker
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities, make_test_lsp_client

from tracker.cli import cli

pytestmark = pytest.mark.asyncio(loop_scope="module")

HOSTILE = REPO / "tests" / "hostile"
# Warnings chosen on the command line (one off by default), and one of them ignored by the
# settings (pyproject.toml, below): both servers and validate apply the same choice.
SELECT = ["--select", "uncompared-claim", "--select", "unused-source", "--select", "no-evidence"]
Found = set[tuple[str, int, int, str, str, str]]


async def _server(root: Path) -> LanguageClient:
    client = make_test_lsp_client()
    await client.start_io(installed_tracker(), "lsp", "--debounce", "0", *SELECT, cwd=root)
    await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri()
        )
    )
    return client


def _column(path: Path, line: int, utf16: int) -> int:
    """A UTF-16 offset of the file's line as a 1-based character column."""
    try:
        rows = path.read_bytes().decode("utf-8", "replace").splitlines()
    except OSError:
        rows = []
    row = rows[line] if line < len(rows) else ""
    units = 0
    for index, c in enumerate(row):
        if units >= utf16:
            return index + 1
        units += 2 if ord(c) > 0xFFFF else 1
    return len(row) + 1 if units < utf16 or row else utf16 + 1


async def _published(client: LanguageClient, root: Path, probe: str) -> Found:
    """What the server publishes once the files changed on disk are analysed again."""
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[]))
    await client.text_document_hover_async(  # answered only after the analysis
        types.HoverParams(
            types.TextDocumentIdentifier((root / probe).as_uri()), types.Position(0, 0)
        )
    )
    found: Found = set()
    for uri, diagnostics in client.diagnostics.items():
        path = Path(uri.removeprefix("file://")).relative_to(root)
        for d in diagnostics:
            severity = "error" if d.severity == types.DiagnosticSeverity.Error else "warning"
            column = _column(root / path, d.range.start.line, d.range.start.character)
            found.add(
                (path.as_posix(), d.range.start.line + 1, column, severity, str(d.code), d.message)
            )
    return found


def _validated(root: Path) -> Found:
    """`tracker validate --format json` on the corpus (in this process: a process per case
    would cost a second each)."""
    here = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(cli, ["--no-cache", "validate", "--format", "json", *SELECT])
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return {
        (d["path"], d["line"], d["column"], d["severity"], d["code"], d["message"])
        for d in json.loads(result.stdout)["diagnostics"]
    }


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def server(
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[tuple[LanguageClient, Path]]:
    """One server for both corpora (a server costs a second to start): its claims folder
    holds the bundled corpus first, then the hostile cases one by one."""
    root = tmp_path_factory.mktemp("parity")
    shutil.copytree(REPO / "claims", root / "claims")
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "pyproject.toml").write_text('[tool.tracker]\nignore = ["no-evidence"]\n')
    client = await _server(root)
    yield client, root
    await client.shutdown_session()


MISTAKES = [
    ("sources.yaml", "  afp:\n", "  afp:\n    nmae: AFP\n"),  # unknown key, did you mean
    ("haniyeh-killing.yaml", "source: fars\n", "source: frs\n"),  # unknown source
    ("figures.yaml", "claims:", "claims: [\n"),  # a file that does not parse
    # a warning, and one silenced by its line's comment
    (
        "reactions.yaml",
        "sources:",
        "sources:\n  unused-one: {name: Nobody}\n"
        "  unused-two: {name: Nobody}  # tracker: ignore[unused-source]",
    ),
    # columns past a character UTF-16 counts twice; no evidence (ignored by the settings)
    (
        "reactions.yaml",
        "claims:",
        'claims:\n  - {id: smile, text: "\U0001f600 \U0001f600", source: nobody}',
    ),
]


async def test_bundled_corpus_as_it_is_and_with_mistakes(
    server: tuple[LanguageClient, Path],
) -> None:
    client, root = server
    found = _validated(root)
    assert {d[4] for d in found} == {"uncompared-claim"}  # selected, off by default
    assert await _published(client, root, "claims/sources.yaml") == found
    for name, old, new in MISTAKES:
        path = root / "claims" / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    expected = _validated(root)
    assert {d[4] for d in expected} >= {"unknown-key", "unknown-source", "syntax"}
    assert "no-evidence" not in {d[4] for d in expected}  # ignored by the settings
    assert any(d[2] > 30 for d in expected if "nobody" in d[5])  # after the two emoji
    assert await _published(client, root, "claims/sources.yaml") == expected


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.iterdir()))
async def test_hostile_case(name: str, server: tuple[LanguageClient, Path]) -> None:
    client, root = server
    if not (root / "seeds" / "outside-link.txt").is_symlink():  # the first case
        shutil.rmtree(root / "seeds")
        (root / "seeds").mkdir()
        (root / "seeds" / "doc.txt").write_text(DOCUMENT, encoding="utf-8")
        os.symlink("/etc/passwd", root / "seeds" / "outside-link.txt")
    for old in (root / "claims").iterdir():
        old.unlink()
    (root / "claims" / "base.yaml").write_text(BASE, encoding="utf-8")
    shutil.copyfile(HOSTILE / name, root / "claims" / name)
    expected = _validated(root)
    assert await _published(client, root, "claims/base.yaml") == expected
