"""The audit dashboard in real headless Chromium: sorting, gap click-to-highlight, screenshots.

Skips when Debian's chromium or the playwright package is absent. Screenshots are written to
``$SCORER_ARTIFACTS`` (default: the test's temporary folder).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS

from scorer.cli import main

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() or shutil.which("chromium") is None,
                                reason="Debian chromium not installed")


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("audit") / "run"
    assert main(["audit", *map(str, SEEDS), "-o", str(out), "-j", "1", "-q"]) == 0
    return out


def _artifacts(tmp: Path) -> Path:
    folder = Path(os.environ.get("SCORER_ARTIFACTS", tmp))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_dashboard_sorts_and_highlights(run_folder: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto((run_folder / "index.html").as_uri())
        assert page.title() == "法治政府建设年度报告审查汇总"
        scores = page.locator("#ranking tbody tr td:nth-child(6)").all_inner_texts()
        assert scores == sorted(scores, key=float, reverse=True) and len(scores) == len(SEEDS)
        page.click("#ranking th:nth-child(6)")  # sort by score, ascending
        assert page.locator("#ranking tbody tr td:nth-child(6)").all_inner_texts() == \
            sorted(scores, key=float)
        page.screenshot(path=str(_artifacts(tmp_path) / "audit-index.png"), full_page=False)

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
        browser.close()


def test_the_ranking_pages_in_from_the_data_shards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    from scorer.audit import dashboard

    monkeypatch.setattr(dashboard, "PAGE_ROWS", 2)
    monkeypatch.setattr(dashboard, "SHARD_ROWS", 3)
    out = tmp_path / "run"
    assert main(["audit", *map(str, SEEDS), "-o", str(out), "-j", "1", "-q"]) == 0
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto((out / "index.html").as_uri())
        first = page.locator("#ranking tbody tr td:nth-child(2)").all_inner_texts()
        assert len(first) == 2
        page.click("#ranking .pager button[data-step='1']")
        page.wait_for_function("document.querySelector('#ranking .page-no').textContent.indexOf('第 2 页') === 0")
        ranks = page.locator("#ranking tbody tr td:nth-child(1)").all_inner_texts()
        second = page.locator("#ranking tbody tr td:nth-child(2)").all_inner_texts()
        assert ranks == ["3", "4"] and not set(second) & set(first)
        page.click("#ranking .pager button[data-step='1']")
        page.wait_for_function("document.querySelector('#ranking .page-no').textContent.indexOf('第 3 页') === 0")
        assert page.locator("#ranking tbody tr").count() == 1  # 5 reports: 2 + 2 + 1
        page.locator("#ranking tbody tr a").first.click()
        page.wait_for_load_state()
        assert page.locator(".gap").count() >= 1
        browser.close()
