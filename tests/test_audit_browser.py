"""The audit dashboard in real headless Chromium (Debian's ``chromium``, driven by Playwright):
a batch of 1,000 reports, worst first, the element drill-down, filters and search, links to the
workbook and the originals, paging through the data shards, the phone layout, printing to PDF,
and a report's page.

Skips when Debian's chromium or the playwright package is absent. Screenshots and PDFs are
written to ``$SCORER_ARTIFACTS`` (default: the test's temporary folder).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
from audit_batch import SEEDS, make_run

from scorer.audit.record import Record
from scorer.cli.main import main

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
REPORTS = 1000

if not CHROMIUM.exists() or shutil.which("chromium") is None:
    pytest.skip("Debian chromium (/usr/bin/chromium) is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Record]]:
    """A run folder of 1,000 reports and each report's record, in input order."""
    base = tmp_path_factory.mktemp("big")
    records = make_run(base / "run", base / "in", REPORTS)
    return base / "run", records


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("audit") / "run"
    assert main(["audit", *map(str, SEEDS), "-o", str(out), "-j", "1", "-q"]) == 0
    return out


def _artifacts(tmp: Path) -> Path:
    folder = Path(os.environ.get("SCORER_ARTIFACTS", tmp))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    pg.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else problems.append(r.url))
    yield pg
    context.close()
    assert problems == [], problems  # no script error, no policy violation, nothing from elsewhere


def _names(pg: Any) -> list[str]:
    return [n.strip() for n in pg.locator("#ranking tbody td.who .file").all_inner_texts()]


def _scores(pg: Any) -> list[float]:
    return [float(s) for s in pg.locator("#ranking tbody tr td:nth-child(5)").all_inner_texts()]


def _wait_page(pg: Any, n: int) -> None:
    # a selector, not wait_for_function: the page's policy forbids evaluating strings
    pg.wait_for_selector(f"#ranking .page-no:has-text('第 {n} 页 ')")


def _all_pages(pg: Any) -> list[str]:
    """The file names of every report the ranking lists now, page by page."""
    pg.select_option("#f-per", "1000")
    pg.wait_for_selector("#ranking[data-ready='1']", state="attached")
    seen = _names(pg)
    while pg.locator("#ranking .pager").is_visible():
        label = pg.inner_text("#ranking .page-no")
        current, total = (int(x) for x in label.replace("第", "").replace("页", "").split("/ 共"))
        if current == total:
            break
        pg.click("#ranking .pager button[data-step='1']")
        _wait_page(pg, current + 1)
        seen += _names(pg)
    return seen


def _file(rec: Record) -> str:
    return Path(rec.path).name


def test_a_thousand_reports_worst_first_drill_down_and_filters(page: Any, big: tuple[Path, list[Record]],
                                                              tmp_path: Path) -> None:
    run, records = big
    page.goto((run / "index.html").as_uri())
    assert page.title() == "法治政府建设年度报告审查汇总"
    # the ranking comes before the charts, worst first, one page of rows in the document
    order = page.evaluate("Array.from(document.querySelectorAll('main > section')).map(s => s.id)")
    assert order.index("ranking") < order.index("coverage") < order.index("distribution")
    scores = _scores(page)
    assert len(scores) == 50 and scores == sorted(scores)
    assert scores[0] == min(float(r.report["score"]) for r in records)
    assert page.locator("#ranking tbody tr").count() == 50  # one page of rows, not a thousand
    assert (run / "index.html").stat().st_size < 600_000
    # issuer and file name, the path in a tooltip; links to the workbook and to the original
    first = page.locator("#ranking tbody tr").first
    file = first.locator(".file")
    assert file.get_attribute("title", timeout=1000).endswith(file.inner_text().strip())
    original = unquote(urlparse(page.evaluate("document.querySelector('#ranking a.orig').href")).path)
    assert Path(original).is_file() and Path(original).name == file.inner_text().strip()
    for link in ("#link-xlsx", "#link-csv"):
        target = unquote(urlparse(page.evaluate(f"document.querySelector('{link}').href")).path)
        assert Path(target).is_file()
    page.screenshot(path=str(_artifacts(tmp_path) / "audit-1000.png"))

    # click an element's 缺失 count: exactly the reports whose status for it is missing
    drills = page.locator("#coverage a.drill[data-status='missing']")
    counts = [int(t.split()[0]) for t in drills.all_inner_texts()]
    pick = next(k for k, n in enumerate(counts) if 100 < n < REPORTS - 100)  # a part of the batch
    row = drills.nth(pick).locator("xpath=ancestor::tr")
    element, name = row.get_attribute("data-el"), row.get_attribute("data-name")
    want = sorted(_file(r) for r in records
                  if any(e["id"] == element and e["status"] == "missing" for e in r.report["elements"]))
    assert len(want) == counts[pick]
    row.locator("a.drill[data-status='missing']").click()
    page.wait_for_selector("#ranking[data-ready='1']", state="attached")
    assert name in page.inner_text("#f-element") and str(len(want)) in page.inner_text("#f-element")
    assert page.get_attribute("#ranking", "data-shown") == str(len(want))
    assert sorted(_all_pages(page)) == want
    page.click("#f-element button")  # back to every report
    assert page.get_attribute("#ranking", "data-shown") == str(REPORTS)

    # a filter narrows the ranking to the reports it names
    page.select_option("#f-per", "50")
    page.select_option("#f-grade", "不合格")
    failing = sorted(_file(r) for r in records if r.report["grade"] == "不合格")
    assert 0 < len(failing) < REPORTS
    assert page.get_attribute("#ranking", "data-shown") == str(len(failing))
    assert set(page.locator("#ranking tbody .grade").all_inner_texts()) == {"不合格"}
    assert sorted(_all_pages(page)) == failing
    # and the search narrows it further, on the issuer's name
    issuer = records[0].report["issuer"]
    page.fill("#f-q", issuer)
    both = sorted(_file(r) for r in records if r.report["grade"] == "不合格" and r.report["issuer"] == issuer)
    assert page.get_attribute("#ranking", "data-shown") == str(len(both)) and len(both) < len(failing)
    assert "筛选出" in page.inner_text("#ranking-note")


def test_the_ranking_pages_in_from_the_data_shards(page: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scorer.audit import dashboard

    monkeypatch.setattr(dashboard, "PAGE_ROWS", 2)
    monkeypatch.setattr(dashboard, "SHARD_ROWS", 3)
    out = tmp_path / "run"
    assert main(["audit", *map(str, SEEDS), "-o", str(out), "-j", "1", "-q"]) == 0
    page.goto((out / "index.html").as_uri())
    first = _names(page)
    assert len(first) == 2 and page.locator("#ranking").get_attribute("data-ready") is None  # not loaded yet
    page.click("#ranking .pager button[data-step='1']")
    _wait_page(page, 2)
    ranks = page.locator("#ranking tbody tr td:nth-child(1)").all_inner_texts()
    assert ranks == ["3", "2"] and not set(_names(page)) & set(first)  # 5 reports, worst first
    page.click("#ranking .pager button[data-step='1']")
    _wait_page(page, 3)
    assert page.locator("#ranking tbody tr td:nth-child(1)").all_inner_texts() == ["1"]
    page.locator("#ranking tbody tr a").first.click()
    page.wait_for_load_state()
    assert page.locator(".gap").count() >= 1


def test_printing_the_dashboard_keeps_the_charts_and_the_colours(page: Any, big: tuple[Path, list[Record]],
                                                                 tmp_path: Path) -> None:
    from pdf_check import fill_colours, near, pdf_text, squash

    run, records = big
    page.goto((run / "index.html").as_uri())
    page.emulate_media(media="print")
    pdf = _artifacts(tmp_path) / "audit-dashboard.pdf"
    page.pdf(path=str(pdf), format="A4")  # as a person prints: no "background graphics" option
    text = squash(pdf_text(pdf))
    names = {e["name"] for r in records for e in r.report["elements"]}
    assert [n for n in names if squash(n) not in text] == []  # every element of the coverage chart
    assert "得分分布" in text and "0–10" in text and "90–100" in text  # the histogram and its labels
    for name in _names(page):  # the ranking rows of the page
        assert squash(name) in text
    assert "全部报告见summary.xlsx" in text
    colours = fill_colours(pdf)
    assert near(colours, "#2e7d32") >= 20 and near(colours, "#c62828") >= 20  # coverage bars, badges
    assert near(colours, "#8b1a1a") >= 5  # the histogram's bars


def test_the_phone_layout_does_not_overflow(browser: Any, big: tuple[Path, list[Record]], seeds_run: Path,
                                            tmp_path: Path) -> None:
    run, _ = big
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN",
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    pg = context.new_page()
    try:
        for url in (run / "index.html", next((seeds_run / "pages").glob("*.html"))):
            pg.goto(url.as_uri())
            assert pg.evaluate("document.documentElement.scrollWidth") <= 390, url
        pg.goto((run / "index.html").as_uri())
        # weights and counts stay on one line
        lines = pg.evaluate("Array.from(document.querySelectorAll('#coverage td.w, #coverage td.num a'))"
                            ".map(el => el.getClientRects().length)")
        assert lines and set(lines) == {1}
        pg.screenshot(path=str(_artifacts(tmp_path) / "audit-phone-390.png"))
    finally:
        context.close()


INTERNAL = re.compile(r"\b(?:content|part|topic|form|meta)\.[a-z-]+|required|recommended|optional"
                      r"|department-\w+|\bgovernment\b")


def test_a_report_page_highlights_the_chosen_gap(page: Any, seeds_run: Path, tmp_path: Path) -> None:
    for url in (seeds_run / "index.html", *(seeds_run / "pages").glob("*.html")):
        page.goto(url.as_uri())
        assert INTERNAL.findall(page.inner_text("body")) == [], url  # no element ids, no profile names
    page.goto((seeds_run / "index.html").as_uri())
    page.locator("#ranking tbody tr a").first.click()
    page.wait_for_load_state()
    gap = page.locator(".gap").filter(has=page.locator("a.locate")).first
    element = gap.get_attribute("data-el")
    gap.locator("h3").click()
    assert "active" in (gap.get_attribute("class") or "")
    focused = page.locator("p.focus")
    assert focused.count() == 1 and focused.is_visible()
    marks = page.locator("mark.active")
    if marks.count():
        assert all(element in (m.get_attribute("data-el") or "").split() for m in marks.all())
    page.screenshot(path=str(_artifacts(tmp_path) / "audit-report.png"), full_page=False)
