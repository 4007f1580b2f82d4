"""Training of the sentence model (development only: needs the ``train`` extra, scikit-learn).

Examples are the candidates that the checklist's own patterns propose in the labelled documents
(``topic`` and ``cooccur`` elements), each with the features of :mod:`scorer.matchers.topic` /
:mod:`scorer.matchers.cooccur` and the label of the sentence it stands in (``none`` when the
sentence carries no label for it). One multinomial logistic regression per task; features seen
in fewer than ``min_count`` training documents are dropped. Deterministic: the same labels,
texts and code give the same file byte for byte.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scorer.checklist.load import without_sentence_model
from scorer.checklist.model import Checklist
from scorer.document.loader import load_document
from scorer.document.normalize import original_span
from scorer.engine.run import choose_profile, load_checklist_cached
from scorer.learn.labels import Aligner, SentenceLabel, by_doc, derive_statuses
from scorer.learn.model import FORMAT, TASKS, LinearTask, SentenceModel, parse_model
from scorer.learn.split import fold_of
from scorer.match.context import MatchContext
from scorer.matchers import cooccur, topic
from scorer.support.errors import ScorerError

C = 0.3
MIN_COUNT = 2
PRUNE = 0.02
"""Weights smaller than this (in every class) are left out of the file: it stays small and loads fast."""


@dataclass(frozen=True)
class Example:
    group: str  # the document it comes from (folds never split a document)
    task: str
    element: str
    features: frozenset[str]
    label: str
    allowed: tuple[str, ...] | None  # the mechanism's ceiling on the readings (None: any)
    where: str  # "doc:line" for diagnostics


@dataclass
class TrainingSet:
    examples: list[Example]
    statuses: dict[tuple[str, str], str]  # (document, element) → status the sentence labels give
    misses: list[str]  # labelled sentences that no candidate reaches


def _sklearn() -> Any:
    try:  # lazy: scikit-learn is the optional [train] dependency, and heavy
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise ScorerError("训练句子模型需要 scikit-learn：请运行 python3 -m pip install -e '.[train]'") from None
    return LogisticRegression


def leader_element(checklist: Checklist) -> str:
    """The element that sentence labels' ``leader`` values are about: the one the ``cooccur``
    type judges (who acts for the first responsible person's duty)."""
    return next(e.id for e in checklist.elements if e.params.type == "cooccur")


def examples_for(doc_key: str, path: Path, labels: list[SentenceLabel]) -> tuple[list[Example], list[str], str]:
    """The candidates of one labelled document as examples, the labels no candidate reaches
    (the patterns' recall misses: ``doc:line element value text``) and the leader's element."""
    doc = load_document(path)
    with without_sentence_model():  # the model may not exist yet: it is what is being trained
        checklist = load_checklist_cached(choose_profile(doc))
    ctx = MatchContext(doc)
    kind = checklist.applies_to or doc.facts.issuer_kind or "government"
    aligner = Aligner(labels, [ln.raw for ln in doc.lines])
    out: list[Example] = []
    reached: set[tuple[int, str]] = set()

    def span(s: Any) -> tuple[int, int, int]:
        ln = doc.lines[s.line]
        a, b = original_span(ln.norm, s.start, s.end)
        return ln.no, a, b

    for el in checklist.elements:
        if kind not in el.applies:
            continue
        ctx.enter(el.id, el.scope)
        if el.params.type == "topic":
            for c in topic.candidates(el.params, ctx):
                no, a, b = span(c.sentence)
                y = aligner.topic(no, a, b, el.id)
                if y == "act" and c.ceiling == "mention":
                    y = "mention"  # the mechanism caps it; the model need not learn it
                for lab in aligner.labels_at(no, a, b):
                    reached.add((id(lab), el.id))
                out.append(Example(doc_key, "topic", el.id,
                                   frozenset(topic.candidate_features(ctx, c, el.id, el.params)), y,
                                   None if c.ceiling == "act" else ("none", "mention"), f"{doc_key}:{no}"))
        elif el.params.type == "cooccur":
            for c in cooccur.candidates(el.params, ctx):
                no, a, b = span(c.sentence)
                for lab in aligner.labels_at(no, a, b):
                    reached.add((id(lab), "leader"))
                out.append(Example(doc_key, "leader", el.id,
                                   frozenset(cooccur.candidate_features(ctx, c, el.params)),
                                   aligner.leader(no, a, b), None, f"{doc_key}:{no}"))
    misses = []
    for lab in labels:
        for t, v in lab.topics.items():
            if (id(lab), t) not in reached:
                misses.append(f"{doc_key}:{lab.line} {t} {v} {lab.text[:60]}")
        if lab.leader and (id(lab), "leader") not in reached:
            misses.append(f"{doc_key}:{lab.line} leader {lab.leader} {lab.text[:60]}")
    misses += [f"{doc_key}:{lab.line} unplaced {lab.text[:60]}" for lab in aligner.unplaced]
    return out, misses, leader_element(checklist)


def collect(labels: list[SentenceLabel], corpus_root: Path) -> TrainingSet:
    data = TrainingSet([], {}, [])
    for doc_key, labs in sorted(by_doc(labels).items()):
        ex, miss, leader = examples_for(doc_key, corpus_root / doc_key, labs)
        data.examples += ex
        data.misses += miss
        for el, st in derive_statuses(labs, leader).items():
            data.statuses[(doc_key, el)] = st
    return data


def fit_task(task: str, examples: list[Example], c: float = C, min_count: int = MIN_COUNT) -> LinearTask:
    LogisticRegression = _sklearn()
    from scipy.sparse import csr_matrix  # lazy: comes with scikit-learn ([train])

    classes = TASKS[task]
    exs = [e for e in examples if e.task == task]
    docs_with: Counter[str] = Counter()
    for g in sorted({e.group for e in exs}):
        feats: set[str] = set()
        for e in exs:
            if e.group == g:
                feats |= e.features
        docs_with.update(feats)
    vocab = sorted(f for f, n in docs_with.items() if n >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols = [], []
    for r, e in enumerate(exs):
        for f in sorted(e.features):
            j = index.get(f)
            if j is not None:
                rows.append(r)
                cols.append(j)
    x = csr_matrix(([1.0] * len(rows), (rows, cols)), shape=(len(exs), len(vocab)))
    y = [e.label for e in exs]
    present = sorted(set(y), key=classes.index)
    if len(present) < 2 or not vocab:  # nothing to learn from: the classes' shares alone
        counts = Counter(y)
        bias = tuple(round(math.log(counts[k] / len(y)), 4) if counts[k] else -20.0 for k in classes) \
            if y else (0.0,) * len(classes)
        return LinearTask.of(classes, bias, {})
    clf = LogisticRegression(C=c, max_iter=5000, tol=1e-4)
    clf.fit(x, y)
    learned = list(clf.classes_)
    coef = clf.coef_ if len(learned) > 2 else [-clf.coef_[0] / 2, clf.coef_[0] / 2]
    inter = clf.intercept_ if len(learned) > 2 else [-clf.intercept_[0] / 2, clf.intercept_[0] / 2]
    weights: dict[str, tuple[float, ...]] = {}
    for j, f in enumerate(vocab):
        w = tuple(round(float(coef[learned.index(k)][j]), 3) if k in learned else 0.0 for k in classes)
        if any(abs(v) >= PRUNE for v in w):
            weights[f] = w
    bias = tuple(round(float(inter[learned.index(k)]), 4) if k in learned else -20.0 for k in classes)
    return LinearTask.of(classes, bias, weights)


THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(13))  # 0.2 … 0.8
INNER_FOLDS = 3
_RANK = {"none": 0, "mention": 1, "group": 1, "principle": 1, "act": 2, "principal": 2}


def doc_status(decisions: list[tuple[Example, str]]) -> dict[tuple[str, str], str]:
    """Each document element's status from its candidates' readings (as the matchers do)."""
    best: dict[tuple[str, str], int] = {}
    for e, label in decisions:
        k = (e.group, e.element)
        best[k] = max(best.get(k, 0), _RANK[label])
    return {k: ("missing", "partial", "covered")[v] for k, v in best.items()}


def tune_threshold(task: str, data: TrainingSet) -> tuple[float, float]:
    """The thresholds (strongest reading, any reading) that give the most document statuses
    right, on out-of-fold readings of the training documents (inner folds by document)."""
    exs = [e for e in data.examples if e.task == task]
    probs: list[tuple[Example, dict[str, float]]] = []
    for f in range(INNER_FOLDS):
        train = [e for e in exs if fold_of(e.group, INNER_FOLDS) != f]
        test = [e for e in exs if fold_of(e.group, INNER_FOLDS) == f]
        if not train or not test:
            continue
        model = fit_task(task, train)
        probs += [(e, model.scores(e.features)) for e in test]
    if not probs:
        return 0.5, 0.5

    def right(cut: tuple[float, float]) -> int:
        probe = LinearTask.of(TASKS[task], (0.0,) * len(TASKS[task]), {}, *cut)
        st = doc_status([(e, probe.decide(p, e.allowed)[0]) for e, p in probs])
        return sum(v == data.statuses.get(k, "missing") for k, v in st.items())

    # The "any reading" cut stays at 0.5: tuning it too gave no better folds (it fits noise).
    grid = [(t, 0.5) for t in THRESHOLDS]
    return max(grid, key=lambda c: (right(c), -abs(c[0] - 0.5)))


def fit(data: TrainingSet, meta: dict[str, object] | None = None) -> SentenceModel:
    tasks = {}
    for t in TASKS:
        task = fit_task(t, data.examples)
        top, positive = tune_threshold(t, data)
        tasks[t] = replace(task, threshold=top, positive=positive)
    return SentenceModel(path="", tasks=tasks, meta=dict(meta or {}))


def subset(data: TrainingSet, held: set[str]) -> TrainingSet:
    """The training set without the documents in ``held``."""
    return TrainingSet([e for e in data.examples if e.group not in held],
                       {k: v for k, v in data.statuses.items() if k[0] not in held}, [])


def to_json(model: SentenceModel) -> str:
    data = {
        "format": FORMAT,
        "meta": model.meta,
        "tasks": {
            name: {"classes": list(t.classes), "bias": list(t.bias), "threshold": t.threshold,
                   "positive": t.positive,
                   "weights": {f: list(w) for f, w in sorted(t.weights.items())}}
            for name, t in model.tasks.items()
        },
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    parse_model(json.loads(text), "<trained>")  # what we write must read back
    return text + "\n"
