"""A plain (non-editable) install must carry the checklists, templates and data files."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


def test_every_subpackage_is_listed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "scorer").rglob("__init__.py")}
    assert listed == found | {"scorer.checklists"}
    assert config["tool"]["setuptools"]["package-dir"] == {"scorer.checklists": "checklists"}


@pytest.mark.skipif(not (ROOT / ".git").exists() and not (ROOT / "pyproject.toml").exists(),
                    reason="not a source checkout")
def test_wheel_carries_checklists_templates_and_data(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                           "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=300,
                          cwd=tmp_path)
    if proc.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {proc.stderr.strip()[-200:]}")
    wheel = next(tmp_path.glob("fzzf_scorer-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for yaml in (ROOT / "checklists").glob("*.yaml"):
        assert f"scorer/checklists/{yaml.name}" in names
    assert "scorer/checklists/dictionary.txt" in names
    assert "scorer/data/admin_divisions.csv" in names
    assert "scorer/audit/templates/index.html.j2" in names
    assert any(n.startswith("scorer/web/templates/") for n in names)


def test_the_distribution_name_is_ours_and_every_install_hint_uses_it() -> None:
    # "scorer" on the public index is an unrelated project: `pip install scorer[web]` would
    # fetch someone else's code. The import name and the command stay `scorer`.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["name"] == "fzzf-scorer"
    assert config["project"]["scripts"] == {"scorer": "scorer.cli.main:main"}
    own = [d for d in config["project"]["optional-dependencies"]["test"] if d.startswith("fzzf-scorer[")]
    assert own and "web" in own[0]
    texts = [*(ROOT / "scorer").rglob("*.py"), *(ROOT / "docs").glob("*.md"), ROOT / "README.md",
             *(ROOT / "examples").rglob("*.y*ml"), *(ROOT / "examples").glob("*.md")]
    for path in texts:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<![-\w])scorer\[", text), path  # scorer[web] but not fzzf-scorer[web]
        for args in re.findall(r"pip install([^\n&|;)#`]*)", text):
            for arg in args.split():
                name = re.split(r"[\[=<>@ ]", arg.strip("'\"`"), maxsplit=1)[0]
                assert name != "scorer", (path, args)


def _setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set-up (two commands)", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_readme_has_two_set_up_commands_and_ci_runs_the_test_one() -> None:
    commands = _setup_commands()
    assert len(commands) == 2 and all("\n" not in c for c in commands), commands
    main_job, tests = commands
    # a virtual environment inside each command: stock Debian/Ubuntu refuse a bare pip install
    for c in commands:
        assert c.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install -e ")
    assert main_job.endswith("&& scorer check seeds/* -o reports_out")
    assert tests.endswith("&& python -m pytest -q")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert any(line == tests or line.startswith(tests + " || exit") for line in ci.splitlines())
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["requires-python"] == ">=3.11"
    assert "Python ≥ 3.11" in (ROOT / "README.md").read_text(encoding="utf-8")
