"""A linear sentence model read from a JSON file: per task, classes, biases and feature weights.

The file is written by ``tools/train_sentence_model.py`` (scikit-learn, development only); this
module reads it with the standard library and scores a candidate's features with a softmax over
the task's classes. A missing, unreadable or malformed file is a :class:`ModelError` with a
Chinese message naming the file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scorer.errors import ScorerError

FORMAT = "scorer-sentence-model/1"
TASKS = {
    "topic": ("none", "mention", "act"),
    "leader": ("none", "group", "principle", "principal"),
}
MAX_MODEL_BYTES = 8 * 1024 * 1024


class ModelError(ScorerError):
    """The sentence model file cannot be used."""


@dataclass(frozen=True)
class LinearTask:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def scores(self, features: Iterable[str]) -> dict[str, float]:
        """Class probabilities (softmax of the linear scores) for one candidate."""
        z = list(self.bias)
        for f in set(features):
            w = self.weights.get(f)
            if w is not None:
                for k, v in enumerate(w):
                    z[k] += v
        top = max(z)
        e = [math.exp(v - top) for v in z]
        s = sum(e)
        return {c: v / s for c, v in zip(self.classes, e, strict=True)}


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
        for f, w in weights.items():
            if not isinstance(f, str) or not _vector(w, len(classes)):
                raise bad(f"{name}.weights 中“{str(f)[:20]}”的权重不是 {len(classes)} 个数")
        tasks[name] = LinearTask(classes, tuple(float(b) for b in bias),
                                 {f: tuple(float(x) for x in w) for f, w in weights.items()})
    meta = data.get("meta", {})
    return SentenceModel(path=path, tasks=tasks, meta=meta if isinstance(meta, dict) else {})


def _vector(v: object, n: int) -> bool:
    return (isinstance(v, list) and len(v) == n
            and all(isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x) for x in v))


@lru_cache(maxsize=8)
def load_model(path: str) -> SentenceModel:
    """Read and check a model file (cached per path for the life of the process)."""
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
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: 句子模型文件不是有效的 JSON（{exc.__class__.__name__}）") from None
    return parse_model(data, path)
