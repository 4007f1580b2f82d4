"""A linear sentence model read from a JSON file: per task, classes, biases and feature weights.

The file is written by ``tools/train_sentence_model.py`` (scikit-learn, development only); this
module reads it with the standard library and scores a candidate's features with a softmax over
the task's classes. A missing, unreadable or malformed file is a :class:`ModelError` with a
Chinese message naming the file.
"""

from __future__ import annotations

import hashlib
import json
import math
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scorer.support import diskcache
from scorer.support.errors import ScorerError

FORMAT = "scorer-sentence-model/1"
TASKS = {
    "topic": ("none", "mention", "act"),
    "leader": ("none", "group", "principle", "principal"),  # strongest last
}
MAX_MODEL_BYTES = 8 * 1024 * 1024


class ModelError(ScorerError):
    """The sentence model file cannot be used."""


@dataclass(frozen=True)
class LinearTask:
    """One task: ``classes[0]`` is "nothing", ``classes[-1]`` the strongest reading (an act, the
    principal leader acting), the ones between weaker positive readings. Weights are kept as one
    array per class (position ``index[feature]``): it loads several times faster than a dict of
    tuples, and a candidate's scores are a few C-level sums."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    index: dict[str, int]
    columns: tuple[array, ...]  # one array per class: the weight of feature ``index[f]``
    threshold: float = 0.5  # probability the strongest reading needs (tuned in training)
    positive: float = 0.5  # probability any reading needs against "nothing"

    @classmethod
    def of(cls, classes: tuple[str, ...], bias: tuple[float, ...], weights: dict[str, tuple[float, ...]],
           threshold: float = 0.5, positive: float = 0.5) -> LinearTask:
        cols = tuple(array("d", (w[k] for w in weights.values())) for k in range(len(classes)))
        return cls(classes, bias, {f: i for i, f in enumerate(weights)}, cols, threshold, positive)

    @property
    def weights(self) -> dict[str, tuple[float, ...]]:
        return {f: tuple(c[i] for c in self.columns) for f, i in self.index.items()}

    def raw(self, features: Iterable[str]) -> list[float]:
        """The sum of the features' weights, per class (without the bias); each feature counts once."""
        get = self.index.get
        feats = features if isinstance(features, set | frozenset) else set(features)
        rows = [i for i in map(get, feats) if i is not None]
        return [sum(map(col.__getitem__, rows)) for col in self.columns]

    def probabilities(self, *raws: list[float]) -> dict[str, float]:
        """Softmax of the bias plus the raw sums of disjoint feature sets."""
        z = list(self.bias)
        for r in raws:
            for k, v in enumerate(r):
                z[k] += v
        top = max(z)
        e = [math.exp(v - top) for v in z]
        s = sum(e)
        return {c: v / s for c, v in zip(self.classes, e, strict=True)}

    def scores(self, features: Iterable[str]) -> dict[str, float]:
        """Class probabilities (softmax of the linear scores) for one candidate."""
        return self.probabilities(self.raw(features))

    def decide(self, probs: dict[str, float], allowed: tuple[str, ...] | None = None) -> tuple[str, float]:
        """The reading of a candidate: the strongest class when its probability reaches the
        threshold; else, when the positive classes together outweigh "nothing", the likeliest of
        the weaker ones; else "nothing". ``allowed`` caps the readings (the mechanism's ceiling):
        the mass of a class not allowed goes to the strongest allowed one."""
        classes = self.classes if allowed is None else tuple(c for c in self.classes if c in allowed)
        p = {c: probs[c] for c in classes}
        for c in self.classes:
            if c not in p:
                p[classes[-1]] += probs[c]
        top, none = classes[-1], classes[0]
        if len(classes) > 1 and top == self.classes[-1] and p[top] >= self.threshold:
            return top, p[top]
        if 1.0 - p[none] >= self.positive and len(classes) > 1:
            weaker = [c for c in classes[1:] if c != self.classes[-1]] or [top]
            best = max(weaker, key=lambda c: p[c])
            return best, 1.0 - p[none]
        return none, p[none]


@dataclass(frozen=True)
class SentenceModel:
    path: str
    tasks: dict[str, LinearTask]
    meta: dict[str, object]

    def task(self, name: str) -> LinearTask:
        return self.tasks[name]


def parse_model(data: object, path: str) -> SentenceModel:
    def bad(what: str) -> ModelError:
        return ModelError(f"{path}: 句子模型文件格式错误（{what}），请用 tools/train_sentence_model.py 重新生成")

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise bad(f"不是 {FORMAT} 格式")
    raw_tasks = data.get("tasks")
    if not isinstance(raw_tasks, dict) or set(raw_tasks) != set(TASKS):
        raise bad(f"tasks 必须正好包含 {'、'.join(TASKS)}")
    tasks: dict[str, LinearTask] = {}
    for name, classes in TASKS.items():
        t = raw_tasks[name]
        if not isinstance(t, dict) or tuple(t.get("classes", ())) != classes:
            raise bad(f"{name}.classes 应为 {list(classes)}")
        bias = t.get("bias")
        if not _vector(bias, len(classes)):
            raise bad(f"{name}.bias 不是 {len(classes)} 个数")
        weights = t.get("weights")
        if not isinstance(weights, dict):
            raise bad(f"{name}.weights 不是对象")
        n = len(classes)
        if not all(isinstance(w, list) and len(w) == n for w in weights.values()) or not _numbers(
                [x for w in weights.values() for x in w]):
            f = next((f for f, w in weights.items() if not _vector(w, n)), "")
            raise bad(f"{name}.weights 中“{str(f)[:20]}”的权重不是 {n} 个数")
        cuts = []
        for key in ("threshold", "positive"):
            v = t.get(key, 0.5)
            if not isinstance(v, int | float) or isinstance(v, bool) or not 0 < v <= 1:
                raise bad(f"{name}.{key} 应为 0 到 1 之间的数")
            cuts.append(float(v))
        tasks[name] = LinearTask.of(classes, tuple(float(b) for b in bias),
                                    {f: tuple(float(x) for x in w) for f, w in weights.items()}, *cuts)
    meta = data.get("meta", {})
    return SentenceModel(path=path, tasks=tasks, meta=meta if isinstance(meta, dict) else {})


def _numbers(values: list[object]) -> bool:
    """All plain finite numbers (checked in bulk: a model holds tens of thousands)."""
    return {type(x) for x in values} <= {int, float} and all(map(math.isfinite, values))  # type: ignore[arg-type]


def _vector(v: object, n: int) -> bool:
    return (isinstance(v, list) and len(v) == n
            and all(isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x) for x in v))


@lru_cache(maxsize=8)
def load_model(path: str) -> SentenceModel:
    """Read and check a model file (once per process; the checked model is also kept in the
    private cache folder, keyed on the file's bytes, so a later start skips the JSON)."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            raw = fh.read(MAX_MODEL_BYTES + 1)
    except FileNotFoundError:
        raise ModelError(f"{path}: 句子模型文件不存在") from None
    except OSError as exc:
        raise ModelError(f"{path}: 无法读取句子模型文件（{exc.strerror or exc.__class__.__name__}）") from None
    if len(raw) > MAX_MODEL_BYTES:
        raise ModelError(f"{path}: 句子模型文件过大（上限 {MAX_MODEL_BYTES // 1048576} MB）")
    key = hashlib.sha256(raw + diskcache.code_fingerprint().encode()).hexdigest()
    model = diskcache.pickled("sentence-model", key, lambda: _parse_bytes(raw, path), SentenceModel)
    return model if model.path == path else SentenceModel(path, model.tasks, model.meta)


def _parse_bytes(raw: bytes, path: str) -> SentenceModel:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: 句子模型文件不是有效的 JSON（{exc.__class__.__name__}）") from None
    return parse_model(data, path)
