"""The command line, through ``scorer.cli.main.main([...])``: outputs, files, errors and exit statuses."""

from __future__ import annotations

import json
import random
import re
import zipfile
from pathlib import Path

import pytest
from catalogue import ELEMENT_IDS as ALL_IDS
from catalogue import STATUSES
from conftest import SEEDS_DIR as SEEDS
from conftest import run_cli as run

from scorer.document.loader import load_document
from scorer.engine.run import choose_profile, load_checklist_cached, run_checklist

SEED_000 = next(SEEDS.glob("000_*.txt"))
SEED_002 = next(SEEDS.glob("002_*.txt"))
SEED_003 = next(SEEDS.glob("003_*.txt"))
HAN = re.compile(r"[\u4e00-\u9fff]")
ELEMENT_IDS = frozenset(ALL_IDS)




def _one_line_error(err: str, path: Path | str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith("scorer: ")
    assert str(path) in line
    assert HAN.search(line.replace(str(path), "")), line
    return line


# --------------------------------------------------------------------------- check --format json


@pytest.mark.parametrize("seed", [SEED_000, SEED_002, SEED_003], ids=lambda p: p.name[:3])
def test_check_json_contract_and_verbatim_evidence(capsys: pytest.CaptureFixture[str], seed: Path) -> None:
    code, out, err = run(capsys, "check", str(seed), "--format", "json")
    assert code == 0
    assert err == ""
    data = json.loads(out)  # exactly one JSON value on stdout
    assert data["schema_version"] == "1.1"
    assert len(data["reports"]) == 1
    rep = data["reports"][0]
    for key in ("path", "issuer", "issuer_kind", "report_year", "profile", "checklist", "score",
                "grade", "elements"):
        assert key in rep, key
    assert rep["path"] == str(seed)
    assert rep["issuer_kind"] in ("government", "department")
    assert isinstance(rep["report_year"], int)
    assert set(rep["checklist"]) >= {"id", "version"}
    assert rep["checklist"]["id"] == "fzzf-annual-report"
    assert 0 <= rep["score"] <= 100
    assert rep["grade"] in ("优秀", "良好", "合格", "不合格")
    ids = [e["id"] for e in rep["elements"]]
    assert len(ids) == len(set(ids))
    assert set(ids) >= ELEMENT_IDS
    lines = seed.read_text(encoding="utf-8").split("\n")
    n_evidence = 0
    for el in rep["elements"]:
        assert set(el) >= {"id", "status", "evidence"}
        assert el["status"] in STATUSES
        for ev in el["evidence"] + el.get("findings", []):
            assert set(ev) == {"text", "line", "section", "column", "end_column"}
            assert isinstance(ev["line"], int) and 1 <= ev["line"] <= len(lines)
            text = ev["text"].removesuffix("……")  # long quotes are cut with an ellipsis
            assert text and text in lines[ev["line"] - 1], (el["id"], ev)
            # the columns point at the quoted span itself
            span = lines[ev["line"] - 1][ev["column"] - 1:ev["end_column"] - 1]
            assert span.startswith(text), (el["id"], ev, span)
            n_evidence += 1
    assert n_evidence >= 20
    # the JSON agrees with the engine
    doc = load_document(seed)
    res = run_checklist(doc, load_checklist_cached(choose_profile(doc)))
    assert rep["score"] == res.score and rep["grade"] == res.grade
    assert rep["profile"] == res.checklist.profile
    assert {e["id"]: e["status"] for e in rep["elements"]} == {v.element.id: v.status for v in res.verdicts}


def test_check_default_output_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(SEED_002))
    assert code == 0
    assert "得分" in out and "等级" in out
    assert str(SEED_002) in out
    assert "梨树县政务服务和数字化建设管理局" in out
    assert len(HAN.findall(out)) > 200
    assert not out.lstrip().startswith("{")


def test_check_markdown_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(SEED_002), "--format", "markdown")
    assert code == 0
    assert "得分" in out and "等级" in out


def test_check_writes_md_and_json_per_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    code, _, err = run(capsys, "check", str(SEED_000), str(SEED_002), "-o", str(out_dir))
    assert code == 0
    names = sorted(p.name for p in out_dir.iterdir())
    assert len(names) == 4, names
    for seed in (SEED_000, SEED_002):
        md = [p for p in out_dir.glob("*.md") if p.name.startswith(seed.stem)]
        js = [p for p in out_dir.glob("*.json") if p.name.startswith(seed.stem)]
        assert len(md) == 1 and len(js) == 1
        assert "得分" in md[0].read_text(encoding="utf-8")
        data = json.loads(js[0].read_text(encoding="utf-8"))
        assert data["schema_version"] == "1.1"
        assert data["reports"][0]["path"] == str(seed)
        assert {e["id"] for e in data["reports"][0]["elements"]} >= ELEMENT_IDS


# --------------------------------------------------------------------------- input errors


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.txt"
    rng = random.Random(20260121)
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(rng.randrange(256) for _ in range(4000)))
    xlsx = tmp_path / "report.xlsx"
    with zipfile.ZipFile(xlsx, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    fake_docx = tmp_path / "report.docx"
    fake_docx.write_text("这不是一个 Word 文件，只是改了扩展名的文本。" * 5, encoding="utf-8")
    return {
        "missing": tmp_path / "no-such-report.txt",
        "empty": empty,
        "junk": junk,
        "xlsx": xlsx,
        "fake_docx": fake_docx,
    }


EXPECTED_REASON = {
    "missing": "文件不存在",
    "empty": "文件为空",
    "junk": "二进制",
    "xlsx": "不支持的文件类型“.xlsx”",
    "fake_docx": "不是有效的 Word（.docx）文件",
}


@pytest.mark.parametrize("case", sorted(EXPECTED_REASON))
def test_unreadable_input_exits_2_with_one_chinese_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    path = _bad_inputs(tmp_path)[case]
    code, out, err = run(capsys, "check", str(path))
    assert code == 2
    line = _one_line_error(err, path)
    assert EXPECTED_REASON[case] in line
    assert "得分" not in out


@pytest.mark.parametrize("case", sorted(EXPECTED_REASON))
def test_unreadable_input_in_json_is_an_error_entry(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    path = _bad_inputs(tmp_path)[case]
    code, out, err = run(capsys, "check", str(path), "--format", "json")
    assert code == 2
    _one_line_error(err, path)
    data = json.loads(out)
    assert data["reports"] == [{"path": str(path), "error": data["reports"][0]["error"]}]
    assert EXPECTED_REASON[case] in data["reports"][0]["error"]


def test_inspect_reports_unreadable_input_the_same_way(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _bad_inputs(tmp_path)["empty"]
    code, _, err = run(capsys, "inspect", str(path))
    assert code == 2
    assert "文件为空" in _one_line_error(err, path)


def test_batch_with_a_bad_file_still_reports_the_good_one(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = _bad_inputs(tmp_path)["missing"]
    code, out, err = run(capsys, "check", str(bad), str(SEED_002))
    assert code == 2
    _one_line_error(err, bad)
    assert "得分" in out and str(SEED_002) in out

    code, out, err = run(capsys, "check", str(SEED_002), str(bad), "--format", "json")
    assert code == 2
    _one_line_error(err, bad)
    reports = json.loads(out)["reports"]
    assert [r["path"] for r in reports] == [str(SEED_002), str(bad)]
    assert "score" in reports[0] and "error" not in reports[0]
    assert "文件不存在" in reports[1]["error"]


# --------------------------------------------------------------------------- checklist


def test_checklist_validate_bad_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from scorer.checklist.load import CHECKLIST_DIR

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        f"extends: {CHECKLIST_DIR / 'department.yaml'}\nprofile: custom\n"
        "elements:\n  - id: content.measures\n    wieght: required\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "checklist", "validate", str(bad))
    assert code == 2
    assert err.strip() == f"{bad}:5:5 elements.0.wieght: 未知的键（拼写错误？）"
    assert out == ""


def test_checklist_validate_good_files(capsys: pytest.CaptureFixture[str]) -> None:
    from scorer.checklist.load import CHECKLIST_DIR

    paths = [str(CHECKLIST_DIR / f"{p}.yaml") for p in ("government", "department", "department-approval")]
    code, out, err = run(capsys, "checklist", "validate", *paths)
    assert code == 0
    assert err == ""
    assert len(out.strip().splitlines()) == 3
    assert all("有效" in ln for ln in out.strip().splitlines())


def test_checklist_show_department_lists_every_element(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "checklist", "show", "department")
    assert code == 0
    assert err == ""
    for eid in ELEMENT_IDS:
        assert re.search(rf"^{re.escape(eid)}\s", out, re.M), eid
    assert "配置档 department" in out
    assert "等级：" in out


def test_checklist_show_unknown_profile(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "checklist", "show", "no-such-profile")
    assert code == 2
    assert "no-such-profile" in _one_line_error(err, "no-such-profile")


# --------------------------------------------------------------------------- eval


def test_eval_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    rows = []
    for seed, kind, year in ((SEED_002, "department", 2025), (SEED_003, "government", 2022)):
        gold = dict.fromkeys(sorted(ELEMENT_IDS), "covered")
        gold["content.causes"] = "missing"
        rows.append({"doc": seed.name, "issuer_kind": kind, "report_year": year, "labels": gold})
    labels.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "eval", "--labels", str(labels), "--docs", str(SEEDS), "--format", "json")
    assert code == 0
    assert err == ""
    data = json.loads(out)
    overall = data["overall"]
    for key in ("micro_f1", "gap_f1", "exact_accuracy"):
        assert 0.0 <= overall[key] <= 1.0, key
    assert overall["n"] == 2 * len(ELEMENT_IDS)
    assert overall["issuer_kind_accuracy"] == 1.0
    assert overall["report_year_accuracy"] == 1.0
    assert set(data["elements"]) == set(ELEMENT_IDS)
    assert all(data["elements"][eid]["n"] == 2 for eid in ELEMENT_IDS)
    # exact accuracy is the share of verdicts equal to the labels
    agree = 0
    for row in rows:
        doc = load_document(SEEDS / row["doc"])
        res = run_checklist(doc, load_checklist_cached(choose_profile(doc)))
        agree += sum(row["labels"][v.element.id] == v.status for v in res.verdicts if v.element.id in ELEMENT_IDS)
    assert overall["exact_accuracy"] == round(agree / (2 * len(ELEMENT_IDS)), 4)
    assert data["elements"]["content.causes"]["exact_accuracy"] == 1.0  # both seeds: missing


def test_eval_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"doc": SEED_002.name, "labels": {"content.measures": "covered"}}) + "\n",
                      encoding="utf-8")
    code, out, _ = run(capsys, "eval", "--labels", str(labels), "--docs", str(SEEDS))
    assert code == 0
    assert "micro-F1" in out and "content.measures" in out


def test_eval_bad_labels_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text("{not json\n", encoding="utf-8")
    code, _, err = run(capsys, "eval", "--labels", str(labels), "--docs", str(SEEDS))
    assert code == 2
    assert f"{labels}:1:" in _one_line_error(err, labels)


def test_eval_missing_document_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"doc": "nope.txt", "labels": {}}) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "eval", "--labels", str(labels), "--docs", str(SEEDS), "--format", "json")
    assert code == 2
    assert any("nope.txt" in e for e in json.loads(out)["errors"])


# --------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    "argv",
    [
        ["check", str(SEED_002), "--bogus"],
        ["check", str(SEED_002), "--format", "xml"],
        ["check"],
        ["frobnicate"],
        ["eval", "--docs", "seeds"],
    ],
    ids=["unknown-flag", "bad-format", "no-file", "unknown-command", "eval-without-labels"],
)
def test_bad_flags_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert "参数错误" in err
    assert "得分" not in out


def test_no_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 2
    assert "check" in out


def test_stdin_twice_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "-", "-")
    assert code == 2
    assert "标准输入" in _one_line_error(err, "-")
