"""Training the sentence model (the ``train`` extra): deterministic, reproducible from the
shipped labels, and usable for k-fold evaluation. Skips without scikit-learn."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS as SHARED

pytest.importorskip("sklearn")

from scorer.document.loader import load_bytes  # noqa: E402
from scorer.engine.run import choose_profile, load_checklist_cached, run_checklist  # noqa: E402
from scorer.eval.evaluate import evaluate  # noqa: E402
from scorer.eval.folds import DEFAULT_LABELS  # noqa: E402
from scorer.eval.train import collect, fit, to_json  # noqa: E402
from scorer.learn.labels import read_labels  # noqa: E402
from scorer.learn.model import parse_model  # noqa: E402
from scorer.support.resources import checklist_dir  # noqa: E402

TITLE = "{place}司法局关于2025年度法治政府建设情况的报告\n\n"
OPENING = "2025年，{place}司法局扎实推进法治政府建设各项工作，现将有关情况报告如下：\n"
ACTS = ["全年受理行政复议案件{n}件，全部审结。", "组织人民调解员调处矛盾纠纷{n}件，调解成功率98%。"]
PLAN = ["下一步将进一步加强行政复议工作。", "2026年将健全矛盾纠纷多元化解机制。"]
PLACES = ["东山县", "西河县", "南岭区", "北湖区", "中原县", "青石县"]


def _corpus(root: Path) -> Path:
    """Six invented reports: disputes work done in some, only planned in others; sentence
    labels for each (in the repository's format)."""
    docs = root / "gen" / "docs"
    docs.mkdir(parents=True)
    labels = []
    for k, place in enumerate(PLACES):
        done = k % 2 == 0
        body = ACTS if done else ["全年办理行政处罚案件{n}件。"]
        lines = [TITLE.format(place=place).rstrip("\n"), "", OPENING.format(place=place).rstrip("\n"),
                 "一、主要举措和成效", *(t.format(n=10 + k) for t in body), "二、2026年工作安排", *PLAN]
        (docs / f"r{k}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for no, text in enumerate(lines, 1):
            if text in PLAN:
                labels.append({"doc": f"gen/docs/r{k}.txt", "line": no, "text": text,
                               "topics": {"topic.disputes": "mention"}})
            elif done and ("复议" in text or "调处" in text):
                labels.append({"doc": f"gen/docs/r{k}.txt", "line": no, "text": text,
                               "topics": {"topic.disputes": "act"}})
    path = root / "labels.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in labels), encoding="utf-8")
    return path


def test_training_is_deterministic_and_learns_the_labels(tmp_path: Path) -> None:
    labels = read_labels(_corpus(tmp_path))
    data = collect(labels, tmp_path)
    assert data.statuses[("gen/docs/r0.txt", "topic.disputes")] == "covered"
    assert data.statuses[("gen/docs/r1.txt", "topic.disputes")] == "partial"
    first, second = to_json(fit(data)), to_json(fit(collect(labels, tmp_path)))
    assert first == second
    model = parse_model(json.loads(first), "trained.json")
    text = (TITLE + OPENING).format(place="远山县") + "一、主要举措和成效\n全年受理行政复议案件7件，全部审结。\n"
    doc = load_bytes(text.encode("utf-8"), "new.txt")
    res = run_checklist(doc, load_checklist_cached(choose_profile(doc)), model=model)
    assert res.verdict("topic.disputes").status == "covered"


def test_k_fold_evaluation_scores_each_document_with_a_model_that_never_saw_it(tmp_path: Path) -> None:
    sentence_labels = _corpus(tmp_path)
    gold = tmp_path / "gold.jsonl"
    rows = [{"doc": f"r{k}.txt", "issuer_kind": "department", "report_year": 2025,
             "labels": {"topic.disputes": "covered" if k % 2 == 0 else "partial"}} for k in range(len(PLACES))]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = evaluate(gold, tmp_path / "gen" / "docs", folds=3, sentence_labels=sentence_labels, corpus_root=tmp_path)
    d = res.as_dict()
    assert d["folds"] == 3 and d["overall"]["n"] == len(PLACES) and not d["errors"]


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus")
def test_the_shipped_model_is_what_training_on_the_shipped_labels_gives() -> None:
    data = collect(read_labels(DEFAULT_LABELS), SHARED)
    meta = json.loads((checklist_dir() / "sentence-model.json").read_text(encoding="utf-8"))["meta"]
    model = fit(data, meta)
    assert to_json(model) == (checklist_dir() / "sentence-model.json").read_text(encoding="utf-8")
