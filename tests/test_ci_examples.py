"""The sample repository in examples/: its config, waiver and workflow, and the pre-commit hook."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from ci_support import DRAFT, EXAMPLES, ROOT, draft_without_causes, run

from scorer.cli import build_parser


def test_example_passes_with_its_waiver(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES)  # .scorer.yaml and .scorer-waivers.yaml are found from here
    rel = DRAFT.relative_to(EXAMPLES).as_posix()
    code, out, err = run(capsys, "check", rel)
    assert code == 0, out
    assert err == ""  # no expired or unused waiver
    assert "门禁通过" in out and "门禁规则：得分不低于 85；必备项不得缺失" in out
    assert "行政应诉（topic.litigation）：缺失，已豁免" in out


def test_example_fails_without_causes(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    (repo / ".git").mkdir()
    (repo / DRAFT.relative_to(EXAMPLES)).write_text(draft_without_causes(), encoding="utf-8")
    monkeypatch.chdir(repo)
    code, out, _ = run(capsys, "check", DRAFT.relative_to(EXAMPLES).as_posix())
    assert code == 1
    assert "门禁未通过" in out and "不足的原因（content.causes）：缺失" in out


def _workflow_commands() -> list[str]:
    wf = yaml.safe_load((EXAMPLES / ".github" / "workflows" / "report-check.yml").read_text(encoding="utf-8"))
    steps = wf["jobs"]["check"]["steps"]
    cmds = [m.group(0) for s in steps for m in re.finditer(r"scorer check [^>|\n]*", s.get("run", ""))]
    return [c.strip() for c in cmds]


def test_workflow_uses_real_flags() -> None:
    cmds = _workflow_commands()
    assert len(cmds) >= 4
    formats = set()
    parser = build_parser()
    for cmd in cmds:
        argv = shlex.split(cmd.replace('"${baseline[@]}"', "--baseline base.json"))[1:]
        argv = ["reports/a.txt" if a == "reports/*" else a for a in argv]
        args = parser.parse_args(argv)  # exits with status 2 on an unknown flag
        formats.add(args.format)
    assert formats == {"json", "github", "sarif", "junit"}


def _git(repo: Path, *argv: str) -> None:
    subprocess.run(["git", "-c", "user.email=ci@example.invalid", "-c", "user.name=ci", *argv],
                   cwd=repo, check=True, capture_output=True)


@pytest.mark.skipif(not (shutil.which("git") and shutil.which("pre-commit") and shutil.which("scorer")),
                    reason="needs git, pre-commit and the scorer command on PATH")
def test_pre_commit_hook_on_the_example(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["pre-commit", "run", "--all-files", "--color", "never"], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=120)

    ok = hook()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert re.search(r"scorer.*Passed", ok.stdout)
    (repo / DRAFT.relative_to(EXAMPLES)).write_text(draft_without_causes(), encoding="utf-8")
    _git(repo, "add", "-A")
    bad = hook()
    assert bad.returncode == 1
    assert re.search(r"scorer.*Failed", bad.stdout) and "exit code: 1" in bad.stdout
    assert "门禁未通过" in bad.stdout


def test_hook_manifest_matches_the_cli() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "scorer" and hook["language"] == "python" and hook["pass_filenames"] is True
    assert hook["entry"] == "scorer check"
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    for name in ("reports/2025年度报告.docx", "a.pdf", "b.html", "c.htm", "d.txt", "e.md", "f.wps", "g.doc"):
        assert files.search(name) and not exclude.search(name), name
    for name in ("README.md", "docs/CHANGELOG.md", ".github/workflows/x.md", "a.xlsx", "scorer.py"):
        assert not (files.search(name) and not exclude.search(name)), name
