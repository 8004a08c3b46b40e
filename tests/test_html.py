"""The HTML report in a real headless browser (Debian's Chromium driven by Playwright): the
disputes and their pictures render with every label readable, the filters work, the page fits
a phone and passes axe-core, and claim text cannot run script."""

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


def visible_conflicts(page: Page) -> int:
    return int(page.locator(".conflict:visible").count())


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


# Every text of a picture: its box on the page, so that overlaps and clipping can be measured.
TEXT_BOXES = """svg => {
  const frame = svg.getBoundingClientRect();
  return {frame: [frame.left, frame.top, frame.right, frame.bottom],
          texts: [...svg.querySelectorAll('text')].map(t => {
            const r = t.getBoundingClientRect();
            return {text: t.textContent, box: [r.left, r.top, r.right, r.bottom]};
          })};
}"""


def picture_labels(page: Page, selector: str) -> list[list[str]]:
    """The labels of each picture matching ``selector``, after checking that none is empty,
    none leaves its picture and no two overlap."""
    found = []
    for svg in page.locator(selector).all():
        measured = svg.evaluate(TEXT_BOXES)
        left, top, right, bottom = measured["frame"]
        texts = measured["texts"]
        for label in texts:
            x1, y1, x2, y2 = label["box"]
            assert label["text"].strip(), "an empty label"
            drawn = x2 - x1 > 0 and y2 - y1 > 0
            assert drawn, f"{label['text']!r} is not drawn"
            inside = x1 >= left - 1 and x2 <= right + 1 and y1 >= top - 1 and y2 <= bottom + 1
            assert inside, f"{label['text']!r} leaves its picture"
        for index, first in enumerate(texts):
            for second in texts[index + 1 :]:
                a, b = first["box"], second["box"]
                apart = a[2] <= b[0] + 0.5 or b[2] <= a[0] + 0.5
                apart = apart or a[3] <= b[1] + 0.5 or b[3] <= a[1] + 0.5
                assert apart, f"{first['text']!r} overlaps {second['text']!r}"
        found.append([t["text"] for t in texts])
    return found


def test_bundled_report_shows_its_disputes_and_pictures_and_filters(browser: Browser) -> None:
    page, requests, dialogs = open_page(browser, REPO / "reports" / "index.html")
    assert visible_conflicts(page) == 3
    assert page.locator("#shown").inner_text() == "3"
    # The main question as one section: three camps side by side, then its two conflicts.
    dispute = page.locator("section.dispute")
    assert dispute.count() == 1
    assert dispute.locator("h3").inner_text() == "How was Ismail Haniyeh killed?"
    camps = dispute.locator(".answers").first.locator("article.answer h4").all_inner_texts()
    assert camps == ["explosive device", "not explosive device", "projectile"]
    assert dispute.locator(".conflict").count() == 2
    # Every answer to the question is on the page, the ones in no conflict too.
    assert dispute.locator("article.answer h4").all_inner_texts()[3:] == ["not aerial strike"]
    # So are the questions nobody disputes, each with its answers.
    questions = page.locator("#questions section.question h3").all_inner_texts()
    assert "Who carried out the killing of Ismail Haniyeh?" in questions
    assert len(questions) == 9
    # Its dispute map: every answer and originator labelled, nothing overlapping.
    (labels,) = picture_labels(page, "svg.dispute-map")
    for name in (*camps, "Middle Eastern officials", "Fars News Agency"):
        assert name in labels
    assert page.locator("svg.dispute-map path.link.open").count() == 2
    # The running totals as charts, with their axes labelled.
    for topic, unit in (("gaza.deaths", "people"), ("iran.arrests", "people")):
        (labels,) = picture_labels(page, f"svg.chart[data-topic='{topic}']")
        assert unit in labels
        assert "2024-08-02" in labels
        assert len([t for t in labels if t[0].isdigit() and "-" not in t]) >= 3, labels
    # Filters: by question, status and source; a part with nothing left hides.
    page.select_option("#filter-topic", "haniyeh-killing.method")
    assert visible_conflicts(page) == 2
    assert page.locator("#shown").inner_text() == "2"
    assert page.locator("#other").is_hidden()
    assert page.locator("#nothing-shown").is_hidden()
    page.select_option("#filter-source", "afp")
    assert visible_conflicts(page) == 2
    page.select_option("#filter-status", "resolved")
    assert visible_conflicts(page) == 0
    assert dispute.is_hidden()
    assert page.locator("#disputes").is_hidden()  # no heading left over nothing
    assert page.locator("#nothing-shown").is_visible()
    page.select_option("#filter-status", "")
    page.select_option("#filter-topic", "")
    page.select_option("#filter-source", "israel-government")
    assert visible_conflicts(page) == 1
    assert dispute.is_hidden()
    page.select_option("#filter-source", "")
    assert visible_conflicts(page) == 3
    # Quotes link to their documents, relative to the page.
    link = page.locator("a[href='../seeds/haniyeh-tehran-2024-08-02.txt']").first
    assert link.count() == 1
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
    # On a phone the sources table folds into one block per source: nothing to scroll to.
    if width == 400:
        region = page.locator("#sources .scroll")
        assert region.evaluate("r => r.scrollWidth <= r.clientWidth")
    # The pictures keep every label, unclipped and apart, at this width too.
    assert len(picture_labels(page, "svg.chart, svg.dispute-map")) == 5
    # Every link inside the page leads somewhere that exists.
    targets = page.eval_on_selector_all(
        "a[href^='#']", "links => links.map(a => a.getAttribute('href').slice(1))"
    )
    assert targets
    for target in targets:
        assert page.locator(f"[id='{target}']").count() == 1, target
    name = "index.png" if width == 1400 else f"index-{width}.png"
    page.screenshot(path=str(REPO / "reports" / name), full_page=True)


# A story whose pictures must hold more: four originators of a running total (a revision, a
# range, an open end each way, a claim's own tolerance) and five camps with long names.
STORY = """\
sources:
  moh: {name: Ministry of Health of the Autonomous Region, kind: official}
  army: {name: The Army, kind: military}
  rebels: {name: The Rebels, kind: organization}
  paper: {name: The Paper, kind: outlet}
  ngo:
    name: International Committee for the Documentation of Civilian Casualties
    kind: organization
  wire: {name: Wire, kind: agency}
topics:
  toll:
    question: How many died?
    kind: number
    unit: people
    cumulative: true
  cause:
    question: What brought the bridge down?
    positions: [a missile strike, a truck bomb, structural failure, sabotage by divers, flood]
claims:
  - {id: moh-500, text: t, source: moh, topic: toll, value: 500, as_of: 2023-10-17}
  - {id: moh-471, text: t, source: moh, topic: toll, value: 471, as_of: 2023-10-18,
     supersedes: [moh-500]}
  - {id: moh-520, text: t, source: moh, topic: toll, value: 520, as_of: 2023-10-21}
  - {id: army-range, text: t, source: army, topic: toll, value: [150, 250], as_of: 2023-10-18}
  - {id: rebels-over, text: t, source: rebels, topic: toll, value: [600, null],
     as_of: 2023-10-19}
  - {id: paper-under, text: t, source: paper, topic: toll, value: [null, 1000],
     as_of: 2023-10-20, tolerance: 10%}
  - {id: ngo-toll, text: t, source: ngo, via: [wire], topic: toll, value: 480,
     as_of: 2023-10-21}
  - {id: c-missile, text: t, source: army, via: [wire, paper], topic: cause,
     position: a missile strike}
  - {id: c-truck, text: t, source: rebels, via: [wire], topic: cause, position: a truck bomb}
  - {id: c-failure, text: t, source: ngo, topic: cause, position: structural failure}
  - {id: c-divers, text: t, source: moh, via: [paper], topic: cause,
     position: sabotage by divers}
  - {id: c-flood, text: t, source: paper, topic: cause, position: flood}
"""


def test_a_crowded_story_keeps_every_label_apart(
    browser: Browser, make_corpus: CorpusMaker
) -> None:
    make_corpus({"a.yaml": STORY}, base=False)
    result = CliRunner().invoke(cli, ["report", "--format", "html", "-o", "page.html"])
    assert result.exit_code == 0, result.stderr
    for width in (400, 1400):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(Path("page.html").resolve().as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        (chart,) = picture_labels(page, "svg.chart")
        (crowded,) = picture_labels(page, "svg.dispute-map")
        for camp in ("a missile strike", "a truck bomb", "structural failure", "flood"):
            assert camp in crowded
        # The long name is wrapped inside its box, not cut off: all its words are there.
        assert "Documentation" in " ".join(crowded)
        assert "people" in chart
        page.close()
    svg = page_svg = Path("page.html").read_text(encoding="utf-8")
    del page_svg
    # The running total: the ministry's standing figures as steps, its revised one faded.
    assert svg.count('class="steps"') == 1
    assert '<g class="point withdrawn" data-claim="moh-500">' in svg
    # A range as a bar, an open end each way as a dashed arrow, a claim's tolerance as a band.
    assert svg.count('class="range"') == 1
    assert svg.count('class="open-end"') == 2
    assert svg.count('class="band"') == 1
    # Ten pairs of the five camps conflict: ten links, one lane each.
    assert svg.count('class="link open"') == 10
