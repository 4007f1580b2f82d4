"""Checklists as data: the validated models (elements, groups, scoring classes, grades) and
the checks one checklist must pass beyond its schema (groups and classes named exist, every
reason an element can be given is worded). Reading YAML files into them is
:mod:`scorer.checklist.load`.

A problem is returned as a pydantic-style error dict (with ``loc``, a key path in the merged
checklist); the loader turns it into ``file:line:col key.path: message``.
"""

from __future__ import annotations

from collections.abc import Mapping
from string import Formatter
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from scorer import matchers
from scorer.learn.model import SentenceModel, load_model
from scorer.match.result import Arg, Words
from scorer.matchers.base import Params, Reasons
from scorer.matchers.common import Pattern
from scorer.support import safe_regex
from scorer.support.vocabulary import Kind, Part, Weight

ENGINE_REASONS: dict[str, tuple[str, ...]] = {"not-applicable": (), "pattern-timeout": ("pattern",)}
"""Reasons the engine gives for any element: it does not apply to the issuer kind, or one of its
patterns ran out of time."""


class Examples(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    covered: list[str] = Field(min_length=1)
    not_covered: list[str] = Field(min_length=1)


class Element(BaseModel):
    """One required element of a report: what it is called and weighs, where its evidence
    counts (``scope``, the first part being where a gap belongs), how it is found (``match``)
    and what the user is told (``messages`` by reason code; ``missing``, ``suggestion`` and
    ``basis`` for every gap)."""

    model_config = ConfigDict(defer_build=True, extra="forbid", populate_by_name=True)
    id: str = Field(pattern=r"^[a-z]+\.[a-z0-9-]+$")
    name: str
    group: str
    weight: Weight
    scoring_class: str = Field(default="standard", alias="class")
    scope: list[Part] = Field(min_length=1)
    basis: str
    missing: str
    suggestion: str
    applies: list[Kind] = ["government", "department"]
    match: dict[str, Any]
    messages: dict[str, str] = {}
    examples: Examples
    _params: Params | None = PrivateAttr(default=None)

    @property
    def params(self) -> Params:
        """The validated matcher parameters (see :meth:`bind_matcher`)."""
        if self._params is None:
            raise RuntimeError(f"{self.id}: matcher parameters not validated")
        return self._params

    @property
    def part(self) -> Part:
        """The element's own part: where a gap belongs."""
        return self.scope[0]

    def bind_matcher(self) -> Reasons:
        """Validate ``match`` against its behaviour's parameters (raises ``MatchError`` or
        ``ValidationError``); returns the reason codes the behaviour can give."""
        behaviour, params = matchers.bind(self.match)
        self._params = params
        return behaviour.codes(params)


class Group(BaseModel):
    """A heading under which the faces list elements (五项法定内容, 结构 …), in checklist order."""

    model_config = ConfigDict(defer_build=True, extra="forbid")
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: str
    headline: bool = False  # every element shown with its status (a table), not only the gaps
    item_label: str = "要素"  # the first column's header in that table


class ScoringClass(BaseModel):
    """Elements that weigh alike: points per weight class, over ``scoring.weights``."""

    model_config = ConfigDict(defer_build=True, extra="forbid")
    name: str
    points: dict[Weight, float] = {}
    outweighs: list[str] = []  # classes whose every element weighs less than a required one of this


class Scoring(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    model: str
    description: str
    weights: dict[Weight, float]
    classes: dict[str, ScoringClass] = Field(  # a factory: an instance here would build the schema at import
        default_factory=lambda: {"standard": ScoringClass(name="一般要素")})
    partial_credit: float = Field(ge=0, le=1)
    review_credit: float = Field(ge=0, le=1)


class Grade(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    name: str
    min: float = Field(ge=0, le=100)


class Checklist(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    id: str
    version: str
    edition: str
    profile: str
    description: str = ""
    applies_to: Kind | None = None
    auto_issuer: Pattern | None = None  # regex on the issuer name: ``--profile auto`` picks this profile
    extends: str | None = None
    sentence_model: str | None = None  # path of the sentence model file (scorer.learn), relative to the checklist
    scoring: Scoring
    grades: list[Grade] = Field(min_length=1)
    groups: list[Group] = Field(min_length=1)
    messages: dict[str, str] = {}  # wording for reason codes that no element words itself
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
        groups = [g.id for g in self.groups]
        if len(set(groups)) != len(groups):
            raise ValueError(f"groups 中的 id 重复：{', '.join(sorted({g for g in groups if groups.count(g) > 1}))}")
        return self

    def points(self, el: Element) -> float:
        """What an element weighs: its class's points for its weight class, else the plain scale."""
        cls = self.scoring.classes.get(el.scoring_class)
        if cls is not None and el.weight in cls.points:
            return cls.points[el.weight]
        return self.scoring.weights[el.weight]

    def group(self, group_id: str) -> Group:
        return next(g for g in self.groups if g.id == group_id)

    def message(self, el: Element, code: str, args: Mapping[str, Arg] | None = None) -> str:
        """The words for reason ``code`` of ``el``: its own message, else the checklist's, with
        ``args`` filled in (a :class:`~scorer.match.result.Words` argument is made of messages)."""
        text = el.messages.get(code, self.messages.get(code))
        if text is None:
            raise KeyError(f"{el.id}: no message for reason {code}")
        values = {k: "、".join(self.message(el, c) for c in v.codes) if isinstance(v, Words) else str(v)
                  for k, v in (args or {}).items()}
        return text.format_map(values)

    def issuer_matches(self, issuer: str) -> bool:
        """Does ``auto_issuer`` match the issuer name (safely compiled; see scorer.support.safe_regex)?"""
        if not self.auto_issuer:
            return False
        try:
            return safe_regex.compile(self.auto_issuer).search(issuer) is not None
        except safe_regex.PatternTimeout:
            return False

    def load_sentence_model(self) -> SentenceModel | None:
        """The checklist's sentence model (read once per process), or None without one.
        ``sentence_model`` is made absolute (against the file that names it) when loading."""
        return load_model(self.sentence_model) if self.sentence_model else None

    def element(self, element_id: str) -> Element:
        for e in self.elements:
            if e.id == element_id:
                return e
        raise KeyError(element_id)


def _placeholders(text: str) -> set[str] | None:
    """The ``{names}`` a message uses, or None when it is not a valid template."""
    try:
        fields = [f for _, f, spec, conv in Formatter().parse(text) if f is not None or spec or conv]
    except ValueError:
        return None
    if any(not f or not f.isidentifier() for f in fields):
        return None
    return set(fields)


def _check_messages(cl: Checklist, el: Element, i: int, reasons: Reasons) -> list[dict[str, Any]]:
    """Every reason the element can be given has words, which use only the reason's values; the
    element words no reason it cannot be given. Errors as pydantic-style dicts (with ``loc``)."""
    codes = {**ENGINE_REASONS, **reasons}
    for code in el.messages:
        if code not in codes:
            return [{"loc": ("elements", i, "messages", code), "type": "value_error",
                     "msg": f"未知的原因代码“{code}”（{el.params.type} 可用：{'、'.join(codes)}）"}]
    for code, names in codes.items():
        own = code in el.messages
        text = el.messages.get(code, cl.messages.get(code))
        loc: tuple[Any, ...] = ("elements", i, "messages", code) if own else ("messages", code)
        if text is None:
            return [{"loc": ("elements", i, "messages"), "type": "value_error",
                     "msg": f"缺少原因代码“{code}”的说明（在要素或清单的 messages 中给出）"}]
        used = _placeholders(text)
        if used is None:
            return [{"loc": loc, "type": "value_error", "msg": "说明中的花括号写法不对（{名称}，字面花括号写作 {{ }}）"}]
        extra = used - set(names)
        if extra:
            allowed = f"可用：{'、'.join('{' + n + '}' for n in names)}" if names else "这个原因没有可填的值"
            return [{"loc": loc, "type": "value_error",
                     "msg": f"说明中的 {{{sorted(extra)[0]}}} 不是这个原因的值（{allowed}）"}]
    return []


def _check_data(cl: Checklist) -> list[dict[str, Any]]:
    """Groups and scoring classes the elements name exist; a class that ``outweighs`` others
    does. Errors as pydantic-style dicts (with ``loc``)."""
    groups = {g.id for g in cl.groups}
    classes = cl.scoring.classes
    for i, el in enumerate(cl.elements):
        if el.group not in groups:
            return [{"loc": ("elements", i, "group"), "type": "value_error",
                     "msg": f"未定义的分组“{el.group}”（groups 中有：{'、'.join(groups)}）"}]
        if el.scoring_class not in classes:
            return [{"loc": ("elements", i, "class"), "type": "value_error",
                     "msg": f"未定义的计分类别“{el.scoring_class}”（scoring.classes 中有：{'、'.join(classes)}）"}]
    for name, cls in classes.items():
        for other in cls.outweighs:
            if other not in classes:
                return [{"loc": ("scoring", "classes", name, "outweighs"), "type": "value_error",
                         "msg": f"未定义的计分类别“{other}”"}]
        required = [cl.points(e) for e in cl.elements if e.scoring_class == name and e.weight == "required"]
        others = [cl.points(e) for e in cl.elements if e.scoring_class in cls.outweighs]
        if required and others and min(required) <= max(others):
            names = "、".join(classes[o].name for o in cls.outweighs)
            return [{"loc": ("scoring", "classes", name, "points"), "type": "value_error",
                     "msg": f"{cls.name}中必备项的分值（{min(required):g}）必须大于{names}中任何要素的分值（{max(others):g}）"}]
    return []


def problems(cl: Checklist) -> list[dict[str, Any]]:
    """What is wrong with a checklist that passed its schema, as pydantic-style error dicts
    (empty when nothing is): a group or class that is not defined, matcher parameters that do
    not fit their behaviour (each element is bound to its behaviour here, in order, stopping at
    the first problem), a reason code without words."""
    found = _check_data(cl)
    for i, el in enumerate(cl.elements):
        if found:
            break
        try:
            reasons = el.bind_matcher()
        except ValidationError as exc:
            err = dict(exc.errors()[0])
            err["loc"] = ("elements", i, "match", *err["loc"])
            return [err]
        except matchers.MatchError as exc:
            return [{"loc": ("elements", i, "match", exc.key), "type": "value_error", "msg": str(exc)}]
        found = _check_messages(cl, el, i, reasons)
    return found
