"""``scorer audit --dask``: the scoring runs on a Dask cluster through the pure per-report
function, and every output is the same as a local run's. Skips without Dask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS

from scorer.audit.record import record_from_json, record_to_json, score_bytes, score_file
from scorer.cli.main import main


def test_the_per_report_function_is_bytes_in_json_out(tmp_path: Path) -> None:
    seed = SEEDS[2]
    text = score_bytes(seed.read_bytes(), str(seed))
    rec = record_from_json(text)
    direct = score_file(str(seed))
    assert rec.report == direct.report and rec.markdown == direct.markdown
    assert rec.passages == direct.passages and rec.anchors == direct.anchors
    assert [(ln.no, ln.raw) for ln in rec.lines] == [(ln.no, ln.raw) for ln in direct.lines]
    bad = record_from_json(score_bytes(b"\x00\x01junk", "x.docx"))
    assert not bad.ok and bad.error and bad.error.startswith("x.docx: ")
    assert json.loads(record_to_json(bad)) == {"path": "x.docx", "error": bad.error}


def test_audit_on_a_local_dask_cluster_equals_a_local_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("dask.distributed")
    d = tmp_path / "in"
    d.mkdir()
    for p in SEEDS:
        (d / p.name).write_bytes(p.read_bytes())
    (d / "copy.txt").write_bytes(SEEDS[1].read_bytes())  # a duplicate pair
    (d / "empty.txt").write_bytes(b"")
    assert main(["audit", str(d), "-o", str(tmp_path / "local"), "-j", "1", "-q"]) == 2
    assert main(["audit", str(d), "-o", str(tmp_path / "dask"), "--dask", "local:1", "-q"]) == 2
    capsys.readouterr()
    a, b = tmp_path / "local", tmp_path / "dask"
    for name in ("summary.csv", "audit.json", "index.html"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    for sub in ("reports", "pages"):
        files = sorted(p.name for p in (a / sub).iterdir())
        assert files == sorted(p.name for p in (b / sub).iterdir()) and files
        for f in files:
            assert (a / sub / f).read_bytes() == (b / sub / f).read_bytes(), f
    data = json.loads((b / "audit.json").read_text(encoding="utf-8"))
    assert data["counts"] == {"files": 7, "scored": 6, "failed": 1}
    assert len(data["duplicates"]["pairs"]) == 1


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dask.distributed")
    from scorer.audit import distributed

    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "1s")
    code = main(["audit", str(SEEDS[0]), "-o", str(tmp_path / "run"), "--dask", "tcp://127.0.0.1:9", "-q"])
    assert code == 2
    assert "无法连接 Dask 调度器" in capsys.readouterr().err
    assert not (tmp_path / "run").exists()
