"""The one YAML reader: checklists, project config and waivers, with the position of every key.

These files come with the repository being checked (or from the user), so they are untrusted.
What a kind of file may hold is its :class:`YamlRules`: a size bound on the bytes read, a depth
bound counted on the parser's events before the recursive composer runs, and anchors and aliases
either refused (``&``/``*``, the "billion laughs" shape) or allowed with their expansion
bounded. Only plain data is constructed (safe loading), and every problem is the caller's
:class:`~scorer.support.errors.ScorerError` subclass with ``file:line:col``.

PyYAML is imported by the functions that parse, not by this module: a ``scorer check`` whose
checklist comes from the cache and that has no config file never pays its import (5% of a
cold check's instructions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from scorer.support.errors import ScorerError

if TYPE_CHECKING:
    import yaml

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 16



@cache
def _fast_loader() -> Any:
    """libyaml's safe loader when available (4x faster), else PyYAML's."""
    import yaml  # lazy: see the module docstring

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_REWORD_BYTES = 256 * 1024
"""Up to this size, a libyaml syntax error is parsed again in pure Python for PyYAML's words."""


@dataclass(frozen=True)
class YamlRules:
    """What one kind of YAML file may hold, and how its limits are worded."""

    what: str
    """The file's name in messages (配置文件, 豁免文件, 清单文件)."""
    max_bytes: int = MAX_BYTES
    max_depth: int = MAX_DEPTH
    depth_of: Literal["nodes", "collections"] = "nodes"
    """``nodes``: no node (a scalar too) may sit in more than ``max_depth`` collections;
    ``collections``: no more than ``max_depth`` collections nest in each other."""
    too_deep: str = "嵌套层次太深（上限 {n} 层）"
    aliases: bool = False
    """False: an alias is refused; True: allowed, with ``max_nodes`` counted on the expansion
    and anchors that contain themselves refused."""
    max_nodes: int | None = None
    """Most scalars, collections and aliases (for ``aliases``, each expansion counts)."""
    too_many: str = "内容过多（超过 {n} 项）"
    fast: bool = False
    """Parse with libyaml when it is there (errors still in PyYAML's words when cheap)."""

    def deep(self) -> str:
        return self.too_deep.format(n=self.max_depth)


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


def read_text(path: Path, error: type[ScorerError], what: str, max_bytes: int = MAX_BYTES) -> str:
    """A UTF-8 text file of at most ``max_bytes`` (``what`` names it in messages, e.g. 豁免文件),
    with its line ends made ``\\n``. The read is bounded: a FIFO or a device never exhausts memory."""
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise error(f"{path}:1:1 {what}不存在") from None
    except IsADirectoryError:
        raise error(f"{path}:1:1 这是一个文件夹，不是{what}") from None
    except PermissionError:
        raise error(f"{path}:1:1 没有读取{what}的权限") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        reason = getattr(exc, "strerror", None) or exc.__class__.__name__
        raise error(f"{path}:1:1 无法读取{what}（{reason}）") from None
    if len(data) > max_bytes:
        raise error(f"{path}:1:1 {what}过大（上限 {max_bytes // 1048576} MB）")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(f"{path}:1:1 {what}不是 UTF-8 编码") from None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_yaml(path: Path, error: type[ScorerError], rules: YamlRules) -> YamlSource:
    """Read ``path`` as YAML under ``rules``; raise ``error`` with ``file:line:col`` on any problem."""
    import yaml  # lazy: see the module docstring
    text = read_text(path, error, rules.what, rules.max_bytes)
    loader_class = _fast_loader() if rules.fast else yaml.SafeLoader
    try:
        aliases = _prescan(text, path, error, rules, loader_class)
        loader = loader_class(text)  # plain data only: no Python objects are ever constructed
        try:
            node = loader.get_single_node()
            positions: dict[tuple[Any, ...], tuple[int, int]] = {}
            data = None
            if node is not None:
                if aliases and rules.aliases:
                    _check_graph(node, path, error, rules)
                data = loader.construct_document(node)  # first: it refuses keys that are not plain
                _walk(node, (), positions, None if rules.aliases else set(), path, error, rules)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise _syntax_error(text, path, exc, error, rules.fast) from None
    except RecursionError:
        raise error(f"{path}:1:1 {rules.deep()}") from None
    return YamlSource(path=path, data=data, positions=positions)


def _walk(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], tuple[int, int]],
          seen: set[int] | None, file: Path, error: type[ScorerError], rules: YamlRules) -> None:
    """Record the position of every key path (a key's own, an item's node's); refuse an alias
    when ``seen`` is given, and a node too deep when depth counts nodes."""
    import yaml  # lazy: see the module docstring
    mark = node.start_mark
    if seen is not None:
        if id(node) in seen:
            raise error(f"{file}:{mark.line + 1}:{mark.column + 1} 不支持 YAML 锚点和别名（& 和 *）")
        seen.add(id(node))
    if rules.depth_of == "nodes" and len(path) > rules.max_depth:
        raise error(f"{file}:{mark.line + 1}:{mark.column + 1} {rules.deep()}")
    out[path] = (mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            key = (*path, k.value)
            _walk(v, key, out, seen, file, error, rules)
            out[key] = (k.start_mark.line + 1, k.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _walk(v, (*path, i), out, seen, file, error, rules)


def _prescan(text: str, path: Path, error: type[ScorerError], rules: YamlRules, loader_class: Any) -> bool:
    """Bound nesting depth and node count on the parser's event stream, before composing:
    the libyaml composer recurses in C (a deep file would crash the process) and the pure-Python
    one takes seconds for a file of a few hundred thousand nodes. True if there are aliases.

    The limits are ours whatever the PyYAML version: the libyaml in PyYAML 6.0.4's wheels refuses
    nesting beyond 1,000 levels in its scanner ("exceeded maximum nesting depth"), and the scanner
    looks ahead of the events, so its error can come before our depth check sees level 33. On any
    libyaml error the text up to the error is scanned again with the pure-Python parser, which has
    no limit of its own; a depth over ours is reported as ours, anything else keeps the original
    error."""
    import yaml  # lazy: see the module docstring
    try:
        return _scan_events(loader_class(text), path, error, rules)
    except yaml.YAMLError as exc:
        if loader_class is yaml.SafeLoader:
            raise
        mark = getattr(exc, "problem_mark", None)
        end = min(len(text), mark.index + 1) if mark is not None else len(text)
        try:
            _scan_events(yaml.SafeLoader(text[:end]), path, error, rules)
        except yaml.YAMLError:
            pass
        raise exc from None


def _scan_events(loader: Any, path: Path, error: type[ScorerError], rules: YamlRules) -> bool:
    # a collection nested in more than max_depth collections holds a node that is too deep
    # (its end or its first item), so for ``nodes`` the walk finds the rest
    import yaml  # lazy: see the module docstring
    limit = rules.max_depth + (1 if rules.depth_of == "nodes" else 0)
    most = rules.max_nodes
    depth = nodes = aliases = 0
    try:
        while loader.check_event():
            ev = loader.get_event()
            if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                nodes += 1
                if depth > limit:
                    mark = ev.start_mark
                    raise error(f"{path}:{mark.line + 1}:{mark.column + 1} {rules.deep()}")
            elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
            elif isinstance(ev, yaml.ScalarEvent):
                nodes += 1
            elif isinstance(ev, yaml.AliasEvent):
                nodes += 1
                aliases += 1
            if most is not None and nodes > most:
                mark = ev.start_mark
                raise error(f"{path}:{mark.line + 1}:{mark.column + 1} {rules.too_many.format(n=most)}")
    finally:
        loader.dispose()
    return aliases > 0


def _check_graph(root: yaml.Node, path: Path, error: type[ScorerError], rules: YamlRules) -> None:
    """Refuse what aliases would make explode later: anchors that reference anchors ("billion
    laughs": every alias is expanded by the walks and by the caller's validation), recursive
    anchors, and nesting made deep through aliases. Sizes are counted with aliases expanded, in
    time linear in the distinct nodes; the recursion is as deep as the file's own nesting."""
    import yaml  # lazy: see the module docstring
    seen: dict[int, tuple[int, int]] = {}  # collection node → (expanded size, height)
    active: set[int] = set()
    most = rules.max_nodes

    def visit(node: yaml.Node) -> tuple[int, int]:
        if isinstance(node, yaml.ScalarNode):
            return 1, 1
        key = id(node)
        if key in seen:
            return seen[key]
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if key in active:
            raise error(f"{path}:{line}:{col} 别名引用了包含它自己的锚点（循环引用）")
        active.add(key)
        kids = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else node.value
        size, height = 1, 0
        for kid in kids:
            s, h = visit(kid)
            size += s
            height = max(height, h)
        active.discard(key)
        if most is not None and size > most:
            raise error(f"{path}:{line}:{col} 锚点和别名展开后内容过多（超过 {most} 项），已拒绝")
        if height + 1 > rules.max_depth:
            raise error(f"{path}:{line}:{col} {rules.deep()}")
        seen[key] = (size, height + 1)
        return size, height + 1

    visit(root)


def _syntax_error(text: str, path: Path, exc: yaml.YAMLError, error: type[ScorerError],
                  fast: bool) -> ScorerError:
    """A one-line error at the problem's position, with PyYAML's own wording when it is cheap
    to get (libyaml words some problems differently)."""
    import yaml  # lazy: see the module docstring
    if fast and _fast_loader() is not yaml.SafeLoader and len(text) <= _REWORD_BYTES:
        try:
            loader = yaml.SafeLoader(text)
            try:
                loader.get_single_node()
            finally:
                loader.dispose()
        except yaml.YAMLError as pure:
            exc = pure
        except RecursionError:
            pass
    line = col = 1
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        line, col = exc.problem_mark.line + 1, exc.problem_mark.column + 1
        problem = exc.problem or str(exc)
    elif isinstance(exc, yaml.reader.ReaderError):
        before = text[: max(exc.position, 0)]
        line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
        problem = f"不允许的字符 #x{exc.character:04x}（控制字符或非 Unicode 字符）"
    else:
        problem = str(exc)
    return error(f"{path}:{line}:{col} YAML 语法错误：{' '.join(str(problem).split())}")
