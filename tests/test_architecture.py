"""The layers hold: no import cycle in ``scorer/``, no formatter below the engine's result, and
no element id or id prefix written into the code (the checklist is the data).

The import graph is read with ``ast`` from the source (every ``import``, also those inside
functions: a cycle there is still a cycle of the design), so it needs nothing imported.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

from conftest import CHECKLISTS, ROOT

from scorer.checklist.load import load_checklist, without_sentence_model

PACKAGE = ROOT / "scorer"


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(name: str) -> str | None:
    """The module of ``scorer`` that an imported dotted name is (or is in)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path) -> list[tuple[str, str, int]]:
    """(imported module, imported name or "", line) for every import of ``scorer`` modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: list[tuple[str, str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if (target := _resolve(alias.name)) is not None:
                    out.append((target, "", node.lineno))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                target = _resolve(f"{base}.{alias.name}")
                if target is not None and target == f"{base}.{alias.name}":
                    out.append((target, "", node.lineno))  # a submodule
                elif (target := _resolve(base)) is not None:
                    out.append((target, alias.name, node.lineno))
    return out


GRAPH = {m: _imports(m, p) for m, p in MODULES.items()}


def _cycle() -> list[str] | None:
    """One import cycle among the modules (a path that ends where it starts), or None."""
    edges = {m: sorted({t for t, _, _ in imps if t != m}) for m, imps in GRAPH.items()}
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for t in edges.get(m, []):
            if state.get(t) == 1:
                return [*stack[stack.index(t):], t]
            if t not in state and (found := visit(t)) is not None:
                return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(edges):
        if m not in state and (found := visit(m)) is not None:
            return found
    return None


def test_the_import_graph_is_read() -> None:
    # the reader finds the imports it must (else the tests below would pass on an empty graph)
    assert any(t == "scorer.checklist.model" for t, _, _ in GRAPH["scorer.engine.run"])
    assert any(t.startswith("scorer.output") for t, _, _ in GRAPH["scorer.cli.commands"])
    assert len(MODULES) > 50


def test_there_is_no_import_cycle() -> None:
    assert _cycle() is None, " → ".join(_cycle() or [])


def test_no_formatter_calls_scoring_or_locate() -> None:
    """A formatter renders the engine's result: points, anchors and messages are in it."""
    bad = []
    for m, imps in GRAPH.items():
        if not m.startswith("scorer.output"):
            continue
        for target, name, line in imps:
            if target == "scorer.engine.locate" or (target == "scorer.engine.run" and name in (
                    "compute_score", "grade_for", "run_checklist", "locate", "anchor")):
                bad.append(f"{MODULES[m].relative_to(ROOT)}:{line} imports {target} {name}".strip())
    assert bad == []


# --------------------------------------------------------------------------- no ids in the code


def _ids_and_prefixes() -> tuple[set[str], set[str]]:
    ids: set[str] = set()
    with without_sentence_model():
        for path in sorted(CHECKLISTS.glob("*.yaml")):
            ids |= {e.id for e in load_checklist(path).elements}
    return ids, {i.split(".", 1)[0] for i in ids}


def _strings_and_comments(path: Path) -> list[tuple[int, str]]:
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if tok.type in (tokenize.STRING, tokenize.COMMENT) or tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            out.append((tok.start[0], tok.string))
    return out


def test_no_element_id_or_id_prefix_in_the_code() -> None:
    """Ids, groups and scoring classes come from the checklist: a string or comment in
    ``scorer/`` that names an element id (``content.causes``) or an id prefix with its dot
    (a string ``"topic."``, as in ``startswith("content.")``; ``topic.*``; ``f"meta.{x}"``) is a
    rule that belongs in the YAML. (A prefix followed by a name is not checked: ``topic.run`` is
    also a module's function.)"""
    ids, prefixes = _ids_and_prefixes()
    assert len(ids) > 30 and {"content", "topic"} <= prefixes
    id_re = re.compile("|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)))
    prefix_re = re.compile(r"(?<![\w.])(?:" + "|".join(sorted(prefixes)) + r")\.[*{]")
    bare = {f"{p}." for p in prefixes}
    hits = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, text in _strings_and_comments(path):
            found = [m.group() for m in (*id_re.finditer(text), *prefix_re.finditer(text))]
            found += [text] if _literal(text) in bare else []
            hits += [f"{path.relative_to(ROOT)}:{line}: {f}" for f in found]
    assert hits == []


def _literal(token: str) -> object:
    try:
        return ast.literal_eval(token)
    except (ValueError, SyntaxError):
        return None


def test_the_id_check_would_see_an_id(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('X = "content.causes"\nif s.startswith("topic."):  # meta.year\n    pass\n',
                      encoding="utf-8")
    texts = [t for _, t in _strings_and_comments(sample)]
    assert texts == ['"content.causes"', '"topic."', "# meta.year"]


def test_one_formatter_registry_for_every_format_name() -> None:
    from scorer.cli.check_run import FORMATTERS
    from scorer.output import FORMATS

    assert tuple(FORMATTERS) == FORMATS


def test_every_format_is_an_output_module_with_render_of_one_run() -> None:
    """``FORMATTERS`` names modules (a check imports only its own format's): each is an output
    module, below the CLI, whose ``render`` takes the run and nothing else."""
    from scorer.cli.check_run import FORMATTERS

    for fmt, module in FORMATTERS.items():
        assert module in MODULES and _layer(module) == _layer("scorer.output"), fmt
        tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
        render = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "render"]
        assert len(render) == 1, f"{module} has no render()"
        params = render[0].args
        assert [a.arg for a in params.args] == ["run"] and not params.kwonlyargs, module
        assert ast.unparse(params.args[0].annotation or ast.Constant("")) == "Run", module


LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("words", ("scorer", "support")),
    ("document", ("document",)),
    ("matchers", ("match", "matchers", "learn")),
    ("checklist", ("checklist",)),
    ("engine", ("engine",)),
    ("gate", ("gate",)),
    ("training", ("eval",)),
    ("output", ("output",)),
    ("audit", ("audit",)),
    ("web", ("web",)),
    ("cli", ("cli", "__main__")),
]
"""The layers of docs/architecture.md, lowest first; a module may import its own layer and the
ones before it."""


def _layer(module: str) -> int:
    name = module.removeprefix("scorer.") if module != "scorer" else "scorer"
    best = (-1, -1)  # (length of the longest matching prefix, layer)
    for rank, (_, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if (name == p or name.startswith(p + ".")) and len(p) > best[0]:
                best = (len(p), rank)
    assert best[1] >= 0, f"{module} is in no layer of docs/architecture.md"
    return best[1]


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = [f"{m} ({LAYERS[_layer(m)][0]}) imports {t} ({LAYERS[_layer(t)][0]})"
              for m, imps in GRAPH.items() for t, _, _ in imps if _layer(t) > _layer(m)]
    assert upward == []
