"""The HTML report in a real headless browser (Debian's Chromium driven by Playwright):
the table and the drawing render, a filter works, and claim text cannot run script."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, CorpusMaker
from playwright.sync_api import Browser, Page, sync_playwright

from tracker.analysis.pipeline import analyse_corpus
from tracker.analysis.report import build_report
from tracker.cli import cli
from tracker.render import render_report

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Chromium is installed by `make test` (Debian package chromium)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def open_page(browser: Browser, path: Path) -> tuple[Page, list[str], list[str]]:
    """The page, the URLs it requested, and the dialogs it tried to open."""
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    def dialog(d: object) -> None:
        dialogs.append(str(getattr(d, "message", "")))
        d.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", dialog)
    page.goto(path.resolve().as_uri())
    return page, requests, dialogs


def visible_rows(page: Page) -> int:
    return int(page.locator("tr.conflict:visible").count())


def test_committed_page_is_up_to_date() -> None:
    checked = analyse_corpus(REPO / "claims")
    assert checked.graph is not None
    page = render_report(
        build_report(checked.graph, checked.conflicts),
        "html",
        graph=checked.graph,
        document_prefix="..",
    )
    assert (REPO / "reports" / "index.html").read_text(encoding="utf-8") == page, (
        "run `make report` to regenerate reports/index.html"
    )


def test_bundled_report_renders_filters_and_is_self_contained(browser: Browser) -> None:
    page, requests, dialogs = open_page(browser, REPO / "reports" / "index.html")
    assert visible_rows(page) == 3
    assert page.locator("#shown").inner_text() == "3"
    # The drawing: every drawn node is there and the picture has a real size.
    box = page.locator("svg#graph").bounding_box()
    assert box is not None
    assert box["width"] > 300
    assert box["height"] > 300
    assert page.locator("svg#graph g.node").count() == 35
    assert page.locator("svg#graph g.node.conflict").count() == 3
    # Filters.
    page.select_option("#filter-topic", "haniyeh-killing.method")
    assert visible_rows(page) == 2
    assert page.locator("#shown").inner_text() == "2"
    page.select_option("#filter-source", "afp")
    assert visible_rows(page) == 2
    page.select_option("#filter-status", "resolved")
    assert visible_rows(page) == 0
    page.select_option("#filter-status", "")
    page.select_option("#filter-topic", "")
    page.select_option("#filter-source", "israel-government")
    assert visible_rows(page) == 1
    page.select_option("#filter-source", "")
    assert visible_rows(page) == 3
    # Quotes link to their documents, relative to the page.
    link = page.locator("a[href='../seeds/haniyeh-tehran-2024-08-02.txt']").first
    assert link.count() == 1
    page.screenshot(path=str(REPO / "reports" / "index.png"), full_page=True)
    assert all(url.startswith("file://") for url in requests), requests
    assert dialogs == []


def test_claim_text_cannot_inject_script_or_attributes(
    browser: Browser, make_corpus: CorpusMaker
) -> None:
    make_corpus(
        {
            "a.yaml": """\
        claims:
          - id: a
            text: <script>alert(1)</script>
            source: nyt
            topic: open-method
            position: '"><img src=x onerror=alert(2)>'
            evidence:
              - {document: "javascript://%0Aalert(3)", quote: q}
          - {id: b, text: "<b onmouseover=alert(4)>bold</b>", source: fars,
             topic: open-method, position: other}
        """
        }
    )
    result = CliRunner().invoke(cli, ["report", "--format", "html", "-o", "page.html"])
    assert result.exit_code == 0, result.stderr
    page, requests, dialogs = open_page(browser, Path("page.html"))
    page.hover("text=bold")
    page.wait_for_timeout(200)
    assert dialogs == []
    body = page.locator("body").inner_text()
    assert "<script>alert(1)</script>" in body
    assert '"><img src=x onerror=alert(2)>' in body
    assert page.locator("img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert all(url.startswith("file://") for url in requests), requests


AXE = REPO / ".venv" / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page: Page) -> list[dict[str, object]]:
    """axe-core's serious and critical violations on the page as it stands."""
    assert AXE.is_file(), "axe-core is installed by `make test` (npm install axe-core)"
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document)")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])}
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [400, 1400])
def test_page_is_accessible_and_fits_from_phone_to_desktop(browser: Browser, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((REPO / "reports" / "index.html").resolve().as_uri())
    assert axe_violations(page) == []
    assert page.locator("main").count() == 1
    # The page never scrolls sideways: the table scrolls inside its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # Every link inside the page leads somewhere that exists.
    targets = page.eval_on_selector_all(
        "a[href^='#']", "links => links.map(a => a.getAttribute('href').slice(1))"
    )
    assert targets
    for target in targets:
        assert page.locator(f"[id='{target}']").count() == 1, target
    name = "index.png" if width == 1400 else f"index-{width}.png"
    page.screenshot(path=str(REPO / "reports" / name), full_page=True)
