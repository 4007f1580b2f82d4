"""Reading checklists: YAML files with positions, the ``extends:`` chain merged (``remove:``
drops inherited elements), limits on size and patterns, and every mistake reported as
``file:line:col key.path: message`` in the file where the key was written. The models and the
checks of one merged checklist are :mod:`scorer.checklist.model`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from scorer.checklist.model import Checklist, problems
from scorer.learn.model import ModelError, load_model
from scorer.support.errors import ScorerError
from scorer.support.resources import checklist_dir
from scorer.support.yaml_source import YamlRules, YamlSource, read_yaml

CHECKLIST_DIR = checklist_dir()
MAX_CHECKLIST_BYTES = 2 * 1024 * 1024
MAX_YAML_NODES = 100_000
"""Most YAML nodes in one checklist file with aliases expanded (base-2021.yaml has about 1,300)."""
MAX_YAML_DEPTH = 32
"""Deepest nesting of YAML collections accepted (the shipped checklists nest 8 deep)."""
MAX_EXTENDS_DEPTH = 8
MAX_PATTERNS = 20_000
"""Most strings in the ``match`` parameters of one checklist (most are regular expressions)."""


class ChecklistError(ScorerError):
    pass


class _Located(Exception):
    """A matcher-parameter error already placed at its key path in the merged checklist."""

    def __init__(self, errs: list[dict[str, Any]]) -> None:
        super().__init__(errs[0]["msg"])
        self._errs = errs

    def errors(self) -> list[dict[str, Any]]:
        return self._errs


RULES = YamlRules(what="清单文件", max_bytes=MAX_CHECKLIST_BYTES, max_depth=MAX_YAML_DEPTH,
                  depth_of="collections", too_deep="嵌套层数过多（上限 {n} 层）", aliases=True,
                  max_nodes=MAX_YAML_NODES, too_many="清单内容过多（超过 {n} 项）", fast=True)
"""Checklists may use anchors and aliases (bounded when expanded) and are read with libyaml."""


def _read_yaml(path: Path) -> YamlSource:
    src = read_yaml(path, ChecklistError, RULES)
    if not isinstance(src.data, dict):
        raise ChecklistError(f"{path}:1:1 清单必须是一个映射（key: value）")
    return src


def resolve_path(name: str, base_dir: Path | None = None) -> Path:
    """A checklist named by profile (``government``), file name, or path."""
    p = Path(name)
    candidates = [p]
    if base_dir is not None:
        candidates.append(base_dir / name)
    candidates += [CHECKLIST_DIR / name, CHECKLIST_DIR / f"{name}.yaml"]
    for c in candidates:
        try:
            if c.is_file():
                return c
        except (OSError, ValueError):  # a name too long, or with a NUL byte
            continue
    raise ChecklistError(f"{name}:1:1 找不到清单或配置档“{name}”（可用：{'、'.join(list_profiles())}）")


def list_profiles() -> list[str]:
    return sorted(p.stem for p in CHECKLIST_DIR.glob("*.yaml") if not p.stem.startswith("_"))


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def _raw_chain(path: Path, seen: tuple[Path, ...] = ()) -> tuple[dict[str, Any], dict[str, tuple[Path, YamlSource, tuple[Any, ...]]]]:
    """Merge a checklist over its ``extends`` chain. Returns the merged dict and, per element id
    and top-level key, where it was last defined (for error positions)."""
    path = path.resolve()
    if path in seen:
        raise ChecklistError(f"{path}:1:1 extends 形成了循环引用")
    if len(seen) >= MAX_EXTENDS_DEPTH:
        raise ChecklistError(f"{path}:1:1 extends 层级过多（上限 {MAX_EXTENDS_DEPTH} 层）")
    pos = _read_yaml(path)
    data = pos.data
    origin: dict[str, tuple[Path, YamlSource, tuple[Any, ...]]] = {}
    parent = data.get("extends")
    if parent:
        if not isinstance(parent, str):
            line, col = pos.find(("extends",))
            raise ChecklistError(f"{path}:{line}:{col} extends: 必须是清单文件名")
        base, origin = _raw_chain(resolve_path(parent, path.parent), (*seen, path))
    else:
        base = {}
    merged = _merge({k: v for k, v in base.items() if k != "elements"},
                    {k: v for k, v in data.items() if k not in ("elements", "remove")})
    for k in data:
        origin[f"key:{k}"] = (path, pos, (k,))
    elements: list[dict[str, Any]] = [dict(e) for e in base.get("elements", [])]
    index = {e.get("id"): i for i, e in enumerate(elements)}
    own = data.get("elements") or []
    if not isinstance(own, list):
        line, col = pos.find(("elements",))
        raise ChecklistError(f"{path}:{line}:{col} elements: 必须是列表")
    for i, e in enumerate(own):
        if not isinstance(e, dict) or "id" not in e:
            line, col = pos.find(("elements", i))
            raise ChecklistError(f"{path}:{line}:{col} elements.{i}: 每个元素必须是带 id 的映射")
        eid = e["id"]
        if not isinstance(eid, str):
            line, col = pos.find(("elements", i, "id"))
            raise ChecklistError(f"{path}:{line}:{col} elements.{i}.id: 必须是字符串")
        origin[eid] = (path, pos, ("elements", i))
        if eid in index:
            elements[index[eid]] = _merge(elements[index[eid]], e)
        else:
            index[eid] = len(elements)
            elements.append(dict(e))
    removed = data.get("remove") or []
    if not isinstance(removed, list) or not all(isinstance(r, str) for r in removed):
        line, col = pos.find(("remove",))
        raise ChecklistError(f"{path}:{line}:{col} remove: 必须是元素 id 的列表")
    gone = set(removed)
    merged["elements"] = [e for e in elements if e.get("id") not in gone]
    return merged, origin


_MESSAGES = {
    "extra_forbidden": "未知的键（拼写错误？）",
    "missing": "缺少必填项",
    "too_short": "至少需要 1 项",
    "string_type": "必须是字符串",
    "list_type": "必须是列表",
    "dict_type": "必须是映射（key: value）",
    "int_type": "必须是整数",
    "int_parsing": "必须是整数",
    "float_type": "必须是数字",
    "float_parsing": "必须是数字",
    "bool_type": "必须是 true 或 false",
    "string_pattern_mismatch": "格式不对",
    "greater_than_equal": "取值太小",
    "less_than_equal": "取值太大",
}


def validation_message(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"取值无效，可选：{expected}"
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    msg = str(err["msg"])
    return msg[len("Value error, "):] if msg.startswith("Value error, ") else msg


_SKIP_MODEL: ContextVar[bool] = ContextVar("skip_sentence_model", default=False)


@contextmanager
def without_sentence_model() -> Iterator[None]:
    """Load checklists without reading their sentence model (training writes that file)."""
    token = _SKIP_MODEL.set(True)
    try:
        yield
    finally:
        _SKIP_MODEL.reset(token)


def load_checklist(name_or_path: str | Path) -> Checklist:
    path = resolve_path(str(name_or_path))
    merged, origin = _raw_chain(path)
    merged.pop("remove", None)
    n = sum(_strings(e.get("match")) for e in merged["elements"] if isinstance(e, dict))
    if n > MAX_PATTERNS:
        raise ChecklistError(
            f"{path}:1:1 elements: 匹配参数中的词语和正则表达式过多（{n} 个，上限 {MAX_PATTERNS}）"
        )
    try:
        for key_path, hint in REMOVED_KEYS.items():
            if _has_path(merged, key_path):
                raise _Located([{"loc": key_path, "type": "value_error", "msg": hint}])
        cl = Checklist.model_validate(merged)
        found = problems(cl)
        if found:
            raise _Located(found)
    except (ValidationError, _Located) as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        where_path, pos, prefix = path, None, loc
        if loc and loc[0] == "elements" and len(loc) > 1 and isinstance(loc[1], int):
            eid = merged["elements"][loc[1]].get("id")
            if eid in origin:
                where_path, pos, base = origin[eid]
                prefix = (*base, *loc[2:])
        elif loc and f"key:{loc[0]}" in origin:
            where_path, pos, _ = origin[f"key:{loc[0]}"]
        if pos is None:
            pos = _read_yaml(path)
        line, col = pos.find(prefix)
        key = ".".join(str(x) for x in prefix)  # positions in the file where the key was written
        msg = validation_message(err)
        raise ChecklistError(f"{where_path}:{line}:{col} {key}: {msg}") from None
    cl.path = str(path)
    if cl.sentence_model:
        where_path, pos, _ = origin.get("key:sentence_model", (path, None, ()))
        model_path = (Path(where_path).parent / cl.sentence_model).resolve()
        cl.sentence_model = str(model_path)
        if not _SKIP_MODEL.get():
            try:
                load_model(str(model_path))
            except ModelError as exc:
                line, col = pos.find(("sentence_model",)) if pos is not None else (1, 1)
                raise ChecklistError(f"{where_path}:{line}:{col} sentence_model: {exc}") from None
    return cl


REMOVED_KEYS: dict[tuple[str, ...], str] = {
    ("dictionary",): "已取消：分词词典随程序提供（checklists/dictionary.txt），与句子模型配套使用，清单中不再指定",
    ("scoring", "content_weight"): "已改为计分类别：在 scoring.classes 中写出类别和分值（如 statutory: {name: 法定内容, "
                                   "points: {required: 10}, outweighs: [standard]}），要素用 class: statutory 选择类别",
}
"""Keys of earlier checklist versions, with what replaced them."""


def _has_path(data: Any, key_path: tuple[str, ...]) -> bool:
    for key in key_path:
        if not isinstance(data, dict) or key not in data:
            return False
        data = data[key]
    return True


def _strings(value: Any) -> int:
    """How many strings a matcher's parameters hold (the terms and patterns to compile)."""
    if isinstance(value, str):
        return 1
    if isinstance(value, dict):
        return sum(_strings(v) for v in value.values())
    if isinstance(value, list):
        return sum(_strings(v) for v in value)
    return 0
