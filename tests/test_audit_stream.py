"""The streaming audit: per-report outputs written by the workers, pages rewritten where
passages are shared, the dashboard's data shards and the paged ranking, the spool cleaned up."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS

from scorer.audit import dashboard
from scorer.cli.main import main


def _shard(path: Path) -> tuple[str, object]:
    m = re.fullmatch(r'scorerShard\("([^"]+)",(.*)\);\n', path.read_text(encoding="utf-8"), re.S)
    assert m, path
    return m.group(1), json.loads(m.group(2))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("in")
    for p in SEEDS:
        shutil.copy(p, d / p.name)
    shutil.copy(SEEDS[1], d / "copy-of-001.txt")  # a duplicate pair
    (d / "empty.txt").write_bytes(b"")
    out = d.parent / "run"
    assert main(["audit", str(d), "-o", str(out), "-j", "2", "-q"]) == 2
    return out


def test_shards_hold_the_batch(run: Path) -> None:
    data = json.loads((run / "audit.json").read_text(encoding="utf-8"))
    name, reports = _shard(run / "data" / "reports-0000.js")
    assert name == "reports-0000" and isinstance(reports, list) and len(reports) == data["counts"]["files"]
    paths = [r["path"] for r in data["reports"]]
    assert [r[1] for r in reports] == paths
    failed = [r for r in reports if r[2] is None]
    assert len(failed) == 1 and failed[0][3].endswith("文件为空")
    _, ranking = _shard(run / "data" / "ranking.js")
    assert [paths[i] for i in ranking] == data["ranking"]  # type: ignore[union-attr]
    scored = {r[1]: r for r in reports if r[2] is not None}
    for rep in data["reports"]:
        if "score" in rep:
            assert scored[rep["path"]][6] == rep["score"] and scored[rep["path"]][7] == rep["grade"]
            assert (run / "pages" / f"{scored[rep['path']][2]}.html").is_file()
    for el in data["elements"]:
        _, statuses = _shard(run / "data" / "elements" / f"{el['id']}.js")
        assert {k: len(v) for k, v in statuses.items()} == el["counts"]  # type: ignore[union-attr]
    assert not (run / ".spool").exists()


def test_the_pages_of_a_duplicate_pair_show_the_shared_passages(run: Path) -> None:
    data = json.loads((run / "audit.json").read_text(encoding="utf-8"))
    [pair] = data["duplicates"]["pairs"]
    assert {Path(pair["a"]).name, Path(pair["b"]).name} == {SEEDS[1].name, "copy-of-001.txt"}
    for page in ("copy-of-001.txt.html", f"{SEEDS[1].name}.html"):
        html = (run / "pages" / page).read_text(encoding="utf-8")
        assert 'class="dup' in html and "与本批次其他报告雷同" in html
    assert 'class="dup' not in (run / "pages" / f"{SEEDS[0].name}.html").read_text(encoding="utf-8")


def test_a_long_ranking_is_paged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dashboard, "PAGE_ROWS", 2)
    monkeypatch.setattr(dashboard, "SHARD_ROWS", 3)
    out = tmp_path / "run"
    assert main(["audit", *map(str, SEEDS), "-o", str(out), "-j", "1", "-q"]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    ranking = index.split('<section id="ranking"', 1)[1].split("</section>", 1)[0]
    assert ranking.count("<tr>") == 1 + 2  # header and the first page
    assert "第 1 页 / 共 3 页" in ranking and 'data-page-rows="2"' in ranking
    assert sorted(p.name for p in (out / "data").glob("reports-*.js")) == ["reports-0000.js", "reports-0001.js"]
