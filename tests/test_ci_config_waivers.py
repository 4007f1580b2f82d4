"""Project configuration (.scorer.yaml, [tool.scorer]) and the waivers file: discovery,
precedence, validation with file:line, globs, and what the CLI reports about waivers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from ci_support import seed
from conftest import run_cli as run

from scorer.cli.config import ConfigError, discover, load_config
from scorer.gate.waivers import WaiverError, load_waivers


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- config discovery


def test_found_upward_and_stops_at_git(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    deep = repo / "reports" / "2025"
    deep.mkdir(parents=True)
    assert discover(deep) is None
    _write(tmp_path / ".scorer.yaml", "fail_on: partial\n")  # above the repository: not used
    assert discover(deep) is None
    cfg_path = _write(repo / ".scorer.yaml", "fail_on: missing-required\nfail_under: 70\n")
    cfg = discover(deep)
    assert cfg is not None and Path(cfg.path) == cfg_path
    assert (cfg.fail_on, cfg.fail_under) == ("missing-required", 70)


def test_pyproject_tool_scorer(tmp_path: Path) -> None:
    _write(tmp_path / ".git" / "HEAD", "")
    _write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert discover(tmp_path) is None  # a pyproject.toml without [tool.scorer] is not a config
    _write(tmp_path / "pyproject.toml",
           "[project]\nname = 'x'\n\n[tool.scorer]\nfail-under = 60\nfail_on = \"partial\"\n"
           "checklist = \"lists/mine.yaml\"\nwaivers = \"ci/waivers.yaml\"\n")
    _write(tmp_path / "lists" / "mine.yaml", "id: x\n")
    cfg = discover(tmp_path)
    assert cfg is not None and cfg.path.endswith("pyproject.toml")
    assert (cfg.fail_under, cfg.fail_on) == (60, "partial")
    assert cfg.checklist == str(tmp_path.resolve() / "lists" / "mine.yaml")  # relative to the file
    assert cfg.waivers == str(tmp_path.resolve() / "ci" / "waivers.yaml")
    # .scorer.yaml wins over pyproject.toml in the same folder
    _write(tmp_path / ".scorer.yaml", "profile: government\n")
    cfg = discover(tmp_path)
    assert cfg is not None and cfg.path.endswith(".scorer.yaml") and cfg.profile == "government"


@pytest.mark.parametrize(("name", "text", "where", "what"), [
    (".scorer.yaml", "profile: auto\nfail_undr: 80\n", ":2:1 fail_undr", "未知的键"),
    (".scorer.yaml", "fail_on: sometimes\n", ":1:1 fail_on", "取值无效"),
    (".scorer.yaml", "fail_under: 120\n", ":1:1 fail_under", "取值太大"),
    (".scorer.yaml", "format: pdf\n", ":1:1 format", "取值无效"),
    (".scorer.yaml", "- a\n- b\n", ":1:1", "映射"),
    (".scorer.yaml", "fail_on: [\n", ":2:1", "YAML 语法错误"),
    (".scorer.yaml", "a: &x 1\nb: *x\n", ":1:4", "锚点"),
    (".scorer.yaml", "a: 1\r\nb: \x07\n", ":2:4", "不允许的字符 #x0007"),  # the checklists' reader words it
    (".scorer.yaml", "? [a]\n: 1\n", ":1:3", "YAML 语法错误"),  # a key that is not plain data
    ("pyproject.toml", "[tool.scorer]\nprofile = 'auto'\n\n  colour = 'red'\n", ":4:3 colour", "未知的键"),
    ("pyproject.toml", "[tool.scorer]\nfail_under = \n", ":2:", "TOML 语法错误"),
])  # fmt: skip
def test_config_errors_point_at_the_line(tmp_path: Path, name: str, text: str, where: str, what: str) -> None:
    path = _write(tmp_path / name, text)
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    msg = str(exc.value)
    assert msg.startswith(f"{path}{where}"), msg
    assert what in msg
    assert len(msg.splitlines()) == 1


def test_flags_override_config(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / ".git" / "HEAD", "")
    _write(tmp_path / ".scorer.yaml", "fail_on: missing-required\nformat: json\n")
    monkeypatch.chdir(tmp_path)
    report = str(seed("002"))  # content.causes is missing
    code, out, _ = run(capsys, "check", report)
    assert code == 1 and json.loads(out)["gate"]["fail_on"] == "missing-required"
    code, out, _ = run(capsys, "check", report, "--fail-on", "never", "--format", "table")
    assert code == 0 and "【检查结果】" in out
    code, out, _ = run(capsys, "check", report, "--no-config")
    assert code == 0 and "【检查结果】" in out
    other = _write(tmp_path / "ci.yaml", "fail_under: 99\n")
    code, out, _ = run(capsys, "check", report, "--config", str(other), "--format", "json")
    assert code == 1 and json.loads(out)["gate"]["fail_under"] == 99


def test_config_checklist_and_profile(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / ".git" / "HEAD", "")
    _write(tmp_path / ".scorer.yaml", "profile: government\nformat: json\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", str(seed("002")))  # a department's report, forced to government
    assert code == 0 and json.loads(out)["reports"][0]["profile"] == "government"
    code, out, _ = run(capsys, "check", str(seed("002")), "--profile", "auto")
    assert json.loads(out)["reports"][0]["profile"] != "government"
    _write(tmp_path / ".scorer.yaml", "checklist: nowhere.yaml\n")
    code, out, err = run(capsys, "check", str(seed("002")))
    assert code == 2 and out == "" and "nowhere.yaml" in err


def test_invalid_config_through_the_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / ".git" / "HEAD", "")
    cfg = _write(tmp_path / ".scorer.yaml", "fail_on: missing-required\nthreshold: 80\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", str(seed("002")))
    assert code == 2 and out == ""
    assert cfg.name == ".scorer.yaml"  # found in the current directory: named as seen from here
    assert err.strip().startswith("scorer: .scorer.yaml:2:1 threshold: 未知的键")


# --------------------------------------------------------------------------- waivers file


def test_waivers_file_forms(tmp_path: Path) -> None:
    listed = _write(tmp_path / "a.yaml", "- element: topic.litigation\n  justification: 无诉讼\n")
    keyed = _write(tmp_path / "b.yaml", "# 豁免\nwaivers:\n  - element: topic.litigation\n    files: [x.txt, 'r/*.docx']\n"
                   "    justification: 无诉讼\n    approver: 张三\n    expires: 2026-12-31\n")
    a = load_waivers(listed).waivers[0]
    assert a.files == ("**",) and a.expires is None and a.source == f"{listed}:1"
    b = load_waivers(keyed).waivers[0]
    assert b.files == ("x.txt", "r/*.docx") and b.approver == "张三" and b.expires == date(2026, 12, 31)
    assert b.source == f"{keyed}:3"
    assert load_waivers(_write(tmp_path / "empty.yaml", "# 暂无豁免\n")).waivers == ()


@pytest.mark.parametrize(("text", "where", "what"), [
    ("- element: topic.litigation\n  approver: 张三\n", ":1:3 0", "必须写明理由"),
    ("- element: topic.litigation\n  justification: '  '\n", ":2:3 0.justification", "豁免理由不能为空"),
    ("- element: Topic Litigation\n  justification: x\n", ":1:3 0.element", "格式不对"),
    ("- element: topic.litigation\n  justification: x\n  expires: 31/12/2026\n", ":3:3 0.expires", "YYYY-MM-DD"),
    ("- element: topic.litigation\n  justification: x\n  reason: y\n", ":3:3 0.reason", "未知的键"),
    ("waivers:\n  - topic.litigation\n", ":2:5", "必须是映射"),
    ("version: 2\nwaivers: []\n", ":1:1 version", "未知的键"),
    ("waivers: topic.litigation\n", ":1:1", "必须是豁免条目的列表"),
])  # fmt: skip
def test_waiver_errors_point_at_the_line(tmp_path: Path, text: str, where: str, what: str) -> None:
    path = _write(tmp_path / ".scorer-waivers.yaml", text)
    with pytest.raises(WaiverError) as exc:
        load_waivers(path)
    msg = str(exc.value)
    assert msg.startswith(f"{path}{where}"), msg
    assert what in msg


@pytest.mark.parametrize(("style", "levels"), [
    ("flow", 17), ("flow", 1200), ("flow", 5000), ("block", 18), ("block", 1200),
])  # fmt: skip
def test_deep_nesting_in_config_and_waivers_is_refused_in_chinese(tmp_path: Path, style: str,
                                                                  levels: int) -> None:
    if style == "flow":
        body = "[" * levels + "]" * levels
    else:  # each "- x:" line opens a sequence and a mapping
        lines = levels // 2
        body = "\n" + "".join("  " * i + "- x:\n" for i in range(1, lines)) + "  " * lines + "- 1"
    config = _write(tmp_path / ".scorer.yaml", f"profile: {body}\n")
    waivers = _write(tmp_path / ".scorer-waivers.yaml", f"waivers: {body}\n")
    for path, error, load in ((config, ConfigError, load_config), (waivers, WaiverError, load_waivers)):
        with pytest.raises(error) as exc:
            load(path)
        msg = str(exc.value)
        assert msg.startswith(f"{path}:") and msg.endswith("嵌套层次太深（上限 16 层）"), msg
        assert "\n" not in msg


@pytest.mark.parametrize(("pattern", "path", "hit"), [
    ("**", "reports/a/b.docx", True),
    ("*.docx", "reports/a/b.docx", True),  # no folder part: matches the file name at any depth
    ("reports/*.docx", "reports/b.docx", True),
    ("reports/*.docx", "reports/a/b.docx", False),  # * stays within a folder
    ("reports/**/*.docx", "reports/a/b/c.docx", True),
    ("reports/**/*.docx", "reports/c.docx", True),
    ("reports/202?年*.txt", "reports/2025年度报告.txt", True),
    ("reports/[!x]*.txt", "reports/x1.txt", False),
    ("other/*.txt", "reports/a.txt", False),
])  # fmt: skip
def test_waiver_globs(tmp_path: Path, pattern: str, path: str, hit: bool) -> None:
    w = _write(tmp_path / "w.yaml", f"- element: topic.litigation\n  files: '{pattern}'\n  justification: x\n")
    waiver = load_waivers(w).waivers[0]
    assert waiver.covers(str(tmp_path / path)) is hit


def test_waivers_found_next_to_the_config(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / ".git" / "HEAD", "")
    report = _write(tmp_path / "reports" / "2025.txt", seed("002").read_text(encoding="utf-8"))
    _write(tmp_path / ".scorer.yaml", "fail_on: missing-required\n")
    _write(tmp_path / ".scorer-waivers.yaml",
           "- element: content.causes\n  files: reports/*.txt\n  justification: 原因并入整改方案\n"
           "- element: topic.shu-fa\n  files: reports/*.txt\n  justification: 已过期\n  expires: 2021-01-01\n"
           "- element: content.measures\n  justification: 早已写上\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "reports/2025.txt")
    assert code == 0, out
    assert "已豁免" in out and "原因并入整改方案" in out
    notes = err.strip().splitlines()
    assert len(notes) == 2
    # the waivers file is named as it is seen from here, not by its absolute path; a waiver
    # without `files` covers all reports and says so
    assert notes == [
        "scorer: 提示：.scorer-waivers.yaml:4: 豁免 topic.shu-fa 已于 2021-01-01 过期，不再生效，请续期或修改报告",
        "scorer: 提示：.scorer-waivers.yaml:8: 豁免 content.measures（所有报告）没有对应任何已检查报告中的差距，可以删除",
    ]
    code, out, _ = run(capsys, "check", "reports/2025.txt", "--format", "github")
    assert "::warning file=.scorer-waivers.yaml,line=8," in out
    # from a subfolder the file lies outside the current directory: its full path is shown
    monkeypatch.chdir(tmp_path / "reports")
    code, out, err = run(capsys, "check", "2025.txt")
    assert f"提示：{tmp_path.resolve() / '.scorer-waivers.yaml'}:8: 豁免 content.measures" in err
    # JSON keeps the waived gap with its waiver, and lists expired and unused waivers
    code, out, _ = run(capsys, "check", str(report), "--format", "json")
    data = json.loads(out)
    (causes,) = [e for e in data["reports"][0]["elements"] if e["id"] == "content.causes"]
    assert causes["status"] == "missing" and causes["gap"]["waived"] is True
    assert causes["gap"]["waiver"]["justification"] == "原因并入整改方案"
    (shu_fa,) = [e for e in data["reports"][0]["elements"] if e["id"] == "topic.shu-fa"]
    assert shu_fa["gap"]["waived"] is False and shu_fa["gap"]["expired_waiver"]["expires"] == "2021-01-01"
    assert [w["element"] for w in data["gate"]["expired_waivers"]] == ["topic.shu-fa"]
    assert [w["element"] for w in data["gate"]["unused_waivers"]] == ["content.measures"]
    # markdown shows it as well
    code, out, _ = run(capsys, "check", str(report), "--format", "markdown")
    assert "## 门禁" in out and "已豁免" in out and "豁免已过期" in out
