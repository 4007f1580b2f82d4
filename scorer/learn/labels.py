"""Sentence labels: the training data of the sentence model, and their check against the
documents' gold statuses.

One JSON object per labelled sentence (``tools/data/sentence_labels.jsonl``)::

    {"doc": "dev/docs/gov_053.txt", "line": 7, "text": "县委、县政府主要负责同志主持召开……",
     "topics": {"<topic id>": "act", "<another topic id>": "mention"}, "leader": "principal"}

``doc`` is relative to the corpus root (``../shared/corpus``), ``line`` is the 1-based line and
``text`` the sentence as written, so labels stay attached to the text when the tool's sentence
splitting changes. ``topics`` maps a topic element to ``act`` (the issuer's own work of the
reporting year in that area) or ``mention``; ``leader`` is ``principal``, ``group`` or
``principle`` (who acts for the first responsible person's duty: the checklist element judged by
the ``cooccur`` type, whose id the caller passes). Unlabelled sentences carry no labels.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

TOPIC_VALUES = ("act", "mention")
LEADER_VALUES = ("principal", "group", "principle")
_RANK = {"none": 0, "mention": 1, "act": 2}
_LEADER_RANK = {"none": 0, "group": 1, "principle": 1, "principal": 2}


@dataclass
class SentenceLabel:
    doc: str
    line: int
    text: str
    topics: dict[str, str] = field(default_factory=dict)
    leader: str | None = None


def read_labels(path: str | Path) -> list[SentenceLabel]:
    out: list[SentenceLabel] = []
    for n, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
            lab = SentenceLabel(doc=row["doc"], line=int(row["line"]), text=row["text"],
                                topics=dict(row.get("topics", {})), leader=row.get("leader"))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}:{n}: 句子标注格式错误（{exc}）") from None
        bad = [v for v in lab.topics.values() if v not in TOPIC_VALUES]
        if bad or (lab.leader is not None and lab.leader not in LEADER_VALUES):
            raise ValueError(f"{path}:{n}: 句子标注取值无效（{bad or lab.leader}）")
        out.append(lab)
    return out


def by_doc(labels: list[SentenceLabel]) -> dict[str, list[SentenceLabel]]:
    out: dict[str, list[SentenceLabel]] = defaultdict(list)
    for lab in labels:
        out[lab.doc].append(lab)
    return dict(out)


def derive_statuses(labels: list[SentenceLabel], leader_element: str) -> dict[str, str]:
    """A document's statuses as its sentence labels give them: a topic is ``covered`` with an
    act, ``partial`` with only mentions; the leader's duty (element ``leader_element``)
    ``covered`` with the principal leader acting, ``partial`` with a group or the principle only;
    anything unlabelled ``missing``."""
    best: dict[str, int] = {}
    for lab in labels:
        for t, v in lab.topics.items():
            best[t] = max(best.get(t, 0), _RANK[v])
        if lab.leader:
            best[leader_element] = max(best.get(leader_element, 0), _LEADER_RANK[lab.leader])
    return {k: ("covered" if v == 2 else "partial") for k, v in best.items() if v}


def disagreements(labels: list[SentenceLabel], gold: dict[str, str], elements: list[str],
                  leader_element: str) -> list[tuple[str, str, str]]:
    """(element, gold, derived) for every element whose derived status differs from the gold."""
    derived = derive_statuses(labels, leader_element)
    out = []
    for el in elements:
        g = gold.get(el)
        if g is None or g == "not_applicable":
            continue
        d = derived.get(el, "missing")
        if d != g:
            out.append((el, g, d))
    return out


class Aligner:
    """The labels of a tool sentence: every labelled sentence on the same line whose text
    overlaps it by at least half of the shorter of the two (labels merged, strongest wins)."""

    def __init__(self, labels: list[SentenceLabel], raw_lines: list[str]) -> None:
        self.spans: dict[int, list[tuple[int, int, SentenceLabel]]] = defaultdict(list)
        for lab in labels:
            raw = raw_lines[lab.line - 1] if 0 < lab.line <= len(raw_lines) else ""
            a = raw.find(lab.text)
            if a >= 0:
                self.spans[lab.line].append((a, a + len(lab.text), lab))
        self.unplaced = [lab for lab in labels if not any(x[2] is lab for x in self.spans[lab.line])]

    def labels_at(self, line_no: int, start: int, end: int) -> list[SentenceLabel]:
        out = []
        for a, b, lab in self.spans.get(line_no, ()):
            overlap = min(b, end) - max(a, start)
            if overlap > 0 and overlap * 2 >= min(b - a, end - start):
                out.append(lab)
        return out

    def topic(self, line_no: int, start: int, end: int, topic: str) -> str:
        vals = [lab.topics.get(topic, "none") for lab in self.labels_at(line_no, start, end)]
        return max(vals, key=_RANK.__getitem__, default="none")

    def leader(self, line_no: int, start: int, end: int) -> str:
        vals = [lab.leader or "none" for lab in self.labels_at(line_no, start, end)]
        return max(vals, key=_LEADER_RANK.__getitem__, default="none")
