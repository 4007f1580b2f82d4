"""The printable Word report: every gap with what to add, its place and its basis; it opens in
LibreOffice (converted to PDF there); ``scorer check --format docx`` writes it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
from pathlib import Path

import docx
import pytest
from docx_builders import plain_docx, seed_paragraphs
from pdf_check import pdf_text, squash

from scorer.cli.main import main
from scorer.document.loader import load_bytes
from scorer.engine.run import Result, choose_profile, load_checklist_cached, run_checklist
from scorer.output.gap_place import describe, gap_places
from scorer.output.gap_text import quote
from scorer.output.report_docx import render_docx
from scorer.output.wording import reason

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def letters(text: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff0-9A-Za-z]", "", text)


def check(data: bytes, name: str) -> Result:
    doc = load_bytes(data, name)
    return run_checklist(doc, load_checklist_cached(choose_profile(doc)))


def all_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def expected_pieces(res: Result) -> list[str]:
    """What the report must hold for every gap: name, reason, quotes, what to add, place, basis."""
    places = gap_places(res)
    out = [f"{res.score:.1f}", res.grade]
    for v in res.verdicts:
        if not v.is_gap:
            continue
        out += [v.element.name, reason(res, v), v.element.suggestion, v.element.basis,
                describe(res.doc, places[v.element.id])]
        out += [quote(res, e) for e in v.findings[:5] + v.evidence[:2]]
    return out


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_the_report_holds_every_gap(seed: Path) -> None:
    res = check(seed.read_bytes(), seed.name)
    data = render_docx(res, name=seed.name)
    text = all_text(data)
    for piece in expected_pieces(res):
        assert piece in text, piece
    assert not any(v.element.id in text for v in res.verdicts)  # names, never ids
    document = docx.Document(io.BytesIO(data))
    statutory = document.tables[1]
    assert len(statutory.rows) == 1 + 5  # the five statutory items; 其他 is a line of its own
    assert "其他需要报告的情况" in text


def test_the_same_result_gives_the_same_file() -> None:
    res = check(SEEDS[0].read_bytes(), SEEDS[0].name)
    first = render_docx(res)
    time.sleep(2.1)  # zip members are stamped to two seconds: save again in a later stamp
    assert render_docx(res) == first


def test_word_input_gets_places_by_heading_not_line_numbers() -> None:
    data = plain_docx("002")
    res = check(data, "梨树县.docx")
    text = all_text(render_docx(res, name="梨树县.docx"))
    assert not re.search(r"第 \d+ 行", text)  # a Word paragraph has no number anybody sees
    assert "“存在的不足”部分（标题“二、存在的问题和不足”）" in text
    partial = next(v for v in res.verdicts if v.status == "partial" and v.evidence)
    e = partial.evidence[0]
    heading = res.doc.section_titles(next(ln for ln in res.doc.lines if ln.no == e.line))[-1].strip()
    assert f"「{heading[:24]}" in text  # its heading, then the paragraph's first words
    # the same text read as a plain text file keeps line numbers
    txt = all_text(render_docx(check("\n".join(seed_paragraphs("002")).encode(), "梨树县.txt")))
    assert re.search(r"第 \d+ 行", txt)


def test_libreoffice_opens_the_report_and_shows_every_gap(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    data = plain_docx("003")
    res = check(data, "湛河区.docx")
    (tmp_path / "report.docx").write_bytes(render_docx(res, name="湛河区.docx"))
    for target in ("pdf", "txt:Text (encoded):UTF8"):
        subprocess.run(
            [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
             "--norestore", "--convert-to", target, "--outdir", str(tmp_path), str(tmp_path / "report.docx")],
            check=True, capture_output=True, timeout=120,
        )
    # the text LibreOffice reads from the file holds every piece of every gap
    text = squash((tmp_path / "report.txt").read_text(encoding="utf-8-sig"))
    for piece in expected_pieces(res):
        assert squash(piece) in text, piece
    # and its printed pages show every gap's name and the score (PDF text, letters only: the
    # quotation marks come from a fallback font, which pdfminer reads out of order)
    printed = letters(pdf_text(tmp_path / "report.pdf"))
    for v in res.verdicts:
        if v.is_gap:
            assert letters(v.element.name) in printed, v.element.name
    assert "得分781100" in printed


def test_check_format_docx_writes_one_report_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--format", "docx", *map(str, SEEDS[:2])])
    out = capsys.readouterr().out
    assert code == 0
    written = sorted((tmp_path / "reports_out").glob("*.检查结果.docx"))
    assert [p.name for p in written] == [f"{s.name}.检查结果.docx" for s in SEEDS[:2]]
    assert out.splitlines() == [f"已写入检查报告（Word）：reports_out/{p.name}" for p in written]
    res = check(SEEDS[0].read_bytes(), SEEDS[0].name)
    assert res.verdicts[0].element.name in all_text(written[0].read_bytes())
    code = main(["check", "--format", "docx", "-o", str(tmp_path / "out"), str(SEEDS[3])])
    capsys.readouterr()
    assert code == 0 and (tmp_path / "out" / f"{SEEDS[3].name}.检查结果.docx").is_file()
    assert (tmp_path / "out" / f"{SEEDS[3].name}.md").is_file()  # -o also keeps its Markdown and JSON
