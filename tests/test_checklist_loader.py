"""Checklist loader: ``extends:``/``remove:`` merging and ``file:line:col key.path: message`` errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from catalogue import ELEMENT_IDS
from conftest import SPEC

from scorer.checklist.load import CHECKLIST_DIR, ChecklistError, list_profiles, load_checklist

PROFILES = ("government", "department", "department-approval")
DEPARTMENT = CHECKLIST_DIR / "department.yaml"



def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _pos(text: str, line_no: int, needle: str) -> tuple[int, int]:
    """1-based (line, column) of ``needle`` on line ``line_no`` of ``text``."""
    line = text.splitlines()[line_no - 1]
    assert needle in line
    return line_no, line.index(needle) + 1


def _error(path: Path) -> str:
    with pytest.raises(ChecklistError) as info:
        load_checklist(path)
    message = str(info.value)
    assert "\n" not in message
    return message


def _head() -> str:
    return f"extends: {DEPARTMENT}\nprofile: custom\n"


# --------------------------------------------------------------------------- errors


def test_unknown_key_inside_an_element(tmp_path: Path) -> None:
    text = _head() + (
        "elements:\n"
        "  - id: content.measures\n"
        "    name: 主要举措和成效\n"
        "    wieght: required\n"
    )
    path = _write(tmp_path / "typo.yaml", text)
    line, col = _pos(text, 6, "wieght")
    assert _error(path) == f"{path}:{line}:{col} elements.0.wieght: 未知的键（拼写错误？）"


def test_unknown_key_in_the_second_element(tmp_path: Path) -> None:
    text = _head() + (
        "elements:\n"
        "  - id: content.measures\n"
        "    weight: required\n"
        "  - id: content.shortcomings\n"
        "    sugestion: 写明问题\n"
    )
    path = _write(tmp_path / "typo2.yaml", text)
    line, col = _pos(text, 7, "sugestion")
    assert _error(path) == f"{path}:{line}:{col} elements.1.sugestion: 未知的键（拼写错误？）"


def test_unknown_top_level_key(tmp_path: Path) -> None:
    text = _head() + "descripton: 拼错的键\n"
    path = _write(tmp_path / "top.yaml", text)
    line, col = _pos(text, 3, "descripton")
    assert _error(path) == f"{path}:{line}:{col} descripton: 未知的键（拼写错误？）"


def test_unknown_match_type(tmp_path: Path) -> None:
    text = _head() + (
        "elements:\n"
        "  - id: content.measures\n"
        "    match: {type: fuzzy, part: measures}\n"
    )
    path = _write(tmp_path / "match.yaml", text)
    line, col = _pos(text, 5, "type")
    types = "concrete、consistency、cooccur、figures、meta、part、quality、section、sequence、topic、volume"
    assert _error(path) == (
        f"{path}:{line}:{col} elements.0.match.type: 未知的匹配类型“fuzzy”（可用：{types}）"
    )


def test_new_element_without_match_type(tmp_path: Path) -> None:
    text = _head() + (
        "elements:\n"
        "  - id: topic.extra\n"
        "    name: 额外专题\n"
        "    weight: optional\n"
        "    group: topic\n"
        "    scope: [measures]\n"
        "    messages: {missing: 没有写额外专题}\n"
        "    basis: 测试\n"
        "    missing: 缺少额外专题。\n"
        "    suggestion: 写明额外专题。\n"
        "    match: {terms: [额外专题]}\n"
        "    examples: {covered: [\"一、主要举措\\n额外专题3次。\"], not_covered: [无关内容]}\n"
    )
    path = _write(tmp_path / "notype.yaml", text)
    line, col = _pos(text, 13, "match")
    types = "concrete、consistency、cooccur、figures、meta、part、quality、section、sequence、topic、volume"
    assert _error(path) == f"{path}:{line}:{col} elements.0.match.type: 缺少 match.type：请指定匹配类型（可用：{types}）"


def test_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    text = _head() + (
        "elements:\n"
        "  - id: content.measures\n"
        "    weight: required: oops\n"
        "    name: 主要举措\n"
    )
    path = _write(tmp_path / "syntax.yaml", text)
    line, col = _pos(text, 5, ": oops")
    assert _error(path) == f"{path}:{line}:{col} YAML 语法错误：mapping values are not allowed here"


def test_yaml_tab_indentation(tmp_path: Path) -> None:
    text = _head() + "elements:\n  - id: content.measures\n\tweight: required\n"
    path = _write(tmp_path / "tab.yaml", text)
    assert _error(path).startswith(f"{path}:5:1 YAML 语法错误：")


def _deep_block(levels: int) -> str:
    """Block style nesting ``levels`` deep: each ``- x:`` line opens a sequence and a mapping."""
    lines = levels // 2
    return "a:\n" + "".join("  " * i + "- x:\n" for i in range(1, lines)) + "  " * lines + "- 1\n"


@pytest.mark.parametrize("pure_python", [False, True], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize(("style", "depth"), [
    ("flow", 40), ("flow", 1200), ("flow", 5000), ("block", 40), ("block", 1200),
])  # fmt: skip
def test_nesting_limit_is_ours_whatever_the_yaml_library_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pure_python: bool, style: str,
        depth: int) -> None:
    # libyaml (PyYAML >= 6.0.4 wheels) stops at 1,000 levels in its scanner with an English
    # message, looking ahead of the parser's events; the refusal must still be ours, in Chinese.
    if pure_python:
        monkeypatch.setattr("scorer.support.yaml_source._fast_loader", lambda: __import__("yaml").SafeLoader)
    text = ("a: " + "[" * depth + "]" * depth + "\n") if style == "flow" else _deep_block(depth)
    path = _write(tmp_path / "deep.yaml", text)
    message = _error(path)
    assert re.fullmatch(rf"{re.escape(str(path))}:\d+:\d+ 嵌套层数过多（上限 32 层）", message), message


def test_nesting_within_the_limit_is_fine(tmp_path: Path) -> None:
    # 31 levels under the top mapping: loads as data, then fails only on what a checklist needs.
    path = _write(tmp_path / "ok.yaml", "a: " + "[" * 31 + "]" * 31 + "\n")
    assert "嵌套" not in _error(path)


def test_syntax_error_after_deep_but_allowed_nesting_keeps_its_own_message(tmp_path: Path) -> None:
    text = "a: " + "[" * 20 + "]" * 20 + "\nb: [1, 2\nc: 3\n"
    path = _write(tmp_path / "syntax2.yaml", text)
    assert "YAML 语法错误" in _error(path)


def test_extends_cycle(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.yaml", "extends: b.yaml\nprofile: a\n")
    _write(tmp_path / "b.yaml", "extends: a.yaml\nprofile: b\n")
    assert _error(a) == f"{a.resolve()}:1:1 extends 形成了循环引用"


def test_extends_itself(tmp_path: Path) -> None:
    a = _write(tmp_path / "self.yaml", "extends: self.yaml\nprofile: a\n")
    assert _error(a) == f"{a.resolve()}:1:1 extends 形成了循环引用"


def test_extends_missing_parent(tmp_path: Path) -> None:
    a = _write(tmp_path / "orphan.yaml", "extends: no-such-parent.yaml\nprofile: a\n")
    message = _error(a)
    assert message.startswith("no-such-parent.yaml:1:1 找不到清单或配置档“no-such-parent.yaml”")


def test_missing_required_field_on_new_element(tmp_path: Path) -> None:
    text = _head() + (
        "elements:\n"
        "  - id: topic.extra\n"
        "    name: 额外专题\n"
        "    weight: optional\n"
        "    group: topic\n"
        "    scope: [measures]\n"
        "    messages: {missing: 没有写额外专题}\n"
        "    missing: 缺少额外专题。\n"
        "    suggestion: 写明额外专题。\n"
        "    match: {type: topic, terms: [额外专题]}\n"
        "    examples: {covered: [\"一、主要举措\\n额外专题3次。\"], not_covered: [无关内容]}\n"
    )
    path = _write(tmp_path / "new.yaml", text)
    line, col = _pos(text, 4, "id")
    assert _error(path) == f"{path}:{line}:{col} elements.0.basis: 缺少必填项"


def test_bad_weight_value_points_at_the_value(tmp_path: Path) -> None:
    text = _head() + "elements:\n  - id: topic.emergency\n    weight: mandatory\n"
    path = _write(tmp_path / "weight.yaml", text)
    line, col = _pos(text, 5, "weight")
    message = _error(path)
    assert message.startswith(f"{path}:{line}:{col} elements.")
    assert ".weight: " in message


def test_missing_file_and_non_mapping(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    assert _error(missing).startswith(f"{missing}:1:1 找不到清单或配置档“{missing}”（可用：")
    lst = _write(tmp_path / "list.yaml", "- a\n- b\n")
    assert _error(lst) == f"{lst.resolve()}:1:1 清单必须是一个映射（key: value）"


def test_errors_from_a_shipped_file_are_reported_by_validate(tmp_path: Path) -> None:
    from scorer.cli.main import main

    text = _head() + "elements:\n  - id: content.measures\n    wieght: required\n"
    path = _write(tmp_path / "typo.yaml", text)
    assert main(["checklist", "validate", str(DEPARTMENT)]) == 0
    assert main(["checklist", "validate", str(path)]) == 2


# --------------------------------------------------------------------------- extends / remove


def _dump(cl) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {e.id: e.model_dump() for e in cl.elements}


def test_override_weight_by_id_changes_only_that_element(tmp_path: Path) -> None:
    base = load_checklist("department")
    assert base.element("topic.emergency").weight == "recommended"
    path = _write(tmp_path / "over.yaml", _head() + (
        "elements:\n"
        "  - {id: topic.emergency, weight: required}\n"
    ))
    custom = load_checklist(path)
    assert custom.profile == "custom"
    assert [e.id for e in custom.elements] == [e.id for e in base.elements]
    before, after = _dump(base), _dump(custom)
    changed = {i for i in before if before[i] != after[i]}
    assert changed == {"topic.emergency"}
    expected = dict(before["topic.emergency"], weight="required")
    assert after["topic.emergency"] == expected
    assert custom.scoring == base.scoring and custom.grades == base.grades
    assert custom.path == str(path.resolve())


def test_remove_drops_an_element(tmp_path: Path) -> None:
    base = load_checklist("department")
    path = _write(tmp_path / "rm.yaml", _head() + "remove: [topic.shu-fa, content.other]\n")
    custom = load_checklist(path)
    ids = [e.id for e in base.elements if e.id not in ("topic.shu-fa", "content.other")]
    assert [e.id for e in custom.elements] == ids
    assert _dump(custom) == {i: v for i, v in _dump(base).items() if i in ids}


def test_override_and_new_element_together(tmp_path: Path) -> None:
    path = _write(tmp_path / "both.yaml", _head() + (
        "elements:\n"
        "  - {id: topic.digital, weight: required}\n"
        "  - id: topic.extra\n"
        "    name: 额外专题\n"
        "    weight: optional\n"
        "    group: topic\n"
        "    scope: [measures]\n"
        "    messages: {missing: 没有写额外专题}\n"
        "    basis: 测试\n"
        "    missing: 缺少额外专题。\n"
        "    suggestion: 写明额外专题。\n"
        "    match: {type: topic, terms: [额外专题]}\n"
        "    examples: {covered: [\"一、主要举措\\n额外专题3次。\"], not_covered: [无关内容]}\n"
    ))
    custom = load_checklist(path)
    assert custom.elements[-1].id == "topic.extra"
    assert custom.element("topic.digital").weight == "required"
    assert custom.element("topic.extra").params.type == "topic"


def test_sub_profile_overrides_are_what_the_files_say() -> None:
    dept, approval, gov = (load_checklist(p) for p in PROFILES[1:] + PROFILES[:1])
    for eid in ("topic.functions", "topic.digital", "topic.transparency"):
        assert dept.element(eid).weight == "recommended"
        assert approval.element(eid).weight == "required"
    assert gov.element("topic.enforcement").weight == "required"
    assert dept.element("topic.enforcement").weight == "recommended"


# --------------------------------------------------------------------------- element ids


def _spec_ids() -> list[str]:
    ids = []
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\|\s*`([a-z]+\.[a-z0-9-]+)`\s*\|", line)
        if m:
            ids.append(m.group(1))
    return ids


@pytest.mark.skipif(not SPEC.parent.parent.exists(), reason="shared/ (the product spec) is not present")
def test_every_spec_element_is_in_every_profile() -> None:
    ids = _spec_ids()
    assert len(ids) == len(set(ids)) >= 38
    assert set(ELEMENT_IDS) <= set(ids)
    for profile in PROFILES:
        have = {e.id for e in load_checklist(profile).elements}
        assert not set(ids) - have, (profile, sorted(set(ids) - have))


def test_the_38_element_ids_are_in_every_profile() -> None:
    assert len(set(ELEMENT_IDS)) == 38
    assert set(PROFILES) <= set(list_profiles())
    for profile in PROFILES:
        have = [e.id for e in load_checklist(profile).elements]
        assert len(have) == len(set(have))
        assert not set(ELEMENT_IDS) - set(have), (profile, sorted(set(ELEMENT_IDS) - set(have)))


def test_a_key_of_another_behaviour_is_an_error_where_it_is_written(tmp_path: Path) -> None:
    """Each behaviour has its own parameter model: ``slogans`` belongs to ``concrete`` (the plan
    must be concrete), so on the causes' ``part`` matcher it is a mistake, not ignored."""
    text = _head() + (
        "elements:\n"
        "  - id: content.causes\n"
        "    match:\n"
        "      slogans: [加强领导]\n"
    )
    path = _write(tmp_path / "foreign.yaml", text)
    line, col = _pos(text, 6, "slogans")
    assert _error(path) == f"{path}:{line}:{col} elements.0.match.slogans: 未知的键（拼写错误？）"
