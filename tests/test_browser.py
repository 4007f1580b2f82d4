"""The web page in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

Skips cleanly when /usr/bin/chromium or the playwright package is absent. Screenshots are saved
under the test's tmp dir and copied to ``$SCORER_ARTIFACTS`` (default ``reports_out/screenshots``).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import ROOT
from conftest import SEEDS_DIR as SEEDS
from docx_builders import plain_docx as seed_docx

from scorer.document.loader import load_bytes
from scorer.engine.run import Result, choose_profile, load_checklist_cached, run_checklist

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

if not CHROMIUM.exists():
    pytest.skip("Debian chromium (/usr/bin/chromium) is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def expected(data: bytes, name: str, profile: str = "auto") -> Result:
    doc = load_bytes(data, name)
    return run_checklist(doc, load_checklist_cached(choose_profile(doc, profile)))


def artifact(src: Path) -> Path:
    """Copy a screenshot to the artifacts folder (not committed) and return the copy."""
    folder = Path(os.environ.get("SCORER_ARTIFACTS") or ROOT / "reports_out" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy2(src, folder / src.name))


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from scorer.web.app import LOOPBACK_HOSTS, create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    port = sock.getsockname()[1]
    uploads = tmp_path_factory.mktemp("uploads")
    app = create_app(upload_dir=uploads, allowed_hosts=LOOPBACK_HOSTS)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    sock.close()
    assert list(uploads.iterdir()) == []  # every upload's temporary folder was removed


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    pg = context.new_page()
    outside: list[str] = []
    pg.on("request", lambda req: None if req.url.startswith((base_url, "data:")) else outside.append(req.url))
    yield pg
    context.close()
    assert outside == [], "the page must not load anything from elsewhere"


def in_view(pg: Any, selector: str) -> bool:
    """Whether the element is inside the visible part of the report panel and of the window."""
    return bool(pg.evaluate(
        """(sel) => { const el = document.querySelector(sel), doc = document.getElementById('doc');
             const r = el.getBoundingClientRect(), d = doc.getBoundingClientRect();
             return r.top >= d.top && r.bottom <= d.bottom && r.top >= 0 && r.bottom <= innerHeight; }""",
        selector))


def test_upload_docx_see_score_click_gaps_see_evidence(page: Any, base_url: str, tmp_path: Path) -> None:
    pg = page
    data = seed_docx("002")
    draft = tmp_path / "梨树县政数局.docx"
    draft.write_bytes(data)
    res = expected(data, draft.name)

    pg.goto(base_url + "/")
    pg.set_input_files("#file", str(draft))
    assert pg.inner_text("#chosen") == f"已选择：{draft.name}"
    pg.click("#submit")
    pg.wait_for_selector("#score")
    assert pg.inner_text("#score") == f"{res.score:.1f}"
    assert pg.inner_text("#grade") == res.grade
    shot = tmp_path / "web-result-1366x768.png"
    pg.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    artifact(shot)

    # a partial gap: its quoted evidence is highlighted and scrolled into view
    v = res.verdict("topic.legal-adviser")
    assert v.status == "partial"
    pg.click("#gap-topic\\.legal-adviser .gap-head")
    hit = pg.locator("mark.hit")
    assert hit.count() >= 1
    assert v.evidence[0].text.startswith("".join(hit.all_inner_texts())[:30])
    assert all(v.element.id in m.split() for m in
               hit.evaluate_all("ms => ms.map(m => m.dataset.els)"))
    line = f"#L{v.evidence[0].line}"
    assert "hit" in pg.get_attribute(line, "class").split()
    pg.wait_for_function(  # the smooth scroll has brought the line into view
        "(sel) => { const r = document.querySelector(sel).getBoundingClientRect(),"
        " d = document.getElementById('doc').getBoundingClientRect();"
        " return r.top >= d.top && r.bottom <= d.bottom; }", arg=line)
    assert in_view(pg, line)
    assert "picked" in pg.get_attribute("#gap-topic\\.legal-adviser", "class").split()

    # a missing content item: its place (the heading of its part) is highlighted instead
    place = res.verdict("content.causes").anchor.line
    pg.click("#gap-content\\.causes .gap-head")
    assert pg.locator("mark.hit").count() == 0
    assert pg.locator(".ln.hit").count() == 1
    assert pg.get_attribute(f"#L{place.no}", "class").split().count("hit") == 1
    assert pg.inner_text(f"#L{place.no} .tx") == "二、存在的问题和不足"
    pg.wait_for_function(
        "(sel) => { const r = document.querySelector(sel).getBoundingClientRect(),"
        " d = document.getElementById('doc').getBoundingClientRect();"
        " return r.top >= d.top && r.bottom <= d.bottom; }", arg=f"#L{place.no}")
    assert pg.evaluate("location.hash") == f"#L{place.no}"
    shot = tmp_path / "web-gap-clicked-1366x768.png"
    pg.screenshot(path=str(shot))
    artifact(shot)

    # the annotated Word copy downloads from the page
    with pg.expect_download() as info:
        pg.click("#dl-docx")
    saved = tmp_path / "annotated.docx"
    info.value.save_as(str(saved))
    assert info.value.suggested_filename == "梨树县政数局-批注.docx"
    assert len(docx.Document(str(saved)).comments) >= 2


def test_drag_and_drop_a_text_file(page: Any, base_url: str) -> None:
    pg = page
    text = seed_text("004")
    pg.goto(base_url + "/")
    transfer = pg.evaluate_handle(
        """(text) => { const dt = new DataTransfer();
             dt.items.add(new File([text], '新县报告.txt', { type: 'text/plain' })); return dt; }""",
        text)
    pg.dispatch_event("#drop", "dragover", {"dataTransfer": transfer})
    assert "over" in pg.get_attribute("#drop", "class").split()
    pg.dispatch_event("#drop", "drop", {"dataTransfer": transfer})
    assert pg.inner_text("#chosen") == "已选择：新县报告.txt"
    assert pg.evaluate("document.getElementById('file').files.length") == 1
    pg.click("#submit")
    pg.wait_for_selector("#score")
    res = expected(text.encode("utf-8"), "新县报告.txt")
    assert pg.inner_text("#score") == f"{res.score:.1f}"
    assert pg.locator("#dl-docx").count() == 0


def test_works_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1366, "height": 768})
    pg = context.new_page()
    try:
        pg.goto(base_url + "/")
        pg.fill("#text", seed_text("001"))
        pg.select_option("#profile", "government")
        pg.click("#submit")
        pg.wait_for_selector("#score")
        res = expected(seed_text("001").encode("utf-8"), "粘贴的文本.txt", "government")
        assert pg.inner_text("#score") == f"{res.score:.1f}"
        place = res.verdict("content.causes").anchor.line
        pg.click("#gap-content\\.causes .gap-head")  # a plain link to the line
        assert pg.evaluate("location.hash") == f"#L{place.no}"
        assert pg.evaluate(f"document.querySelector('#L{place.no}').matches(':target')")
    finally:
        context.close()


# --------------------------------------------------------------------------- print and phone


def _upload(pg: Any, base_url: str, path: Path) -> None:
    pg.goto(base_url + "/")
    pg.set_input_files("#file", str(path))
    pg.click("#submit")
    pg.wait_for_selector("#score")


def test_printing_the_result_page_keeps_the_whole_text_and_the_colours(page: Any, base_url: str,
                                                                       tmp_path: Path) -> None:
    from pdf_check import fill_colours, near, pdf_text, squash

    data = seed_docx("003")
    draft = tmp_path / "湛河区.docx"
    draft.write_bytes(data)
    res = expected(data, draft.name)
    _upload(page, base_url, draft)
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.getElementById('doc')).overflow") == "visible"
    pdf = tmp_path / "result.pdf"
    page.pdf(path=str(pdf), format="A4")  # as a person prints: no "background graphics" option
    artifact(pdf)
    text = squash(pdf_text(pdf))
    lines = [squash(ln.raw) for ln in res.doc.source_lines() if ln.raw.strip()]
    assert len(lines) > 20 and sum(map(len, lines)) > 3000  # many screens of text
    missing = [ln for ln in lines if ln not in text]
    assert missing == [], missing[:3]  # the whole report text, not the first screen only
    for v in res.verdicts:
        if v.is_gap:
            assert squash(v.element.name) in text and squash(v.element.suggestion) in text
    assert f"{res.score:.1f}" in text
    colours = fill_colours(pdf)
    statuses = [v.status for v in res.verdicts if v.is_gap]
    assert near(colours, "#b3261e") >= statuses.count("missing")  # the red 缺失 badges
    assert near(colours, "#1e7b45") >= 1  # the green 已具备 badges
    assert near(colours, "#a15c00") >= statuses.count("partial")


def test_phone_layout_fits_and_reads(browser: Any, base_url: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN",
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    pg = context.new_page()
    try:
        draft = tmp_path / "梨树县.docx"
        draft.write_bytes(seed_docx("002"))
        _upload(pg, base_url, draft)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 390
        assert "右侧" not in pg.inner_text("body")
        # the weight label (必备/建议) stays on one line beside the gap's name
        heights = pg.evaluate(
            "Array.from(document.querySelectorAll('.gap-head .w')).map(w => w.getClientRects().length)")
        assert heights and set(heights) == {1}
        widths = pg.evaluate(
            "Array.from(document.querySelectorAll('.gap-head .w')).map(w => w.getBoundingClientRect().width)")
        assert min(widths) > 20  # two characters wide, not one above the other
        shot = tmp_path / "web-result-phone-390.png"
        pg.screenshot(path=str(shot), full_page=False)
        artifact(shot)
    finally:
        context.close()


def test_only_the_chosen_place_is_underlined(page: Any, base_url: str, tmp_path: Path) -> None:
    draft = tmp_path / "梨树县.docx"
    draft.write_bytes(seed_docx("002"))
    _upload(page, base_url, draft)
    underline = "Array.from(document.querySelectorAll('#doc .lines mark')).filter(m => " \
                "parseFloat(getComputedStyle(m).borderBottomWidth) > 0).length"
    assert page.locator("#doc .lines mark").count() > 10
    assert page.evaluate(underline) == 0  # evidence is tinted, not underlined
    page.click("#gap-topic\\.legal-adviser .gap-head")
    hits = page.locator("#doc .lines mark.hit").count()
    assert hits >= 1 and page.evaluate(underline) == hits
