"""``scorer eval``: compare verdicts with human labels (the labels.jsonl format)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scorer.engine import choose_profile, load_checklist_cached, run_checklist
from scorer.errors import InputError, ScorerError
from scorer.loader import load_document

POSITIVE = {"covered", "partial"}
STATUS_ORDER = ["covered", "partial", "missing", "not_applicable", "needs_review"]


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

    def as_dict(self) -> dict[str, Any]:
        o = self.overall.as_dict()
        overall = {"micro_f1": o["f1"], "micro_precision": o["precision"], "micro_recall": o["recall"],
                   "gap_f1": o["gap_f1"], "exact_accuracy": o["exact_accuracy"], "n": o["n"],
                   "issuer_kind_accuracy": _ratio(self.issuer_kind), "report_year_accuracy": _ratio(self.report_year)}
        return {
            "overall": overall,
            "elements": {k: v.as_dict() for k, v in sorted(self.per_element.items())},
            "confusion": {g: {p: self.confusion[(g, p)] for p in STATUS_ORDER} for g in STATUS_ORDER},
            "errors": self.errors,
        }


def _ratio(pair: list[int]) -> float:
    return round(pair[0] / pair[1], 4) if pair[1] else 1.0


def evaluate(labels_path: str | Path, docs_dir: str | Path, profile: str = "auto") -> EvalResult:
    res = EvalResult()
    try:
        lines = Path(labels_path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(labels_path, f"无法读取标注文件（{exc.strerror}）") from None
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
            doc_name, labels = row["doc"], row["labels"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ScorerError(f"{labels_path}:{n}: 标注行格式错误（{exc}）") from None
        try:
            doc = load_document(Path(docs_dir) / doc_name)
        except InputError as exc:
            res.errors.append(str(exc))
            continue
        result = run_checklist(doc, load_checklist_cached(choose_profile(doc, profile)))
        res.issuer_kind[1] += 1
        res.issuer_kind[0] += doc.facts.issuer_kind == row.get("issuer_kind")
        res.report_year[1] += 1
        res.report_year[0] += doc.facts.report_year == row.get("report_year")
        for v in result.verdicts:
            gold = labels.get(v.element.id)
            if gold is None:
                continue
            res.overall.add(gold, v.status)
            res.per_element[v.element.id].add(gold, v.status)
            res.confusion[(gold, v.status)] += 1
            if gold != v.status:
                res.mismatches.append({"doc": doc_name, "element": v.element.id, "gold": gold, "pred": v.status,
                                       "evidence": row.get("evidence", {}).get(v.element.id, "")})
    return res


def render_table(res: EvalResult) -> str:
    from tabulate import tabulate

    d = res.as_dict()
    rows = [[k, v["positives"], v["precision"], v["recall"], v["f1"], v["gap_f1"], v["exact_accuracy"]]
            for k, v in d["elements"].items()]
    o = d["overall"]
    out = [tabulate(rows, headers=["要素", "正例", "精确率", "召回率", "F1", "缺失F1", "状态准确率"],
                    floatfmt=".3f", tablefmt="github")]
    out.append("")
    conf = [[g] + [d["confusion"][g][p] for p in STATUS_ORDER] for g in STATUS_ORDER]
    out.append("混淆表（行：人工标注，列：工具判定）")
    out.append(tabulate(conf, headers=["标注\\判定", *STATUS_ORDER], tablefmt="github"))
    out.append("")
    out.append(f"总体：micro-F1 {o['micro_f1']:.3f}，缺失F1（gap-F1）{o['gap_f1']:.3f}，"
               f"状态准确率 {o['exact_accuracy']:.3f}，主体类型准确率 {o['issuer_kind_accuracy']:.3f}，"
               f"报告年度准确率 {o['report_year_accuracy']:.3f}（{o['n']} 个判定）")
    if res.errors:
        out.append("读取失败：")
        out.extend(f"  {e}" for e in res.errors)
    return "\n".join(out) + "\n"
