"""One batch of hostile files of every class through the CLI: each refused with one Chinese line
naming it, exit status 2, no traceback, and the good report in the batch still scored."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from conftest import SEEDS_DIR
from pdf_builders import nested_forms

from scorer.cli.main import main
from scorer.document.readers.base import MAX_LINES
from scorer.document.readers.html import MAX_HTML_ELEMENTS

SEED = SEEDS_DIR / "003_ab0984e6d1f2b0a2.txt"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(body: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
    return out.getvalue()


HOSTILE = {
    "百万行.txt": lambda: SEED.read_bytes() + "工作\n".encode() * 1_000_000,
    "百万行CR.txt": lambda: SEED.read_bytes() + "工作\r".encode() * (MAX_LINES + 1),
    "空段落.docx": lambda: _docx("<w:p><w:r><w:t>法治政府建设</w:t></w:r></w:p>" + "<w:p/>" * (MAX_LINES + 1)),
    "标签.html": lambda: ("<html><body><div id='zoom'><p>法治政府建设年度报告</p>"
                        + "<span>法</span>" * (MAX_HTML_ELEMENTS + 1) + "</div></body></html>").encode(),
    "表单.pdf": lambda: nested_forms(20),
}


def test_a_batch_of_hostile_files_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = []
    for name, build in HOSTILE.items():
        paths.append(tmp_path / name)
        paths[-1].write_bytes(build())
    good = tmp_path / "好报告.txt"
    good.write_bytes(SEED.read_bytes())
    code = main(["check", *map(str, paths[:3]), str(good), *map(str, paths[3:]), "--no-config",
                 "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in err
    lines = err.strip().split("\n")
    assert len(lines) == len(HOSTILE)
    for path, line in zip(paths, lines, strict=True):
        assert line.startswith(f"scorer: {path}: ")
    reports = json.loads(out)["reports"]
    assert [r.get("score") is not None for r in reports] == [False, False, False, True, False, False]
