"""What a person reads about a verdict, the same on every face (terminal, Markdown, Word
comments, the web page, the printable report, the audit pages).

- :func:`reason`: the verdict's reason, made consistent with the verdicts it depends on: the
  causes of shortcomings cannot be "only problems listed" when no shortcoming was found.
- :func:`statutory` / :func:`other_items`: the five statutory items of 督察规定第二十五条 as the
  checklist splits them (required ``content`` elements) and the optional 其他 item, apart.
- :func:`checklist_label`: the checklist in words (its description and version), never its
  internal profile name or id.
"""

from __future__ import annotations

from scorer.checklist.model import Checklist, Group
from scorer.engine.run import Result, Verdict

_NO_SHORTCOMINGS = "报告没有写存在的不足，也就没有分析其原因"


def _part(v: Verdict) -> str | None:
    part = getattr(v.element.params, "part", None)
    return part if isinstance(part, str) else None


def _shortcomings(res: Result) -> Verdict | None:
    return next((v for v in res.verdicts if v.element.params.type == "part"
                 and _part(v) == "shortcomings"), None)


def reason(res: Result, v: Verdict) -> str:
    """Why ``v`` has its status, in words that do not contradict the verdicts beside it."""
    text = v.reason or v.element.missing
    if v.status == "missing" and v.element.params.type == "part" and _part(v) == "causes":
        found = _shortcomings(res)
        if found is not None and found.status == "missing":
            return _NO_SHORTCOMINGS
    return text


def _headline(res: Result, group: Group | None) -> list[Verdict]:
    """The verdicts of ``group``, or of the checklist's headline groups (五项法定内容)."""
    ids = {group.id} if group is not None else {g.id for g in res.checklist.groups if g.headline}
    return [v for v in res.verdicts if v.element.group in ids]


def statutory(res: Result, group: Group | None = None) -> list[Verdict]:
    """The statutory items (督察规定第二十五条) as rows: the headline group's elements that a
    report must or should have."""
    return [v for v in _headline(res, group) if v.element.weight != "optional"]


def other_items(res: Result, group: Group | None = None) -> list[Verdict]:
    """The headline group's optional items (其他需要报告的情况), shown apart from the five."""
    return [v for v in _headline(res, group) if v.element.weight == "optional"]


def checklist_label(cl: Checklist) -> str:
    """The checklist as a person names it: ``各级人民政府（…），2021-2025.1 版``."""
    what = cl.description or "自定义清单"
    return f"{what}，{cl.version} 版" if cl.version else what
