"""Input limits and damaged files through the CLI: exit status 2 and one Chinese line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import SEEDS_DIR
from conftest import run_cli as _run

import scorer.document.readers as readers

SEED = SEEDS_DIR / "002_a35be3758fcb709b.txt"




def test_file_over_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 4096)
    big = tmp_path / "big.txt"
    big.write_bytes(SEED.read_bytes() * 3)
    code, out, err = _run(capsys, "check", str(big))
    assert code == 2
    assert err.strip().splitlines() == [f"scorer: {big}: 文件过大（{big.stat().st_size / 1048576:.1f} MB，上限 0 MB）"]
    assert "Traceback" not in err


def test_truncated_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w:document/>" + "x" * 5000)
    bad = tmp_path / "cut.docx"
    bad.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    code, _, err = _run(capsys, "check", str(bad))
    assert code == 2
    assert err.strip() == f"scorer: {bad}: Word 文件已损坏或不完整，无法打开"


def test_pdf_without_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    pdf = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(pdf))
    c.rect(100, 100, 200, 200)
    c.save()
    code, _, err = _run(capsys, "check", str(pdf))
    assert code == 2
    assert err.strip() == f"scorer: {pdf}: PDF 没有文字层（可能是扫描件），无法检查；请提供 Word 或文本版本"


def test_batch_goes_on_after_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = _run(capsys, "check", str(empty), str(SEED), "--format", "json")
    assert code == 2
    assert f"{empty}: 文件为空" in err
    assert '"score"' in out and str(SEED) in out
