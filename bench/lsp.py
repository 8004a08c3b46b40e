"""`tracker lsp` at scale, through a real LSP client (pygls's): `make bench` runs it, or
`python bench/lsp.py --claims 100000`.

On a generated corpus (bench/generate.py: 100 claims a file) it measures, against the floor
of bench/run.py (every claim file loaded with PyYAML's libyaml loader, in-process):
  - the server's first analysis (initialize to the answer of a first request);
  - a didChange of one file (a claim's answer changed) to that file's published diagnostics;
  - the same change to a hover on the changed claim that shows its new answer;
  - the resident memory of the idle server;
and profiles one re-analysis after an edit in-process (the server's own Workspace), listing
the functions that take the time. Results go to stdout (and --output, Markdown).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402
from run import FLOOR  # noqa: E402

TRACKER = str(Path(sys.executable).parent / "tracker")
EDITED = "claims/part-00001.yaml"
POSITIONS = ("explosive device", "projectile", "aerial strike")


def floor_seconds(corpus: Path, rounds: int) -> float:
    import os

    here = os.getcwd()
    os.chdir(corpus)
    try:
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            exec(FLOOR, {})
            times.append(time.perf_counter() - start)
    finally:
        os.chdir(here)
    return statistics.median(times)


def edited(text: str, round_number: int) -> tuple[str, str, int, str]:
    """The file with its first claim on a choice topic given another position: the new
    text, the claim's id, the line of its id and the new position."""
    lines = text.split("\n")
    claim, id_line = "", 0
    for number, line in enumerate(lines):
        if line.startswith("  - id: "):
            claim, id_line = line.removeprefix("  - id: "), number
        if line.startswith("    position: "):
            position = POSITIONS[round_number % len(POSITIONS)]
            if line == f"    position: {position}":
                position = POSITIONS[(round_number + 1) % len(POSITIONS)]
            lines[number] = f"    position: {position}"
            return "\n".join(lines), claim, id_line, position
    raise SystemExit("no claim with a position in the edited file")


def resident_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def measure(corpus: Path, rounds: int) -> dict[str, float]:
    client = LanguageClient("bench", "1")
    published: dict[str, asyncio.Future[float]] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        waiting = published.get(params.uri)
        if waiting is not None and not waiting.done():
            waiting.set_result(time.perf_counter())

    await client.start_io(TRACKER, "--no-cache", "lsp", "--debounce", "0", cwd=str(corpus))
    uri = (corpus / EDITED).as_uri()
    document = types.TextDocumentIdentifier(uri=uri)
    start = time.perf_counter()
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=corpus.as_uri())
    )
    client.initialized(types.InitializedParams())
    await client.text_document_hover_async(
        types.HoverParams(text_document=document, position=types.Position(line=0, character=0))
    )
    results = {"first analysis": time.perf_counter() - start}
    text = (corpus / EDITED).read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        )
    )
    await client.text_document_hover_async(
        types.HoverParams(text_document=document, position=types.Position(line=0, character=0))
    )
    to_diagnostics, to_hover = [], []
    version = 1
    for round_number in range(2 * rounds):
        new, claim, id_line, position = edited(text, round_number)
        version += 1
        change = types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=new)],
        )
        if round_number % 2 == 0:
            published[uri] = asyncio.get_running_loop().create_future()
            start = time.perf_counter()
            client.text_document_did_change(change)
            to_diagnostics.append(await published[uri] - start)
        else:
            start = time.perf_counter()
            client.text_document_did_change(change)
            hover = await client.text_document_hover_async(
                types.HoverParams(
                    text_document=document,
                    position=types.Position(line=id_line, character=10),
                )
            )
            to_hover.append(time.perf_counter() - start)
            assert hover is not None, claim
            assert isinstance(hover.contents, types.MarkupContent)
            assert f"“{position}”" in hover.contents.value, hover.contents.value
        text = new
    await asyncio.sleep(1)
    server = client._server  # the server's process
    assert server is not None
    results["change to diagnostics"] = statistics.median(to_diagnostics)
    results["change to updated hover"] = statistics.median(to_hover)
    results["idle server MiB"] = resident_mib(server.pid)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()  # type: ignore[no-untyped-call]
    return results


def profile(corpus: Path, top: int) -> str:
    """One re-analysis after an edit, profiled in this process: the server's Workspace."""
    import os

    from tracker.lsp.workspace import Workspace

    here = os.getcwd()
    os.chdir(corpus)
    try:
        workspace = Workspace(Path("claims"))
        workspace.refresh()
        text = (corpus / EDITED).read_text(encoding="utf-8")
        workspace.hold(EDITED, edited(text, 0)[0])
        profiler = cProfile.Profile()
        profiler.enable()
        workspace.refresh()
        profiler.disable()
    finally:
        os.chdir(here)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", type=int, default=25, help="functions listed (0: none)")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder)
        generate(corpus, args.claims)
        floor = floor_seconds(corpus, 3)
        results = asyncio.run(measure(corpus, args.rounds))
        profiled = profile(corpus, args.profile) if args.profile else ""
    lines = [
        f"## tracker lsp, {args.claims:,} claims in {max(1, args.claims // 100):,} files",
        "",
        "| measure | value | / floor |",
        "|---|---|---|",
        f"| floor: libyaml load of every file | {floor:.2f} s | 1.00x |",
    ]
    for name, value in results.items():
        if name.endswith("MiB"):
            lines.append(f"| {name} | {value:.0f} MiB | |")
        else:
            lines.append(f"| {name} | {value:.2f} s | {value / floor:.2f}x |")
    text = "\n".join(lines) + "\n"
    if profiled:
        text += "\nOne re-analysis after an edit, by cumulative time:\n\n```\n" + profiled + "```\n"
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
