"""Small user YAML files (project config, waivers): safe loading with key positions.

These files come with the repository being checked, so they are untrusted: anchors and aliases
(``&``/``*``, the "billion laughs" shape) are refused, nesting is bounded, and every error is a
:class:`~scorer.support.errors.ScorerError` subclass with ``file:line:col``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scorer.support.errors import ScorerError

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 16


@dataclass
class YamlSource:
    path: Path
    data: Any
    positions: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict)

    def find(self, key_path: tuple[Any, ...]) -> tuple[int, int]:
        """Line and column (1-based) of a key path, or of its closest written parent."""
        while key_path and key_path not in self.positions:
            key_path = key_path[:-1]
        return self.positions.get(key_path, (1, 1))

    def where(self, key_path: tuple[Any, ...]) -> str:
        line, col = self.find(key_path)
        return f"{self.path}:{line}:{col}"


def _walk(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], tuple[int, int]],
          seen: set[int], error: type[ScorerError], file: Path) -> None:
    mark = node.start_mark
    if id(node) in seen:
        raise error(f"{file}:{mark.line + 1}:{mark.column + 1} 不支持 YAML 锚点和别名（& 和 *）")
    seen.add(id(node))
    if len(path) > MAX_DEPTH:
        raise error(f"{file}:{mark.line + 1}:{mark.column + 1} 嵌套层次太深（上限 {MAX_DEPTH} 层）")
    out.setdefault(path, (mark.line + 1, mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            key = (*path, k.value)
            out[key] = (k.start_mark.line + 1, k.start_mark.column + 1)
            _walk(v, key, out, seen, error, file)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _walk(v, (*path, i), out, seen, error, file)


def read_text(path: Path, error: type[ScorerError], what: str) -> str:
    """A small UTF-8 text file (``what`` names it in messages, e.g. 豁免文件)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise error(f"{path}:1:1 {what}过大（上限 1 MB）")
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error(f"{path}:1:1 {what}不存在") from None
    except IsADirectoryError:
        raise error(f"{path}:1:1 这是一个文件夹，不是{what}") from None
    except UnicodeDecodeError:
        raise error(f"{path}:1:1 {what}不是 UTF-8 编码") from None
    except OSError as exc:
        raise error(f"{path}:1:1 无法读取{what}（{exc.strerror}）") from None


_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _check_depth(text: str, error: type[ScorerError], file: Path) -> None:
    """Refuse nesting deeper than ours on the event stream, before the recursive composer runs
    (and before any limit of the YAML library's own, whose wording is English)."""
    loader = yaml.SafeLoader(text)
    depth = 0
    try:
        while loader.check_event():
            ev = loader.get_event()
            if isinstance(ev, _STARTS):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    mark = ev.start_mark
                    raise error(f"{file}:{mark.line + 1}:{mark.column + 1} "
                                f"嵌套层次太深（上限 {MAX_DEPTH} 层）")
            elif isinstance(ev, _ENDS):
                depth -= 1
    finally:
        loader.dispose()


def read_yaml(path: Path, error: type[ScorerError], what: str) -> YamlSource:
    """Read ``path`` as YAML; raise ``error`` with ``file:line:col`` on any problem."""
    text = read_text(path, error, what)
    try:
        _check_depth(text, error, path)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        positions: dict[tuple[Any, ...], tuple[int, int]] = {}
        if node is not None:
            _walk(node, (), positions, set(), error, path)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise error(f"{path}:{line}:{col} YAML 语法错误：{exc.problem}") from None
    except yaml.YAMLError as exc:
        raise error(f"{path}:1:1 YAML 错误：{exc}") from None
    except RecursionError:
        raise error(f"{path}:1:1 嵌套层次太深（上限 {MAX_DEPTH} 层）") from None
    return YamlSource(path=path, data=data, positions=positions)
