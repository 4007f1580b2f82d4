"""A checklist author changes an element's wording, scope and group in YAML alone, and every
face shows it: table and Markdown text, JSON, SARIF, JUnit, GitHub annotations, Word comments
and the web page.

Seed 001 has shortcomings but no analysis of their causes (content.causes is missing). The
custom checklist, written by the test, extends the seed's profile and moves that element to the
group 质量, words its reasons anew and makes next year's plan its own part (the first of its
scope): the gap is then shown under 质量, in the new words, at the plan's heading.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import docx
import pytest
from conftest import Cli, seed
from docx_builders import plain_docx
from test_annotate_docx import comments_by_paragraph

from scorer.checklist.load import load_checklist
from scorer.document.loader import load_bytes, load_document
from scorer.engine.run import run_checklist
from scorer.output.annotate_docx import annotate_docx
from scorer.web.view import build_page

ELEMENT = "content.causes"
WORDS = {"weak-cue": "自定义：只是顺带提到原因", "heading-only": "自定义：只有原因标题",
         "missing": "自定义：原因分析整段缺失"}
SEED = seed("001")
PLAN_HEADING = "三、2024年工作安排"


@pytest.fixture()
def custom(tmp_path: Path) -> Path:
    path = tmp_path / "custom.yaml"
    messages = "".join(f"      {code}: {text}\n" for code, text in WORDS.items())
    path.write_text(
        "extends: department-approval\n"
        "elements:\n"
        f"  - id: {ELEMENT}\n"
        "    group: quality\n"
        "    scope: [plan, shortcomings, causes]\n"
        "    messages:\n" + messages,
        encoding="utf-8")
    return path


def plan_line() -> int:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return lines.index(PLAN_HEADING) + 1


def check(cli: Cli, fmt: str, *checklist: str | Path) -> str:
    code, out, err = cli("check", SEED, "--no-config", "--format", fmt, *checklist)
    assert code == 0, err
    return out


def section_of(text: str, heading: re.Pattern[str], needle: str) -> str:
    """The name of the text section (【…】 or ## …) in which ``needle`` first appears."""
    current = ""
    for line in text.splitlines():
        if m := heading.match(line):
            current = m.group(1)
        if needle in line:
            return current
    raise AssertionError(f"{needle} not in the output")


def test_the_custom_checklist_changes_the_element_and_nothing_else(custom: Path) -> None:
    base, mine = load_checklist("department-approval"), load_checklist(custom)
    el = mine.element(ELEMENT)
    assert (el.group, el.part, el.messages) == ("quality", "plan", WORDS)
    assert base.element(ELEMENT).group != "quality" and base.element(ELEMENT).part != "plan"
    res = run_checklist(load_document(SEED), mine)
    assert res.verdict(ELEMENT).status == "missing"
    assert res.verdict(ELEMENT).reason == WORDS["missing"]


@pytest.mark.parametrize("fmt, heading, gap_line", [
    ("table", r"^【(.+)】$", "● 不足的原因（必备）"),
    ("markdown", r"^## [一二三四五六七八九十]+、(.+)$", "**不足的原因**（必备）")])
def test_text_faces_list_the_gap_under_the_new_group_in_the_new_words(
        cli: Cli, custom: Path, fmt: str, heading: str, gap_line: str) -> None:
    before = check(cli, fmt)
    after = check(cli, fmt, "--checklist", custom)
    assert WORDS["missing"] not in before
    assert WORDS["missing"] in after
    pattern = re.compile(heading)
    assert section_of(before, pattern, gap_line) == "五项法定内容"
    assert section_of(after, pattern, gap_line) == "质量"
    # the headline table of the statutory items no longer lists it
    headline = after.split("五项法定内容", 1)[1].split("结构", 1)[0]
    assert "不足的原因" not in headline


def test_json_gives_the_new_group_and_words(cli: Cli, custom: Path) -> None:
    rep = json.loads(check(cli, "json", "--checklist", custom))["reports"][0]
    el = next(e for e in rep["elements"] if e["id"] == ELEMENT)
    assert (el["group"], el["status"], el["reason"]) == ("quality", "missing", WORDS["missing"])


def test_sarif_places_the_gap_at_the_new_part_in_the_new_words(cli: Cli, custom: Path) -> None:
    def result(out: str) -> tuple[dict, dict]:
        run = json.loads(out)["runs"][0]
        rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == ELEMENT)
        return rule, next(r for r in run["results"] if r["ruleId"] == ELEMENT)

    _, old = result(check(cli, "sarif"))
    rule, new = result(check(cli, "sarif", "--checklist", custom))
    assert old["locations"][0]["physicalLocation"]["region"]["startLine"] != plan_line()
    region = new["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["snippet"]["text"]) == (plan_line(), PLAN_HEADING)
    assert WORDS["missing"] in new["message"]["text"]
    assert "quality" in rule["properties"]["tags"]


def test_junit_reports_the_new_words(cli: Cli, custom: Path) -> None:
    out = check(cli, "junit", "--checklist", custom)
    case = out.split(f'name="{ELEMENT} ', 1)[1].split("</testcase>", 1)[0]
    assert f"原因：{WORDS['missing']}" in case


def test_github_annotation_sits_at_the_new_part(cli: Cli, custom: Path) -> None:
    def annotation(out: str) -> str:
        return next(line for line in out.splitlines() if f"（{ELEMENT}）" in line)

    assert f",line={plan_line()}," not in annotation(check(cli, "github"))
    line = annotation(check(cli, "github", "--checklist", custom))
    assert f",line={plan_line()}," in line and f"缺失：{WORDS['missing']}" in line


def test_word_comment_sits_on_the_plan_heading_in_the_new_words(tmp_path: Path, custom: Path) -> None:
    data = plain_docx("001")
    src = tmp_path / "draft.docx"
    src.write_bytes(data)
    res = run_checklist(load_bytes(data, "draft.docx"), load_checklist(custom))
    out = tmp_path / "draft-批注.docx"
    annotate_docx(src, res, out)
    (placed,) = [(p, c) for p, c in comments_by_paragraph(out.read_bytes())
                 if "】不足的原因（" in c.splitlines()[0]]
    assert placed[0] == PLAN_HEADING
    assert WORDS["missing"] in placed[1]
    assert docx.Document(io.BytesIO(out.read_bytes())).comments  # a real Word file


def test_web_page_lists_the_gap_under_the_new_group_at_the_new_part(custom: Path) -> None:
    res = run_checklist(load_document(SEED), load_checklist(custom))
    page = build_page(res, SEED.name)
    assert ELEMENT not in [i.id for i in page.content]  # not among the statutory items' table
    (group,) = [g for g in page.groups if ELEMENT in [i.id for i in g.gaps]]
    item = next(i for i in group.gaps if i.id == ELEMENT)
    assert group.label == "质量"
    assert (item.reason, item.target) == (WORDS["missing"], plan_line())
    assert f"第 {plan_line()} 行" in item.where and "下一年度工作安排" in item.where
    line = next(ln for ln in page.lines if ln.no == plan_line())
    assert ELEMENT in line.anchors.split()
