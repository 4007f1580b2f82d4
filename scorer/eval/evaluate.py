"""``scorer eval``: compare verdicts with human labels (the labels.jsonl format)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scorer.document.loader import load_document
from scorer.engine.run import Result, choose_profile, load_checklist_cached, run_checklist
from scorer.learn.model import SentenceModel
from scorer.support.errors import InputError, ScorerError

POSITIVE = {"covered", "partial"}
REFUSED = "refused"
"""The prediction for every element of a document the tool refused to read: wrong on all."""
STATUS_ORDER = ["covered", "partial", "missing", "not_applicable", "needs_review"]
PRED_ORDER = [*STATUS_ORDER, REFUSED]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    gtp: int = 0
    gfp: int = 0
    gfn: int = 0
    exact: int = 0
    n: int = 0
    positives: int = 0

    def add(self, gold: str, pred: str) -> None:
        self.n += 1
        self.exact += gold == pred
        g, p = gold in POSITIVE, pred in POSITIVE
        self.positives += g
        self.tp += g and p
        self.fp += p and not g
        self.fn += g and not p
        gm, pm = gold == "missing", pred == "missing"
        self.gtp += gm and pm
        self.gfp += pm and not gm
        self.gfn += gm and not pm

    @staticmethod
    def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def as_dict(self) -> dict[str, Any]:
        p, r, f = self._f1(self.tp, self.fp, self.fn)
        _, _, gf = self._f1(self.gtp, self.gfp, self.gfn)
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "gap_f1": round(gf, 4), "exact_accuracy": round(self.exact / self.n, 4) if self.n else 1.0,
                "n": self.n, "positives": self.positives}


@dataclass
class EvalResult:
    overall: Tally = field(default_factory=Tally)
    per_element: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    issuer_kind: list[int] = field(default_factory=lambda: [0, 0])
    report_year: list[int] = field(default_factory=lambda: [0, 0])
    errors: list[str] = field(default_factory=list)
    mismatches: list[dict[str, str]] = field(default_factory=list)
    folds: int | None = None  # k of the k-fold run, None for a plain run

    def add_doc(self, doc_name: str, row: dict[str, Any], result: Result | None) -> None:
        """Count one labelled document; ``result`` None means the tool refused it."""
        labels = row["labels"]
        facts = result.doc.facts if result is not None else None
        self.issuer_kind[1] += 1
        self.issuer_kind[0] += facts is not None and facts.issuer_kind == row.get("issuer_kind")
        self.report_year[1] += 1
        self.report_year[0] += facts is not None and facts.report_year == row.get("report_year")
        pred = {v.element.id: v.status for v in result.verdicts} if result is not None else {}
        for el, gold in labels.items():
            if result is not None and el not in pred:
                continue
            status = pred.get(el, REFUSED)
            self.overall.add(gold, status)
            self.per_element[el].add(gold, status)
            self.confusion[(gold, status)] += 1
            if gold != status:
                self.mismatches.append({"doc": doc_name, "element": el, "gold": gold, "pred": status,
                                        "evidence": row.get("evidence", {}).get(el, "")})

    def as_dict(self) -> dict[str, Any]:
        o = self.overall.as_dict()
        overall = {"micro_f1": o["f1"], "micro_precision": o["precision"], "micro_recall": o["recall"],
                   "gap_f1": o["gap_f1"], "exact_accuracy": o["exact_accuracy"], "n": o["n"],
                   "issuer_kind_accuracy": _ratio(self.issuer_kind), "report_year_accuracy": _ratio(self.report_year)}
        return {
            "overall": overall,
            "elements": {k: v.as_dict() for k, v in sorted(self.per_element.items())},
            "confusion": {g: {p: self.confusion[(g, p)] for p in PRED_ORDER} for g in STATUS_ORDER},
            "errors": self.errors,
            "folds": self.folds,
        }


def _ratio(pair: list[int]) -> float:
    return round(pair[0] / pair[1], 4) if pair[1] else 1.0


def read_gold(labels_path: str | Path) -> list[dict[str, Any]]:
    """The rows of a labels.jsonl file (see docs/eval.md)."""
    try:
        lines = Path(labels_path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(labels_path, f"无法读取标注文件（{exc.strerror}）") from None
    rows = []
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
            if not isinstance(row["doc"], str) or not isinstance(row["labels"], dict):
                raise TypeError("doc 必须是字符串，labels 必须是对象")
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ScorerError(f"{labels_path}:{n}: 标注行格式错误（{exc}）") from None
        rows.append(row)
    return rows


def evaluate(labels_path: str | Path, docs_dir: str | Path, profile: str = "auto",
             folds: int | None = None, sentence_labels: str | Path | None = None,
             corpus_root: str | Path | None = None) -> EvalResult:
    """Score every labelled document and compare with the labels. A document the tool refuses
    counts as wrong on every element. With ``folds``, each document is scored by a sentence
    model trained without the sentence labels of its fold (see :mod:`scorer.eval.folds`)."""
    rows = read_gold(labels_path)
    res = EvalResult(folds=folds)
    models: dict[str, SentenceModel] = {}
    if folds:
        from scorer.eval.folds import fold_models  # lazy: only --folds trains models

        models = fold_models([r["doc"] for r in rows], folds, sentence_labels, corpus_root)
    for row in rows:
        doc_name = row["doc"]
        try:
            doc = load_document(Path(docs_dir) / doc_name)
        except InputError as exc:
            res.errors.append(str(exc))
            res.add_doc(doc_name, row, None)
            continue
        checklist = load_checklist_cached(choose_profile(doc, profile))
        result = run_checklist(doc, checklist, model=models.get(doc_name)) if folds else \
            run_checklist(doc, checklist)
        res.add_doc(doc_name, row, result)
    return res


def render_table(res: EvalResult) -> str:
    from tabulate import tabulate  # lazy: only the table needs it (wcwidth's tables: 30 ms)

    d = res.as_dict()
    rows = [[k, v["positives"], v["precision"], v["recall"], v["f1"], v["gap_f1"], v["exact_accuracy"]]
            for k, v in d["elements"].items()]
    o = d["overall"]
    out = [tabulate(rows, headers=["要素", "正例", "精确率", "召回率", "F1", "缺失F1", "状态准确率"],
                    floatfmt=".3f", tablefmt="github")]
    out.append("")
    conf = [[g] + [d["confusion"][g][p] for p in PRED_ORDER] for g in STATUS_ORDER]
    out.append("混淆表（行：人工标注，列：工具判定；refused＝读取失败，按全部判错计）")
    out.append(tabulate(conf, headers=["标注\\判定", *PRED_ORDER], tablefmt="github"))
    out.append("")
    if res.folds:
        out.append(f"（{res.folds} 折交叉验证：每份报告由未见过其所在折句子标注的模型判定）")
    out.append(f"总体：micro-F1 {o['micro_f1']:.3f}，缺失F1（gap-F1）{o['gap_f1']:.3f}，"
               f"状态准确率 {o['exact_accuracy']:.3f}，主体类型准确率 {o['issuer_kind_accuracy']:.3f}，"
               f"报告年度准确率 {o['report_year_accuracy']:.3f}（{o['n']} 个判定）")
    if res.errors:
        out.append("读取失败：")
        out.extend(f"  {e}" for e in res.errors)
    return "\n".join(out) + "\n"
