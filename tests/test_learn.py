"""The learned sentence layer: the model file, its loading and errors, the decision rule, the
sentence labels and their check, k-fold grouping, training determinism, and eval's counting."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import CORPUS as SHARED
from conftest import ROOT

from scorer.checklist.load import ChecklistError, load_checklist
from scorer.cli.main import main
from scorer.eval.evaluate import REFUSED, evaluate
from scorer.eval.folds import DEFAULT_LABELS
from scorer.learn.labels import Aligner, SentenceLabel, derive_statuses, disagreements, read_labels
from scorer.learn.model import FORMAT, LinearTask, ModelError, load_model, parse_model
from scorer.learn.split import fold_of, group_of
from scorer.support.resources import checklist_dir

SHIPPED = checklist_dir() / "sentence-model.json"


def _minimal(**over: object) -> dict:
    data = {"format": FORMAT, "meta": {}, "tasks": {
        "topic": {"classes": ["none", "mention", "act"], "bias": [0, 0, 0], "threshold": 0.3,
                  "weights": {"w:开展": [0, 0, 2.0]}},
        "leader": {"classes": ["none", "group", "principle", "principal"], "bias": [0, 0, 0, 0],
                   "weights": {}},
    }}
    data.update(over)
    return data


# --------------------------------------------------------------------------- the file


def test_the_shipped_model_loads_and_is_small() -> None:
    m = load_model(str(SHIPPED))
    assert set(m.tasks) == {"topic", "leader"}
    assert all(0 < t.threshold <= 1 and t.weights for t in m.tasks.values())
    assert SHIPPED.stat().st_size < 2_000_000


def test_the_shipped_model_was_trained_on_the_shipped_labels() -> None:
    meta = load_model(str(SHIPPED)).meta
    assert meta["labels_sha256"] == hashlib.sha256(DEFAULT_LABELS.read_bytes()).hexdigest()[:16]


@pytest.mark.parametrize(("content", "message"), [
    (None, "句子模型文件不存在"),
    (b"{not json", "不是有效的 JSON"),
    (json.dumps({"format": "other"}).encode(), "格式错误"),
    (json.dumps(_minimal(tasks={"topic": {}})).encode(), "格式错误"),
])  # fmt: skip
def test_a_missing_or_broken_model_is_a_clear_error(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "m.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ModelError) as exc:
        load_model(str(path))
    assert str(exc.value).startswith(f"{path}: ") and message in str(exc.value)


def test_non_finite_or_misshaped_weights_are_refused() -> None:
    bad = _minimal()
    bad["tasks"]["topic"]["weights"] = {"w:x": [0, 1]}
    with pytest.raises(ModelError, match="权重不是 3 个数"):
        parse_model(bad, "m.json")
    bad["tasks"]["topic"]["weights"] = {"w:x": [0, 1, float("inf")]}
    with pytest.raises(ModelError):
        parse_model(bad, "m.json")


def _custom_checklist(tmp_path: Path, model_line: str) -> Path:
    base = checklist_dir() / "base-2021.yaml"
    text = base.read_text(encoding="utf-8").replace("sentence_model: sentence-model.json", model_line)
    (tmp_path / "dictionary.txt").write_text("", encoding="utf-8")
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_checklist_naming_a_missing_model_is_refused_at_its_line(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = _custom_checklist(tmp_path, "sentence_model: nowhere.json")
    with pytest.raises(ChecklistError) as exc:
        load_checklist(path)
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "nowhere" in t)
    assert str(exc.value).startswith(f"{path.resolve()}:{line}:1 sentence_model: ")
    assert "句子模型文件不存在" in str(exc.value)
    assert main(["checklist", "validate", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "sentence_model" in err[0]


def test_a_checklist_without_a_model_judges_by_the_mechanisms(tmp_path: Path) -> None:
    path = _custom_checklist(tmp_path, "")
    cl = load_checklist(path)
    assert cl.load_sentence_model() is None
    from scorer.document.loader import load_bytes
    from scorer.engine.run import run_checklist

    text = "某县司法局关于2025年度法治政府建设情况的报告\n\n一、主要举措和成效\n全年受理行政复议案件12件，全部办结。\n"
    res = run_checklist(load_bytes(text.encode(), "r.txt"), cl)
    assert res.verdict("topic.disputes").status == "covered"


# --------------------------------------------------------------------------- the decision


def test_decide_thresholds_and_ceilings() -> None:
    t = LinearTask.of(("none", "mention", "act"), (0.0, 0.0, 0.0), {}, threshold=0.3)
    assert t.decide({"none": 0.4, "mention": 0.3, "act": 0.3}) == ("act", 0.3)
    assert t.decide({"none": 0.3, "mention": 0.5, "act": 0.2})[0] == "mention"
    assert t.decide({"none": 0.6, "mention": 0.2, "act": 0.2})[0] == "none"
    # capped at a mention: the act's mass goes to the mention
    assert t.decide({"none": 0.4, "mention": 0.1, "act": 0.5}, ("none", "mention"))[0] == "mention"
    leader = LinearTask.of(("none", "group", "principle", "principal"), (0.0,) * 4, {}, threshold=0.45)
    assert leader.decide({"none": 0.1, "group": 0.2, "principle": 0.25, "principal": 0.45})[0] == "principal"
    assert leader.decide({"none": 0.1, "group": 0.2, "principle": 0.3, "principal": 0.4})[0] == "principle"


def test_scores_are_a_deterministic_softmax() -> None:
    m = parse_model(_minimal(), "m.json").task("topic")
    p = m.scores(["w:开展", "w:开展", "w:unknown"])
    assert p == m.scores(["w:unknown", "w:开展"])
    assert abs(sum(p.values()) - 1) < 1e-12 and p["act"] > p["mention"] == p["none"]


# --------------------------------------------------------------------------- sentence labels


def _lab(line: int, text: str, topics: dict[str, str] | None = None, leader: str | None = None) -> SentenceLabel:
    return SentenceLabel("c/docs/d.txt", line, text, topics or {}, leader)


def test_derived_statuses_and_disagreements() -> None:
    labs = [_lab(1, "甲", {"topic.disputes": "mention"}), _lab(2, "乙", {"topic.disputes": "act"}),
            _lab(3, "丙", {"topic.emergency": "mention"}, "group")]
    st = derive_statuses(labs, "content.leader-duty")
    assert st == {"topic.disputes": "covered", "topic.emergency": "partial", "content.leader-duty": "partial"}
    gold = {"topic.disputes": "covered", "topic.emergency": "covered", "content.leader-duty": "partial",
            "topic.shu-fa": "missing", "topic.digital": "not_applicable"}
    assert disagreements(labs, gold, list(gold), "content.leader-duty") == [("topic.emergency", "covered", "partial")]


def test_labels_follow_the_text_when_the_sentence_split_changes() -> None:
    raw = ["标题", "一是开展培训3次；二是办理复议案件5件。"]
    labs = [_lab(2, "一是开展培训3次；", {"topic.legal-study": "act"}),
            _lab(2, "二是办理复议案件5件。", {"topic.disputes": "act"})]
    al = Aligner(labs, raw)
    whole = (0, len(raw[1]))
    assert al.topic(2, *whole, "topic.legal-study") == "act" and al.topic(2, *whole, "topic.disputes") == "act"
    assert al.topic(2, 9, len(raw[1]), "topic.legal-study") == "none"
    assert not al.unplaced and Aligner([_lab(2, "不在这一行")], raw).unplaced


def test_bad_sentence_label_lines_are_refused(tmp_path: Path) -> None:
    p = tmp_path / "s.jsonl"
    p.write_text('{"doc": "a", "line": 1, "text": "x", "topics": {"topic.a": "maybe"}}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=":1: 句子标注取值无效"):
        read_labels(p)


def test_the_shipped_labels_are_valid() -> None:
    labels = read_labels(DEFAULT_LABELS)
    assert len(labels) > 1000 and len({lab.doc for lab in labels}) >= 70


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus")
def test_the_sentence_labels_give_every_documents_gold_statuses() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from check_sentence_labels import check

    assert check(DEFAULT_LABELS, SHARED) == []


# --------------------------------------------------------------------------- folds and eval


def test_a_mirror_copy_is_held_out_with_its_original() -> None:
    docs = ["dev/docs/gov_014.txt", "dev/docs/gov_104.txt", "dev-synthetic/docs/devsynth_01.txt"]
    assert group_of("mirror_trad_gov_014.txt", docs) == "dev/docs/gov_014.txt"
    assert group_of("mirror_trad-pinyin_gov_014.txt", docs) == "dev/docs/gov_014.txt"
    assert group_of("gov_014.txt", docs) == "dev/docs/gov_014.txt"
    assert group_of("xgov_014.txt", docs) == "xgov_014.txt"  # not a copy: no separator
    assert {fold_of(d, 5) for d in docs} <= set(range(5))
    assert fold_of(docs[0], 5) == fold_of(docs[0], 5)


def test_a_refused_document_counts_as_wrong_on_every_element(tmp_path: Path) -> None:
    seed = next((ROOT / "seeds").glob("002_*.txt"))
    (tmp_path / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02 garbage " * 50)
    gold = {"content.measures": "covered", "topic.shu-fa": "missing"}
    rows = [{"doc": seed.name, "issuer_kind": "department", "report_year": 2025, "labels": gold},
            {"doc": "bad.txt", "issuer_kind": "department", "report_year": 2025, "labels": gold}]
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    d = evaluate(labels, tmp_path).as_dict()
    assert d["overall"]["n"] == 4
    assert d["confusion"]["covered"][REFUSED] == 1 and d["confusion"]["missing"][REFUSED] == 1
    assert d["overall"]["exact_accuracy"] <= 0.5 and d["overall"]["issuer_kind_accuracy"] == 0.5
    assert len(d["errors"]) == 1
