"""Every shipped checklist element carries worked examples, and the engine agrees with them.

Each element's ``examples.covered`` texts must come out ``covered`` and each
``examples.not_covered`` text must come out as anything but ``covered``, when the text is read as
a small report and the whole checklist is run over it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.checklist.load import CHECKLIST_DIR, ChecklistError, list_profiles, load_checklist
from scorer.checklist.model import Checklist
from scorer.document.loader import load_bytes
from scorer.engine.run import run_checklist

PROFILES = ("government", "department", "department-approval")


def _checklists() -> dict[str, Checklist]:
    return {name: load_checklist(name) for name in PROFILES}


CHECKLISTS = _checklists()
CASES = [
    pytest.param(profile, element.id, id=f"{profile}:{element.id}")
    for profile, checklist in CHECKLISTS.items()
    for element in checklist.elements
]


def test_the_shipped_profiles_are_listed() -> None:
    assert set(PROFILES) <= set(list_profiles())
    for name in PROFILES:
        assert CHECKLISTS[name].profile == name


@pytest.mark.parametrize(("profile", "element_id"), CASES)
def test_element_examples(profile: str, element_id: str) -> None:
    checklist = CHECKLISTS[profile]
    element = checklist.element(element_id)
    failures = []
    for expect_covered, texts in ((True, element.examples.covered), (False, element.examples.not_covered)):
        for text in texts:
            doc = load_bytes(text.encode(), "example.txt")
            status = run_checklist(doc, checklist).verdict(element_id).status
            if (status == "covered") != expect_covered:
                wanted = "covered" if expect_covered else "not covered"
                failures.append(f"expected {wanted}, got {status!r}: {text!r}")
    assert not failures, "\n".join(failures)


def test_every_element_has_examples_of_both_kinds() -> None:
    for profile, checklist in CHECKLISTS.items():
        assert len(checklist.elements) >= 38, profile
        for element in checklist.elements:
            assert element.examples.covered, f"{profile}:{element.id}"
            assert element.examples.not_covered, f"{profile}:{element.id}"
            assert all(t.strip() for t in element.examples.covered + element.examples.not_covered)


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "custom.yaml"
    path.write_text(f"extends: {CHECKLIST_DIR / 'department.yaml'}\nprofile: custom\n{body}",
                    encoding="utf-8")
    return path


def test_empty_examples_are_rejected(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "elements:\n"
        "  - id: content.measures\n"
        "    examples: {covered: [], not_covered: []}\n",
    )
    with pytest.raises(ChecklistError) as info:
        load_checklist(path)
    message = str(info.value)
    assert message.startswith(f"{path}:5:")
    assert "elements.0.examples.covered" in message


def test_empty_not_covered_examples_are_rejected(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "elements:\n"
        "  - id: content.measures\n"
        "    examples: {covered: [\"一、主要举措\\n全年办理案件120件。\"], not_covered: []}\n",
    )
    with pytest.raises(ChecklistError) as info:
        load_checklist(path)
    assert "elements.0.examples.not_covered" in str(info.value)


def test_new_element_without_examples_is_rejected(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
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
        "    match: {type: topic, terms: [额外专题]}\n",
    )
    with pytest.raises(ChecklistError) as info:
        load_checklist(path)
    assert str(info.value).endswith(".examples: 缺少必填项")
