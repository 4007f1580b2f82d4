"""``scorer audit``: the batch run, its outputs, cross-report checks and failure handling."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from scorer.audit.crossref import cross_check
from scorer.audit.record import score_file
from scorer.cli.main import main
from scorer.support.budget import BudgetExceeded, time_budget

SEED_002 = next(p for p in SEEDS if p.name.startswith("002_"))
SEED_004 = next(p for p in SEEDS if p.name.startswith("004_"))
DEV_DOCS = ROOT.parent / "shared" / "corpus" / "dev" / "docs"


def audit(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["audit", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8 Chinese
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


@pytest.fixture()
def batch_dir(tmp_path: Path) -> Path:
    """The seeds plus broken files, in nested folders."""
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    for p in SEEDS:
        shutil.copy(p, d / p.name)
    (d / "sub" / "empty.txt").write_bytes(b"")
    (d / "sub" / "junk.docx").write_bytes(os.urandom(2048))
    (d / "sub" / "~$lock.docx").write_bytes(b"owner")  # Word lock file: ignored
    (d / "notes.csv").write_text("not a report", encoding="utf-8")  # unsupported: ignored
    return d


def test_batch_goes_on_past_bad_files_and_lists_them(capsys: pytest.CaptureFixture[str],
                                                    batch_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    code, stdout, err = audit(capsys, str(batch_dir), str(tmp_path / "missing.txt"), "-o", str(out), "-j", "2")
    assert code == 2  # something failed
    bad = [line for line in err.splitlines() if line.startswith("scorer: ")]
    assert len(bad) == 3 and all("Traceback" not in line for line in bad)
    assert any("empty.txt" in line for line in bad)
    assert any("junk.docx" in line for line in bad)
    assert any("missing.txt" in line and "不存在" in line for line in bad)
    assert "审查完成：共 8 份文件，成功检查 5 份，无法处理 3 份" in stdout
    rows = read_csv(out / "summary.csv")
    assert len(rows) == 8
    errors = {Path(r["文件"]).name: r["处理错误"] for r in rows if r["处理错误"]}
    assert set(errors) == {"empty.txt", "junk.docx", "missing.txt"}
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert data["counts"] == {"files": 8, "scored": 5, "failed": 3}
    assert sum("error" in r for r in data["reports"]) == 3
    # every scored report has its Markdown, JSON and page; failed ones are listed on the dashboard
    assert len(list((out / "reports").glob("*.md"))) == 5
    assert len(list((out / "reports").glob("*.json"))) == 5
    assert len(list((out / "pages").glob("*.html"))) == 5
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "无法处理的文件" in index and "junk.docx" in index
    assert not list(tmp_path.glob(".run.tmp-*"))  # staging folder renamed into place


def test_csv_and_xlsx_hold_the_coverage_matrix(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "run"
    code, _, _ = audit(capsys, *map(str, SEEDS), "-o", str(out), "-j", "1", "-q")
    assert code == 0
    rows = read_csv(out / "summary.csv")
    assert [Path(r["文件"]).name for r in rows] == [p.name for p in SEEDS]
    seed2 = next(r for r in rows if r["文件"].endswith(SEED_002.name))
    assert seed2["报告主体"] == "梨树县政务服务和数字化建设管理局"
    assert seed2["主体类型"] == "部门" and seed2["报告年度"] == "2025"
    single = json.loads((out / "reports" / f"{next(iter((out / 'reports').glob('*002_*.json'))).stem}.json")
                        .read_text(encoding="utf-8"))["reports"][0]
    assert float(seed2["得分"]) == single["score"] and seed2["等级"] == single["grade"]
    by_id = {el["id"]: el for el in single["elements"]}
    assert seed2["不足的原因"] == "缺失" == {"missing": "缺失"}[by_id["content.causes"]["status"]]
    assert seed2["文件"] == SEED_002.name and seed2["文件路径"] == str(SEED_002)
    from scorer.audit.summary import FIXED

    element_cols = list(rows[0])[len(FIXED):]
    assert len(element_cols) == 38 and not [h for h in element_cols if "." in h or h.isascii()]
    wb = load_workbook(out / "summary.xlsx")
    assert wb.sheetnames == ["汇总", "要素覆盖", "雷同段落", "处理错误"]
    ws = wb["汇总"]
    header = [c.value for c in ws[1]]
    assert header == list(rows[0].keys())
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert len(values) == 5
    assert values[[Path(v[0]).name for v in values].index(SEED_002.name)][6] == single["score"]
    cov = {r[0].value: r for r in wb["要素覆盖"].iter_rows(min_row=2)}
    assert cov["不足的原因"][3].value == sum(1 for r in rows if r["不足的原因"] == "缺失")


def test_spreadsheets_are_safe_against_formula_injection(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    d = tmp_path / "in"
    d.mkdir()
    hostile = d / "=HYPERLINK(1)+cmd.txt"
    hostile.write_text(SEED_002.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "run"
    assert audit(capsys, str(d), "-o", str(out), "-j", "1", "-q")[0] == 0
    text = (out / "summary.csv").read_text(encoding="utf-8-sig")
    row = next(csv.reader(text.splitlines()[1:]))
    assert not row[0].startswith("=")
    assert Path(row[0].lstrip("'")).name == hostile.name
    cell = load_workbook(out / "summary.xlsx")["汇总"]["A2"]
    assert cell.data_type == "s" and str(cell.value).endswith(hostile.name)


def test_same_inputs_give_byte_identical_csv_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    runs = []
    for n, jobs in enumerate(("1", "2")):
        out = tmp_path / f"run{n}"
        assert audit(capsys, *map(str, SEEDS), "-o", str(out), "-j", jobs, "-q")[0] == 0
        runs.append(out)
    a, b = runs
    for name in ("summary.csv", "audit.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    for f in sorted((a / "reports").iterdir()):
        assert f.read_bytes() == (b / "reports" / f.name).read_bytes(), f.name


def _paragraphs(path: Path) -> list[str]:
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def test_duplicate_detector_finds_a_constructed_pair(tmp_path: Path) -> None:
    """Report B is seed 004 with five passages of seed 002 pasted in, one with its county renamed."""
    src = _paragraphs(SEED_002)
    copied = [p for p in src if len(p) > 60 and "梨树" not in p][:4]
    renamed = next(p for p in src if "梨树县" in p and len(p) > 60 and p not in copied)
    base = _paragraphs(SEED_004)
    b_text = "\n".join(base[:12] + copied + [renamed.replace("梨树县", "新县")] + base[12:]) + "\n"
    b = tmp_path / "b.txt"
    b.write_text(b_text, encoding="utf-8")
    recs = [score_file(str(SEED_002)), score_file(str(b)), score_file(str(SEEDS[3]))]
    res = cross_check(recs)
    assert len(res.pairs) == 1
    pair = res.pairs[0]
    assert {pair.a, pair.b} == {0, 1}
    shared_lines_b = {(s.b if pair.b == 1 else s.a).line for s in pair.passages}
    b_lines = b_text.splitlines()
    for para in copied:
        assert b_lines.index(para) + 1 in shared_lines_b
    # the renamed paragraph is found as a near match, not an exact one
    renamed_no = b_lines.index(renamed.replace("梨树县", "新县")) + 1
    near = [s for s in pair.passages if (s.b if pair.b == 1 else s.a).line == renamed_no]
    assert near and not any(s.exact for s in near)
    assert 0 < pair.share_a < 1 and 0 < pair.share_b < 1


def test_unrelated_reports_are_not_duplicates() -> None:
    recs = [score_file(str(p)) for p in SEEDS]
    assert cross_check(recs).pairs == []


def test_carry_over_from_the_same_issuers_previous_year(tmp_path: Path) -> None:
    lines = SEED_002.read_text(encoding="utf-8").splitlines()
    old = "\n".join(ln.replace("2025", "2024").replace("2026", "2025") for ln in lines) + "\n"
    prev = tmp_path / "2024.txt"
    prev.write_text(old, encoding="utf-8")
    recs = [score_file(str(SEED_002)), score_file(str(prev))]
    assert recs[1].report["report_year"] == 2024 and recs[0].report["issuer"] == recs[1].report["issuer"]
    res = cross_check(recs)
    assert res.pairs == []  # last year's own report is carry-over, not copying
    [c] = res.carry_over
    assert (c.current, c.previous) == (0, 1)
    assert c.share == 1.0 and c.flagged  # only the figures changed: all carried over


def test_html_escapes_hostile_report_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    evil = '<script>alert("x")</script>'
    body = SEED_002.read_text(encoding="utf-8").replace(
        "梨树县政务服务和数字化建设管理局关于2025年度",
        f'梨树县政务服务和数字化建设管理局{evil}关于2025年度', 1)
    body = body.replace("全年召开法治建设专题会议3次", '全年召开法治建设专题会议3次"><img src=x onerror=alert(1)>', 1)
    (d / "a<b>.txt").write_text(body, encoding="utf-8")
    out = tmp_path / "run"
    assert audit(capsys, str(d), "-o", str(out), "-j", "1", "-q")[0] == 0
    pages = [out / "index.html", *(out / "pages").glob("*.html")]
    assert len(pages) == 2
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html and "a<b>" not in html
    page = re.sub(r"</?mark[^>]*>", "", pages[1].read_text(encoding="utf-8"))  # highlights split text
    assert "&lt;script&gt;alert(" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_manifest_checks_publication_deadline(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for p in SEEDS[:3]:
        shutil.copy(p, d / p.name)
    manifest = tmp_path / "清单.csv"
    manifest.write_text(
        "文件,报告主体,主体类型,发布日期,网址\n"
        f"in/{SEED_002.name},梨树县政务服务和数字化建设管理局,部门,2026年4月15日,https://example.gov.cn/a\n"
        f"in/{SEEDS[0].name},某某县人民政府,政府,2026-03-20,javascript:alert(1)\n"
        "in/not-received.docx,某局,部门,2026-03-01,\n",
        encoding="gb18030")
    out = tmp_path / "run"
    code, stdout, _ = audit(capsys, str(d), "-o", str(out), "--manifest", str(manifest), "-j", "1")
    assert code == 0
    assert "【逾期公开】1 份" in stdout and "晚 14 天" in stdout
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    reps = {Path(r["path"]).name: r for r in data["reports"]}
    m2 = reps[SEED_002.name]["manifest"]
    assert m2["publication_status"] == "逾期公开（晚 14 天）" and m2["deadline"] == "2026-04-01"
    m0 = reps[SEEDS[0].name]["manifest"]
    assert m0["publication_status"] == "按时公开"
    assert any("不一致" in n for n in m0["notes"])  # another issuer, another kind
    assert [Path(u["path"]).name for u in data["manifest_unmatched"]] == ["not-received.docx"]
    assert "manifest" not in reps[SEEDS[1].name]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.gov.cn/a"' in index and "javascript:alert" not in index


def test_bad_manifest_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("单位,日期\n某局,2026-01-01\n", encoding="utf-8")
    code, _, err = audit(capsys, str(SEED_002), "-o", str(tmp_path / "run"), "--manifest", str(manifest))
    assert code == 2
    assert err.strip() == f"scorer: {manifest}: 清单第 1 行缺少文件列（列名可为 path、file、文件、文件名或路径）"
    assert not (tmp_path / "run").exists()


def test_run_folder_is_never_mixed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "run"
    assert audit(capsys, str(SEED_002), str(SEED_004), "-o", str(out), "-j", "1", "-q")[0] == 0
    code, _, err = audit(capsys, str(SEED_002), "-o", str(out), "-j", "1", "-q")
    assert code == 2 and "已存在且不为空" in err and "--overwrite" in err
    assert len(list((out / "reports").glob("*.json"))) == 2  # untouched
    assert audit(capsys, str(SEED_002), "-o", str(out), "-j", "1", "-q", "--overwrite")[0] == 0
    assert len(list((out / "reports").glob("*.json"))) == 1  # replaced, not mixed
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("x", encoding="utf-8")
    code, _, err = audit(capsys, str(SEED_002), "-o", str(other), "--overwrite", "-q")
    assert code == 2 and "不是 scorer audit 的结果文件夹" in err
    assert (other / "notes.txt").exists()


def test_earlier_run_folders_are_not_audited_again(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(SEED_002, d / SEED_002.name)
    assert audit(capsys, str(d), "-o", str(d / "run1"), "-j", "1", "-q")[0] == 0
    assert audit(capsys, str(d), "-o", str(tmp_path / "run2"), "-j", "1", "-q")[0] == 0
    rows = read_csv(tmp_path / "run2" / "summary.csv")
    assert [Path(r["文件"]).name for r in rows] == [SEED_002.name]


def test_time_budget_interrupts_a_slow_document(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    with pytest.raises(BudgetExceeded), time_budget(0.05):
        time.sleep(1)

    def slow(path: str) -> None:
        while True:
            pass

    monkeypatch.setattr("scorer.document.loader.load_document", slow)
    rec = score_file(str(SEED_002), budget=0.1)
    assert rec.error == f"{SEED_002}: 处理超时（超过 0.1 秒），已跳过"


def test_a_crashing_worker_loses_only_its_own_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker process that dies (as on a segfault in a C library) is retried file by file."""
    from scorer.audit import runner

    real = runner.score_file

    def crashy(path: str, *args: object) -> object:
        if "003_" in path:
            os._exit(1)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "score_file", crashy)
    recs = runner.run_batch([str(p) for p in SEEDS], runner.Job(), jobs=2)
    assert [r.path for r in recs] == [str(p) for p in SEEDS]
    failed = [r for r in recs if not r.ok]
    assert len(failed) == 1 and "003_" in failed[0].path and "意外退出" in (failed[0].error or "")


@pytest.mark.skipif(not DEV_DOCS.is_dir(), reason="dev corpus (../shared) not available")
def test_audit_over_the_dev_corpus(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "run"
    code, stdout, _ = audit(capsys, str(DEV_DOCS), *map(str, SEEDS), "-o", str(out), "-j", "2")
    assert code == 0
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    n = len(list(DEV_DOCS.glob("*.txt")))
    assert data["counts"]["scored"] == n + len(SEEDS)
    # the seeds are also in the dev folder: each is found as a full duplicate of its copy
    full = [p for p in data["duplicates"]["pairs"] if p["share_a"] == 1.0 and p["share_b"] == 1.0]
    assert len(full) == len(SEEDS)
    assert all(Path(p["a"]).name == Path(p["b"]).name for p in full)
    assert "【多数报告的共同短板】" in stdout


def test_audit_gate_uses_the_check_exit_statuses(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    seeds = [str(p) for p in SEEDS]
    assert audit(capsys, *seeds, "-o", str(tmp_path / "a"), "-j", "1", "-q", "--fail-under", "10")[0] == 0
    code, _, err = audit(capsys, *seeds, "-o", str(tmp_path / "b"), "-j", "1", "-q", "--fail-under", "80")
    assert code == 1 and "3 份报告未达到门槛（得分不低于 80）" in err  # 86.8 and 82.4 pass
    assert (tmp_path / "b" / "summary.csv").exists()  # the outputs are written all the same
    code, _, err = audit(capsys, *seeds, "-o", str(tmp_path / "c"), "-j", "1", "-q", "--fail-on", "missing-required")
    assert code == 1 and "不缺必备项" in err
    code, _, err = audit(capsys, *seeds, "-o", str(tmp_path / "d"), "--fail-under", "120")
    assert code == 2 and "--fail-under" in err and not (tmp_path / "d").exists()
