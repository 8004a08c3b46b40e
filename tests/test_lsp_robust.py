"""`tracker lsp` under abuse, spoken to byte by byte: a malformed request, a request for an
unknown method or with wrong parameters, a 64 MiB document, a file outside the claims
folder, and a client that disappears. The server answers LSP errors or ignores what is not
its own, keeps serving, exits cleanly when its client goes, and never writes a file. It is
started outside the workspace and serves the root the client names."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from conftest import REPO, installed_tracker

from tracker.reading.files import MAX_FILE_BYTES


class Wire:
    """A server process and the JSON-RPC messages it sends, read on a thread."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [installed_tracker(), "lsp", "--debounce", "0"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                if line in (b"\r\n", b"\n"):
                    break
            assert length is not None
            self.messages.put(json.loads(stream.read(length)))

    def raw(self, body: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def send(self, method: str, params: Any, ident: int | None = None) -> None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if ident is not None:
            message["id"] = ident
        self.raw(json.dumps(message).encode())

    def until(self, wanted: Any) -> dict[str, Any]:
        """The first message ``wanted(message)`` accepts (others are kept aside)."""
        while True:
            message = self.messages.get(timeout=20)
            if wanted(message):
                return message

    def answer(self, ident: int) -> dict[str, Any]:
        return self.until(lambda m: m.get("id") == ident and "method" not in m)


def _contents(root: Path) -> list[tuple[Path, bytes | None]]:
    return sorted((p, p.read_bytes() if p.is_file() else None) for p in root.rglob("*"))


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Wire, Path]]:
    root = tmp_path_factory.mktemp("wire")
    shutil.copytree(REPO / "claims", root / "claims")
    before = _contents(root)
    # Started elsewhere, as an editor may: the root it names is what the server serves.
    server = Wire(tmp_path_factory.mktemp("elsewhere"))
    server.send("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}, 1)
    assert "capabilities" in server.answer(1)["result"]
    server.send("initialized", {})
    yield server, root
    if server.process.poll() is None:
        server.process.kill()
        server.process.wait()
    assert _contents(root) == before  # nothing written


def test_malformed_and_wrong_requests_get_lsp_errors(wire: tuple[Wire, Path]) -> None:
    server, root = wire
    server.raw(b"{this is not json")
    server.send("tracker/nothing", {}, 2)
    assert server.answer(2)["error"]["code"] == -32601  # method not found
    server.send("textDocument/hover", {"textDocument": {"uri": 3}}, 3)
    assert "error" in server.answer(3)
    uri = (root / "claims/haniyeh-killing.yaml").as_uri()
    where = {"textDocument": {"uri": uri}, "position": {"line": 14, "character": 15}}
    server.send("textDocument/hover", where, 4)
    assert "Middle Eastern officials" in server.answer(4)["result"]["contents"]["value"]


def test_a_file_outside_the_claims_folder_is_left_alone(wire: tuple[Wire, Path]) -> None:
    server, root = wire
    outside = (root / "elsewhere.yaml").as_uri()
    document = {"uri": outside, "languageId": "yaml", "version": 1, "text": "claims: [\n"}
    server.send("textDocument/didOpen", {"textDocument": document})
    where = {"textDocument": {"uri": outside}, "position": {"line": 0, "character": 1}}
    server.send("textDocument/hover", where, 5)
    assert server.answer(5)["result"] is None
    server.send("textDocument/completion", where, 6)
    assert server.answer(6)["result"]["items"] == []


def test_a_64_mib_document_is_refused_as_validate_refuses_the_file(
    wire: tuple[Wire, Path],
) -> None:
    server, root = wire
    uri = (root / "claims/huge.yaml").as_uri()
    text = "# " + "x" * MAX_FILE_BYTES + "\n"
    document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
    server.send("textDocument/didOpen", {"textDocument": document})
    published = server.until(
        lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
    )
    [problem] = published["params"]["diagnostics"]
    assert problem["code"] == "read"
    assert f"over the limit of {MAX_FILE_BYTES:,}" in problem["message"]
    server.send("textDocument/didClose", {"textDocument": {"uri": uri}})
    cleared = server.until(
        lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
    )
    assert cleared["params"]["diagnostics"] == []


def test_the_server_exits_when_its_client_disappears(wire: tuple[Wire, Path]) -> None:
    server, _ = wire
    assert server.process.stdin is not None
    server.process.stdin.close()
    assert server.process.wait(timeout=20) == 0
    assert server.process.stderr is not None
    assert b"Traceback" not in server.process.stderr.read()
