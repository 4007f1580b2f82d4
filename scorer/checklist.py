"""Checklists as data: load YAML, resolve ``extends:``, validate with pydantic.

A mistake in a checklist is reported as ``file:line:col key.path: message``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from scorer import matchers
from scorer.errors import ScorerError

CHECKLIST_DIR = Path(__file__).resolve().parent.parent / "checklists"
MAX_CHECKLIST_BYTES = 2 * 1024 * 1024
Weight = Literal["required", "recommended", "optional"]
Kind = Literal["government", "department"]


class ChecklistError(ScorerError):
    pass


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid")
    covered: list[str] = Field(min_length=1)
    not_covered: list[str] = Field(min_length=1)


class Element(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z]+\.[a-z0-9-]+$")
    name: str
    weight: Weight
    basis: str
    missing: str
    suggestion: str
    applies: list[Kind] = ["government", "department"]
    match: dict[str, Any]
    examples: Examples
    params: Any = None  # the validated matcher parameters (filled in by the validator)

    def bind_matcher(self) -> None:
        """Validate ``match`` against its matcher type's parameters (raises ValidationError)."""
        kind = self.match.get("type")
        if not isinstance(kind, str):
            raise ValueError("缺少 match.type：请指定匹配类型")
        module = matchers.get(kind)
        self.params = module.Params.model_validate(self.match)


class Scoring(BaseModel):
    model_config = ConfigDict(extra="forbid")
    model: str
    description: str
    weights: dict[Weight, float]
    content_weight: float  # weight of a required content.* element
    partial_credit: float = Field(ge=0, le=1)
    review_credit: float = Field(ge=0, le=1)


class Grade(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    min: float = Field(ge=0, le=100)


class Checklist(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    version: str
    edition: str
    profile: str
    description: str = ""
    applies_to: Kind | None = None
    auto_issuer: str | None = None  # regex on the issuer name: ``--profile auto`` picks this profile
    extends: str | None = None
    dictionary: str | None = None
    scoring: Scoring
    grades: list[Grade] = Field(min_length=1)
    elements: list[Element]
    path: str = ""

    @model_validator(mode="after")
    def _check(self) -> Checklist:
        ids = [e.id for e in self.elements]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"元素 id 重复：{', '.join(sorted(dup))}")
        if sorted((g.min for g in self.grades), reverse=True) != [g.min for g in self.grades]:
            raise ValueError("grades 必须按分数线从高到低排列")
        if self.grades[-1].min != 0:
            raise ValueError("最后一个等级的分数线必须为 0")
        content = self.scoring.content_weight
        others = [self.scoring.weights[e.weight] for e in self.elements
                  if not e.id.startswith("content.") and e.id.split(".")[0] in ("quality", "topic")]
        if others and content <= max(others):
            raise ValueError("scoring.content_weight 必须大于任何 quality.*/topic.* 元素的权重")
        return self

    def element(self, element_id: str) -> Element:
        for e in self.elements:
            if e.id == element_id:
                return e
        raise KeyError(element_id)


class _Located(Exception):
    """A matcher-parameter error already placed at its key path in the merged checklist."""

    def __init__(self, errs: list[dict[str, Any]]) -> None:
        super().__init__(errs[0]["msg"])
        self._errs = errs

    def errors(self) -> list[dict[str, Any]]:
        return self._errs


# --- loading --------------------------------------------------------------------------------

class _Positions:
    """Line/column of every key path in a YAML file (1-based), from the composed node tree."""

    def __init__(self, text: str) -> None:
        self.map: dict[tuple[Any, ...], tuple[int, int]] = {}
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is not None:
            self._walk(node, ())

    def _walk(self, node: yaml.Node, path: tuple[Any, ...]) -> None:
        self.map[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = k.value
                self.map[(*path, key)] = (k.start_mark.line + 1, k.start_mark.column + 1)
                self._walk(v, (*path, key))
                self.map[(*path, key)] = (k.start_mark.line + 1, k.start_mark.column + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                self._walk(v, (*path, i))

    def find(self, path: tuple[Any, ...]) -> tuple[int, int]:
        while path and path not in self.map:
            path = path[:-1]
        return self.map.get(path, (1, 1))


def _read_yaml(path: Path) -> tuple[Any, _Positions]:
    try:
        if path.stat().st_size > MAX_CHECKLIST_BYTES:
            raise ChecklistError(f"{path}:1:1 清单文件过大（上限 2 MB）")
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ChecklistError(f"{path}:1:1 清单文件不存在") from None
    except UnicodeDecodeError:
        raise ChecklistError(f"{path}:1:1 清单文件不是 UTF-8 编码") from None
    try:
        data = yaml.safe_load(text)
        pos = _Positions(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ChecklistError(f"{path}:{line}:{col} YAML 语法错误：{exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ChecklistError(f"{path}:1:1 YAML 错误：{exc}") from None
    if not isinstance(data, dict):
        raise ChecklistError(f"{path}:1:1 清单必须是一个映射（key: value）")
    return data, pos


def resolve_path(name: str, base_dir: Path | None = None) -> Path:
    """A checklist named by profile (``government``), file name, or path."""
    p = Path(name)
    candidates = [p]
    if base_dir is not None:
        candidates.append(base_dir / name)
    candidates += [CHECKLIST_DIR / name, CHECKLIST_DIR / f"{name}.yaml"]
    for c in candidates:
        if c.is_file():
            return c
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


def _raw_chain(path: Path, seen: tuple[Path, ...] = ()) -> tuple[dict[str, Any], dict[str, tuple[Path, _Positions, tuple[Any, ...]]]]:
    """Merge a checklist over its ``extends`` chain. Returns the merged dict and, per element id
    and top-level key, where it was last defined (for error positions)."""
    path = path.resolve()
    if path in seen:
        raise ChecklistError(f"{path}:1:1 extends 形成了循环引用")
    data, pos = _read_yaml(path)
    origin: dict[str, tuple[Path, _Positions, tuple[Any, ...]]] = {}
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
        origin[eid] = (path, pos, ("elements", i))
        if eid in index:
            elements[index[eid]] = _merge(elements[index[eid]], e)
        else:
            index[eid] = len(elements)
            elements.append(dict(e))
    removed = set(data.get("remove") or [])
    merged["elements"] = [e for e in elements if e.get("id") not in removed]
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


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"取值无效，可选：{expected}"
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    msg = str(err["msg"])
    return msg[len("Value error, "):] if msg.startswith("Value error, ") else msg


def load_checklist(name_or_path: str | Path) -> Checklist:
    path = resolve_path(str(name_or_path))
    merged, origin = _raw_chain(path)
    merged.pop("remove", None)
    try:
        cl = Checklist.model_validate(merged)
        for i, el in enumerate(cl.elements):
            try:
                el.bind_matcher()
            except ValidationError as exc:
                err = dict(exc.errors()[0])
                err["loc"] = ("elements", i, "match", *err["loc"])
                raise _Located([err]) from None
            except ValueError as exc:
                raise _Located([{"loc": ("elements", i, "match", "type"), "type": "value_error",
                                 "msg": str(exc)}]) from None
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
            _, pos = _read_yaml(path)
        line, col = pos.find(prefix)
        key = ".".join(str(x) for x in prefix)  # positions in the file where the key was written
        msg = _message(err)
        raise ChecklistError(f"{where_path}:{line}:{col} {key}: {msg}") from None
    cl.path = str(path)
    return cl
